/**
 * Derived data the generators of one bundle share: `generateBundle` runs every generator on the
 * same design, and each of them used to compute the same things again (the design with its
 * credentials redacted, the messaging flows, the well-formed nodes and edges, the Mermaid
 * diagram). Inside `withSharedDerivations` such a result is computed once per design object;
 * outside it (a generator called on its own) nothing is kept, so a design edited in place between
 * two calls is never answered from an old result.
 *
 * Results are shared: callers must not modify them (none does; they copy what they change).
 */
let scope: WeakMap<object, Map<unknown, unknown>> | undefined;

export function withSharedDerivations<T>(fn: () => T): T {
  const outer = scope;
  scope = outer ?? new WeakMap();
  try {
    return fn();
  } finally {
    scope = outer;
  }
}

/** `compute()`, once per (`obj`, `key`) inside `withSharedDerivations`. */
export function derived<T>(obj: unknown, key: unknown, compute: () => T): T {
  if (!scope || obj === null || typeof obj !== 'object') return compute();
  let m = scope.get(obj);
  if (!m) scope.set(obj, (m = new Map()));
  if (m.has(key)) return m.get(key) as T;
  const v = compute();
  m.set(key, v);
  return v;
}
