import type { Diagnostic, Topology } from '../../shared/model/types';
import { computeOutput } from './output';

/** Generates the Output panel's content and the export bundle off the main thread. */

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.addEventListener('message', (e: MessageEvent<{ id: number; doc: Topology; checks?: Diagnostic[] }>) => {
  const { id, doc, checks } = e.data;
  computeOutput(doc, checks).then(
    (out) => scope.postMessage({ id, out }),
    (err: unknown) => scope.postMessage({ id, out: { files: [], errors: [`The output could not be generated: ${err instanceof Error ? err.message : String(err)}`] } }),
  );
});
