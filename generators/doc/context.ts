import { getKind, propsWithDefaults, PROTOCOL_NAMES, defaultsOf, edgePropDefs } from '../../shared/catalog';
import type { Category, KindDef } from '../../shared/catalog';
import { edgeIds } from '../../shared/model/ids';
import type { Diagnostic, Protocol, Requirements, TopoEdge, TopoNode, Topology } from '../../shared/model/types';
import { MESSAGING_PROTOCOLS, OBSERVABILITY_PROTOCOLS, SYNC_PROTOCOLS } from '../../shared/model/types';
import { edgeDetail, edgeProtocol } from '../mermaid/edges';
import { andList, code, md } from './markdown';
import { resolve } from '../../shared/resolve';
import type { ResolvedDesign } from '../../shared/resolve';

/** A node with its catalog entry and its settings (defaults filled in). */
export interface NodeInfo {
  node: TopoNode;
  id: string;
  kind: KindDef | undefined;
  props: Record<string, unknown>;
}

/** An edge with its id, its two ends, its protocol and its settings (defaults filled in). */
export interface EdgeInfo {
  edge: TopoEdge;
  id: string;
  from: NodeInfo;
  to: NodeInfo;
  protocol: Protocol | undefined;
  props: Record<string, unknown>;
}

/** What a field says: an answer from the design, or why it is open and what would decide it. */
export type Answer =
  | { kind: 'filled'; text: string; short?: string }
  | { kind: 'open'; why: string; decide: string };

/**
 * A filled field. `text` is inline Markdown (user text already escaped); `short` is the
 * version used inside the Prompt Template sentence, when `text` is too long for it.
 */
export const filled = (text: string, short?: string): Answer => ({ kind: 'filled', text, short });

/** A field the design does not answer: why not, and what would decide it (both inline Markdown). */
export const open = (why: string, decide: string): Answer => ({ kind: 'open', why, decide });

export type Resolver = (ctx: Ctx) => Answer;

export class Ctx {
  readonly doc: Topology;
  readonly req: Requirements;
  readonly nodes: NodeInfo[];
  readonly byId: Map<string, NodeInfo>;
  readonly edges: EdgeInfo[];
  readonly diagnostics: Diagnostic[];
  /** The resolved design: what the stack and the exports generate from. */
  readonly resolved: ResolvedDesign;

  constructor(doc: Topology, diagnostics: Diagnostic[], resolved: ResolvedDesign = resolve(doc)) {
    this.doc = doc;
    this.resolved = resolved;
    this.req = doc.requirements ?? {};
    this.diagnostics = diagnostics;
    this.nodes = [];
    this.byId = new Map();
    for (const node of doc.nodes ?? []) {
      if (this.byId.has(node.id)) continue;
      const info: NodeInfo = { node, id: node.id, kind: getKind(node.kind), props: propsWithDefaults({ kind: node.kind, props: node.props ?? {} }) };
      this.nodes.push(info);
      this.byId.set(node.id, info);
    }
    const nodeMap = new Map(this.nodes.map((n) => [n.id, n.node]));
    const ids = edgeIds(doc.edges ?? []);
    this.edges = [];
    (doc.edges ?? []).forEach((edge, i) => {
      const from = this.byId.get(edge.from);
      const to = this.byId.get(edge.to);
      if (!from || !to) return;
      const protocol = edgeProtocol(edge, nodeMap);
      this.edges.push({ edge, id: ids[i]!, from, to, protocol, props: { ...defaultsOf(edgePropDefs(protocol)), ...(edge.props ?? {}) } });
    });
  }

  /** Nodes of the given catalog kinds, in document order. */
  ofKind(...kinds: string[]): NodeInfo[] {
    return this.nodes.filter((n) => kinds.includes(n.node.kind));
  }

  ofCategory(...cats: Category[]): NodeInfo[] {
    return this.nodes.filter((n) => n.kind && cats.includes(n.kind.category));
  }

  /** Edges carrying one of the protocols. */
  edgesOf(...protocols: Protocol[]): EdgeInfo[] {
    return this.edges.filter((e) => e.protocol && protocols.includes(e.protocol));
  }

  // Indexes built on first use, so that per-node questions cost the node's degree, not the
  // whole edge list (the document grows linearly with the design: see docs/performance.md).
  #data: EdgeInfo[] | undefined;
  #in: Map<string, EdgeInfo[]> | undefined;
  #out: Map<string, EdgeInfo[]> | undefined;
  #at: Map<string, EdgeInfo[]> | undefined;
  #dataIn: Map<string, EdgeInfo[]> | undefined;
  #dataOut: Map<string, EdgeInfo[]> | undefined;
  #order: Map<string, number> | undefined;

  /** Edges that carry data or calls (not metrics or traces), in document order. Shared: don't modify. */
  dataEdges(): readonly EdgeInfo[] {
    return (this.#data ??= this.edges.filter((e) => !e.protocol || !OBSERVABILITY_PROTOCOLS.includes(e.protocol)));
  }

  syncEdges(): EdgeInfo[] {
    return this.edgesOf(...SYNC_PROTOCOLS);
  }

  messagingEdges(): EdgeInfo[] {
    return this.edgesOf(...MESSAGING_PROTOCOLS);
  }

  /** Edges touching a node, in document order. Shared: don't modify. */
  edgesAt(id: string): readonly EdgeInfo[] {
    if (!this.#at) this.#at = index(this.edges, (e) => (e.from.id === e.to.id ? [e.from.id] : [e.from.id, e.to.id]));
    return this.#at.get(id) ?? NONE;
  }

  into(id: string): readonly EdgeInfo[] {
    return (this.#in ??= index(this.edges, (e) => [e.to.id])).get(id) ?? NONE;
  }

  outOf(id: string): readonly EdgeInfo[] {
    return (this.#out ??= index(this.edges, (e) => [e.from.id])).get(id) ?? NONE;
  }

  /** Data edges (not telemetry) into a node. */
  dataInto(id: string): readonly EdgeInfo[] {
    return (this.#dataIn ??= index(this.dataEdges(), (e) => [e.to.id])).get(id) ?? NONE;
  }

  /** Data edges (not telemetry) out of a node. */
  dataOutOf(id: string): readonly EdgeInfo[] {
    return (this.#dataOut ??= index(this.dataEdges(), (e) => [e.from.id])).get(id) ?? NONE;
  }

  /** A node's position in the document (for stable orderings); -1 when absent. */
  orderOf(id: string): number {
    if (!this.#order) this.#order = new Map(this.nodes.map((n, i) => [n.id, i]));
    return this.#order.get(id) ?? -1;
  }

  /** Whether a requirement list (security, compliance) mentions a word, case-insensitively. */
  requires(list: 'security' | 'compliance', word: RegExp): boolean {
    const v = this.req[list];
    return Array.isArray(v) && v.some((s) => typeof s === 'string' && word.test(s));
  }

  diagnosticsWith(code: string): Diagnostic[] {
    return this.diagnostics.filter((d) => d.code === code);
  }
}

const NONE: readonly EdgeInfo[] = Object.freeze([]);

function index(edges: readonly EdgeInfo[], keys: (e: EdgeInfo) => string[]): Map<string, EdgeInfo[]> {
  const m = new Map<string, EdgeInfo[]>();
  for (const e of edges) {
    for (const k of keys(e)) {
      const list = m.get(k);
      if (list) list.push(e);
      else m.set(k, [e]);
    }
  }
  return m;
}

// ── Shared wording ─────────────────────────────────────────────────────────

/** What a component is: "Apache Kafka 3.x (KRaft) “Event bus” (`bus`)". */
export function component(n: NodeInfo): string {
  const product = n.kind ? md(n.kind.product) : `unknown kind ${md(n.node.kind)}`;
  const label = typeof n.node.label === 'string' ? n.node.label.trim() : '';
  const named = label && label !== n.id && label !== n.kind?.name && label !== n.kind?.product;
  return `${product}${named ? ` “${md(label, 80)}”` : ''} (${code(n.id)})`;
}

/** A node by its label and id: "Event bus (`bus`)". */
export function nodeName(n: NodeInfo): string {
  const label = typeof n.node.label === 'string' ? n.node.label.trim() : '';
  return label && label !== n.id ? `${md(label, 80)} (${code(n.id)})` : code(n.id);
}

export function components(ns: readonly NodeInfo[], max = 12): string {
  return andList(ns.map(component), max);
}

export function names(ns: readonly NodeInfo[], max = 12): string {
  return andList(ns.map(nodeName), max);
}

export function protocolName(p: Protocol): string {
  return PROTOCOL_NAMES[p];
}

/** Distinct protocols of some edges, in the order of the PROTOCOLS list. */
export function protocolsOf(edges: readonly EdgeInfo[]): Protocol[] {
  return [...new Set(edges.map((e) => e.protocol).filter((p): p is Protocol => !!p))];
}

/** "`a` → `b` (Kafka: orders)". */
export function edgeText(e: EdgeInfo): string {
  const detail = edgeDetail(e.edge, e.protocol);
  const proto = e.protocol ? protocolName(e.protocol) : 'unknown protocol';
  return `${code(e.from.id)} → ${code(e.to.id)} (${md(detail ? `${proto}: ${detail}` : proto, 120)})`;
}

export function plural(n: number, one: string, many = one + 's'): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A prop of a node or edge as a string (for enums and names), or '' when unset. */
export function str(props: Record<string, unknown>, key: string): string {
  const v = props[key];
  return typeof v === 'string' ? v.trim() : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}

export function num(props: Record<string, unknown>, key: string): number | undefined {
  const v = props[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** Groups items by a key into "key: a, b; key2: c" wording. */
export function grouped<T>(items: readonly T[], key: (t: T) => string, show: (t: T) => string): string {
  const m = new Map<string, string[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(show(it));
    else m.set(k, [show(it)]);
  }
  return [...m].map(([k, v]) => `${k}: ${andList(v)}`).join('; ');
}
