import { parentPort, workerData } from 'node:worker_threads';
import { generateBundleParts, type BundlePart } from '../bundle';
import type { Topology } from '../../shared/model/types';
import type { OutputFile } from '../types';

/**
 * The CLI's second thread for a large design (generators/cli/parallel.ts): makes the given parts
 * of the bundle from the design it is handed and sends their files back.
 */
export type WorkerReply = { files: OutputFile[] } | { error: string; stack?: string };

const { doc, parts } = workerData as { doc: Topology; parts: BundlePart[] };
let reply: WorkerReply;
try {
  reply = { files: generateBundleParts(doc, parts) };
} catch (e) {
  reply = e instanceof Error ? { error: e.message, ...(e.stack ? { stack: e.stack } : {}) } : { error: String(e) };
}
parentPort?.postMessage(reply);
