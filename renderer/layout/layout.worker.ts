import { autoLayoutWithRoutes, type AutoLayoutOptions } from '../../shared/layout';
import type { Topology } from '../../shared/model/types';

/**
 * ELK's layout off the main thread. `elk.bundled.js`, when it finds itself in a worker, installs
 * its own `self.onmessage` (for ELK's worker protocol), and may do so lazily, on the first layout.
 * So this module listens with addEventListener, which that can't replace, and clears the
 * `onmessage` ELK sets (it would only ignore our messages, but it has no business here).
 */

interface Request {
  id: number;
  doc: Topology;
  opts: AutoLayoutOptions;
}

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.addEventListener('message', (e: MessageEvent<Request>) => {
  const { id, doc, opts } = e.data;
  autoLayoutWithRoutes(doc, opts).then(
    (result) => {
      scope.onmessage = null;
      scope.postMessage({ id, result });
    },
    (err: unknown) => {
      scope.onmessage = null;
      scope.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
    },
  );
});
