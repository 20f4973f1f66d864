import { quickLayout } from '../../shared/layout/quick';
import { makeId } from '../../shared/model/ids';
import { parseTopology } from '../../shared/model/parse';
import { serializerNow } from '../services/serializer';
import type { Group, Position, TopoEdge, TopoNode, Topology } from '../../shared/model/types';
import { emptyTopology } from '../../shared/model/types';
import { takenIds } from '../store/doc-ops';

/**
 * What Copy puts on the clipboard and what Paste makes of it: a design file (`*.topo.yaml` text)
 * holding the copied components, the connections among them, their zones and their positions,
 * so that a paste works between windows, between pages and from a text editor.
 */

/**
 * The part of `doc` that `ids` (components and zones, as selected on the canvas) stand for: the
 * components, plus every component of a selected zone; the connections whose both ends are in;
 * the selected zones; their positions. A component keeps its zone only if that zone is copied
 * too. Undefined when there is no component or zone in it.
 */
export function extract(doc: Topology, ids: readonly string[]): Topology | undefined {
  const picked = new Set(ids);
  const groups = doc.groups.filter((g) => picked.has(g.id));
  const groupIds = new Set(groups.map((g) => g.id));
  const nodes: TopoNode[] = [];
  const nodeIds = new Set<string>();
  for (const n of doc.nodes) {
    if (nodeIds.has(n.id)) continue;
    if (!picked.has(n.id) && !(n.group !== undefined && groupIds.has(n.group))) continue;
    nodeIds.add(n.id);
    if (n.group !== undefined && !groupIds.has(n.group)) {
      const { group: _g, ...rest } = n;
      nodes.push(rest as TopoNode);
    } else nodes.push(n);
  }
  if (!nodes.length && !groups.length) return undefined;
  const edges = doc.edges.filter((e) => nodeIds.has(e.from) && nodeIds.has(e.to));
  const layout: Record<string, Position> = {};
  for (const id of [...groupIds, ...nodeIds]) {
    const p = doc.layout[id];
    if (p) layout[id] = p;
  }
  return { ...emptyTopology(doc.name), groups, nodes, edges, layout };
}

/**
 * The clipboard text for a selection, or undefined when nothing is selected (or, in the first
 * moment after the page opened, the design-file writer is not loaded yet: services/serializer.ts).
 */
export function copyText(doc: Topology, ids: readonly string[], serializeTopology = serializerNow()): string | undefined {
  const sub = extract(doc, ids);
  return sub && serializeTopology ? serializeTopology(sub) : undefined;
}

export type ReadResult = { ok: true; doc: Topology } | { ok: false; reason: 'not-a-design' | 'empty'; message: string };

/**
 * Reads pasted text as a design. Text that isn't a design file (a sentence, a YAML file of
 * another kind) is refused with a message; a design with no component or zone is "empty".
 */
export function readClipboardText(text: string): ReadResult {
  const trimmed = text.trim();
  // Only text that looks like a design file: a top-level `nodes:` or `topoforge:` key (or JSON with one).
  if (!trimmed || !/(^|\n)\s*["']?(topoforge|nodes)["']?\s*:/.test(trimmed)) {
    return { ok: false, reason: 'not-a-design', message: 'The clipboard holds no Topoforge components.' };
  }
  let r = parseTopology(trimmed);
  // A fragment written by hand (just `nodes:` and `edges:`) is read as a design of format 1.
  if (!r.ok && !/(^|\n)["']?topoforge["']?\s*:/.test(trimmed) && !trimmed.startsWith('{')) {
    r = parseTopology(`topoforge: 1\n${/(^|\n)["']?name["']?\s*:/.test(trimmed) ? '' : 'name: Pasted\n'}${trimmed}`);
  }
  if (!r.ok) return { ok: false, reason: 'not-a-design', message: 'The clipboard text is not a design Topoforge can read.' };
  if (!r.doc.nodes.length && !r.doc.groups.length) return { ok: false, reason: 'empty', message: 'The pasted design has no components.' };
  return { ok: true, doc: r.doc };
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The positions of every component and zone of a pasted design (those it lacks are laid out quickly), and their bounding box. */
export function placed(sub: Topology, nodeSize: { w: number; h: number }): { layout: Record<string, Position>; box: Box } {
  const layout = quickLayout(sub);
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  const zones = new Set(sub.groups.map((g) => g.id));
  for (const [id, p] of Object.entries(layout)) {
    const w = zones.has(id) ? (p.w ?? 480) : nodeSize.w;
    const h = zones.has(id) ? (p.h ?? 320) : nodeSize.h;
    x0 = Math.min(x0, p.x);
    y0 = Math.min(y0, p.y);
    x1 = Math.max(x1, p.x + w);
    y1 = Math.max(y1, p.y + h);
  }
  if (!Number.isFinite(x0)) return { layout, box: { x: 0, y: 0, w: 0, h: 0 } };
  return { layout, box: { x: x0, y: y0, w: x1 - x0, h: y1 - y0 } };
}

export interface Inserted {
  doc: Topology;
  /** New ids of the pasted components and zones, in order. */
  nodes: string[];
  groups: string[];
}

/**
 * Adds a pasted design's components, zones and connections to `doc` under fresh ids (`makeId`
 * of the pasted id: kept when free, else `kafka-2`...), moved by `offset`. Connections follow
 * the new ids; components keep a pasted zone; settings and labels are kept as they are.
 */
export function insert(doc: Topology, sub: Topology, layout: Readonly<Record<string, Position>>, offset: { x: number; y: number }): Inserted {
  const taken = takenIds(doc);
  const ids = new Map<string, string>();
  const fresh = (id: string) => {
    const next = makeId(id, taken);
    taken.add(next);
    ids.set(id, next);
    return next;
  };
  const groups: Group[] = [];
  for (const g of sub.groups) {
    if (ids.has(g.id)) continue;
    groups.push({ ...g, id: fresh(g.id) });
  }
  const nodes: TopoNode[] = [];
  const nodeIds = new Map<string, string>();
  for (const n of sub.nodes) {
    if (nodeIds.has(n.id)) continue;
    const id = makeId(n.id, taken);
    taken.add(id);
    nodeIds.set(n.id, id);
    const { group, ...rest } = n;
    const g = typeof group === 'string' ? ids.get(group) : undefined;
    nodes.push(g ? { ...rest, id, group: g, props: { ...n.props } } : ({ ...rest, id, props: { ...n.props } } as TopoNode));
  }
  const edges: TopoEdge[] = [];
  for (const e of sub.edges) {
    const from = nodeIds.get(e.from);
    const to = nodeIds.get(e.to);
    if (!from || !to) continue;
    edges.push({ ...e, from, to, props: { ...e.props } });
  }
  const nextLayout: Record<string, Position> = { ...doc.layout };
  const move = (oldId: string, newId: string) => {
    const p = layout[oldId];
    if (p) nextLayout[newId] = { ...p, x: Math.round(p.x + offset.x), y: Math.round(p.y + offset.y) };
  };
  for (const [o, n] of ids) move(o, n);
  for (const [o, n] of nodeIds) move(o, n);
  return {
    doc: { ...doc, groups: groups.length ? [...doc.groups, ...groups] : doc.groups, nodes: [...doc.nodes, ...nodes], edges: edges.length ? [...doc.edges, ...edges] : doc.edges, layout: nextLayout },
    nodes: [...nodeIds.values()],
    groups: [...ids.values()],
  };
}
