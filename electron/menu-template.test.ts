import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../shared/commands';
import { buildMenuTemplate, menuAccelerator, menuCommandIds, recentLabel, toAccelerator, type MenuEntry } from './menu-template';

function sub(t: MenuEntry[], label: string): MenuEntry[] {
  const m = t.find((e) => e.type === 'submenu' && e.label.replace('&', '') === label);
  if (!m || m.type !== 'submenu') throw new Error(`no ${label} menu`);
  return m.items;
}
const labels = (items: MenuEntry[]) => items.map((e) => (e.type === 'separator' ? '---' : e.type === 'role' ? `(${e.role})` : e.label));

describe('toAccelerator', () => {
  it('converts the command shortcuts to Electron accelerators', () => {
    expect(toAccelerator('Mod+Shift+Z')).toBe('CmdOrCtrl+Shift+Z');
    expect(toAccelerator('Mod+s')).toBe('CmdOrCtrl+S');
    expect(toAccelerator('Mod+=')).toBe('CmdOrCtrl+=');
    expect(toAccelerator('Mod+-')).toBe('CmdOrCtrl+-');
    expect(toAccelerator('Mod++')).toBe('CmdOrCtrl+Plus');
    expect(toAccelerator('Alt+ArrowUp')).toBe('Alt+Up');
    expect(toAccelerator('Shift+1')).toBe('Shift+1');
    expect(toAccelerator('Delete')).toBe('Delete');
    expect(toAccelerator('?')).toBe('?');
    expect(toAccelerator('F11')).toBe('F11');
  });

  it('refuses what Electron would not understand', () => {
    for (const bad of ['', 'Mod+', 'Mod+Shift', 'Hyper+X', 'Mod+Foo', 'Z+Mod', 'Mod+é']) expect(toAccelerator(bad), bad).toBeUndefined();
  });

  it('gives every command shortcut of the registry a valid accelerator', () => {
    for (const c of COMMANDS) for (const s of c.shortcuts ?? []) expect(toAccelerator(s), `${c.id}: ${s}`).toBeDefined();
  });
});

describe('menuAccelerator', () => {
  it('shows only shortcuts held with a modifier (plain keys would be taken from text fields)', () => {
    expect(menuAccelerator({ id: 'x', label: 'x', shortcuts: ['Mod+Shift+Z', 'Mod+Y'] })).toBe('CmdOrCtrl+Shift+Z');
    expect(menuAccelerator({ id: 'x', label: 'x', shortcuts: ['Delete', 'Backspace'] })).toBeUndefined();
    expect(menuAccelerator({ id: 'x', label: 'x', shortcuts: ['Shift+1'] })).toBeUndefined();
    expect(menuAccelerator({ id: 'x', label: 'x', shortcuts: ['Z'] })).toBeUndefined();
  });
});

describe('buildMenuTemplate', () => {
  const linux = buildMenuTemplate({ platform: 'linux', isDev: false, appName: 'Topoforge', recent: ['/home/u/orders.topo.yaml'] });
  const mac = buildMenuTemplate({ platform: 'darwin', isDev: false, appName: 'Topoforge', recent: [] });

  it('has every command of the registry that names a menu, once, in its menu', () => {
    const withMenu = COMMANDS.filter((c) => c.menu);
    expect(menuCommandIds(linux).sort()).toEqual(withMenu.map((c) => c.id).sort());
    expect(sub(linux, 'Edit').filter((e) => e.type === 'command').map((e) => (e.type === 'command' ? e.id : ''))).toEqual(COMMANDS.filter((c) => c.menu === 'edit').map((c) => c.id));
  });

  it('builds the File menu: New, Open, Open Recent, Save, Save As, exports, Close, Quit', () => {
    expect(labels(sub(linux, 'File'))).toEqual([
      'New', 'Open…', 'Open Recent', '---', 'Save', 'Save As…', '---', 'Import…', 'Export bundle…', 'Export PNG…', 'Export SVG…', 'Export Mermaid…', '---', 'Close Window', '---', '(quit)',
    ]);
    const save = sub(linux, 'File').find((e) => e.type === 'command' && e.id === 'file.saveAs');
    expect(save).toMatchObject({ accelerator: 'CmdOrCtrl+Shift+S', registerAccelerator: false });
  });

  it('lists recent files with a working Clear Recent, and a disabled one when empty', () => {
    const recent = sub(sub(linux, 'File'), 'Open Recent');
    expect(recent[0]).toEqual({ type: 'recent', path: '/home/u/orders.topo.yaml', label: 'orders.topo.yaml' });
    expect(recent.at(-1)).toMatchObject({ type: 'action', action: 'clearRecent', enabled: true });
    expect(sub(sub(mac, 'File'), 'Open Recent')).toEqual([{ type: 'action', action: 'clearRecent', label: 'Clear Recent', enabled: false }]);
  });

  it('separates command groups', () => {
    expect(labels(sub(linux, 'Edit'))).toEqual(['Undo', 'Redo', '---', 'Cut', 'Copy', 'Paste', 'Duplicate', '---', 'Delete', 'Select All', '---', 'Find…']);
  });

  it('has the macOS app menu with Quit there, not in File', () => {
    expect(mac[0]).toMatchObject({ type: 'submenu', label: 'Topoforge', role: 'appMenu' });
    expect(labels(sub(mac, 'File'))).not.toContain('Quit');
    expect(linux.find((e) => e.type === 'submenu' && e.role === 'appMenu')).toBeUndefined();
  });

  it('offers reload and developer tools in development only', () => {
    const roles = (t: MenuEntry[]) => sub(t, 'View').flatMap((e) => (e.type === 'role' ? [e.role] : []));
    expect(roles(linux)).not.toContain('toggleDevTools');
    expect(roles(linux)).not.toContain('reload');
    const dev = buildMenuTemplate({ platform: 'linux', isDev: true, appName: 'Topoforge', recent: [] });
    expect(roles(dev)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });
});

describe('recentLabel', () => {
  it('tells apart two files of the same name and shows & as itself', () => {
    const all = ['/a/x.topo.yaml', '/b/x.topo.yaml', '/c/R&D.topo.yaml'];
    expect(recentLabel('/a/x.topo.yaml', all)).toBe('x.topo.yaml — /a');
    expect(recentLabel('/c/R&D.topo.yaml', all)).toBe('R&&D.topo.yaml');
  });
});
