import type { TopoEdge, Topology } from './types';
import { ID_PATTERN, MAX_ID_LENGTH } from './types';

/**
 * Edges have no id in the file format; their id is derived from their ends: `from->to`,
 * and `from->to#2`, `#3`, ... for further edges between the same two nodes, in document order.
 * Ids are stable while edges between the same pair are not reordered.
 */
export function edgeIds(edges: ReadonlyArray<Pick<TopoEdge, 'from' | 'to'> | { from?: unknown; to?: unknown } | null | undefined>): string[] {
  const seen = new Map<string, number>();
  // Ends that are not text (a hand-edited file) are named as text; an entry that is not an
  // edge at all is `?->?`.
  return edges.map((e) => {
    const base = e && typeof e === 'object' ? `${String(e.from)}->${String(e.to)}` : '?->?';
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}#${n}`;
  });
}

export function edgeIdAt(doc: Pick<Topology, 'edges'>, index: number): string {
  return edgeIds(doc.edges.slice(0, index + 1))[index]!;
}

export function isValidId(id: string): boolean {
  return id.length <= MAX_ID_LENGTH && ID_PATTERN.test(id);
}

/** Turns any text into a valid id (`[a-z][a-z0-9-]*`), unique among `taken`. */
export function makeId(text: string, taken: ReadonlySet<string> | ((id: string) => boolean)): string {
  const has = typeof taken === 'function' ? taken : (id: string) => taken.has(id);
  let base = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/^[0-9-]+/, '');
  if (!base) base = 'node';
  base = base.slice(0, MAX_ID_LENGTH - 4).replace(/-+$/, '');
  if (!has(base)) return base;
  for (let i = 2; ; i++) {
    const candidate = `${base}-${i}`;
    if (!has(candidate)) return candidate;
  }
}
