import { platform } from '../platform';
import { makeValidator } from '../services/validation';
import { publishFindings } from '../store/findings';
import { useEditor } from '../store/store';

/** Keeps the findings (store/findings.ts) in step with the document, and the window title and dirty flag with the shell. */
/** How many times the design was checked (the end-to-end tests check it is once per edit). */
export const checkRuns = { count: 0 };

export function startValidation(): () => void {
  const validate = makeValidator();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    timer = undefined;
    checkRuns.count++;
    const { doc, fileDiagnostics } = useEditor.getState();
    let found;
    try {
      found = validate(doc);
    } catch (e) {
      found = [{ code: 'TF000', severity: 'error' as const, message: `The design checks failed: ${(e as Error).message}`, nodes: [], edges: [], hint: 'This is a bug in Topoforge; your design is safe. Please report it.' }];
    }
    publishFindings(doc, found, fileDiagnostics);
  };
  // The first check waits for the page to be idle: a large design's canvas shows first and its
  // findings a moment later, instead of the findings (and the Problems list) delaying the canvas.
  // At most 2 s: a 1,000-component canvas takes over half a second to show, and a shorter limit
  // ran the check (and redrew every component with its findings) in the middle of it.
  const idle = (globalThis as { requestIdleCallback?: (cb: () => void, opts: { timeout: number }) => number }).requestIdleCallback;
  if (idle) idle(() => timer === undefined && run(), { timeout: 2000 });
  else timer = setTimeout(run, 0);
  return useEditor.subscribe((s, prev) => {
    if (s.doc === prev.doc && s.fileDiagnostics === prev.fileDiagnostics) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, 60);
  });
}

export function startTitleSync(): () => void {
  const apply = () => {
    const { doc, file, dirty } = useEditor.getState();
    platform.setTitle(`${dirty ? '● ' : ''}${doc.name || 'Untitled'}${file ? ` — ${file.name}` : ''} — Topoforge`);
    platform.setDirty(dirty);
  };
  apply();
  return useEditor.subscribe((s, prev) => {
    if (s.doc.name !== prev.doc.name || s.file !== prev.file || s.dirty !== prev.dirty) apply();
  });
}
