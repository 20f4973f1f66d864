import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode, LayoutOptions } from 'elkjs/lib/elk-api';
import { defaultProtocol, flowOf, getKind } from '../catalog';
import type { Position, Protocol, Topology } from '../model/types';
import { OBSERVABILITY_PROTOCOLS, PROTOCOLS } from '../model/types';
import { EMPTY_ZONE, NODE_HEIGHT, NODE_WIDTH, ZONE_PADDING } from './constants';

/**
 * Automatic layout of a design with ELK's layered algorithm: data flows left to right, zones
 * are kept together as boxes around their components, observability links are given little
 * weight so that Prometheus or a collector does not drag the main flow around.
 *
 * Pure and asynchronous, with no DOM: it runs the same in Node (CLI, imports), the browser and a
 * Web Worker (`elk.bundled.js` runs ELK in the calling thread, so no worker file is needed).
 *
 * Positions are absolute canvas coordinates (top-left corners), for nodes and zones alike; zones
 * also get their size (`w`, `h`). Same design, same positions.
 */

export { EMPTY_ZONE, NODE_HEIGHT, NODE_WIDTH, ZONE_PADDING } from './constants';
/** Space between separately placed blocks (used by `only`). */
const BLOCK_GAP = 120;

export interface AutoLayoutOptions {
  /** Node ids to lay out; every other node keeps its position (when it has one). */
  only?: readonly string[];
  /** The size components are drawn at (the app's canvas); NODE_WIDTH × NODE_HEIGHT by default. */
  nodeSize?: { w: number; h: number };
}

/** A connection's route from the layout: its points from the `from` component's border to the `to` one's, in canvas coordinates. */
export type EdgeRoute = readonly { x: number; y: number }[];

export interface LayoutResult {
  positions: Record<string, Position>;
  /** Routes of the connections laid out together with both their ends, by index in `doc.edges`. */
  routes: Record<number, EdgeRoute>;
}

/** Spacing is read from each node's own parent, so zones repeat it. */
const SPACING: LayoutOptions = {
  'elk.spacing.nodeNode': '56',
  'elk.layered.spacing.nodeNodeBetweenLayers': '110',
  'elk.spacing.edgeNode': '28',
  'elk.spacing.edgeEdge': '16',
  'elk.layered.spacing.edgeNodeBetweenLayers': '28',
};

const ROOT_OPTIONS: LayoutOptions = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.randomSeed': '1',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.crossingMinimization.forceNodeModelOrder': 'false',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
  ...SPACING,
  'elk.spacing.componentComponent': '90',
  'elk.separateConnectedComponents': 'true',
  'elk.padding': '[top=20,left=20,bottom=20,right=20]',
  // Edge routes in the root's coordinates, whichever zone holds them.
  'elk.json.edgeCoords': 'ROOT',
};

const ZONE_OPTIONS: LayoutOptions = {
  ...SPACING,
  'elk.padding': `[top=${ZONE_PADDING.top},left=${ZONE_PADDING.left},bottom=${ZONE_PADDING.bottom},right=${ZONE_PADDING.right}]`,
  'elk.nodeSize.constraints': 'MINIMUM_SIZE',
  'elk.nodeSize.minimum': `(${EMPTY_ZONE.w},${EMPTY_ZONE.h})`,
};

/** Observability links barely count; the data flow decides the layers. */
const FLOW_EDGE: LayoutOptions = { 'elk.layered.priority.direction': '10', 'elk.layered.priority.shortness': '5' };
const OBSERVABILITY_EDGE: LayoutOptions = { 'elk.layered.priority.direction': '0', 'elk.layered.priority.shortness': '0' };

let engine: InstanceType<typeof ELK> | undefined;
function elk(): InstanceType<typeof ELK> {
  engine ??= new ELK();
  return engine;
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

function overlaps(a: Box, b: Box, margin = 0): boolean {
  return a.x < b.x + b.w + margin && b.x < a.x + a.w + margin && a.y < b.y + b.h + margin && b.y < a.y + a.h + margin;
}

function isProtocol(p: unknown): p is Protocol {
  return typeof p === 'string' && (PROTOCOLS as readonly string[]).includes(p);
}

/** An edge for layout: drawn the way data flows, and whether it is an observability link. */
function flowEdge(kinds: ReadonlyMap<string, string>, from: string, to: string, protocol: unknown): { from: string; to: string; observability: boolean } {
  const a = getKind(kinds.get(from) ?? '');
  const b = getKind(kinds.get(to) ?? '');
  const p = isProtocol(protocol) ? protocol : a && b ? defaultProtocol(a, b) : undefined;
  if (p && OBSERVABILITY_PROTOCOLS.includes(p)) {
    const reversed = a && b ? flowOf(a, b, p).source === 'to' : false;
    return reversed ? { from: to, to: from, observability: true } : { from, to, observability: true };
  }
  // Links to observability tools with no protocol set are telemetry too.
  const obs = (a?.category === 'observability' || b?.category === 'observability') && !p;
  return { from, to, observability: obs };
}

interface Sub {
  nodes: string[];
  /** Nodes by zone id ('' for none). */
  zoneOf: ReadonlyMap<string, string>;
  zones: string[];
}

interface Size {
  w: number;
  h: number;
}

/** Lays out a set of nodes (with their zones) on its own; positions (and edge routes) relative to the block's top-left. */
async function layoutBlock(doc: Topology, sub: Sub, kinds: ReadonlyMap<string, string>, size: Size): Promise<{ positions: Map<string, Box>; routes: Map<number, { x: number; y: number }[]>; width: number; height: number }> {
  const inSub = new Set(sub.nodes);
  const zoneNodes = new Map<string, ElkNode>();
  const root: ElkNode = { id: '__root', layoutOptions: ROOT_OPTIONS, children: [], edges: [] };
  for (const z of sub.zones) {
    const zn: ElkNode = { id: `z:${z}`, layoutOptions: ZONE_OPTIONS, children: [], edges: [] };
    zoneNodes.set(z, zn);
    root.children!.push(zn);
  }
  for (const id of sub.nodes) {
    const z = sub.zoneOf.get(id) ?? '';
    const parent = z ? zoneNodes.get(z)! : root;
    parent.children!.push({ id: `n:${id}`, width: size.w, height: size.h });
  }
  const edges = Array.isArray(doc.edges) ? doc.edges : [];
  const reversed = new Set<number>();
  edges.forEach((e, i) => {
    if (!e || typeof e.from !== 'string' || typeof e.to !== 'string') return;
    if (e.from === e.to || !inSub.has(e.from) || !inSub.has(e.to)) return;
    const f = flowEdge(kinds, e.from, e.to, e.protocol);
    if (f.from !== e.from) reversed.add(i);
    const za = sub.zoneOf.get(f.from) ?? '';
    const zb = sub.zoneOf.get(f.to) ?? '';
    const container = za && za === zb ? zoneNodes.get(za)! : root;
    const edge: ElkExtendedEdge = {
      id: `e${i}`,
      sources: [`n:${f.from}`],
      targets: [`n:${f.to}`],
      layoutOptions: f.observability ? OBSERVABILITY_EDGE : FLOW_EDGE,
    };
    container.edges!.push(edge);
  });
  const out = await elk().layout(root);
  const positions = new Map<string, Box>();
  const visit = (n: ElkNode, ox: number, oy: number) => {
    for (const c of n.children ?? []) {
      const x = ox + (c.x ?? 0);
      const y = oy + (c.y ?? 0);
      positions.set(c.id, { x, y, w: c.width ?? size.w, h: c.height ?? size.h });
      visit(c, x, y);
    }
  };
  visit(out, 0, 0);
  // Each connection's route, drawn from its `from` end (ELK was given observability links the way data flows).
  const routes = new Map<number, { x: number; y: number }[]>();
  const collect = (n: ElkNode) => {
    for (const e of (n.edges ?? []) as ElkExtendedEdge[]) {
      const sec = e.sections?.[0];
      if (!sec || e.sections!.length !== 1) continue;
      const pts = [sec.startPoint, ...(sec.bendPoints ?? []), sec.endPoint].map((p) => ({ x: p.x, y: p.y }));
      const i = Number(e.id.slice(1));
      routes.set(i, reversed.has(i) ? pts.reverse() : pts);
    }
    for (const c of n.children ?? []) collect(c);
  };
  collect(out);
  return { positions, routes, width: out.width ?? 0, height: out.height ?? 0 };
}

const round = (v: number) => Math.round(v);

/** Routes moved with their block (positions are rounded to whole pixels: the routes' ends may be off by a fraction of one). */
function shifted(routes: ReadonlyMap<number, { x: number; y: number }[]>, dx: number, dy: number): Record<number, EdgeRoute> {
  const out: Record<number, EdgeRoute> = {};
  for (const [i, pts] of routes) if (pts.length >= 2) out[i] = pts.map((p) => ({ x: Math.round(p.x + dx), y: Math.round(p.y + dy) }));
  return out;
}

/**
 * Positions for every node and zone of `doc`. With `only`, just those nodes are laid out (among
 * themselves, with their zones) and every other node keeps the position it has; nodes with no
 * position yet are laid out too. The laid-out block goes where those nodes were, or, when that
 * would cover a component that keeps its place, to the right of everything.
 */
export async function autoLayout(doc: Topology, opts: AutoLayoutOptions = {}): Promise<Record<string, Position>> {
  return (await autoLayoutWithRoutes(doc, opts)).positions;
}

/** `autoLayout`, with the routes ELK drew for the connections it laid out (the app draws them so they go around components). */
export async function autoLayoutWithRoutes(doc: Topology, opts: AutoLayoutOptions = {}): Promise<LayoutResult> {
  const size: Size = opts.nodeSize ?? { w: NODE_WIDTH, h: NODE_HEIGHT };
  const NODE_W = size.w;
  const NODE_H = size.h;
  const nodes = (Array.isArray(doc.nodes) ? doc.nodes : []).filter((n) => n && typeof n.id === 'string');
  const seen = new Set<string>();
  const ids: string[] = [];
  const kinds = new Map<string, string>();
  for (const n of nodes) {
    if (seen.has(n.id)) continue;
    seen.add(n.id);
    ids.push(n.id);
    kinds.set(n.id, typeof n.kind === 'string' ? n.kind : '');
  }
  const zoneIds: string[] = [];
  for (const g of Array.isArray(doc.groups) ? doc.groups : []) if (g && typeof g.id === 'string' && !zoneIds.includes(g.id) && !seen.has(g.id)) zoneIds.push(g.id);
  const zoneSet = new Set(zoneIds);
  const zoneOf = new Map<string, string>();
  for (const n of nodes) if (!zoneOf.has(n.id)) zoneOf.set(n.id, typeof n.group === 'string' && zoneSet.has(n.group) ? n.group : '');

  const layout = doc.layout && typeof doc.layout === 'object' ? doc.layout : {};
  const hasPos = (id: string) => {
    const p = Object.prototype.hasOwnProperty.call(layout, id) ? layout[id] : undefined;
    return !!p && Number.isFinite(p.x) && Number.isFinite(p.y);
  };

  const wanted = opts.only ? new Set(opts.only) : undefined;
  const moving = wanted ? ids.filter((id) => wanted.has(id) || !hasPos(id)) : ids;
  const kept = ids.filter((id) => !moving.includes(id));

  if (kept.length === 0) {
    // Everything: one layout, every zone included (empty ones too).
    const block = await layoutBlock(doc, { nodes: ids, zoneOf, zones: zoneIds }, kinds, size);
    const result: Record<string, Position> = {};
    for (const id of ids) {
      const b = block.positions.get(`n:${id}`)!;
      result[id] = { x: round(b.x), y: round(b.y) };
    }
    for (const z of zoneIds) {
      const b = block.positions.get(`z:${z}`)!;
      result[z] = { x: round(b.x), y: round(b.y), w: round(b.w), h: round(b.h) };
    }
    return { positions: result, routes: shifted(block.routes, 0, 0) };
  }

  // Part of the design: lay the moving nodes out together, then place the block.
  const movingZones = zoneIds.filter((z) => moving.some((id) => zoneOf.get(id) === z));
  const block = await layoutBlock(doc, { nodes: moving, zoneOf, zones: movingZones }, kinds, size);
  const result: Record<string, Position> = {};
  const keptBoxes: Box[] = [];
  for (const id of kept) {
    const p = layout[id]!;
    result[id] = { x: p.x, y: p.y };
    keptBoxes.push({ x: p.x, y: p.y, w: NODE_W, h: NODE_H });
  }
  // Zones with no moving member keep their box (or get one around their members).
  const zoneBox = (members: Box[]): Box | undefined => {
    if (members.length === 0) return undefined;
    const x0 = Math.min(...members.map((b) => b.x)) - ZONE_PADDING.left;
    const y0 = Math.min(...members.map((b) => b.y)) - ZONE_PADDING.top;
    const x1 = Math.max(...members.map((b) => b.x + b.w)) + ZONE_PADDING.right;
    const y1 = Math.max(...members.map((b) => b.y + b.h)) + ZONE_PADDING.bottom;
    return { x: x0, y: y0, w: Math.max(EMPTY_ZONE.w, x1 - x0), h: Math.max(EMPTY_ZONE.h, y1 - y0) };
  };
  for (const z of zoneIds) {
    if (movingZones.includes(z)) continue;
    const members = kept.filter((id) => zoneOf.get(id) === z).map((id) => ({ x: layout[id]!.x, y: layout[id]!.y, w: NODE_W, h: NODE_H }));
    const own = layout[z];
    const box = own && Number.isFinite(own.x) && Number.isFinite(own.y)
      ? { x: own.x, y: own.y, w: own.w ?? EMPTY_ZONE.w, h: own.h ?? EMPTY_ZONE.h }
      : zoneBox(members);
    if (box) {
      // A stored box that no longer holds its members grows to hold them.
      const grown = zoneBox(members);
      const merged = grown
        ? (() => {
            const x0 = Math.min(box.x, grown.x);
            const y0 = Math.min(box.y, grown.y);
            return { x: x0, y: y0, w: Math.max(box.x + box.w, grown.x + grown.w) - x0, h: Math.max(box.y + box.h, grown.y + grown.h) - y0 };
          })()
        : box;
      result[z] = { x: round(merged.x), y: round(merged.y), w: round(merged.w), h: round(merged.h) };
      keptBoxes.push(merged);
    }
  }

  // Where the block goes: where the moving nodes were, if they all had a place and it is free.
  const blockBoxes = [...block.positions.entries()].filter(([k]) => k.startsWith('n:') || k.startsWith('z:')).map(([, b]) => b);
  const minX = Math.min(0, ...blockBoxes.map((b) => b.x));
  const minY = Math.min(0, ...blockBoxes.map((b) => b.y));
  const at = (ox: number, oy: number) => blockBoxes.map((b) => ({ x: b.x - minX + ox, y: b.y - minY + oy, w: b.w, h: b.h }));
  const free = (ox: number, oy: number) => !at(ox, oy).some((b) => keptBoxes.some((k) => overlaps(b, k, 16)));
  let origin: { x: number; y: number } | undefined;
  const before = moving.filter(hasPos).map((id) => layout[id]!);
  if (before.length === moving.length && before.length > 0) {
    const o = { x: Math.min(...before.map((p) => p.x)) - 20, y: Math.min(...before.map((p) => p.y)) - 20 };
    if (free(o.x, o.y)) origin = o;
  }
  if (!origin) {
    const right = Math.max(...keptBoxes.map((b) => b.x + b.w));
    const top = Math.min(...keptBoxes.map((b) => b.y));
    origin = { x: right + BLOCK_GAP, y: top };
  }
  for (const id of moving) {
    const b = block.positions.get(`n:${id}`)!;
    result[id] = { x: round(b.x - minX + origin.x), y: round(b.y - minY + origin.y) };
  }
  const routes = shifted(block.routes, origin.x - minX, origin.y - minY);
  // Zones still without a place (empty, never placed) go below everything, side by side.
  const bottom = Math.max(...Object.values(result).map((p) => p.y + (p.h ?? NODE_H)));
  let nextX = Math.min(...Object.values(result).map((p) => p.x));
  for (const z of zoneIds) {
    if (result[z] || movingZones.includes(z)) continue;
    result[z] = { x: round(nextX), y: round(bottom + BLOCK_GAP), w: EMPTY_ZONE.w, h: EMPTY_ZONE.h };
    nextX += EMPTY_ZONE.w + BLOCK_GAP / 2;
  }
  for (const z of movingZones) {
    // A zone with members on both sides is drawn around all of them.
    const members: Box[] = [...kept, ...moving].filter((id) => zoneOf.get(id) === z).map((id) => ({ x: result[id]!.x, y: result[id]!.y, w: NODE_W, h: NODE_H }));
    const box = zoneBox(members)!;
    result[z] = { x: round(box.x), y: round(box.y), w: round(box.w), h: round(box.h) };
  }
  return { positions: result, routes };
}

/** The design with positions for every node and zone that has none (nothing else changes). */
export async function withLayout(doc: Topology): Promise<Topology> {
  const nodes = Array.isArray(doc.nodes) ? doc.nodes : [];
  const groups = Array.isArray(doc.groups) ? doc.groups : [];
  const layout = doc.layout ?? {};
  const missing = new Set(nodes.filter((n) => !layout[n.id]).map((n) => n.id));
  const touchedZones = new Set(groups.filter((g) => !layout[g.id] || nodes.some((n) => n.group === g.id && missing.has(n.id))).map((g) => g.id));
  if (missing.size === 0 && touchedZones.size === 0) return doc;
  const positions = await autoLayout(doc, { only: [...missing] });
  const next: Record<string, Position> = { ...layout };
  for (const [id, p] of Object.entries(positions)) if (missing.has(id) || touchedZones.has(id)) next[id] = p;
  return { ...doc, layout: next };
}
