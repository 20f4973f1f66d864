import { compatibleProtocols, defaultProtocol, edgePropDefs, getKind } from '../../shared/catalog';
import { edgeIds, isValidId, makeId } from '../../shared/model/ids';
import type { Group, Position, Protocol, Requirements, TopoEdge, TopoNode, Topology } from '../../shared/model/types';
import { ID_PATTERN, MAX_ID_LENGTH } from '../../shared/model/types';

/**
 * Small pure operations on the topology document. Each takes a document and returns a new one
 * (the input is never mutated); what did not change keeps its identity, so validation's per-node
 * cache and the canvas's derived nodes are reused. These are the steps undo/redo records.
 */

export type OpResult<T = object> = { ok: true; doc: Topology } & T;
export type OpError = { ok: false; message: string };

/** Every id in use: nodes and groups share one namespace (layout is keyed by both). */
export function takenIds(doc: Topology): Set<string> {
  const s = new Set<string>();
  for (const n of doc.nodes) s.add(n.id);
  for (const g of doc.groups) s.add(g.id);
  return s;
}

export interface AddNodeInput {
  kind: string;
  position: { x: number; y: number };
  label?: string;
  group?: string;
  props?: Record<string, unknown>;
}

/** Adds a component of `kind` at `position`; its id is made from its label (unique). */
export function addNode(doc: Topology, input: AddNodeInput): OpResult<{ id: string }> {
  const kind = getKind(input.kind);
  const label = input.label ?? kind?.name ?? input.kind;
  const id = makeId(label, takenIds(doc));
  const node: TopoNode = { id, kind: input.kind, label, props: { ...(input.props ?? {}) } };
  if (input.group) node.group = input.group;
  return {
    ok: true,
    id,
    doc: {
      ...doc,
      nodes: [...doc.nodes, node],
      layout: { ...doc.layout, [id]: { x: Math.round(input.position.x) || 0, y: Math.round(input.position.y) || 0 } },
    },
  };
}

/**
 * Removes components, connections and zones: connections touching a removed component go too,
 * as do the layout entries; components inside a removed zone stay, outside any zone.
 */
export function removeElements(doc: Topology, sel: { nodes?: readonly string[]; edges?: readonly string[]; groups?: readonly string[] }): Topology {
  const nodes = new Set(sel.nodes ?? []);
  const edges = new Set(sel.edges ?? []);
  const groups = new Set(sel.groups ?? []);
  if (!nodes.size && !edges.size && !groups.size) return doc;
  const ids = edgeIds(doc.edges);
  const keptEdges = doc.edges.filter((e, i) => !edges.has(ids[i]!) && !nodes.has(e.from) && !nodes.has(e.to));
  const layout: Record<string, Position> = {};
  for (const [k, v] of Object.entries(doc.layout)) if (!nodes.has(k) && !groups.has(k)) layout[k] = v;
  const keptNodes = doc.nodes
    .filter((n) => !nodes.has(n.id))
    .map((n) => {
      if (!n.group || !groups.has(n.group)) return n;
      const { group: _g, ...rest } = n;
      return rest as TopoNode;
    });
  return {
    ...doc,
    nodes: keptNodes.length === doc.nodes.length && keptNodes.every((n, i) => n === doc.nodes[i]) ? doc.nodes : keptNodes,
    edges: keptEdges.length === doc.edges.length ? doc.edges : keptEdges,
    groups: groups.size ? doc.groups.filter((g) => !groups.has(g.id)) : doc.groups,
    layout,
  };
}

/** Adds a connection `from -> to`, with its protocol written explicitly when one is given. */
export function connect(doc: Topology, from: string, to: string, protocol?: Protocol): OpResult<{ edgeId: string }> | OpError {
  if (!doc.nodes.some((n) => n.id === from) || !doc.nodes.some((n) => n.id === to)) {
    return { ok: false, message: 'Both ends of a connection must be components of the design.' };
  }
  if (from === to) return { ok: false, message: 'A component cannot be connected to itself.' };
  const edge: TopoEdge = { from, to, props: {} };
  if (protocol) edge.protocol = protocol;
  const edges = [...doc.edges, edge];
  return { ok: true, doc: { ...doc, edges }, edgeId: edgeIds(edges)[edges.length - 1]! };
}

function mapNode(doc: Topology, id: string, fn: (n: TopoNode) => TopoNode): Topology {
  const i = doc.nodes.findIndex((n) => n.id === id);
  if (i < 0) return doc;
  const next = fn(doc.nodes[i]!);
  if (next === doc.nodes[i]) return doc;
  const nodes = doc.nodes.slice();
  nodes[i] = next;
  return { ...doc, nodes };
}

function edgeIndex(doc: Topology, edgeId: string): number {
  return edgeIds(doc.edges).indexOf(edgeId);
}

function mapEdge(doc: Topology, edgeId: string, fn: (e: TopoEdge) => TopoEdge): Topology {
  const i = edgeIndex(doc, edgeId);
  if (i < 0) return doc;
  const next = fn(doc.edges[i]!);
  if (next === doc.edges[i]) return doc;
  const edges = doc.edges.slice();
  edges[i] = next;
  return { ...doc, edges };
}

function withProp(props: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const next = { ...props };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

/** Sets one of a component's settings; `undefined` removes it (the default applies again). */
export function setNodeProp(doc: Topology, id: string, key: string, value: unknown): Topology {
  return mapNode(doc, id, (n) => (n.props[key] === value ? n : { ...n, props: withProp(n.props, key, value) }));
}

export function setNodeLabel(doc: Topology, id: string, label: string): Topology {
  return mapNode(doc, id, (n) => (n.label === label ? n : { ...n, label }));
}

/** Puts a component into a zone (or out of any, with `undefined`). */
export function setNodeGroup(doc: Topology, id: string, group: string | undefined): Topology {
  return mapNode(doc, id, (n) => {
    if (n.group === group) return n;
    const { group: _g, ...rest } = n;
    return group ? { ...rest, group } : (rest as TopoNode);
  });
}

/** Why `next` can't be the new id of `current`, or undefined when it can. */
export function idProblem(doc: Topology, current: string, next: string): string | undefined {
  if (next === current) return undefined;
  if (!next) return 'The id cannot be empty.';
  if (next.length > MAX_ID_LENGTH) return `The id is at most ${MAX_ID_LENGTH} characters.`;
  if (!ID_PATTERN.test(next)) return 'Use lower-case letters, digits and dashes, starting with a letter (it becomes the service name).';
  if (takenIds(doc).has(next)) return `Another component or zone already has the id "${next}".`;
  return undefined;
}

/** Renames a component: its connections and its layout entry follow. */
export function renameNode(doc: Topology, current: string, next: string): OpResult | OpError {
  const problem = idProblem(doc, current, next);
  if (problem) return { ok: false, message: problem };
  if (next === current || !isValidId(next)) return { ok: true, doc };
  if (!doc.nodes.some((n) => n.id === current)) return { ok: false, message: `There is no component "${current}".` };
  const nodes = doc.nodes.map((n) => (n.id === current ? { ...n, id: next } : n));
  const edges = doc.edges.some((e) => e.from === current || e.to === current)
    ? doc.edges.map((e) => (e.from === current || e.to === current ? { ...e, from: e.from === current ? next : e.from, to: e.to === current ? next : e.to } : e))
    : doc.edges;
  const layout: Record<string, Position> = {};
  for (const [k, v] of Object.entries(doc.layout)) layout[k === current ? next : k] = v;
  return { ok: true, doc: { ...doc, nodes, edges, layout } };
}

/** Moves components and zones: only `layout` changes. Positions are rounded to whole pixels. */
export function moveElements(doc: Topology, positions: Record<string, { x: number; y: number }>): Topology {
  let changed = false;
  const layout = { ...doc.layout };
  for (const [id, p] of Object.entries(positions)) {
    const x = Math.round(p.x) || 0;
    const y = Math.round(p.y) || 0;
    const prev = layout[id];
    if (prev && prev.x === x && prev.y === y) continue;
    layout[id] = { ...prev, x, y };
    changed = true;
  }
  return changed ? { ...doc, layout } : doc;
}

/** Resizes a zone. */
export function resizeGroup(doc: Topology, id: string, size: { w: number; h: number }): Topology {
  const prev = doc.layout[id] ?? { x: 0, y: 0 };
  const w = Math.round(size.w);
  const h = Math.round(size.h);
  if (prev.w === w && prev.h === h) return doc;
  return { ...doc, layout: { ...doc.layout, [id]: { ...prev, w, h } } };
}

/**
 * Changes a connection's protocol. Settings the new protocol also has are kept; the others
 * (a Kafka topic on what is now an HTTP call) are dropped.
 */
export function setEdgeProtocol(doc: Topology, edgeId: string, protocol: Protocol | undefined): Topology {
  return mapEdge(doc, edgeId, (e) => {
    if (e.protocol === protocol) return e;
    const keys = new Set(edgePropDefs(protocol).map((d) => d.key));
    const props: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(e.props)) if (keys.has(k)) props[k] = v;
    const { protocol: _p, ...rest } = e;
    return protocol ? { ...rest, protocol, props } : { ...(rest as TopoEdge), props };
  });
}

export function setEdgeProp(doc: Topology, edgeId: string, key: string, value: unknown): Topology {
  return mapEdge(doc, edgeId, (e) => (e.props[key] === value ? e : { ...e, props: withProp(e.props, key, value) }));
}

export function setEdgeLabel(doc: Topology, edgeId: string, label: string): Topology {
  return mapEdge(doc, edgeId, (e) => {
    if ((e.label ?? '') === label) return e;
    const { label: _l, ...rest } = e;
    return label ? { ...rest, label } : (rest as TopoEdge);
  });
}

/** Design name and description. An empty description is removed. */
export function setMeta(doc: Topology, meta: { name?: string; description?: string }): Topology {
  let next = doc;
  if (meta.name !== undefined && meta.name !== doc.name) next = { ...next, name: meta.name };
  if (meta.description !== undefined && meta.description !== (doc.description ?? '')) {
    const { description: _d, ...rest } = next;
    next = meta.description ? { ...rest, description: meta.description } as Topology : (rest as Topology);
  }
  return next;
}

/** Sets one requirement; `undefined`, an empty text or an empty list removes it. */
export function setRequirement(doc: Topology, key: string, value: unknown): Topology {
  const empty = value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
  const prev = doc.requirements[key];
  if (empty && prev === undefined) return doc;
  if (!empty && prev === value) return doc;
  const requirements: Requirements = { ...doc.requirements };
  if (empty) delete requirements[key];
  else requirements[key] = value;
  return { ...doc, requirements };
}

/** Adds a zone with a size, at `position`; returns its id. */
export function addGroup(doc: Topology, input: { label: string; position: { x: number; y: number }; size?: { w: number; h: number } }): OpResult<{ id: string }> {
  const id = makeId(input.label || 'zone', takenIds(doc));
  const group: Group = { id, label: input.label || 'Zone' };
  const size = input.size ?? { w: 480, h: 320 };
  return {
    ok: true,
    id,
    doc: {
      ...doc,
      groups: [...doc.groups, group],
      layout: { ...doc.layout, [id]: { x: Math.round(input.position.x) || 0, y: Math.round(input.position.y) || 0, w: size.w, h: size.h } },
    },
  };
}

export function setGroupLabel(doc: Topology, id: string, label: string): Topology {
  const i = doc.groups.findIndex((g) => g.id === id);
  if (i < 0 || doc.groups[i]!.label === label) return doc;
  const groups = doc.groups.slice();
  groups[i] = { ...groups[i]!, label };
  return { ...doc, groups };
}

/**
 * Reverses a connection (`to -> from`). Its protocol is kept when the reversed direction can
 * carry it, else it becomes the catalog default for the new direction; settings the protocol no
 * longer has are dropped. The reversed edge keeps its place in the document.
 */
export function reverseEdge(doc: Topology, edgeId: string): Topology {
  const i = edgeIds(doc.edges).indexOf(edgeId);
  if (i < 0) return doc;
  const e = doc.edges[i]!;
  const from = doc.nodes.find((n) => n.id === e.to);
  const to = doc.nodes.find((n) => n.id === e.from);
  const F = from && getKind(from.kind);
  const T = to && getKind(to.kind);
  let protocol = e.protocol;
  if (F && T) {
    const options = compatibleProtocols(F, T);
    if (!protocol || !options.includes(protocol)) protocol = defaultProtocol(F, T) ?? options[0] ?? protocol;
  }
  const keys = new Set(edgePropDefs(protocol).map((d) => d.key));
  const props: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e.props)) if (protocol === e.protocol || keys.has(k)) props[k] = v;
  const { protocol: _p, ...rest } = e;
  const next: TopoEdge = { ...rest, from: e.to, to: e.from, props, ...(protocol ? { protocol } : {}) };
  const edges = doc.edges.slice();
  edges[i] = next;
  return { ...doc, edges };
}

/**
 * Gives every component and zone without a layout entry the position the canvas draws it at
 * (a grid below the placed components; a zone around its members), so that it stays put when
 * other things move. Used when a design is loaded; a document with a full layout is returned as is.
 */
export function fillLayout(doc: Topology, positions: (doc: Topology) => Map<string, Position>): Topology {
  const missing = [...doc.nodes.map((n) => n.id), ...doc.groups.map((g) => g.id)].filter((id) => !doc.layout[id]);
  if (!missing.length) return doc;
  const at = positions(doc);
  const layout = { ...doc.layout };
  for (const id of missing) {
    const p = at.get(id);
    if (p) layout[id] = { ...p };
  }
  return { ...doc, layout };
}

export interface KindChange {
  doc: Topology;
  /** Connections whose protocol changed to one the new kind can carry (their settings for the old one dropped). */
  changed: { edgeId: string; protocol: Protocol }[];
  /** Connections removed because the new kind cannot have them, with validation's reason. */
  dropped: { edgeId: string; from: string; to: string; reason: string }[];
}

/**
 * Changes a component's kind. Its settings the new kind also has are kept (the others dropped); a
 * label that was the old kind's name becomes the new one's. Each of its connections is judged
 * again with validation's `checkConnection`: kept as it is when it still holds, kept over the new
 * kind's default protocol when only its protocol no longer fits, removed (and listed, with the
 * reason) when the new kind cannot have it at all.
 */
export function changeKind(doc: Topology, id: string, kind: string, check: (from: TopoNode, to: TopoNode, protocol?: Protocol) => { ok: boolean; protocol?: Protocol; problems: { severity: string; message: string }[] }): KindChange {
  const i = doc.nodes.findIndex((n) => n.id === id);
  const next = getKind(kind);
  const node = doc.nodes[i];
  if (i < 0 || !node || !next || node.kind === kind) return { doc, changed: [], dropped: [] };
  const before = getKind(node.kind);
  const keys = new Set(next.props.map((p) => p.key));
  const props: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node.props)) if (keys.has(k)) props[k] = v;
  const label = before && node.label === before.name ? next.name : node.label;
  const updated: TopoNode = { ...node, kind, label, props };
  const nodes = doc.nodes.slice();
  nodes[i] = updated;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const ids = edgeIds(doc.edges);
  const changed: KindChange['changed'] = [];
  const dropped: KindChange['dropped'] = [];
  const edges: TopoEdge[] = [];
  doc.edges.forEach((e, k) => {
    if (e.from !== id && e.to !== id) return void edges.push(e);
    const a = byId.get(e.from);
    const b = byId.get(e.to);
    if (!a || !b) return void edges.push(e);
    const asIs = check(a, b, e.protocol);
    if (asIs.ok) return void edges.push(e);
    const other = e.protocol ? check(a, b) : asIs;
    if (other.ok && other.protocol) {
      const keep = new Set(edgePropDefs(other.protocol).map((d) => d.key));
      const p: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(e.props)) if (keep.has(key)) p[key] = v;
      edges.push({ ...e, protocol: other.protocol, props: p });
      changed.push({ edgeId: ids[k]!, protocol: other.protocol });
      return;
    }
    const why = asIs.problems.find((p) => p.severity === 'error')?.message ?? `${a.label} can't connect to ${b.label}`;
    dropped.push({ edgeId: ids[k]!, from: e.from, to: e.to, reason: why });
  });
  return { doc: { ...doc, nodes, edges: changed.length || dropped.length ? edges : doc.edges }, changed, dropped };
}

/**
 * Writes the answer to an open decision of the document (generators/doc/decisions.ts) into the
 * requirements under its key: a number for a number field ("10K" is 10000), a list for a list
 * field (comma-separated), the text otherwise. An empty answer removes it; a number field given
 * no number is left as it was.
 */
export function answerDecision(doc: Topology, key: string, input: 'text' | 'number' | 'list', answer: string): Topology {
  const text = answer.replace(/\s+/g, ' ').trim();
  if (!text) return setRequirement(doc, key, undefined);
  if (input === 'number') {
    const m = /(\d+(?:[.,]\d+)?)\s*([kKmM](?![A-Za-z]))?/.exec(text.replace(/(\d),(\d{3})\b/g, '$1$2'));
    if (!m) return doc;
    const n = Number(m[1]!.replace(',', '.')) * (m[2] ? (/k/i.test(m[2]) ? 1000 : 1_000_000) : 1);
    return Number.isFinite(n) && n > 0 ? setRequirement(doc, key, n) : doc;
  }
  if (input === 'list') return setRequirement(doc, key, text.split(/\s*[,;]\s*/).filter(Boolean));
  return setRequirement(doc, key, text);
}
