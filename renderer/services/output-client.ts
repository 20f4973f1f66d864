import type { Diagnostic, Topology } from '../../shared/model/types';
import { computeOutput, type Output } from './output';

/**
 * Runs the generators in a Web Worker so that typing stays smooth on large designs (the whole
 * bundle of a 1,000-component design takes most of a second). Where a worker can't start, the
 * same code runs on the main thread.
 */

let worker: Worker | null | undefined;
let seq = 0;
const pending = new Map<number, { resolve(o: Output): void; doc: Topology; diagnostics?: Diagnostic[] }>();

function fallBack(): void {
  worker?.terminate();
  worker = null;
  for (const [id, p] of pending) {
    pending.delete(id);
    computeOutput(p.doc, p.diagnostics).then(p.resolve);
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

export function generateOutput(doc: Topology, diagnostics?: Diagnostic[]): Promise<Output> {
  const w = typeof Worker === 'function' ? getWorker() : null;
  if (!w) return computeOutput(doc, diagnostics);
  const id = ++seq;
  return new Promise<Output>((resolve) => {
    pending.set(id, { resolve, doc, diagnostics });
    try {
      w.postMessage({ id, doc, diagnostics });
    } catch {
      fallBack();
    }
  });
}
