import type { Diagnostic, Topology } from '../../shared/model/types';
import { createValidator } from '../../shared/validation';

/**
 * Checks large designs off the main thread (validation-client.ts): the design arrives as a copy,
 * so the incremental validator's per-item cache can't be reused between runs; a full check of
 * 10,000 components takes some 40-100 ms here, where it would stall typing on the main thread.
 */

const scope = self as unknown as DedicatedWorkerGlobalScope;
const validator = createValidator();

scope.addEventListener('message', (e: MessageEvent<{ id: number; doc: Topology }>) => {
  const { id, doc } = e.data;
  let found: Diagnostic[];
  try {
    found = validator.validate(doc);
  } catch (err) {
    scope.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
    return;
  }
  scope.postMessage({ id, found });
});
