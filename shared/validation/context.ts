import type { KindDef } from '../catalog';
import type { ResolvedDesign } from '../resolve';
import type { Diagnostic, Group, Protocol, TopoEdge, TopoNode, Topology, TrustLevel } from '../model/types';
import type { Code } from './codes';
import { CODES } from './codes';

/** A finding of a per-node or per-edge rule; its path is relative to its node or edge. */
export interface LocalDiag {
  code: Code;
  message: string;
  hint: string;
  /** Node ids; the owner's id is filled in for node rules when empty. */
  nodes: string[];
  /** Path below `nodes[i]` / `edges[i]`, e.g. `props.port`; empty for the item itself. */
  rel: string;
}

export interface NodeInfo {
  node: TopoNode;
  id: string;
  index: number;
  /** Position in `Index.nodes` (differs from `index` when the document has non-object entries). */
  pos: number;
  kind: KindDef | undefined;
  /** "Orders API (REST service)". */
  name: string;
  group: Group | undefined;
  /** Trust of its zone: the group's trust, `internal` for a zone without one or no zone. */
  trust: TrustLevel;
  /** Connections drawn from it and into it (every edge, valid or not, self-loops excluded). */
  out: EdgeInfo[];
  in: EdgeInfo[];
  /** Valid connections by data flow: it is the source / the sink. */
  flowOut: EdgeInfo[];
  flowIn: EdgeInfo[];
}

export interface EdgeInfo {
  edge: TopoEdge;
  id: string;
  index: number;
  /** 1 for the first connection between its two ends, 2 for the second (`#2`), ... */
  nth: number;
  from: NodeInfo | undefined;
  to: NodeInfo | undefined;
  /** The protocol carried, set only when the connection is valid. */
  protocol: Protocol | undefined;
  /** Data-flow ends (producer/caller -> consumer/callee), set when the connection is valid. */
  source: NodeInfo | undefined;
  sink: NodeInfo | undefined;
}

export interface Index {
  doc: Topology;
  /** The resolved design (what the generators read), worked out on first use. */
  readonly resolved: ResolvedDesign;
  nodes: NodeInfo[];
  /** First node of each id. */
  byId: Map<string, NodeInfo>;
  edges: EdgeInfo[];
  groups: Map<string, Group>;
  /** Positions in `doc.nodes` / `doc.edges` that may hold a credential (the others hold none); worked out when absent. */
  secretScope?: { nodes: readonly number[]; edges: readonly number[] };
}

export function makeDiagnostic(
  code: Code,
  message: string,
  hint: string,
  nodes: string[],
  edges: string[],
  path?: string,
): Diagnostic {
  const d: Diagnostic = { code, severity: CODES[code].severity, message, nodes, edges, hint };
  if (path !== undefined) d.path = path;
  return d;
}

/** A prop of a node, or the kind's default when absent or of the wrong type. */
export function nodeProp(n: NodeInfo, key: string): unknown {
  const v = n.node.props?.[key];
  const def = n.kind ? defaultOf(n.kind, key) : undefined;
  if (v === undefined || v === null) return def;
  if (def !== undefined && typeof def !== typeof v && !(Array.isArray(def) && Array.isArray(v))) return def;
  return v;
}

const kindDefaults = new WeakMap<KindDef, Map<string, unknown>>();
function defaultOf(kind: KindDef, key: string): unknown {
  let m = kindDefaults.get(kind);
  if (!m) {
    m = new Map(kind.props.map((p) => [p.key, p.default]));
    kindDefaults.set(kind, m);
  }
  return m.get(key);
}

export function nodeNum(n: NodeInfo, key: string): number {
  const v = nodeProp(n, key);
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

export function nodeStr(n: NodeInfo, key: string): string {
  const v = nodeProp(n, key);
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

export function edgeProp(e: EdgeInfo, key: string): unknown {
  return e.edge.props?.[key];
}

export function edgeNum(e: EdgeInfo, key: string): number {
  const v = edgeProp(e, key);
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

export function edgeStr(e: EdgeInfo, key: string): string {
  const v = edgeProp(e, key);
  return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
}

export function edgeBool(e: EdgeInfo, key: string): boolean {
  return edgeProp(e, key) === true;
}

export function nodePath(n: NodeInfo, rel = ''): string {
  return rel ? `nodes[${n.index}].${rel}` : `nodes[${n.index}]`;
}

export function edgePath(e: EdgeInfo, rel = ''): string {
  return rel ? `edges[${e.index}].${rel}` : `edges[${e.index}]`;
}

// ── Buckets: the nodes of some kinds, the edges of some protocols ──────────────────────────

/**
 * The design-wide rules each look at a few kinds of components (gateways, brokers, stores...)
 * or connections of a few protocols. One pass over the nodes and one over the edges sorts them
 * into buckets; a rule then walks only its own (on a big design, a pass over every node costs
 * more in memory traffic than the checks it makes).
 */
interface Buckets {
  byKind: Map<KindDef, NodeInfo[]>;
  byProtocol: Map<Protocol, EdgeInfo[]>;
  /** The second, third... connection between the same two ends (`nth > 1`). */
  repeated: EdgeInfo[];
  nodeMemo: Map<(k: KindDef) => boolean, NodeInfo[]>;
  edgeMemo: Map<ReadonlySet<Protocol>, EdgeInfo[]>;
}

const bucketCache = new WeakMap<Index, Buckets>();

function bucketsOf(index: Index): Buckets {
  let b = bucketCache.get(index);
  if (b) return b;
  const byKind = new Map<KindDef, NodeInfo[]>();
  for (let i = 0, list = index.nodes; i < list.length; i++) {
    const n = list[i]!;
    if (!n.kind) continue;
    const l = byKind.get(n.kind);
    if (l) l.push(n);
    else byKind.set(n.kind, [n]);
  }
  const byProtocol = new Map<Protocol, EdgeInfo[]>();
  const repeated: EdgeInfo[] = [];
  for (let i = 0, list = index.edges; i < list.length; i++) {
    const e = list[i]!;
    if (e.nth > 1) repeated.push(e);
    if (!e.protocol) continue;
    const l = byProtocol.get(e.protocol);
    if (l) l.push(e);
    else byProtocol.set(e.protocol, [e]);
  }
  b = { byKind, byProtocol, repeated, nodeMemo: new Map(), edgeMemo: new Map() };
  bucketCache.set(index, b);
  return b;
}

/** The nodes whose (known) kind passes `test`, in document order. Memoised per test function: pass a fixed one. */
export function nodesWhere(index: Index, test: (k: KindDef) => boolean): NodeInfo[] {
  const b = bucketsOf(index);
  let out = b.nodeMemo.get(test);
  if (out) return out;
  const parts: NodeInfo[][] = [];
  for (const [k, list] of b.byKind) if (test(k)) parts.push(list);
  if (parts.length > 2) {
    // Many kinds (e.g. every kind that publishes a port): sort the positions as numbers.
    let total = 0;
    for (const p of parts) total += p.length;
    const pos = new Int32Array(total);
    let k = 0;
    for (const p of parts) for (let i = 0; i < p.length; i++) pos[k++] = p[i]!.pos;
    pos.sort();
    out = new Array<NodeInfo>(total);
    for (let i = 0; i < total; i++) out[i] = index.nodes[pos[i]!]!;
  } else out = mergeSorted(parts, nodePos);
  b.nodeMemo.set(test, out);
  return out;
}

/** The valid connections carrying one of `protocols`, in document order. Memoised per set: pass a fixed one. */
export function edgesWith(index: Index, protocols: ReadonlySet<Protocol>): EdgeInfo[] {
  const b = bucketsOf(index);
  let out = b.edgeMemo.get(protocols);
  if (out) return out;
  const parts: EdgeInfo[][] = [];
  for (const [p, list] of b.byProtocol) if (protocols.has(p)) parts.push(list);
  if (parts.length > 2) {
    // Many protocols (e.g. every request-reply one): one pass over the connections, in order.
    out = [];
    for (let i = 0, list = index.edges; i < list.length; i++) {
      const e = list[i]!;
      if (e.protocol && protocols.has(e.protocol)) out.push(e);
    }
  } else out = mergeSorted(parts, edgeIndex);
  b.edgeMemo.set(protocols, out);
  return out;
}

/** The connections with `nth > 1`, in document order. */
export function repeatedEdges(index: Index): EdgeInfo[] {
  return bucketsOf(index).repeated;
}

const nodePos = (n: NodeInfo): number => n.pos;
const edgeIndex = (e: EdgeInfo): number => e.index;

/** Lists each ascending by `key` (and disjoint) merged into one, ascending. */
function mergeSorted<T>(parts: T[][], key: (x: T) => number): T[] {
  if (parts.length === 0) return [];
  if (parts.length === 1) return parts[0]!;
  let total = 0;
  for (const p of parts) total += p.length;
  const out: T[] = new Array(total);
  const at = new Array<number>(parts.length).fill(0);
  for (let k = 0; k < total; k++) {
    let best = -1;
    let bestKey = Infinity;
    for (let j = 0; j < parts.length; j++) {
      const p = parts[j]!;
      if (at[j]! < p.length) {
        const v = key(p[at[j]!]!);
        if (v < bestKey) {
          bestKey = v;
          best = j;
        }
      }
    }
    out[k] = parts[best]![at[best]!++]!;
  }
  return out;
}
