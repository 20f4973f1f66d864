import type { AutoLayoutOptions, LayoutResult } from '../../shared/layout';
import type { Position, Topology } from '../../shared/model/types';
import { NODE_HEIGHT, NODE_WIDTH } from '../store/derive';

/**
 * Runs `autoLayout` (ELK, shared/layout) in a module Web Worker so that the UI never freezes on
 * a large design. Where a worker can't start (or dies), the same code runs on the main thread,
 * loaded on first use.
 */

type Positions = Record<string, Position>;
/** The canvas draws components at this size: the layout places and routes around boxes of it. */
const NODE_SIZE = { w: NODE_WIDTH, h: NODE_HEIGHT };

let worker: Worker | null | undefined;
let seq = 0;
const pending = new Map<number, { resolve(p: LayoutResult): void; reject(e: Error): void; doc: Topology; opts: AutoLayoutOptions }>();

async function onMainThread(doc: Topology, opts: AutoLayoutOptions): Promise<LayoutResult> {
  const { autoLayoutWithRoutes } = await import('../../shared/layout');
  return autoLayoutWithRoutes(doc, opts);
}

function fallBack(): void {
  worker?.terminate();
  worker = null;
  for (const [id, p] of pending) {
    pending.delete(id);
    onMainThread(p.doc, p.opts).then(p.resolve, p.reject);
  }
}

function getWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module', name: 'topoforge-layout' });
    worker.addEventListener('message', (e: MessageEvent<{ id: number; result?: LayoutResult; error?: string }>) => {
      const p = pending.get(e.data.id);
      if (!p) return;
      pending.delete(e.data.id);
      if (e.data.result) p.resolve(e.data.result);
      else p.reject(new Error(e.data.error ?? 'the layout failed'));
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

/** Positions for the design's components and zones (see `autoLayout`), computed off the main thread. */
export async function layoutDesign(doc: Topology, opts: AutoLayoutOptions = {}): Promise<Positions> {
  return (await layoutWithRoutes(doc, opts)).positions;
}

/** Positions and the connections' routes (see `autoLayoutWithRoutes`), computed off the main thread, for boxes of the canvas's size. */
export function layoutWithRoutes(doc: Topology, options: AutoLayoutOptions = {}): Promise<LayoutResult> {
  const opts = { nodeSize: NODE_SIZE, ...options };
  const w = typeof Worker === 'function' ? getWorker() : null;
  if (!w) return onMainThread(doc, opts);
  const id = ++seq;
  return new Promise<LayoutResult>((resolve, reject) => {
    pending.set(id, { resolve, reject, doc, opts });
    try {
      w.postMessage({ id, doc, opts });
    } catch {
      fallBack();
    }
  });
}
