import { parseTopology } from '../../shared/model/parse';
import { restoreTopology } from '../../shared/model/restore';
import { serializeTopology } from '../../shared/model/serialize';
import type { Topology } from '../../shared/model/types';
import { useEditor } from '../store/store';

/**
 * The working design is kept in localStorage, written shortly after each change and when the page
 * is hidden, so a reload or a crash never loses work: as design-file text and as the document's
 * JSON. A reload reads the JSON through the same checks as a file (restoreTopology: migration,
 * defaults, structure, ids, kinds, references) without the YAML reader, which for a design of a
 * thousand components is a third of a second of start-up (docs/performance.md); the text is the
 * fallback.
 */

export const AUTOSAVE_KEY = 'topoforge:autosave:v1';
const DELAY_MS = 400;

interface Saved {
  text: string;
  /** The document as JSON (absent in autosaves written before it was added). */
  design?: unknown;
  fileName?: string;
  dirty: boolean;
}

export function readAutosave(): { doc: Topology; fileName?: string; dirty: boolean } | undefined {
  try {
    const raw = localStorage.getItem(AUTOSAVE_KEY);
    if (!raw) return undefined;
    const saved = JSON.parse(raw) as Saved;
    if (saved.design !== undefined) {
      const d = restoreTopology(saved.design);
      if (d.ok) return { doc: d.doc, fileName: saved.fileName, dirty: !!saved.dirty };
    }
    if (typeof saved.text !== 'string') return undefined;
    const r = parseTopology(saved.text);
    if (r.ok) return { doc: r.doc, fileName: saved.fileName, dirty: !!saved.dirty };
    // Unreadable (a newer format, a bug): keep it aside rather than overwrite it with the next autosave.
    localStorage.setItem(`${AUTOSAVE_KEY}:unreadable`, raw);
    return undefined;
  } catch {
    return undefined;
  }
}

function write(): void {
  const { doc, file, dirty } = useEditor.getState();
  try {
    const saved: Saved = { text: serializeTopology(doc), design: doc, fileName: file?.name, dirty };
    localStorage.setItem(AUTOSAVE_KEY, JSON.stringify(saved));
  } catch {
    // Storage full or disabled: the design is still in memory; saving to a file still works.
  }
}

export function startAutosave(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    write();
  };
  const unsub = useEditor.subscribe((s, prev) => {
    if (s.doc === prev.doc && s.file === prev.file && s.dirty === prev.dirty) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, DELAY_MS);
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
