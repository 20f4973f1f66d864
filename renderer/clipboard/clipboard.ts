import { registerCommand } from '../app/commands';
import { canvasApi } from '../canvas/api';
import { platform } from '../platform';
import { removeElements } from '../store/doc-ops';
import { GRID, NODE_HEIGHT, NODE_WIDTH } from '../store/derive';
import { useEditor } from '../store/store';
import { copyText, insert, placed, readClipboardText } from './subdoc';

/**
 * Copy, Cut, Paste and Duplicate of components, with the connections among them and their zones.
 *
 * The keys (Mod+C/X/V) arrive as the page's own `copy`/`cut`/`paste` events, which read and write
 * the system clipboard with no permission prompt, and which are left alone while the user types in
 * a field or has selected text. The commands (menus, palette) use, in the desktop app, the engine's
 * own Cut/Copy/Paste (which fire those same events: the shell refuses clipboard permissions), and in
 * the browser the async Clipboard API, with `execCommand('copy')` and the last copied text of this
 * window as fallbacks.
 */

const OFFSET = 32;
/** The last text this window copied (for a paste when the clipboard can't be read), and how often it was pasted. */
let lastCopied: string | undefined;
let pastes = 0;

function typing(el: Element | null): boolean {
  if (!el) return false;
  const h = el as HTMLElement;
  if (h.isContentEditable || h.tagName === 'TEXTAREA' || h.tagName === 'SELECT') return true;
  if (h.tagName !== 'INPUT') return false;
  return !['button', 'checkbox', 'radio', 'range', 'color', 'file', 'submit', 'reset', 'image'].includes((h as HTMLInputElement).type);
}

/** Text selected on the page (generated output, a message): Copy copies that, as usual. */
function textSelected(): boolean {
  const sel = typeof window !== 'undefined' ? window.getSelection() : null;
  return !!sel && !sel.isCollapsed && sel.toString().trim().length > 0;
}

function selectionText(): string | undefined {
  const { doc, selection } = useEditor.getState();
  return copyText(doc, selection.nodes);
}

function deleteSelection(): void {
  const { selection, doc } = useEditor.getState();
  const groups = new Set(doc.groups.map((g) => g.id));
  useEditor.getState().setDoc(
    (d) => removeElements(d, { nodes: selection.nodes.filter((n) => !groups.has(n)), groups: selection.nodes.filter((n) => groups.has(n)), edges: selection.edges }),
    { select: { nodes: [], edges: [] } },
  );
}

function snap(v: number): number {
  return Math.round(v / GRID) * GRID;
}

/**
 * Pastes design text into the current design. A paste of what this window copied lands a step
 * down and to the right of the original (further for each paste); a paste from elsewhere lands
 * in the middle of the view. Returns whether anything was added.
 */
export function pasteText(text: string): boolean {
  const s = useEditor.getState();
  const read = readClipboardText(text);
  if (!read.ok) {
    s.toast({ tone: 'info', message: `Nothing to paste: ${read.message.charAt(0).toLowerCase()}${read.message.slice(1)}`, hint: 'Copy components in Topoforge, or the text of a *.topo.yaml design.' });
    return false;
  }
  const { layout, box } = placed(read.doc, { w: NODE_WIDTH, h: NODE_HEIGHT });
  let offset: { x: number; y: number };
  if (text === lastCopied) {
    pastes++;
    offset = { x: OFFSET * pastes, y: OFFSET * pastes };
  } else {
    const c = canvasApi.current?.viewCenter() ?? { x: box.x + box.w / 2, y: box.y + box.h / 2 };
    offset = { x: snap(c.x - (box.x + box.w / 2)), y: snap(c.y - (box.y + box.h / 2)) };
  }
  const r = insert(s.doc, read.doc, layout, offset);
  s.setDoc(() => r.doc, { select: { nodes: [...r.groups, ...r.nodes], edges: [] } });
  return true;
}

function remember(text: string): void {
  lastCopied = text;
  pastes = 0;
}

/** Duplicate (Mod+D): the selection, pasted a step away, without touching the clipboard. */
export function duplicateSelection(): boolean {
  const text = selectionText();
  if (!text) return false;
  const keep = lastCopied;
  const keepPastes = pastes;
  remember(text);
  const ok = pasteText(text);
  lastCopied = keep;
  pastes = keepPastes;
  return ok;
}

async function writeClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // The copy event (below) fills the clipboard when execCommand may fire it.
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }
}

/** Copy or Cut from a menu or the command palette. */
export async function copyCommand(cut: boolean): Promise<void> {
  const text = selectionText();
  if (!text) return;
  remember(text);
  if (platform.nativeEdit) {
    // The desktop app: the engine's own Copy fires the page's copy event, handled below.
    platform.nativeEdit(cut ? 'cut' : 'copy');
    return;
  }
  const written = await writeClipboard(text);
  if (cut) deleteSelection();
  if (!written) {
    useEditor.getState().toast({ tone: 'info', message: 'Copied inside this window only.', hint: 'The system clipboard was not available; paste here with Paste.' });
  }
}

/** Paste from a menu or the command palette. */
export async function pasteCommand(): Promise<void> {
  if (platform.nativeEdit) {
    // The desktop app: the engine's own Paste fires the page's paste event, handled below.
    platform.nativeEdit('paste');
    return;
  }
  let text: string | undefined;
  try {
    text = await navigator.clipboard.readText();
  } catch {
    text = lastCopied;
  }
  if (text === undefined) {
    useEditor.getState().toast({ tone: 'info', message: 'The clipboard could not be read.', hint: 'Press Ctrl+V (⌘V on macOS) on the canvas to paste.' });
    return;
  }
  pasteText(text);
}

function hasSelection(): boolean {
  return useEditor.getState().selection.nodes.length > 0;
}

export function registerClipboardCommands(): () => void {
  const offs = [
    registerCommand('edit.copy', { run: () => void copyCommand(false), enabled: hasSelection }),
    registerCommand('edit.cut', { run: () => void copyCommand(true), enabled: hasSelection }),
    registerCommand('edit.paste', { run: () => void pasteCommand() }),
    registerCommand('edit.duplicate', { run: () => void duplicateSelection(), enabled: hasSelection }),
  ];
  return () => offs.forEach((f) => f());
}

/** The page's clipboard events (Mod+C/X/V, and execCommand('copy')) while the user isn't typing. */
export function startClipboardEvents(target: Document = document): () => void {
  const onCopy = (e: ClipboardEvent) => {
    if (e.defaultPrevented || typing(target.activeElement) || textSelected() || !e.clipboardData) return;
    const text = selectionText();
    if (!text) return;
    e.clipboardData.setData('text/plain', text);
    e.preventDefault();
    remember(text);
    if (e.type === 'cut') deleteSelection();
  };
  const onPaste = (e: ClipboardEvent) => {
    if (e.defaultPrevented || typing(target.activeElement) || !e.clipboardData) return;
    // Only while the editor has the keyboard (not inside a dialog).
    if ((target.activeElement as HTMLElement | null)?.closest?.('[role="dialog"]')) return;
    e.preventDefault();
    pasteText(e.clipboardData.getData('text/plain'));
  };
  target.addEventListener('copy', onCopy);
  target.addEventListener('cut', onCopy);
  target.addEventListener('paste', onPaste);
  return () => {
    target.removeEventListener('copy', onCopy);
    target.removeEventListener('cut', onCopy);
    target.removeEventListener('paste', onPaste);
  };
}
