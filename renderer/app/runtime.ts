import { platform } from '../platform';
import type { Diagnostic, Topology } from '../../shared/model/types';
import { makeValidator } from '../services/validation';
import { checksOffThread, validateInWorker } from '../services/validation-client';
import { publishFindings } from '../store/findings';
import { SETTLE_MS } from '../store/settled';
import { useEditor } from '../store/store';

/** Keeps the findings (store/findings.ts) in step with the document, and the window title and dirty flag with the shell. */
/** How many times the design was checked (the end-to-end tests check it is once per edit). */
export const checkRuns = { count: 0 };

export function startValidation(): () => void {
  const validate = makeValidator();
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** The latest check asked for: a worker's answer to an earlier one is dropped (its design has changed since). */
  let version = 0;
  const inPage = (doc: Topology): Diagnostic[] => {
    try {
      return validate(doc);
    } catch (e) {
      return [{ code: 'TF000', severity: 'error' as const, message: `The design checks failed: ${(e as Error).message}`, nodes: [], edges: [], hint: 'This is a bug in Topoforge; your design is safe. Please report it.' }];
    }
  };
  const run = () => {
    timer = undefined;
    checkRuns.count++;
    const { doc, fileDiagnostics } = useEditor.getState();
    const stamp = ++version;
    if (checksOffThread(doc)) {
      // A large design is checked in a worker (services/validation-client.ts); its findings are
      // published only if nothing changed meanwhile (else the next check, already asked for, will).
      void validateInWorker(doc).then((found) => {
        const now = useEditor.getState();
        if (stamp !== version || now.doc !== doc) return;
        publishFindings(doc, found ?? inPage(doc), now.fileDiagnostics);
      });
      return;
    }
    publishFindings(doc, inPage(doc), fileDiagnostics);
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
    // A large design (checked in the worker, its copy there a pass over the whole design) is checked when typing pauses.
    timer = setTimeout(run, checksOffThread(s.doc) ? SETTLE_MS : 60);
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
