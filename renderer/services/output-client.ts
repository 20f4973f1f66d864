import type { Diagnostic, Topology } from '../../shared/model/types';
import { computeOutput, type Output } from './output';

/**
 * Runs the generators in a Web Worker so that typing stays smooth on large designs (the whole
 * bundle of a 1,000-component design takes most of a second). Where a worker can't start, the
 * same code runs on the main thread.
 */

let worker: Worker | null | undefined;
let seq = 0;
const pending = new Map<number, { resolve(o: Output): void; doc: Topology; checks?: Diagnostic[] }>();

function fallBack(): void {
  worker?.terminate();
  worker = null;
  for (const [id, p] of pending) {
    pending.delete(id);
    computeOutput(p.doc, p.checks).then(p.resolve);
  }
}

function getWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = new Worker(new URL('./output.worker.ts', import.meta.url), { type: 'module', name: 'topoforge-output' });
    worker.addEventListener('message', (e: MessageEvent<{ id: number; out: Output }>) => {
      const p = pending.get(e.data.id);
      if (!p) return;
      pending.delete(e.data.id);
      p.resolve(e.data.out);
    });
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      fallBack();
    });
  } catch {
    worker = null;
  }
  return worker;
}

/** How many times the bundle was asked for, and how many of those had the generators check the design again (no findings given): the end-to-end tests check one generation and no second check per edit. */
export const outputRuns = { count: 0, checkedAgain: 0 };

/** The generated bundle of `doc`; `checks` are validation's findings about it when known (not computed again). */
export function generateOutput(doc: Topology, checks?: Diagnostic[]): Promise<Output> {
  outputRuns.count++;
  if (!checks) outputRuns.checkedAgain++;
  const w = typeof Worker === 'function' ? getWorker() : null;
  if (!w) return computeOutput(doc, checks);
  const id = ++seq;
  return new Promise<Output>((resolve) => {
    pending.set(id, { resolve, doc, checks });
    try {
      w.postMessage({ id, doc, checks });
    } catch {
      fallBack();
    }
  });
}
