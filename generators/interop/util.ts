import { stringify } from 'yaml';
import { oneLine as line } from '../../shared/text';
import { emitYaml } from '../yamlEmit';
import type { KindDef } from '../../shared/catalog';
import type { Protocol, TopoEdge, TopoNode, Topology } from '../../shared/model/types';
import { resolve } from '../../shared/resolve';
import type { Component, Flow, ResolvedDesign } from '../../shared/resolve';

/** A node with a known kind and its props merged over the catalog defaults. */
export interface KNode {
  id: string;
  label: string;
  kind: KindDef;
  props: Record<string, unknown>;
  /** Props the user set (not defaults). */
  own: Record<string, unknown>;
  group?: string;
  raw: TopoNode;
  component: Component;
}

export interface KEdge {
  id: string;
  from: KNode;
  to: KNode;
  protocol: Protocol | undefined;
  props: Record<string, unknown>;
  label?: string;
  raw: TopoEdge;
  flow: Flow;
}

/** The design's well-formed nodes and edges (what the exports describe; validation reports the rest), from the resolved model. */
export function readDesign(doc: Topology | ResolvedDesign): { nodes: KNode[]; edges: KEdge[]; byId: Map<string, KNode>; resolved: ResolvedDesign } {
  const r = 'flows' in doc && 'components' in doc ? (doc as ResolvedDesign) : resolve(doc as Topology);
  let d = designs.get(r);
  if (!d) designs.set(r, (d = readResolved(r)));
  return d;
}

const designs = new WeakMap<ResolvedDesign, { nodes: KNode[]; edges: KEdge[]; byId: Map<string, KNode>; resolved: ResolvedDesign }>();

function readResolved(r: ResolvedDesign): { nodes: KNode[]; edges: KEdge[]; byId: Map<string, KNode>; resolved: ResolvedDesign } {
  const byId = new Map<string, KNode>();
  const nodes: KNode[] = r.components.map((c) => {
    const own = c.node.props && typeof c.node.props === 'object' && !Array.isArray(c.node.props) ? c.node.props : {};
    const k: KNode = { id: c.id, label: typeof c.node.label === 'string' && c.node.label.trim() ? c.node.label : c.id, kind: c.kind, props: c.props, own, group: c.zone?.id, raw: c.node, component: c };
    byId.set(c.id, k);
    return k;
  });
  const edges: KEdge[] = r.flows.map((f) => ({ id: f.id, from: byId.get(f.from.id)!, to: byId.get(f.to.id)!, protocol: f.protocol, props: f.props, label: typeof f.edge.label === 'string' ? f.edge.label : undefined, raw: f.edge, flow: f }));
  return { nodes, edges, byId, resolved: r };
}

type Design = ReturnType<typeof readDesign>;

/**
 * Each node's connections in document order, worked out once per `readDesign` result: `from`
 * those drawn from it, `at` every one touching it (a self-loop once). Per-node questions then
 * cost the node's degree, not a scan of every connection.
 */
const adjacency = new WeakMap<Design, { from: Map<KNode, KEdge[]>; at: Map<KNode, KEdge[]> }>();

function adjacencyOf(design: Design): { from: Map<KNode, KEdge[]>; at: Map<KNode, KEdge[]> } {
  let a = adjacency.get(design);
  if (!a) {
    a = { from: new Map(), at: new Map() };
    const put = (m: Map<KNode, KEdge[]>, n: KNode, e: KEdge) => {
      const list = m.get(n);
      if (list) list.push(e);
      else m.set(n, [e]);
    };
    for (const e of design.edges) {
      put(a.from, e.from, e);
      put(a.at, e.from, e);
      if (e.to !== e.from) put(a.at, e.to, e);
    }
    adjacency.set(design, a);
  }
  return a;
}

const NO_EDGES: readonly KEdge[] = Object.freeze([]);

/** The connections drawn from `n` (a node of `design`), in document order. */
export function edgesFrom(design: Design, n: KNode): readonly KEdge[] {
  return adjacencyOf(design).from.get(n) ?? NO_EDGES;
}

/** The connections touching `n` (from it or into it), in document order. */
export function edgesAt(design: Design, n: KNode): readonly KEdge[] {
  return adjacencyOf(design).at.get(n) ?? NO_EDGES;
}

export function str(props: Record<string, unknown>, key: string): string {
  const v = props[key];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

export function int(props: Record<string, unknown>, key: string): number {
  const v = props[key];
  return typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : 0;
}

/** Text a user typed, on one line (shared/text.ts's `oneLine`), cut to `max` code points, for titles and summaries. */
export function oneLine(value: unknown, max = 200): string {
  return line(value, max);
}

/** A key safe in AsyncAPI/OpenAPI component maps (`[A-Za-z0-9._-]`), unique among `taken`. */
export function safeKey(text: string, taken: Set<string>): string {
  const base = text
    .replace(/[#>]/g, '_all_')
    .replace(/[+*]/g, '_any_')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/_{2,}/g, '_').replace(/^_+|_+$/g, '') || 'item';
  let key = base;
  for (let i = 2; taken.has(key); i++) key = `${base}_${i}`;
  taken.add(key);
  return key;
}

/**
 * The YAML library writes DEL, C1 controls and U+FFFE/U+FFFF as they are, but YAML readers in
 * other languages (Go's yaml, PyYAML, SnakeYAML) refuse them anywhere in a file: in text that
 * came from the design they become U+FFFD.
 */
const UNPRINTABLE = /[\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Printable ASCII (most text): nothing to replace. */
const ASCII_PRINTABLE = /^[\x20-\x7e]*$/;
const printableString = (s: string): string => (ASCII_PRINTABLE.test(s) ? s : s.replace(UNPRINTABLE, '\uFFFD'));

function printable(value: unknown): unknown {
  if (typeof value === 'string') return printableString(value);
  if (Array.isArray(value)) return value.map(printable);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: printable(v), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return value;
}

/** YAML the same way every time: block style, no line folding, no anchors, plain keys in insertion order. */
export function toYaml(value: unknown, header: string[] = []): string {
  // The direct writer (same bytes, a fraction of the time); the library for anything unusual.
  const body = emitYaml(value, { version: '1.2', mapString: printableString }) ?? stringify(printable(value), { lineWidth: 0, aliasDuplicateObjects: false, indent: 2 });
  return header.map((l) => `# ${l}\n`).join('') + body;
}

/** The port a node listens on inside the stack network (first catalog port, else its `port` prop). */
export function internalPort(n: KNode): number {
  return n.component.listenPort;
}

