import { parseTopology } from '../../shared/model/parse';
import { restoreTopology } from '../../shared/model/restore';
import { serializerNow } from '../services/serializer';
import type { Topology } from '../../shared/model/types';
import { useEditor } from '../store/store';

/**
 * The working design is kept in localStorage, so a reload or a crash never loses work: the first
 * change after a pause is written at once as the document's JSON, and every change, once the
 * edits pause (and when the page is hidden), as the JSON and the design-file text. A reload reads
 * the JSON through the same checks as a file (restoreTopology: migration, defaults, structure,
 * ids, kinds, references) without the YAML reader, which for a design of a thousand components is
 * a third of a second of start-up (docs/performance.md); the text is the fallback (in a quick
 * write, the text of the last full one).
 */

export const AUTOSAVE_KEY = 'topoforge:autosave:v1';
const DELAY_MS = 400;
/**
 * From this many components and connections on, the autosave waits for a longer pause and keeps
 * the design's JSON only: its text (some 3 MB at 10,000 components) can't fit beside it in the
 * browser's storage anyway, and writing both on every pause held up typing by a quarter of a
 * second each time (docs/performance.md).
 */
const LARGE = 2_000;
const LARGE_DELAY_MS = 1_500;
/** A quick write (JSON only) at most this often during a burst of edits. */
const QUICK_GAP_MS = 1_000;

export interface Saved {
  /** The design-file text (in a quick write, of the last full one; absent before any). */
  text?: string;
  /** The document as JSON (absent in autosaves written before it was added). */
  design?: unknown;
  fileName?: string;
  dirty: boolean;
}

/** The design kept by the last visit, and the text kept with it (startAutosave's fallback). */
export function readAutosave(): { doc: Topology; text?: string; fileName?: string; dirty: boolean } | undefined {
  try {
    const raw = localStorage.getItem(AUTOSAVE_KEY);
    if (!raw) return undefined;
    const saved = JSON.parse(raw) as Saved;
    const text = typeof saved.text === 'string' && saved.text !== '' ? saved.text : undefined;
    if (saved.design !== undefined) {
      const d = restoreTopology(saved.design);
      if (d.ok) return { doc: d.doc, text, fileName: saved.fileName, dirty: !!saved.dirty };
    }
    const r = text === undefined ? undefined : parseTopology(text);
    if (r?.ok) return { doc: r.doc, text, fileName: saved.fileName, dirty: !!saved.dirty };
    // Unreadable (a newer format, a bug): keep it aside rather than overwrite it with the next autosave.
    localStorage.setItem(`${AUTOSAVE_KEY}:unreadable`, raw);
    return undefined;
  } catch {
    return undefined;
  }
}

/** The last full record written (its text may be older than the design in a quick write). */
let lastText: string | undefined;

/** What `keepAutosave` managed to keep. */
export type Kept = 'all' | 'design only' | 'nothing';

/**
 * Writes an autosave record. Browsers give a page about 5 million characters of localStorage:
 * a design of several thousand components does not fit with its text, so the text (only a
 * fallback) is dropped first; when even the JSON does not fit, nothing is kept and the caller
 * tells the user.
 */
export function keepAutosave(saved: Saved, storage: Pick<Storage, 'setItem'> = localStorage): Kept {
  try {
    storage.setItem(AUTOSAVE_KEY, JSON.stringify(saved));
    return 'all';
  } catch {
    // Full (or storage disabled): try without the text.
  }
  if (saved.text === undefined) return 'nothing';
  try {
    storage.setItem(AUTOSAVE_KEY, JSON.stringify({ ...saved, text: undefined }));
    return 'design only';
  } catch {
    return 'nothing';
  }
}

let warned = false;

function put(saved: Saved): void {
  const kept = keepAutosave(saved);
  if (kept !== 'nothing') {
    warned = false;
    return;
  }
  // The design is still in memory and saving to a file still works: say so once, not on every edit.
  if (warned) return;
  warned = true;
  useEditor.getState().toast({
    tone: 'error',
    message: 'This design is too large for the browser to keep between visits: a reload or a crash would lose the changes since you last saved.',
    hint: 'Save it to a file (Ctrl+S) now and then, or use the desktop app, which keeps drafts on disk.',
  });
}

/**
 * Everything: the design as JSON and as design-file text. Writing the text costs a few
 * milliseconds at a thousand components and some 50 ms at ten thousand, so it waits until the
 * edits pause.
 */
function writeFull(): void {
  const { doc, file, dirty } = useEditor.getState();
  if (isLarge(doc)) return put({ design: doc, fileName: file?.name, dirty });
  let text: string | undefined;
  try {
    // The writer loads once the page is idle (services/serializer.ts); before that, the last text.
    const serializeTopology = serializerNow();
    text = serializeTopology ? serializeTopology(doc) : lastText;
    lastText = text;
  } catch {
    text = lastText;
  }
  put({ text, design: doc, fileName: file?.name, dirty });
}

function isLarge(doc: Topology): boolean {
  return doc.nodes.length + doc.edges.length >= LARGE;
}

/**
 * At once after an edit: the design as JSON (about a millisecond at a thousand components), with
 * the text of the last full write kept as the fallback. So a crash right after an edit (the tab or
 * the browser killed, no `pagehide`) still finds it on the next start.
 */
function writeQuick(): void {
  const { doc, file, dirty } = useEditor.getState();
  put({ text: lastText, design: doc, fileName: file?.name, dirty });
}

/** `keptText`: the text readAutosave found with the design this page started from, the fallback until the first full write. */
export function startAutosave(keptText?: string): () => void {
  lastText = keptText;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let quickQueued = false;
  let lastQuick = -Infinity;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    writeFull();
  };
  const unsub = useEditor.subscribe((s, prev) => {
    if (s.doc === prev.doc && s.file === prev.file && s.dirty === prev.dirty) return;
    // The first change after a pause is kept at once (after the current task, so that changes
    // made together are written together); during a burst of changes (a drag, typing) again
    // every second, and in full when it pauses.
    // A large design is written when the edits pause (a longer pause), not during them.
    const large = isLarge(s.doc);
    if (!large && !quickQueued && performance.now() - lastQuick >= QUICK_GAP_MS) {
      quickQueued = true;
      queueMicrotask(() => {
        quickQueued = false;
        lastQuick = performance.now();
        writeQuick();
      });
    }
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, large ? LARGE_DELAY_MS : DELAY_MS);
  });
  const onHide = () => {
    if (timer) flush();
  };
  window.addEventListener('pagehide', onHide);
  document.addEventListener('visibilitychange', onHide);
  return () => {
    unsub();
    window.removeEventListener('pagehide', onHide);
    document.removeEventListener('visibilitychange', onHide);
  };
}
