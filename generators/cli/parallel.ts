import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Diagnostic, Topology } from '../../shared/model/types';
import { BUNDLE_PARTS, finishBundle, generateBundleParts, type BundlePart } from '../bundle';
import type { OutputFile } from '../types';
import type { WorkerReply } from './generate-worker';

/**
 * `generateBundle` on two threads for a large design: a worker makes the stack and the
 * Kubernetes manifests (about half of the compute at 10k components) while this thread makes the
 * document and the interop files; the same files, put together by `finishBundle`.
 *
 * Only in the built CLI (the worker is dist/cli/generate-worker.mjs beside the entry); from the
 * sources, for a small design, on a machine with one core, or when the worker cannot start,
 * everything is made here.
 */

/** Components from which a second thread pays for its start (the worker loads the generators again). */
export const PARALLEL_MIN_COMPONENTS = 1500;
const WORKER_PARTS: readonly BundlePart[] = ['stack', 'kubernetes'];

export interface ParallelOptions {
  checks?: Diagnostic[];
  /** The worker's script; `null`: none (everything on this thread). */
  workerUrl: URL | null;
  minComponents?: number;
}

export async function generateBundleOnThreads(doc: Topology, opts: ParallelOptions): Promise<OutputFile[]> {
  const bundleOpts = opts.checks ? { checks: opts.checks } : {};
  const url = opts.workerUrl;
  if (!url || doc.nodes.length < (opts.minComponents ?? PARALLEL_MIN_COMPONENTS) || availableParallelism() < 2 || !existsSync(fileURLToPath(url))) {
    return finishBundle(generateBundleParts(doc, BUNDLE_PARTS, bundleOpts));
  }
  const theirs = startWorker(url, doc, WORKER_PARTS);
  let mine: OutputFile[];
  try {
    mine = generateBundleParts(
      doc,
      BUNDLE_PARTS.filter((p) => !WORKER_PARTS.includes(p)),
      bundleOpts,
    );
  } catch (e) {
    // The command fails now, not once the worker is done.
    theirs.stop();
    throw e;
  }
  // A worker that could not run (not a generator's error) leaves its parts to this thread.
  const files = (await theirs.files) ?? generateBundleParts(doc, WORKER_PARTS, bundleOpts);
  return finishBundle([...mine, ...files]);
}

/** The worker's files (null when it could not run; a generator's error is thrown as it would have been here), and a way to stop it. */
function startWorker(url: URL, doc: Topology, parts: readonly BundlePart[]): { files: Promise<OutputFile[] | null>; stop(): void } {
  let worker: Worker;
  try {
    worker = new Worker(url, { workerData: { doc, parts } });
  } catch {
    return { files: Promise.resolve(null), stop: () => undefined };
  }
  const files = new Promise<OutputFile[] | null>((resolve, reject) => {
    let settled = false;
    worker.once('message', (reply: WorkerReply) => {
      settled = true;
      if ('files' in reply) resolve(reply.files);
      else reject(Object.assign(new Error(reply.error), reply.stack ? { stack: reply.stack } : {}));
    });
    worker.once('error', () => {
      if (!settled) resolve(null);
      settled = true;
    });
    worker.once('exit', () => {
      if (!settled) resolve(null);
      settled = true;
    });
  });
  return { files, stop: () => void worker.terminate() };
}
