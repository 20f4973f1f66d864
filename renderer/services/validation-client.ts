import type { Diagnostic, Topology } from '../../shared/model/types';

/**
 * The design checks of large designs in a Web Worker (validation.worker.ts), so that typing in a
 * design of thousands of components is not held up by them. Small designs are checked on the
 * main thread (app/runtime.ts): the incremental validator there reuses what did not change and
 * takes a millisecond or two, less than copying the design to a worker. Where a worker can't
 * start (or fails), `null` is returned and the caller checks in the page.
 */

/** From this many components and connections on, the checks run in the worker. */
export const WORKER_FROM = 2_000;

let worker: Worker | null | undefined;
let seq = 0;
const pending = new Map<number, { resolve(found: Diagnostic[] | null): void }>();

function fail(): void {
  worker?.terminate();
  worker = null;
  for (const [id, p] of pending) {
    pending.delete(id);
    p.resolve(null);
  }
}

function getWorker(): Worker | null {
  if (worker !== undefined) return worker;
  if (typeof Worker !== 'function') return (worker = null);
  try {
    worker = new Worker(new URL('./validation.worker.ts', import.meta.url), { type: 'module', name: 'topoforge-validation' });
    worker.addEventListener('message', (e: MessageEvent<{ id: number; found?: Diagnostic[]; error?: string }>) => {
      const p = pending.get(e.data.id);
      if (!p) return;
      pending.delete(e.data.id);
      // A check that threw in the worker is run again in the page, which reports it.
      p.resolve(e.data.found ?? null);
    });
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      fail();
    });
  } catch {
    worker = null;
  }
  return worker;
}

/** Whether `doc` is large enough to be checked in the worker. */
export function checksOffThread(doc: Topology): boolean {
  return doc.nodes.length + doc.edges.length >= WORKER_FROM && getWorker() !== null;
}

/** The findings about `doc` from the worker, or null when the worker is not available (check in the page). */
export function validateInWorker(doc: Topology): Promise<Diagnostic[] | null> {
  const w = getWorker();
  if (!w) return Promise.resolve(null);
  const id = ++seq;
  return new Promise((resolve) => {
    pending.set(id, { resolve });
    try {
      w.postMessage({ id, doc });
    } catch {
      fail();
    }
  });
}
