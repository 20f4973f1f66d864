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
    useEditor.getState().select({ nodes: doc.nodes.map((n) => n.id), edges: [] });
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
  if (mods.has('Shift') !== e.shiftKey) return false;
  if (mods.has('Alt') !== e.altKey) return false;
  if (!isMac && e.metaKey) return false;
  const k = e.key.length === 1 ? e.key.toUpperCase() : e.key;
  if (key === '1' && e.shiftKey) return e.code === 'Digit1';
  return k.toUpperCase() === key.toUpperCase() || (key === '=' && k === '+');
}

/** Shortcuts that act everywhere (not while typing in a field, except Save/Open/Export). */
const GLOBAL_IDS = new Set(['file.new', 'file.open', 'file.save', 'file.saveAs', 'file.exportBundle', 'edit.undo', 'edit.redo', 'arrange.autoLayout', 'view.fit', 'view.zoomIn', 'view.zoomOut']);
const WHILE_TYPING = new Set(['file.open', 'file.save', 'file.saveAs', 'file.exportBundle']);

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

export function handleShortcut(e: KeyboardEvent): void {
  if (e.defaultPrevented) return;
  for (const c of COMMANDS) {
    if (!GLOBAL_IDS.has(c.id) || !c.shortcuts) continue;
    if (typing(e.target) && !WHILE_TYPING.has(c.id)) continue;
    if (c.shortcuts.some((s) => matchesShortcut(e, s))) {
      if (runCommand(c.id)) e.preventDefault();
      return;
    }
  }
}
