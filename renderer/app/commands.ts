import { COMMANDS } from '../../shared/commands';
import { canvasApi } from '../canvas/api';
import { removeElements } from '../store/doc-ops';
import { useEditor } from '../store/store';
import { exportBundle, openDesign, saveDesign } from './actions';

/**
 * What each command id of `shared/commands.ts` does here, and whether it can run now. Commands
 * another part of the app provides later (undo/redo, auto layout) register themselves with
 * `registerCommand`; until then they are shown disabled.
 */

export interface CommandImpl {
  run(): void;
  enabled?(): boolean;
}

const impls = new Map<string, CommandImpl>();

export function registerCommand(id: string, impl: CommandImpl): () => void {
  impls.set(id, impl);
  listeners.forEach((l) => l());
  return () => {
    if (impls.get(id) === impl) impls.delete(id);
    listeners.forEach((l) => l());
  };
}

const listeners = new Set<() => void>();
export function onCommandsChanged(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** Tells the toolbar and menus that what can run may have changed (history, selection...). */
export function notifyCommandsChanged(): void {
  listeners.forEach((l) => l());
}

export function isRegistered(id: string): boolean {
  return impls.has(id);
}

export function isEnabled(id: string): boolean {
  const impl = impls.get(id);
  return !!impl && (impl.enabled ? impl.enabled() : true);
}

export function runCommand(id: string): boolean {
  const impl = impls.get(id);
  if (!impl || (impl.enabled && !impl.enabled())) return false;
  impl.run();
  return true;
}

registerCommand('file.new', { run: () => useEditor.getState().setNewDialogOpen(true) });
registerCommand('file.open', { run: () => void openDesign() });
registerCommand('file.save', { run: () => void saveDesign(false) });
registerCommand('file.saveAs', { run: () => void saveDesign(true) });
registerCommand('file.exportBundle', { run: () => void exportBundle() });
registerCommand('edit.delete', {
  run: () => {
    const { selection, doc } = useEditor.getState();
    const groups = new Set(doc.groups.map((g) => g.id));
    useEditor.getState().setDoc(
      (d) => removeElements(d, { nodes: selection.nodes.filter((n) => !groups.has(n)), groups: selection.nodes.filter((n) => groups.has(n)), edges: selection.edges }),
      { select: { nodes: [], edges: [] } },
    );
  },
  enabled: () => {
    const { selection } = useEditor.getState();
    return selection.nodes.length + selection.edges.length > 0;
  },
});
registerCommand('edit.selectAll', {
  run: () => {
    const { doc } = useEditor.getState();
    // Zones too: Select All then Delete or a drag takes everything.
    useEditor.getState().select({ nodes: [...doc.groups.map((g) => g.id), ...doc.nodes.map((n) => n.id)], edges: [] });
  },
});
registerCommand('view.fit', { run: () => canvasApi.current?.fit() });
registerCommand('view.zoomIn', { run: () => canvasApi.current?.zoomIn() });
registerCommand('view.zoomOut', { run: () => canvasApi.current?.zoomOut() });

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** `Mod+Shift+Z` → matches the event? (`Mod` is Cmd on macOS, Ctrl elsewhere.) */
export function matchesShortcut(e: KeyboardEvent, shortcut: string): boolean {
  const parts = shortcut.split('+');
  const key = parts.pop()!;
  const mods = new Set(parts);
  const mod = isMac ? e.metaKey : e.ctrlKey;
  if (mods.has('Mod') !== mod) return false;
  // A punctuation key (`?`) is typed with Shift on most layouts: Shift is part of the key there.
  const punctuation = key.length === 1 && !/[A-Za-z0-9]/.test(key) && !mods.has('Shift');
  if (!punctuation && mods.has('Shift') !== e.shiftKey) return false;
  if (mods.has('Alt') !== e.altKey) return false;
  if (!isMac && e.metaKey) return false;
  const k = e.key.length === 1 ? e.key.toUpperCase() : e.key;
  if (key === '1' && e.shiftKey) return e.code === 'Digit1';
  return k.toUpperCase() === key.toUpperCase() || (key === '=' && k === '+');
}

/**
 * Commands whose keys are left to the browser: Delete is React Flow's (it deletes what is
 * selected on the canvas), and Copy, Cut and Paste arrive as the page's own clipboard events
 * (clipboard/clipboard.ts), which carry the clipboard's data without asking for a permission.
 */
const NOT_FROM_KEYDOWN = new Set(['edit.delete', 'edit.copy', 'edit.cut', 'edit.paste']);
/** Shortcuts that still act while the user types in a field. */
const WHILE_TYPING = new Set(['file.open', 'file.save', 'file.saveAs', 'file.exportBundle', 'edit.find', 'view.commandPalette']);
/** In the inspector's fields, Undo and Redo act on the design (each field's typing is one step). */
const IN_INSPECTOR = new Set(['edit.undo', 'edit.redo']);

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  if (el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable) return true;
  if (el.tagName !== 'INPUT') return false;
  const type = (el as HTMLInputElement).type;
  return !['button', 'checkbox', 'radio', 'range', 'color', 'file', 'submit', 'reset', 'image'].includes(type);
}

function inInspector(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el?.closest?.('[role="region"][aria-label="Inspector"]');
}

export function handleShortcut(e: KeyboardEvent): void {
  if (e.defaultPrevented || e.isComposing) return;
  const isTyping = typing(e.target);
  for (const c of COMMANDS) {
    if (NOT_FROM_KEYDOWN.has(c.id) || !c.shortcuts) continue;
    if (isTyping && !WHILE_TYPING.has(c.id) && !(IN_INSPECTOR.has(c.id) && inInspector(e.target) && (e.target as HTMLElement).tagName !== 'SELECT')) continue;
    if (c.shortcuts.some((s) => matchesShortcut(e, s))) {
      // Select All in the generated text selects the text, not the design.
      if (c.id === 'edit.selectAll' && (e.target as HTMLElement | null)?.closest?.('pre, .markdown')) return;
      // A registered command owns its keys even when it can't run now (no browser bookmark on Ctrl+D).
      if (runCommand(c.id) || (isRegistered(c.id) && (e.ctrlKey || e.metaKey))) e.preventDefault();
      return;
    }
  }
}
