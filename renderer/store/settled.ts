import { useEffect, useState } from 'react';

/** From this many components and connections on, work that follows the design as it is typed into waits for a pause (see useSettled). */
export const SETTLE_FROM = 2000;
export const SETTLE_MS = 400;

/**
 * `value`, or, when `ms` > 0, its last value that stayed unchanged for `ms`: in a large design,
 * what costs a pass over the whole design (a service name, the connections' accessible names)
 * follows the typing when it pauses rather than on every key.
 */
export function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (ms <= 0 || settled === value) return;
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms, settled]);
  return ms <= 0 ? value : settled;
}

/** Whether a design is large enough for its follow-up work to wait for a pause. */
export function settles(doc: { nodes: readonly unknown[]; edges: readonly unknown[] }): boolean {
  return doc.nodes.length + doc.edges.length >= SETTLE_FROM;
}
