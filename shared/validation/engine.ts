import { getKind } from '../catalog';
import { createResolver, resolve } from '../resolve';
import type { ResolvedDesign, Resolver } from '../resolve';
import type { Diagnostic, Group, Protocol, TopoEdge, TopoNode, Topology, TrustLevel } from '../model/types';
import type { EdgeInfo, Index, LocalDiag, NodeInfo } from './context';
import { edgePath, makeDiagnostic, nodePath } from './context';
import type { EdgeLocalResult } from './edgeRules';
import { edgeLocal } from './edgeRules';
import { displayName } from './format';
import { compareDiagnostics, merge, sortAll, updateSorted } from './findings';
import { graphRules } from './graph';
import { nodeLocal } from './nodeRules';
import { edgeMayHoldSecret, nodeMayHoldSecret } from './rules/secrets';

/**
 * The validation engine. One run indexes the document once (nodes by id, adjacency lists),
 * runs the per-node and per-edge rules (reusing earlier results for unchanged nodes and edges),
 * then the design-wide rules, and sorts the findings.
 */

export interface Validator {
  /** Validates a whole design; equal to `validate(doc)`, faster after small edits. */
  validate(doc: Topology): Diagnostic[];
}

/** A node's index record, kept between runs with what its own rules found. */
interface NodeEntry extends NodeInfo {
  /** Its key in the cache: the id, or id and position for a repeated id. */
  key: string;
  /** No `>` in the id, so `from->to` can't be read two ways and pairs may be counted by position. */
  plainId: boolean;
  diags: LocalDiag[];
  /** Whether its label or settings may hold a credential (`nodeMayHoldSecret`). */
  secret: boolean;
  /** The findings as Diagnostics, for the position (`foundAt`) they were made for. */
  found: Diagnostic[];
  foundAt: number;
  gen: number;
}

/**
 * An edge's index record, kept between runs with what its own rules found. Its id (`from->to`,
 * `#2` for repeats) is made when first asked for: a one-shot validation names only the
 * connections with a finding.
 */
class EdgeEntry implements EdgeInfo {
  edge: TopoEdge;
  index = -1;
  nth: number;
  from: NodeInfo | undefined;
  to: NodeInfo | undefined;
  protocol: Protocol | undefined;
  source: NodeInfo | undefined = undefined;
  sink: NodeInfo | undefined = undefined;
  /**
   * The ends' documents: their kinds and labels are the ones its findings were made with (a
   * reused entry's ends are swapped only for nodes of the same kind and label; nodes are immutable).
   */
  fromNode: TopoNode | undefined;
  toNode: TopoNode | undefined;
  result: EdgeLocalResult;
  /** `edgeMayHoldSecret` of `secretOf` (labels are not compared when an entry is reused). */
  secret = false;
  secretOf: TopoEdge | undefined = undefined;
  found: Diagnostic[] = NONE;
  foundAt = -1;
  gen = 0;
  private baseText: string | undefined;
  private idText: string | undefined;

  constructor(edge: TopoEdge, nth: number, from: NodeInfo | undefined, to: NodeInfo | undefined, base: string | undefined, id: string | undefined) {
    const fn = from?.node;
    const tn = to?.node;
    const result = edgeLocal(edge, fn, tn, from?.name, to?.name, from?.kind, to?.kind);
    this.edge = edge;
    this.nth = nth;
    this.from = from;
    this.to = to;
    this.protocol = result.protocol;
    this.fromNode = fn;
    this.toNode = tn;
    this.result = result;
    this.baseText = base;
    this.idText = id;
  }

  /** `from->to`, kept so that the same string (with its hash) is looked up each run. A reused entry's edge has the same ends. */
  get base(): string {
    return (this.baseText ??= `${this.edge.from}->${this.edge.to}`);
  }

  get id(): string {
    return (this.idText ??= this.nth === 1 ? this.base : `${this.base}#${this.nth}`);
  }
}

const NONE: Diagnostic[] = Object.freeze([]) as unknown as Diagnostic[];

/**
 * Creates a validator that remembers per-node and per-edge results between runs. Documents are
 * treated as immutable: an edited node or edge must be a new object (as the store makes them);
 * an unchanged one may be the same object or an equal copy. The diagnostics returned are
 * shared between runs where nothing changed: treat them as read-only.
 */
export function createValidator(): Validator {
  return makeValidator(true);
}

/** Pair keys as numbers (`from * N + to`) while they stay small integers. */
const MAX_NUMERIC_PAIRS = 32_000;

/** `remember: false` is a one-shot run (`validate`): nothing is kept, nothing looked up. */
export function makeValidator(remember: boolean): Validator {
  const nodeCache = new Map<string, NodeEntry>();
  const edgeCache = new Map<string, EdgeEntry>();
  /** By identity: an unchanged edge object is found without building its id. Pruned each run. */
  const byEdge = new Map<TopoEdge, EdgeEntry>();
  const pairCount = new PairCounter();
  // The resolved model the design-wide rules read; a remembering validator keeps its per-item work.
  const resolver: Resolver = remember ? createResolver() : { resolve };
  let gen = 0;
  // The previous run, for the common case of an edit that leaves most of the document as it was.
  let lastRawNodes: unknown;
  let lastRawEdges: unknown;
  let lastNodeEntries: (NodeEntry | undefined)[] = [];
  let lastEdgeEntries: (EdgeEntry | undefined)[] = [];
  let lastById = new Map<string, NodeInfo>();
  let lastNodes: NodeInfo[] = [];
  /** The per-node and per-edge findings, sorted; rebuilt only when one of them changed. */
  let localSorted: Diagnostic[] = [];
  let lastFound: Diagnostic[][] = [];
  let lastSecretNodes: number[] = [];

  return {
    validate(doc: Topology): Diagnostic[] {
      gen++;
      const groups = new Map<string, Group>();
      for (const g of arrayOf<Group>(doc.groups)) {
        if (g && typeof g === 'object' && typeof g.id === 'string' && !groups.has(g.id)) groups.set(g.id, g);
      }

      // ── Nodes ──
      const rawNodes = arrayOf<TopoNode>(doc.nodes);
      let nodes: NodeInfo[];
      let byId: Map<string, NodeInfo>;
      const nodeEntries: (NodeEntry | undefined)[] = new Array(rawNodes.length);
      let secretNodes: number[];
      if (remember && rawNodes === lastRawNodes && sameList(rawNodes, lastNodeEntries)) {
        secretNodes = lastSecretNodes;
        // The same node list: same entries, same positions, same findings; only zones may have moved.
        nodes = lastNodes;
        byId = lastById;
        for (let i = 0; i < rawNodes.length; i++) {
          const entry = lastNodeEntries[i];
          if (!entry) continue;
          entry.gen = gen;
          nodeEntries[i] = entry;
          const group = typeof entry.node.group === 'string' ? groups.get(entry.node.group) : undefined;
          entry.group = group;
          entry.trust = trustOf(group);
        }
      } else {
        nodes = [];
        byId = new Map<string, NodeInfo>();
        secretNodes = [];
        for (let i = 0; i < rawNodes.length; i++) {
          const node = rawNodes[i];
          if (!node || typeof node !== 'object') continue;
          const id = String(node.id);
          const first = !byId.has(id);
          let entry: NodeEntry | undefined;
          if (remember) {
            const key = first ? id : `${id}\u0000${i}`;
            const aligned = lastNodeEntries[i];
            entry = aligned && aligned.node === node && aligned.key === key && aligned.gen !== gen ? aligned : nodeCache.get(key);
            if (entry && (entry.gen === gen || (entry.node !== node && !sameNode(entry.node, node)))) entry = undefined;
            if (!entry) {
              entry = newNodeEntry(node, id, key);
              nodeCache.set(key, entry);
            }
          } else {
            entry = newNodeEntry(node, id, id);
          }
          const group = typeof node.group === 'string' ? groups.get(node.group) : undefined;
          entry.node = node;
          entry.gen = gen;
          entry.index = i;
          entry.pos = nodes.length;
          entry.group = group;
          entry.trust = trustOf(group);
          nodeEntries[i] = entry;
          nodes.push(entry);
          if (first) byId.set(id, entry);
          if (entry.secret) secretNodes.push(i);
          if (entry.foundAt !== i) {
            const info = entry;
            entry.found = entry.diags.length === 0 ? NONE : entry.diags.map((d) => makeDiagnostic(d.code, d.message, d.hint, d.nodes.length ? d.nodes : [id], [], nodePath(info, d.rel)));
            entry.foundAt = i;
          }
        }
        if (remember) {
          nodeCache.forEach((entry, key) => {
            if (entry.gen !== gen) nodeCache.delete(key);
          });
        }
      }

      // ── Edges ──
      const rawEdges = arrayOf<TopoEdge>(doc.edges);
      let sameEdgeList = remember && rawEdges === lastRawEdges && rawEdges.length === lastEdgeEntries.length;
      const numericPairs = nodes.length <= MAX_NUMERIC_PAIRS;
      const edges: EdgeInfo[] = [];
      const edgeEntries: (EdgeEntry | undefined)[] = new Array(rawEdges.length);
      const secretEdges: number[] = [];
      if (!sameEdgeList) pairCount.clear(rawEdges.length);
      for (let i = 0; i < rawEdges.length; i++) {
        const edge = rawEdges[i];
        if (!edge || typeof edge !== 'object') continue;
        const from = byId.get(edge.from);
        const to = byId.get(edge.to);
        const fn = from?.node;
        const tn = to?.node;
        let entry: EdgeEntry | undefined;
        let nth: number;
        let base: string | undefined;
        const aligned = remember ? lastEdgeEntries[i] : undefined;
        if (sameEdgeList && aligned && aligned.edge === edge && aligned.gen !== gen) {
          // Same list, same object at the same place: same id.
          entry = aligned;
          nth = entry.nth;
          base = entry.base;
        } else {
          if (sameEdgeList) {
            // The list was changed in place after all: count the pairs seen so far, then go on the slow way.
            sameEdgeList = false;
            pairCount.clear(rawEdges.length);
            for (let j = 0; j < i; j++) {
              const seen = edgeEntries[j];
              if (!seen) continue;
              const k = pairKey(seen.from, seen.to, seen.base, numericPairs, nodes.length);
              pairCount.set(k, Math.max(pairCount.get(k), seen.nth));
            }
          }
          // The same edge object as last time: reuse its strings (their hashes are cached).
          entry = aligned && aligned.edge === edge ? aligned : remember ? byEdge.get(edge) : undefined;
          if (entry && entry.edge === edge && entry.gen !== gen) base = entry.base;
          const key = pairKey(from, to, base, numericPairs, nodes.length, edge);
          nth = pairCount.get(key) + 1;
          pairCount.set(key, nth);
        }
        if (!entry || entry.gen === gen || entry.nth !== nth || entry.edge !== edge || !sameEnds(entry, fn, tn)) {
          if (remember) {
            base ??= `${edge.from}->${edge.to}`;
            const id = nth === 1 ? base : `${base}#${nth}`;
            entry = edgeCache.get(id);
            if (!entry || entry.gen === gen || !(entry.edge === edge || sameEdge(entry.edge, edge)) || !sameEnds(entry, fn, tn)) {
              entry = new EdgeEntry(edge, nth, from, to, base, id);
            }
            edgeCache.set(id, entry);
            byEdge.set(edge, entry);
          } else {
            entry = new EdgeEntry(edge, nth, from, to, undefined, undefined);
          }
        }
        const result = entry.result;
        entry.edge = edge;
        entry.fromNode = fn;
        entry.toNode = tn;
        entry.gen = gen;
        entry.index = i;
        entry.from = from;
        entry.to = to;
        entry.source = undefined;
        entry.sink = undefined;
        if (from && to && from !== to && result.protocol) {
          entry.source = result.flowReversed ? to : from;
          entry.sink = result.flowReversed ? from : to;
        }
        edgeEntries[i] = entry;
        edges.push(entry);
        if (entry.secretOf !== edge) {
          entry.secret = edgeMayHoldSecret(edge);
          entry.secretOf = edge;
        }
        if (entry.secret) secretEdges.push(i);
        if (entry.foundAt !== i) {
          const info = entry;
          entry.found = result.diags.length === 0 ? NONE : result.diags.map((d) => makeDiagnostic(d.code, d.message, d.hint, d.nodes, [info.id], edgePath(info, d.rel)));
          entry.foundAt = i;
        }
      }
      // With the same list (still true here), every entry was reused or replaced under its own
      // id: nothing is left to drop.
      if (remember && !sameEdgeList) {
        edgeCache.forEach((entry, key) => {
          if (entry.gen !== gen) edgeCache.delete(key);
        });
        byEdge.forEach((entry, key) => {
          if (entry.gen !== gen || entry.edge !== key) byEdge.delete(key);
        });
      }

      // ── Findings ──
      // The per-node and per-edge findings changed iff the list of their (materialised, so
      // position-stamped) arrays did: then sort them again; else keep last run's order.
      const found: Diagnostic[][] = [];
      for (const e of nodeEntries) if (e && e.found.length) found.push(e.found);
      for (const e of edgeEntries) if (e && e.found.length) found.push(e.found);
      if (!remember || found.length !== lastFound.length || found.some((f, k) => f !== lastFound[k])) {
        localSorted = remember ? updateSorted(localSorted, lastFound, found) : sortAll(found);
      }
      fillAdjacency(nodes, edges);
      let resolvedDesign: ResolvedDesign | undefined;
      const index: Index = {
        doc,
        nodes,
        byId,
        edges,
        groups,
        secretScope: { nodes: secretNodes, edges: secretEdges },
        get resolved() {
          return (resolvedDesign ??= resolver.resolve(doc));
        },
      };
      const graph: Diagnostic[] = [];
      graphRules(index, graph);
      graph.sort(compareDiagnostics);

      if (remember) {
        lastRawNodes = rawNodes;
        lastRawEdges = rawEdges;
        lastNodeEntries = nodeEntries;
        lastEdgeEntries = edgeEntries;
        lastById = byId;
        lastNodes = nodes;
        lastFound = found;
        lastSecretNodes = secretNodes;
      }
      return merge(localSorted, graph);
    },
  };
}

/**
 * How many connections were seen so far between two ends. Numeric keys (below 2^31) go in an
 * open-addressed table of two typed arrays (no objects for the collector to move, a compact
 * table), text keys in a Map.
 */
class PairCounter {
  private keys = new Int32Array(16);
  private counts = new Int32Array(16);
  private used = 0;
  private readonly text = new Map<string, number>();

  /** Empties it, sized for about `expected` keys. */
  clear(expected: number): void {
    let size = 16;
    while (size < expected * 2) size *= 2;
    if (size === this.keys.length) {
      if (this.used > 0) this.keys.fill(0);
    } else {
      this.keys = new Int32Array(size);
      this.counts = new Int32Array(size);
    }
    this.used = 0;
    if (this.text.size) this.text.clear();
  }

  get(key: string | number): number {
    if (typeof key === 'string') return this.text.get(key) ?? 0;
    const slot = this.find(key);
    return this.keys[slot] === 0 ? 0 : this.counts[slot]!;
  }

  set(key: string | number, count: number): void {
    if (typeof key === 'string') {
      this.text.set(key, count);
      return;
    }
    let slot = this.find(key);
    if (this.keys[slot] === 0) {
      if ((this.used + 1) * 2 > this.keys.length) {
        this.grow();
        slot = this.find(key);
      }
      this.keys[slot] = key + 1;
      this.used++;
    }
    this.counts[slot] = count;
  }

  /** The slot holding `key`, or the empty slot where it would go (linear probing). */
  private find(key: number): number {
    const mask = this.keys.length - 1;
    let h = Math.imul(key ^ (key >>> 15), 0x2c1b3c6d);
    h ^= h >>> 12;
    let slot = h & mask;
    const stored = key + 1;
    for (;;) {
      const k = this.keys[slot]!;
      if (k === 0 || k === stored) return slot;
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    const keys = this.keys;
    const counts = this.counts;
    this.keys = new Int32Array(keys.length * 2);
    this.counts = new Int32Array(keys.length * 2);
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] === 0) continue;
      const slot = this.find(keys[i]! - 1);
      this.keys[slot] = keys[i]!;
      this.counts[slot] = counts[i]!;
    }
  }
}

/** The key counting connections between the same two ends (for `#2` ids). */
function pairKey(from: NodeInfo | undefined, to: NodeInfo | undefined, base: string | undefined, numeric: boolean, n: number, edge?: TopoEdge): string | number {
  if (numeric && from && to && (from as NodeEntry).plainId && (to as NodeEntry).plainId) return from.pos * n + to.pos;
  return base ?? `${edge!.from}->${edge!.to}`;
}

/** Whether a list still holds, at each place, the object last run's entry was made for. */
function sameList(raw: TopoNode[], entries: (NodeEntry | undefined)[]): boolean {
  if (raw.length !== entries.length) return false;
  for (let i = 0; i < raw.length; i++) {
    const e = entries[i];
    if (e ? e.node !== raw[i] : raw[i] && typeof raw[i] === 'object') return false;
  }
  return true;
}

function newNodeEntry(node: TopoNode, id: string, key: string): NodeEntry {
  const kind = getKind(node.kind);
  const name = displayName(node, id);
  return {
    node,
    id,
    index: -1,
    pos: 0,
    kind,
    name,
    group: undefined,
    trust: 'internal',
    out: NO_EDGES,
    in: NO_EDGES,
    flowOut: NO_EDGES,
    flowIn: NO_EDGES,
    key,
    plainId: !id.includes('>'),
    diags: nodeLocal(node, { kind, name }),
    secret: nodeMayHoldSecret(node),
    found: NONE,
    foundAt: -1,
    gen: 0,
  };
}


const NO_EDGES: EdgeInfo[] = Object.freeze([]) as unknown as EdgeInfo[];

/**
 * Fills each node's adjacency lists (in edge order) with arrays of the exact size: counted
 * first, then filled from the end. Self-loops and dangling edges are in no list. Where a node's
 * flow lists hold the same connections as its drawn ones (every connection valid and drawn the
 * way the data flows, the common case), they are the same array: rules only read them.
 */
function fillAdjacency(nodes: NodeInfo[], edges: EdgeInfo[]): void {
  const n = nodes.length;
  // Per node: out, in, flowOut, flowIn, and how many connections are both out and flowOut
  // (drawn from it, flowing from it), both in and flowIn.
  const count = new Int32Array(n * 6);
  for (let eI = 0, eL = edges; eI < eL.length; eI++) {
    const e = eL[eI]!;
    const from = e.from;
    const to = e.to;
    if (!from || !to || from === to) continue;
    count[from.pos * 6]!++;
    count[to.pos * 6 + 1]!++;
    const source = e.source;
    if (source) {
      count[source.pos * 6 + 2]!++;
      count[e.sink!.pos * 6 + 3]!++;
      if (source === from) {
        count[from.pos * 6 + 4]!++;
        count[to.pos * 6 + 5]!++;
      }
    }
  }
  const make = (k: number): EdgeInfo[] => (k === 0 ? NO_EDGES : new Array<EdgeInfo>(k));
  for (let i = 0; i < n; i++) {
    const info = nodes[i]!;
    const c = i * 6;
    info.out = make(count[c]!);
    info.in = make(count[c + 1]!);
    // Same lists: then only `out` / `in` are filled, and the flow counters are cleared.
    if (count[c + 4] === count[c] && count[c + 4] === count[c + 2]) {
      info.flowOut = info.out;
      count[c + 2] = 0;
    } else info.flowOut = make(count[c + 2]!);
    if (count[c + 5] === count[c + 1] && count[c + 5] === count[c + 3]) {
      info.flowIn = info.in;
      count[c + 3] = 0;
    } else info.flowIn = make(count[c + 3]!);
  }
  for (let j = edges.length - 1; j >= 0; j--) {
    const e = edges[j]!;
    const from = e.from;
    const to = e.to;
    if (!from || !to || from === to) continue;
    from.out[--count[from.pos * 6]!] = e;
    to.in[--count[to.pos * 6 + 1]!] = e;
    const source = e.source;
    if (source) {
      const sink = e.sink!;
      if (count[source.pos * 6 + 2]! > 0) source.flowOut[--count[source.pos * 6 + 2]!] = e;
      if (count[sink.pos * 6 + 3]! > 0) sink.flowIn[--count[sink.pos * 6 + 3]!] = e;
    }
  }
}

function arrayOf<T>(v: unknown): T[] {
  return Array.isArray(v) ? (v as T[]) : [];
}

function trustOf(group: Group | undefined): TrustLevel {
  const t = group?.trust;
  return t === 'internet' || t === 'dmz' || t === 'internal' || t === 'restricted' ? t : 'internal';
}

/** Whether an edge's ends still have the kinds and labels its findings were made with. */
function sameEnds(entry: EdgeEntry, fn: TopoNode | undefined, tn: TopoNode | undefined): boolean {
  return (
    (entry.fromNode === fn || (fn !== undefined && entry.fromNode !== undefined && entry.fromNode.kind === fn.kind && entry.fromNode.label === fn.label)) &&
    (entry.toNode === tn || (tn !== undefined && entry.toNode !== undefined && entry.toNode.kind === tn.kind && entry.toNode.label === tn.label))
  );
}

/** Node findings depend on id, kind, label and props only. */
function sameNode(a: TopoNode, b: TopoNode): boolean {
  return a.id === b.id && a.kind === b.kind && a.label === b.label && deepEqual(a.props, b.props);
}

/** Edge findings depend on its ends, protocol and props (and the ends' kinds and labels, compared apart). */
function sameEdge(a: TopoEdge, b: TopoEdge): boolean {
  return a.from === b.from && a.to === b.to && a.protocol === b.protocol && deepEqual(a.props, b.props);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], bb[i])) return false;
    return true;
  }
  const ak = Object.keys(a as object);
  const bo = b as Record<string, unknown>;
  if (ak.length !== Object.keys(bo).length) return false;
  const ao = a as Record<string, unknown>;
  for (const k of ak) if (!Object.prototype.hasOwnProperty.call(bo, k) || !deepEqual(ao[k], bo[k])) return false;
  return true;
}
