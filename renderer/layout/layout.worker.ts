import { autoLayout, type AutoLayoutOptions } from '../../shared/layout';
import type { Topology } from '../../shared/model/types';

/**
 * ELK's layout off the main thread. `elk.bundled.js` installs its own `onmessage` when it finds
 * itself in a worker; this module's handler replaces it (it would otherwise answer our messages).
 */

interface Request {
  id: number;
  doc: Topology;
  opts: AutoLayoutOptions;
}

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (e: MessageEvent<Request>) => {
  const { id, doc, opts } = e.data;
  autoLayout(doc, opts).then(
    (positions) => scope.postMessage({ id, positions }),
    (err: unknown) => scope.postMessage({ id, error: err instanceof Error ? err.message : String(err) }),
  );
};
