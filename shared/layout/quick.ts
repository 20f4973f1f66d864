import { defaultProtocol, getKind } from '../catalog';
import type { Position, Protocol, Topology } from '../model/types';
import { OBSERVABILITY_PROTOCOLS, PROTOCOLS } from '../model/types';
import { EMPTY_ZONE, NODE_HEIGHT, NODE_WIDTH, ZONE_PADDING } from './constants';

/**
 * A quick synchronous layout for places that cannot wait for ELK (an export called without a
 * layout): columns by longest path along the data flow, one band per zone stacked top to bottom,
 * so nothing overlaps. Positions every node and zone missing from `doc.layout`; the rest are kept
 * as they are. Deterministic.
 */

const COLUMN = NODE_WIDTH + 110;
const ROW = NODE_HEIGHT + 56;
const BAND_GAP = 80;

export function quickLayout(doc: Topology): Record<string, Position> {
  const layout = doc.layout ?? {};
  // The first node of each id (a set and a map: linear in the design's size).
  const ids = new Set<string>();
  const nodes = (Array.isArray(doc.nodes) ? doc.nodes : []).filter((n) => n && typeof n.id === 'string' && !ids.has(n.id) && !!ids.add(n.id));
  const zones = (Array.isArray(doc.groups) ? doc.groups : []).filter((g) => g && typeof g.id === 'string').map((g) => g.id);
  const zoneSet = new Set(zones);
  const groupOf = new Map(nodes.map((n) => [n.id, n.group]));
  const zoneOf = (id: string): string => {
    const g = groupOf.get(id);
    return typeof g === 'string' && zoneSet.has(g) ? g : '';
  };
  const has = (id: string) => {
    const p = Object.prototype.hasOwnProperty.call(layout, id) ? layout[id] : undefined;
    return !!p && Number.isFinite(p.x) && Number.isFinite(p.y);
  };
  const result: Record<string, Position> = {};
  for (const [id, p] of Object.entries(layout)) if (has(id)) result[id] = { ...p };
  const missing = nodes.filter((n) => !has(n.id));

  // Column of each node: longest path from a source, over data-flow edges (cycles cut by depth).
  // Only components without a position are placed by it: with none (a laid-out design), skipped.
  const column = new Map<string, number>(nodes.map((n) => [n.id, 0]));
  if (missing.length > 0) columns(doc, nodes, column);

  // Bands: placed nodes and zones keep their space; new bands go below everything.
  const bottoms = Object.values(result).map((p) => p.y + (p.h ?? NODE_HEIGHT));
  let y = bottoms.length > 0 ? Math.max(...bottoms) + BAND_GAP : 0;
  const left = Object.values(result).length > 0 ? Math.min(...Object.values(result).map((p) => p.x)) : 0;
  for (const z of ['', ...zones]) {
    const members = missing.filter((n) => zoneOf(n.id) === z);
    const pad = z ? ZONE_PADDING : { top: 0, left: 0, bottom: 0, right: 0 };
    if (members.length === 0) {
      if (z && !result[z]) {
        // A zone with members that all have positions gets a box around them; an empty one a default box.
        const placed = nodes.filter((n) => zoneOf(n.id) === z && result[n.id]);
        if (placed.length > 0) {
          const x0 = Math.min(...placed.map((n) => result[n.id]!.x)) - ZONE_PADDING.left;
          const y0 = Math.min(...placed.map((n) => result[n.id]!.y)) - ZONE_PADDING.top;
          const x1 = Math.max(...placed.map((n) => result[n.id]!.x + NODE_WIDTH)) + ZONE_PADDING.right;
          const y1 = Math.max(...placed.map((n) => result[n.id]!.y + NODE_HEIGHT)) + ZONE_PADDING.bottom;
          result[z] = { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
        } else {
          result[z] = { x: left, y, w: EMPTY_ZONE.w, h: EMPTY_ZONE.h };
          y += EMPTY_ZONE.h + BAND_GAP;
        }
      }
      continue;
    }
    const rows = new Map<number, number>();
    let maxRow = 0;
    for (const n of members) {
      const c = column.get(n.id)!;
      const r = rows.get(c) ?? 0;
      rows.set(c, r + 1);
      const x = left + pad.left + c * COLUMN;
      result[n.id] = { x, y: y + pad.top + r * ROW };
      maxRow = Math.max(maxRow, r);
    }
    const h = pad.top + maxRow * ROW + NODE_HEIGHT + pad.bottom;
    if (z) {
      // The zone's box holds its new members and any it already had.
      const all = nodes.filter((n) => zoneOf(n.id) === z).map((n) => result[n.id]!);
      const x0 = Math.min(...all.map((p) => p.x)) - ZONE_PADDING.left;
      const y0 = Math.min(...all.map((p) => p.y)) - ZONE_PADDING.top;
      const x1 = Math.max(...all.map((p) => p.x + NODE_WIDTH)) + ZONE_PADDING.right;
      const y1 = Math.max(...all.map((p) => p.y + NODE_HEIGHT)) + ZONE_PADDING.bottom;
      result[z] = { x: x0, y: y0, w: Math.max(EMPTY_ZONE.w, x1 - x0), h: Math.max(EMPTY_ZONE.h, y1 - y0) };
    }
    y += Math.max(z ? EMPTY_ZONE.h : 0, h) + BAND_GAP;
  }
  return result;
}

/** Sets each node's column: the longest data-flow path from a source (cycles cut at the design's size). */
function columns(doc: Topology, nodes: readonly Topology['nodes'][number][], column: Map<string, number>): void {
  const kinds = new Map(nodes.map((n) => [n.id, getKind(n.kind)]));
  const out = new Map<string, string[]>();
  for (const e of Array.isArray(doc.edges) ? doc.edges : []) {
    if (!e || !kinds.has(e.from) || !kinds.has(e.to) || e.from === e.to) continue;
    const a = kinds.get(e.from);
    const b = kinds.get(e.to);
    const p: Protocol | undefined = typeof e.protocol === 'string' && (PROTOCOLS as readonly string[]).includes(e.protocol) ? e.protocol : a && b ? defaultProtocol(a, b) : undefined;
    if (p && OBSERVABILITY_PROTOCOLS.includes(p)) continue;
    const list = out.get(e.from);
    if (list) list.push(e.to);
    else out.set(e.from, [e.to]);
  }
  const limit = nodes.length;
  for (let round = 0; round < limit; round++) {
    let changed = false;
    for (const n of nodes) {
      const c = column.get(n.id)!;
      for (const t of out.get(n.id) ?? []) {
        if (column.get(t)! < c + 1 && c + 1 < limit) {
          column.set(t, c + 1);
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
}
