import type { Edge, Node, Position as Side } from '@xyflow/react';
import type { KindDef } from '../../shared/catalog';
import { getKind } from '../../shared/catalog';
import { edgeIds } from '../../shared/model/ids';
import type { Diagnostic, Group, Position, Protocol, Severity, TopoEdge, TopoNode, Topology } from '../../shared/model/types';
import { edgeCaption, edgeProtocol } from '../../generators/mermaid/edges';

/**
 * React Flow's nodes and edges, derived from the document. Layout positions in the document are
 * absolute canvas coordinates for components and zones alike. Derivation is incremental: a
 * component whose document object, position, size and selection did not change keeps its
 * React Flow node object, so React Flow and the memoised node views skip it.
 */

export const NODE_WIDTH = 208;
export const NODE_HEIGHT = 64;
const NODE_SIZE = { width: NODE_WIDTH, height: NODE_HEIGHT } as const;
/**
 * Where a component's two dots are (TopoNodeView: target on the left edge, source on the right,
 * 12 px, centred on the edge, app.css), handed to React Flow up front: without them it draws every
 * component once to measure them, culling or not, and a 5,000-component design took seconds to
 * show (docs/performance.md). React Flow measures the drawn ones as before.
 */
const HANDLE = 12;
const TOPO_HANDLES: NonNullable<Node['handles']> = [
  { type: 'target', position: 'left' as Side, x: -HANDLE / 2, y: NODE_HEIGHT / 2 - HANDLE / 2, width: HANDLE, height: HANDLE },
  { type: 'source', position: 'right' as Side, x: NODE_WIDTH - HANDLE / 2, y: NODE_HEIGHT / 2 - HANDLE / 2, width: HANDLE, height: HANDLE },
];
/** A zone has no dots: said up front for the same reason. */
const NO_HANDLES: NonNullable<Node['handles']> = [];
export const GRID = 16;
/** Connections' stacking order: above every component (see createEdgeDeriver). */
export const EDGE_Z = 1001;
/** Zone size when its layout has none. */
export const DEFAULT_ZONE = { w: 480, h: 320 };

export interface TopoNodeData extends Record<string, unknown> {
  node: TopoNode;
  kind: KindDef | undefined;
}

export interface ZoneNodeData extends Record<string, unknown> {
  group: Group;
}

export interface TopoEdgeData extends Record<string, unknown> {
  edge: TopoEdge;
  protocol: Protocol | undefined;
  caption: string;
  /** The ends' labels, for the accessible name (re-derived when they change). */
  ends: string;
}

export type TopoFlowNode = Node<TopoNodeData, 'topo'>;
export type ZoneFlowNode = Node<ZoneNodeData, 'zone'>;
export type FlowNode = TopoFlowNode | ZoneFlowNode;
export type FlowEdge = Edge<TopoEdgeData, 'topo'>;

export interface Selection {
  nodes: readonly string[];
  edges: readonly string[];
}

export interface Transient {
  /** Positions while a drag is in progress (committed to `layout` on drag stop). */
  drag: Readonly<Record<string, { x: number; y: number }>>;
  /** Sizes measured by React Flow, handed back so it keeps them. */
  measured: Readonly<Record<string, { width: number; height: number }>>;
}

export const NO_TRANSIENT: Transient = { drag: {}, measured: {} };

/** Where the `index`-th component without a position goes: a grid below `top`, in document order. */
export function fallbackPosition(index: number, top = 0): { x: number; y: number } {
  const col = index % 5;
  const row = Math.floor(index / 5);
  return { x: col * (NODE_WIDTH + 96), y: top + row * (NODE_HEIGHT + 96) };
}

/** Position of every component and zone: the layout's, or, for those without one, a grid below the placed components (components) and the box around their members (zones). */
export function positionsOf(doc: Topology): Map<string, Position> {
  const out = new Map<string, Position>();
  let missing = 0;
  let top = 0;
  let placed = false;
  for (const n of doc.nodes) {
    const p = doc.layout[n.id];
    if (p) {
      top = placed ? Math.max(top, p.y + NODE_HEIGHT + 96) : p.y + NODE_HEIGHT + 96;
      placed = true;
    }
  }
  top = Math.ceil(top / GRID) * GRID;
  for (const n of doc.nodes) {
    const p = doc.layout[n.id];
    out.set(n.id, p ?? fallbackPosition(missing++, top));
  }
  doc.groups.forEach((g, i) => {
    const p = doc.layout[g.id];
    if (p) return void out.set(g.id, p);
    const members = doc.nodes.filter((n) => n.group === g.id).map((n) => out.get(n.id)!);
    if (!members.length) return void out.set(g.id, { x: -40 + i * (DEFAULT_ZONE.w + 48), y: -400, ...DEFAULT_ZONE });
    const x = Math.min(...members.map((m) => m.x)) - 2 * GRID;
    const y = Math.min(...members.map((m) => m.y)) - 3 * GRID;
    const w = Math.max(...members.map((m) => m.x + NODE_WIDTH)) + 2 * GRID - x;
    const h = Math.max(...members.map((m) => m.y + NODE_HEIGHT)) + 2 * GRID - y;
    out.set(g.id, { x, y, w, h });
  });
  return out;
}

/** Creates a node deriver that remembers its last output per id. */
export function createNodeDeriver() {
  let cache = new Map<string, FlowNode>();
  let last: FlowNode[] = [];
  // The positions, again only when the components, zones or layout change: not on every frame of a drag.
  let posOf: { nodes: Topology['nodes']; groups: Topology['groups']; layout: Topology['layout']; positions: Map<string, Position> } | undefined;
  // What the last list was derived from, and where each id is in it (built when a drag first needs it).
  let from: { doc: Topology; selection: Selection; transient: Transient } | undefined;
  let indexOf: Map<string, number> | undefined;
  return (doc: Topology, selection: Selection, transient: Transient = NO_TRANSIENT): FlowNode[] => {
    // A drag frame (only drag positions changed) or a selection change (a press on a component
    // selects it as its drag starts): what changed is patched into a copy of the last list, every
    // other node object kept, instead of a pass over every component.
    if (from && posOf && from.doc === doc && from.transient.measured === transient.measured && (from.transient.drag !== transient.drag || from.selection !== selection)) {
      const prev = from;
      from = { doc, selection, transient };
      if (!indexOf) {
        indexOf = new Map();
        last.forEach((n, i) => indexOf!.set(n.id, i));
      }
      const isSel = prev.selection.nodes === selection.nodes ? undefined : new Set(selection.nodes);
      let out: FlowNode[] | undefined;
      const patch = (id: string) => {
        const i = indexOf!.get(id);
        if (i === undefined) return;
        const was = (out ?? last)[i]!;
        const p = transient.drag[id] ?? posOf!.positions.get(id);
        const sel = isSel ? isSel.has(id) : !!was.selected;
        if (!p || (was.position.x === p.x && was.position.y === p.y && !!was.selected === sel)) return;
        const n = { ...was, position: { x: p.x, y: p.y }, selected: sel } as FlowNode;
        out ??= last.slice();
        out[i] = n;
        cache.set(id, n);
      };
      for (const id in transient.drag) patch(id);
      if (prev.transient.drag !== transient.drag) for (const id in prev.transient.drag) if (!(id in transient.drag)) patch(id);
      if (isSel) {
        for (const id of prev.selection.nodes) patch(id);
        for (const id of selection.nodes) patch(id);
      }
      if (out) last = out;
      return last;
    }
    from = { doc, selection, transient };
    indexOf = undefined;
    const selected = new Set(selection.nodes);
    if (!posOf || posOf.nodes !== doc.nodes || posOf.groups !== doc.groups || posOf.layout !== doc.layout) {
      posOf = { nodes: doc.nodes, groups: doc.groups, layout: doc.layout, positions: positionsOf(doc) };
    }
    const positions = posOf.positions;
    const next = new Map<string, FlowNode>();
    const out: FlowNode[] = [];
    let same = true;

    for (const g of doc.groups) {
      const p = transient.drag[g.id] ?? positions.get(g.id)!;
      const box = doc.layout[g.id] ?? positions.get(g.id);
      const w = box?.w ?? DEFAULT_ZONE.w;
      const h = box?.h ?? DEFAULT_ZONE.h;
      const prev = cache.get(g.id) as ZoneFlowNode | undefined;
      const isSel = selected.has(g.id);
      let n: ZoneFlowNode;
      if (prev && prev.type === 'zone' && prev.data.group === g && prev.position.x === p.x && prev.position.y === p.y && prev.width === w && prev.height === h && !!prev.selected === isSel) {
        n = prev;
      } else {
        n = { id: g.id, type: 'zone', position: { x: p.x, y: p.y }, width: w, height: h, zIndex: -1, selected: isSel, data: { group: g }, ariaLabel: `${g.label} (zone)`, dragHandle: '.zone-handle', handles: NO_HANDLES };
      }
      next.set(g.id, n);
      out.push(n);
      if (n !== last[out.length - 1]) same = false;
    }

    const seen = new Set<string>();
    for (const node of doc.nodes) {
      if (seen.has(node.id)) continue; // a duplicate id (invalid file) is drawn once
      seen.add(node.id);
      const p = transient.drag[node.id] ?? positions.get(node.id)!;
      // A component's box has a fixed size (app.css): React Flow gets it up front, so it can fit
      // the view and cull before it has measured anything, and has no size to hand back.
      const m = transient.measured[node.id] ?? NODE_SIZE;
      const isSel = selected.has(node.id);
      const prev = cache.get(node.id) as TopoFlowNode | undefined;
      let n: TopoFlowNode;
      if (
        prev && prev.type === 'topo' && prev.data.node === node && prev.position.x === p.x && prev.position.y === p.y && !!prev.selected === isSel &&
        prev.measured?.width === m?.width && prev.measured?.height === m?.height
      ) {
        n = prev;
      } else {
        const kind = getKind(node.kind);
        n = {
          id: node.id,
          type: 'topo',
          position: { x: p.x, y: p.y },
          selected: isSel,
          // The same data object while the component is the same: its memoised view skips moves and selection.
          data: prev && prev.type === 'topo' && prev.data.node === node ? prev.data : { node, kind },
          ariaLabel: `${node.label} (${kind?.name ?? `unknown kind ${node.kind}`})`,
          measured: { width: m.width, height: m.height },
          handles: TOPO_HANDLES,
        };
      }
      next.set(node.id, n);
      out.push(n);
      if (n !== last[out.length - 1]) same = false;
    }
    cache = next;
    if (same && out.length === last.length) return last;
    last = out;
    return out;
  };
}

/** Creates an edge deriver that remembers its last output per id. */
export function createEdgeDeriver() {
  let cache = new Map<string, FlowEdge>();
  let last: FlowEdge[] = [];
  let lastNodes: TopoNode[] | undefined;
  let byId = new Map<string, TopoNode>();
  let lastEdges: Topology['edges'] | undefined;
  let ids: string[] = [];
  let lastLabelNodes: readonly TopoNode[] | undefined;
  let labelOf = new Map<string, string>();
  // What the last list was derived from, and where each id is in it (built when a selection first needs it).
  let from: { doc: Topology; selection: Selection; labelNodes: readonly TopoNode[] } | undefined;
  let indexOf: Map<string, number> | undefined;
  /**
   * `labelNodes`: the components whose labels name the connections' ends (their accessible names);
   * by default the document's. A large design passes them as they were when typing last paused,
   * so that a label typed into does not make new connection objects on every key (and React Flow
   * index 17,000 connections again).
   */
  return (doc: Topology, selection: Selection, labelNodes: readonly TopoNode[] = doc.nodes): FlowEdge[] => {
    if (doc.nodes !== lastNodes) {
      byId = new Map();
      for (const n of doc.nodes) if (!byId.has(n.id)) byId.set(n.id, n);
      lastNodes = doc.nodes;
    }
    if (labelNodes !== lastLabelNodes) {
      labelOf = new Map();
      for (const n of labelNodes) if (!labelOf.has(n.id)) labelOf.set(n.id, n.label);
      lastLabelNodes = labelNodes;
    }
    const label = (id: string) => labelOf.get(id) ?? byId.get(id)!.label;
    // Only the selection changed (a press on a component selects it as its drag starts): the
    // connections whose selected flag changed are patched into a copy of the last list, and
    // none when only components were selected, instead of a pass over every connection.
    if (from && from.doc.nodes === doc.nodes && from.doc.edges === doc.edges && from.labelNodes === labelNodes) {
      const prev = from.selection;
      from = { doc, selection, labelNodes };
      if (prev.edges === selection.edges) return last;
      if (!indexOf) {
        indexOf = new Map();
        last.forEach((e, i) => indexOf!.set(e.id, i));
      }
      const isSel = new Set(selection.edges);
      let out: FlowEdge[] | undefined;
      const patch = (id: string) => {
        const i = indexOf!.get(id);
        if (i === undefined) return;
        const was = (out ?? last)[i]!;
        if (!!was.selected === isSel.has(id)) return;
        const e = { ...was, selected: isSel.has(id) };
        out ??= last.slice();
        out[i] = e;
        cache.set(id, e);
      };
      for (const id of prev.edges) patch(id);
      for (const id of selection.edges) patch(id);
      if (out) last = out;
      return last;
    }
    from = { doc, selection, labelNodes };
    indexOf = undefined;
    const selected = new Set(selection.edges);
    // The ids, again only when the connections change (not when a component is renamed or moved).
    if (doc.edges !== lastEdges) {
      ids = edgeIds(doc.edges);
      lastEdges = doc.edges;
    }
    const next = new Map<string, FlowEdge>();
    const out: FlowEdge[] = [];
    let same = true;
    doc.edges.forEach((edge, i) => {
      if (!byId.has(edge.from) || !byId.has(edge.to)) return; // dangling: reported by validation, not drawn
      const id = ids[i]!;
      const protocol = edgeProtocol(edge, byId);
      const isSel = selected.has(id);
      const ends = `${label(edge.from)}\u0000${label(edge.to)}`;
      const prev = cache.get(id);
      let e: FlowEdge;
      if (prev && prev.data!.edge === edge && prev.data!.protocol === protocol && !!prev.selected === isSel && prev.data!.ends === ends) e = prev;
      else {
        const caption = edgeCaption(edge, protocol);
        // Above zones and components, selected ones too (React Flow lifts those by 1,000): a connection stays visible where it crosses a box.
        e = { id, type: 'topo', source: edge.from, target: edge.to, zIndex: EDGE_Z, selected: isSel, data: { edge, protocol, caption, ends }, ariaLabel: `Connection ${label(edge.from) || edge.from} to ${label(edge.to) || edge.to}${caption ? `, ${caption}` : ''}` };
      }
      next.set(id, e);
      out.push(e);
      if (e !== last[out.length - 1]) same = false;
    });
    cache = next;
    if (same && out.length === last.length) return last;
    last = out;
    return out;
  };
}

export interface DiagSummary {
  errors: number;
  warnings: number;
  infos: number;
  /** The worst severity. */
  worst: Severity;
  /** First messages, for the badge's tooltip. */
  messages: string[];
}

/** Per node id and per edge id: how many findings of which severity concern it. */
export function summarise(diags: readonly Diagnostic[]): { nodes: Map<string, DiagSummary>; edges: Map<string, DiagSummary> } {
  const nodes = new Map<string, DiagSummary>();
  const edges = new Map<string, DiagSummary>();
  const add = (m: Map<string, DiagSummary>, id: string, d: Diagnostic) => {
    let s = m.get(id);
    if (!s) {
      s = { errors: 0, warnings: 0, infos: 0, worst: d.severity, messages: [] };
      m.set(id, s);
    }
    if (d.severity === 'error') s.errors++;
    else if (d.severity === 'warning') s.warnings++;
    else s.infos++;
    s.worst = s.errors ? 'error' : s.warnings ? 'warning' : 'info';
    if (s.messages.length < 5) s.messages.push(d.message);
  };
  for (const d of diags) {
    // A finding about a connection is shown on the connection, not on both ends as well.
    if (d.edges.length) for (const e of d.edges) add(edges, e, d);
    else for (const n of d.nodes) add(nodes, n, d);
  }
  return { nodes, edges };
}
