import type { Position, Topology } from '../../shared/model/types';

/**
 * Writes laid-out positions into the document: components get `x`/`y`, zones `x`/`y`/`w`/`h`.
 * Ids no longer in the design are skipped; entries that did not change keep their identity, and
 * with nothing changed the same document comes back (no undo step).
 */
export function applyLayout(doc: Topology, positions: Readonly<Record<string, Position>>, only?: ReadonlySet<string>): Topology {
  const known = new Set<string>();
  for (const n of doc.nodes) known.add(n.id);
  for (const g of doc.groups) known.add(g.id);
  let layout: Record<string, Position> | undefined;
  for (const [id, p] of Object.entries(positions)) {
    if (!known.has(id) || (only && !only.has(id))) continue;
    const prev = doc.layout[id];
    const next: Position = { ...prev, x: Math.round(p.x), y: Math.round(p.y) };
    if (p.w !== undefined) next.w = Math.round(p.w);
    if (p.h !== undefined) next.h = Math.round(p.h);
    if (prev && prev.x === next.x && prev.y === next.y && prev.w === next.w && prev.h === next.h) continue;
    layout ??= { ...doc.layout };
    layout[id] = next;
  }
  return layout ? { ...doc, layout } : doc;
}

/** Components with no position (a design written by hand, an import): these are laid out on open. */
export function unplaced(doc: Topology): string[] {
  const out: string[] = [];
  for (const n of doc.nodes) {
    const p = Object.prototype.hasOwnProperty.call(doc.layout, n.id) ? doc.layout[n.id] : undefined;
    if (!p || !Number.isFinite(p.x) || !Number.isFinite(p.y)) out.push(n.id);
  }
  return out;
}
