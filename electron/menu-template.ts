import { COMMANDS, type CommandDescriptor, type MenuId } from '../shared/commands';
import { displayName } from './documents';

/**
 * The native menu bar as plain data, built from the command descriptors in shared/commands.ts
 * (the same list the toolbar, shortcuts and command palette use), plus the standard roles.
 * electron/main.ts turns it into an Electron Menu; choosing a command item sends its id to the
 * focused window's page, which runs it through the renderer's command registry.
 */

export type MenuEntry =
  | {
      type: 'command';
      id: string;
      label: string;
      /** Electron accelerator, shown in the menu (e.g. `CmdOrCtrl+Shift+Z`). */
      accelerator?: string;
      /**
       * False: the accelerator is only shown; the page's own shortcut handler runs the command
       * (so a shortcut never runs twice, and typing in a text field is left alone).
       */
      registerAccelerator: boolean;
    }
  | { type: 'role'; role: string; label?: string; accelerator?: string }
  | { type: 'separator' }
  | { type: 'recent'; path: string; label: string }
  | { type: 'action'; action: 'clearRecent' | 'closeWindow'; label: string; accelerator?: string; enabled: boolean }
  | { type: 'submenu'; label: string; role?: string; items: MenuEntry[] };

export interface MenuOptions {
  platform: string;
  isDev: boolean;
  appName: string;
  recent: readonly string[];
  commands?: readonly CommandDescriptor[];
}

const KEY_NAMES: Readonly<Record<string, string>> = {
  Mod: 'CmdOrCtrl',
  Ctrl: 'Ctrl',
  Control: 'Ctrl',
  Cmd: 'Cmd',
  Meta: 'Super',
  Alt: 'Alt',
  Option: 'Alt',
  Shift: 'Shift',
  '+': 'Plus',
  ' ': 'Space',
  Space: 'Space',
  Escape: 'Esc',
  Esc: 'Esc',
  Enter: 'Enter',
  Return: 'Return',
  Tab: 'Tab',
  Delete: 'Delete',
  Backspace: 'Backspace',
  Insert: 'Insert',
  Home: 'Home',
  End: 'End',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  Up: 'Up',
  Down: 'Down',
  Left: 'Left',
  Right: 'Right',
};

const MODIFIERS = new Set(['CmdOrCtrl', 'Ctrl', 'Cmd', 'Super', 'Alt', 'Shift']);
const PUNCTUATION = new Set([...`)!@#$%^&*(:;<,_->.?/~\`{][|\\}"'=`]);

/** Splits `Mod+Shift+Z` (and `Mod++` for the plus key) into its keys; null when malformed. */
function splitShortcut(s: string): string[] | null {
  if (s === '+') return ['+'];
  const plus = s.endsWith('++');
  const head = plus ? s.slice(0, -2) : s;
  const keys = head === '' ? [] : head.split('+');
  if (keys.some((k) => k === '')) return null;
  if (plus) keys.push('+');
  return keys;
}

/**
 * Converts a shortcut in the `Mod+Shift+Z` form to an Electron accelerator (`CmdOrCtrl+Shift+Z`).
 * Returns undefined for a key Electron does not know.
 */
export function toAccelerator(shortcut: string): string | undefined {
  const keys = splitShortcut(shortcut);
  if (!keys || keys.length === 0) return undefined;
  const out: string[] = [];
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const last = i === keys.length - 1;
    const named = KEY_NAMES[k];
    let key: string | undefined;
    if (named) key = named;
    else if (/^[a-zA-Z0-9]$/.test(k)) key = k.toUpperCase();
    else if (/^F([1-9]|1[0-9]|2[0-4])$/.test(k)) key = k;
    else if (k.length === 1 && PUNCTUATION.has(k)) key = k;
    if (!key) return undefined;
    if (!last && !MODIFIERS.has(key)) return undefined;
    if (last && MODIFIERS.has(key)) return undefined;
    out.push(key);
  }
  return out.join('+');
}

/**
 * The shortcut a menu shows: the first one held with Mod, Ctrl, Cmd or Alt. Plain keys (`Delete`,
 * `Z`, `?`, `Shift+1`) are left out of menus: as menu accelerators they would be taken from text
 * fields while the user types.
 */
export function menuAccelerator(c: CommandDescriptor): string | undefined {
  for (const s of c.shortcuts ?? []) {
    const acc = toAccelerator(s);
    if (acc && /(^|\+)(CmdOrCtrl|Ctrl|Cmd|Super|Alt)\+/.test(acc)) return acc;
  }
  return undefined;
}

function commandItems(commands: readonly CommandDescriptor[], menu: MenuId): MenuEntry[][] {
  const groups: { name: string; items: MenuEntry[] }[] = [];
  for (const c of commands) {
    if (c.menu !== menu) continue;
    const name = c.group ?? '';
    let g = groups.find((x) => x.name === name);
    if (!g) groups.push((g = { name, items: [] }));
    const accelerator = menuAccelerator(c);
    g.items.push({ type: 'command', id: c.id, label: c.label, ...(accelerator ? { accelerator } : {}), registerAccelerator: false });
  }
  return groups.map((g) => g.items);
}

function joinGroups(groups: MenuEntry[][]): MenuEntry[] {
  const out: MenuEntry[] = [];
  for (const g of groups) {
    if (g.length === 0) continue;
    if (out.length > 0) out.push({ type: 'separator' });
    out.push(...g);
  }
  return out;
}

/** A label for a recent file: its name, and the folder to tell apart two files of the same name. */
export function recentLabel(path: string, all: readonly string[]): string {
  const name = displayName(path);
  const twins = all.filter((p) => displayName(p) === name).length > 1;
  // `&` marks a mnemonic in menu labels on Windows and Linux: doubled to show as itself.
  const label = twins ? `${name} — ${path.slice(0, path.length - name.length - 1)}` : name;
  return label.replace(/&/g, '&&');
}

export function buildMenuTemplate(o: MenuOptions): MenuEntry[] {
  const commands = o.commands ?? COMMANDS;
  const mac = o.platform === 'darwin';
  const menu: MenuEntry[] = [];

  if (mac) {
    menu.push({
      type: 'submenu',
      label: o.appName,
      role: 'appMenu',
      items: [
        { type: 'role', role: 'about' },
        { type: 'separator' },
        { type: 'role', role: 'services' },
        { type: 'separator' },
        { type: 'role', role: 'hide' },
        { type: 'role', role: 'hideOthers' },
        { type: 'role', role: 'unhide' },
        { type: 'separator' },
        { type: 'role', role: 'quit' },
      ],
    });
  }

  // File: New, Open…, Open Recent ▸, | Save, Save As… | exports | Close Window | Quit
  const fileGroups = commandItems(commands, 'file');
  const recentItems: MenuEntry[] = o.recent.map((p) => ({ type: 'recent', path: p, label: recentLabel(p, o.recent) }));
  const openRecent: MenuEntry = {
    type: 'submenu',
    label: 'Open Recent',
    items: [...recentItems, ...(recentItems.length ? [{ type: 'separator' } as const] : []), { type: 'action', action: 'clearRecent', label: 'Clear Recent', enabled: recentItems.length > 0 }],
  };
  const openGroup = fileGroups.find((g) => g.some((e) => e.type === 'command' && e.id === 'file.open'));
  if (openGroup) openGroup.push(openRecent);
  else fileGroups.unshift([openRecent]);
  const fileItems = joinGroups(fileGroups);
  fileItems.push({ type: 'separator' }, { type: 'action', action: 'closeWindow', label: 'Close Window', accelerator: 'CmdOrCtrl+W', enabled: true });
  if (!mac) fileItems.push({ type: 'separator' }, { type: 'role', role: 'quit', label: 'Quit', accelerator: 'CmdOrCtrl+Q' });
  menu.push({ type: 'submenu', label: '&File', items: fileItems });

  menu.push({ type: 'submenu', label: '&Edit', items: joinGroups(commandItems(commands, 'edit')) });

  const viewGroups = commandItems(commands, 'view');
  const dev: MenuEntry[] = o.isDev ? [{ type: 'role', role: 'reload' }, { type: 'role', role: 'forceReload' }, { type: 'role', role: 'toggleDevTools' }] : [];
  menu.push({ type: 'submenu', label: '&View', items: joinGroups([...viewGroups, [{ type: 'role', role: 'togglefullscreen' }], dev]) });

  const arrange = joinGroups(commandItems(commands, 'arrange'));
  if (arrange.length) menu.push({ type: 'submenu', label: '&Arrange', items: arrange });

  menu.push({
    type: 'submenu',
    label: '&Window',
    role: 'windowMenu',
    items: mac
      ? [{ type: 'role', role: 'minimize' }, { type: 'role', role: 'zoom' }, { type: 'separator' }, { type: 'role', role: 'front' }]
      : [{ type: 'role', role: 'minimize' }],
  });

  const help = commandItems(commands, 'help');
  if (!mac) help.push([{ type: 'role', role: 'about', label: `About ${o.appName}` }]);
  menu.push({ type: 'submenu', label: '&Help', role: 'help', items: joinGroups(help) });

  return menu;
}

/** Every command id the menu can send (for the page's check that it knows them all). */
export function menuCommandIds(template: readonly MenuEntry[]): string[] {
  const ids: string[] = [];
  const walk = (items: readonly MenuEntry[]) => {
    for (const e of items) {
      if (e.type === 'command') ids.push(e.id);
      else if (e.type === 'submenu') walk(e.items);
    }
  };
  walk(template);
  return ids;
}
