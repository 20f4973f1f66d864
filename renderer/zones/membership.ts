import type { Topology } from '../../shared/model/types';
import { DEFAULT_ZONE, NODE_HEIGHT, NODE_WIDTH, positionsOf } from '../store/derive';

/**
 * Which zone a component belongs to by where it is: the zone whose box holds the component's
 * centre. A component still inside its own zone stays there (zones may overlap); otherwise the
 * smallest zone holding it, or none.
 */

interface Box {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

export function zoneBoxes(doc: Topology): Box[] {
  const pos = positionsOf(doc);
  return doc.groups.map((g) => {
    const p = pos.get(g.id)!;
    return { id: g.id, x: p.x, y: p.y, w: p.w ?? DEFAULT_ZONE.w, h: p.h ?? DEFAULT_ZONE.h };
  });
}

function holds(b: Box, x: number, y: number): boolean {
  return x >= b.x && x <= b.x + b.w && y >= b.y && y <= b.y + b.h;
}

export function zoneAt(boxes: readonly Box[], x: number, y: number, current?: string): string | undefined {
  if (current) {
    const own = boxes.find((b) => b.id === current);
    if (own && holds(own, x, y)) return current;
  }
  let best: Box | undefined;
  for (const b of boxes) if (holds(b, x, y) && (!best || b.w * b.h < best.w * best.h)) best = b;
  return best?.id;
}

/**
 * The document with the zone of every component in `ids` set from where it now is (the
 * components that were just moved or added). The same document when nothing changes.
 */
export function assignZones(doc: Topology, ids: ReadonlySet<string>): Topology {
  if (!ids.size || !doc.groups.length && !doc.nodes.some((n) => n.group !== undefined && ids.has(n.id))) return doc;
  const boxes = zoneBoxes(doc);
  const known = new Set(doc.groups.map((g) => g.id));
  let nodes: Topology['nodes'] | undefined;
  doc.nodes.forEach((n, i) => {
    if (!ids.has(n.id)) return;
    const p = doc.layout[n.id];
    if (!p) return;
    // A component whose zone is not in the design (an invalid file) is left for validation to report.
    if (n.group !== undefined && !known.has(n.group)) return;
    const z = zoneAt(boxes, p.x + NODE_WIDTH / 2, p.y + NODE_HEIGHT / 2, n.group);
    if (z === n.group) return;
    nodes ??= doc.nodes.slice();
    if (z) nodes[i] = { ...n, group: z };
    else {
      const { group: _g, ...rest } = n;
      nodes[i] = rest as typeof n;
    }
  });
  return nodes ? { ...doc, nodes } : doc;
}

/** Components whose position changed, or that are new, between two documents. */
export function movedOrAdded(prev: Topology, next: Topology): Set<string> {
  const out = new Set<string>();
  if (prev.layout === next.layout && prev.nodes === next.nodes) return out;
  const before = new Set(prev.nodes.map((n) => n.id));
  for (const n of next.nodes) {
    if (!before.has(n.id) || prev.layout[n.id] !== next.layout[n.id]) out.add(n.id);
  }
  return out;
}
