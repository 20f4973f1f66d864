import { getKind } from '../catalog';
import { edgeIds } from '../model/ids';
import type { Diagnostic, Group, TopoEdge, TopoNode, Topology, TrustLevel } from '../model/types';
import type { EdgeInfo, Index, LocalDiag, NodeInfo } from './context';
import { edgePath, makeDiagnostic, nodePath } from './context';
import type { EdgeLocalResult } from './edgeRules';
import { edgeLocal } from './edgeRules';
import { displayName } from './format';
import { graphRules } from './graph';
import { nodeLocal } from './nodeRules';

/**
 * The validation engine. One run indexes the document once (nodes by id, adjacency lists),
 * runs the per-node and per-edge rules (reusing earlier results for unchanged nodes and edges),
 * then the design-wide rules, and sorts the findings.
 */

export interface Validator {
  /** Validates a whole design; equal to `validate(doc)`, faster after small edits. */
  validate(doc: Topology): Diagnostic[];
}

interface NodeEntry {
  node: TopoNode;
  diags: LocalDiag[];
}

interface EdgeEntry {
  edge: TopoEdge;
  ends: string;
  result: EdgeLocalResult;
}

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    cmp(a.code, b.code) ||
    cmp(a.nodes[0] ?? '', b.nodes[0] ?? '') ||
    cmp(a.edges[0] ?? '', b.edges[0] ?? '') ||
    cmp(a.path ?? '', b.path ?? '') ||
    cmp(a.message, b.message) ||
    cmp(a.nodes.join(' '), b.nodes.join(' ')) ||
    cmp(a.edges.join(' '), b.edges.join(' '))
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Creates a validator that remembers per-node and per-edge results between runs. Documents are
 * treated as immutable: an edited node or edge must be a new object (as the store makes them);
 * an unchanged one may be the same object or an equal copy.
 */
export function createValidator(): Validator {
  let nodeCache = new Map<string, NodeEntry>();
  let edgeCache = new Map<string, EdgeEntry>();

  return {
    validate(doc: Topology): Diagnostic[] {
      const out: Diagnostic[] = [];
      const groups = new Map<string, Group>();
      for (const g of arrayOf<Group>(doc.groups)) {
        if (g && typeof g === 'object' && typeof g.id === 'string' && !groups.has(g.id)) groups.set(g.id, g);
      }

      const rawNodes = arrayOf<TopoNode>(doc.nodes);
      const nodes: NodeInfo[] = [];
      const byId = new Map<string, NodeInfo>();
      const nextNodeCache = new Map<string, NodeEntry>();
      for (let i = 0; i < rawNodes.length; i++) {
        const node = rawNodes[i];
        if (!node || typeof node !== 'object') continue;
        const id = String(node.id);
        const key = byId.has(id) ? `${id}\u0000${i}` : id;
        const cached = nodeCache.get(key);
        let diags: LocalDiag[];
        if (cached && (cached.node === node || sameNode(cached.node, node))) diags = cached.diags;
        else diags = nodeLocal(node);
        nextNodeCache.set(key, { node, diags });

        const group = typeof node.group === 'string' ? groups.get(node.group) : undefined;
        const info: NodeInfo = {
          node,
          id,
          index: i,
          kind: getKind(node.kind),
          name: displayName(node, id),
          group,
          trust: trustOf(group),
          out: [],
          in: [],
          flowOut: [],
          flowIn: [],
        };
        nodes.push(info);
        if (!byId.has(id)) byId.set(id, info);
        for (const d of diags) {
          out.push(makeDiagnostic(d.code, d.message, d.hint, d.nodes.length ? d.nodes.slice() : [id], [], nodePath(info, d.rel)));
        }
      }
      nodeCache = nextNodeCache;

      const rawEdges = arrayOf<TopoEdge>(doc.edges).filter((e) => e && typeof e === 'object');
      const ids = edgeIds(rawEdges);
      const edges: EdgeInfo[] = [];
      const nextEdgeCache = new Map<string, EdgeEntry>();
      for (let i = 0; i < rawEdges.length; i++) {
        const edge = rawEdges[i]!;
        const id = ids[i]!;
        const from = byId.get(edge.from);
        const to = byId.get(edge.to);
        const ends = `${endKey(from)}\u0000${endKey(to)}`;
        const cached = edgeCache.get(id);
        let result: EdgeLocalResult;
        if (cached && cached.ends === ends && (cached.edge === edge || sameEdge(cached.edge, edge))) result = cached.result;
        else result = edgeLocal(edge, from?.node, to?.node);
        nextEdgeCache.set(id, { edge, ends, result });

        const info: EdgeInfo = { edge, id, index: i, from, to, protocol: result.protocol, source: undefined, sink: undefined };
        edges.push(info);
        if (from && to && from !== to) {
          from.out.push(info);
          to.in.push(info);
          if (result.protocol) {
            info.source = result.flowReversed ? to : from;
            info.sink = result.flowReversed ? from : to;
            info.source.flowOut.push(info);
            info.sink.flowIn.push(info);
          }
        }
        for (const d of result.diags) {
          out.push(makeDiagnostic(d.code, d.message, d.hint, d.nodes.slice(), [id], edgePath(info, d.rel)));
        }
      }
      edgeCache = nextEdgeCache;

      const index: Index = { doc, nodes, byId, edges, groups };
      graphRules(index, out);
      out.sort(compareDiagnostics);
      return out;
    },
  };
}

function arrayOf<T>(v: unknown): T[] {
  return Array.isArray(v) ? (v as T[]) : [];
}

function trustOf(group: Group | undefined): TrustLevel {
  const t = group?.trust;
  return t === 'internet' || t === 'dmz' || t === 'internal' || t === 'restricted' ? t : 'internal';
}

/** What an edge's own findings depend on besides the edge: its ends' existence, kinds and labels. */
function endKey(n: NodeInfo | undefined): string {
  return n ? `${String(n.node.kind)}\u0001${String(n.node.label)}` : '\u0002';
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
