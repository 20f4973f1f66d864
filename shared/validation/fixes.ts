/**
 * One-step fixes: for every error validation reports, the change that removes it, as data the
 * app applies with one click (one undoable change) and the CLI applies with `topoforge fix`.
 *
 * A fix is worked out from the diagnostic and the design it was found in (its code, its path
 * `nodes[i]...` / `edges[i]...`, the kinds at both ends), so the rules keep producing plain
 * diagnostics and the incremental validator stays as it is. `applyFix` returns a new document;
 * it never changes the one given.
 */
import { getKind, KINDS, PROTOCOL_NAMES, type KindDef, type Role } from '../catalog';
import { hostsProtocol } from '../catalog/protocols';
import type { Diagnostic, Protocol, TopoEdge, TopoNode, Topology } from '../model/types';
import { PROTOCOLS } from '../model/types';
import { makeId } from '../model/ids';
import { checkConnection } from './index';

export type FixEdit =
  /** Set a field of a component or connection (`value` undefined removes it, back to its default). */
  | { readonly op: 'set'; readonly target: 'node' | 'edge'; readonly index: number; readonly key: readonly string[]; readonly value: unknown }
  | { readonly op: 'remove-edge'; readonly index: number }
  | { readonly op: 'reverse-edge'; readonly index: number }
  /** Put a new component of `kind` between the ends of a connection, connected to both. */
  | { readonly op: 'insert-between'; readonly index: number; readonly kind: string; readonly id: string }
  /** Give a component a new id, and the connections that name it (by position) with it. */
  | { readonly op: 'rename'; readonly index: number; readonly id: string };

export interface Fix {
  /** What the button says: "Reverse the connection", "Put a Worker between them"... */
  readonly label: string;
  readonly edits: readonly FixEdit[];
}

const AT = /^(nodes|edges)\[(\d+)\](?:\.(.+))?$/;

function where(d: Diagnostic): { target: 'node' | 'edge'; index: number; rest: string[] } | undefined {
  const m = d.path ? AT.exec(d.path) : null;
  if (!m) return undefined;
  return { target: m[1] === 'nodes' ? 'node' : 'edge', index: Number(m[2]), rest: m[3] ? m[3].split('.') : [] };
}

function nodeById(doc: Topology, id: string): TopoNode | undefined {
  return doc.nodes.find((n) => n.id === id);
}

function freeId(doc: Topology, base: string): string {
  return makeId(base, new Set(doc.nodes.map((n) => n.id)));
}

/** The protocol `from -> to` carries with no error, if any. */
function viable(from: TopoNode, to: TopoNode): Protocol | undefined {
  const r = checkConnection(from, to);
  if (r.ok && r.protocol) return r.protocol;
  for (const p of PROTOCOLS) if (checkConnection(from, to, p).ok) return p;
  return undefined;
}

/** A kind that, put between `from` and `to`, takes from one and gives to the other without an error. */
function between(from: TopoNode, to: TopoNode, prefer: readonly string[]): KindDef | undefined {
  const probe = (k: KindDef): TopoNode => ({ id: '\u0000mid', kind: k.id, label: k.name, props: {} });
  const order = [...prefer.map((id) => getKind(id)).filter((k): k is KindDef => !!k), ...KINDS];
  return order.find((k) => k.id !== from.kind && k.id !== to.kind && viable(from, probe(k)) !== undefined && viable(probe(k), to) !== undefined);
}

function insertFix(doc: Topology, index: number, edge: TopoEdge, prefer: readonly string[]): Fix | undefined {
  const from = nodeById(doc, edge.from);
  const to = nodeById(doc, edge.to);
  if (!from || !to) return undefined;
  const k = between(from, to, prefer);
  if (!k) return undefined;
  return { label: `Put ${/^[AEIOU]/.test(k.name) ? 'an' : 'a'} ${k.name} between them`, edits: [{ op: 'insert-between', index, kind: k.id, id: freeId(doc, k.id) }] };
}

/** Catalog kinds with a role, in catalog order. */
const withRole = (role: Role): string[] => KINDS.filter((k) => k.roles.includes(role)).map((k) => k.id);

const REMOVE = (index: number): Fix => ({ label: 'Remove the connection', edits: [{ op: 'remove-edge', index }] });

/** The fix of an error, or undefined when the design has nothing one click could change. */
export function fixFor(doc: Topology, d: Diagnostic): Fix | undefined {
  const at = where(d);
  if (!at) return undefined;
  if (at.target === 'edge') {
    const edge = doc.edges[at.index];
    if (!edge) return undefined;
    const from = nodeById(doc, edge.from);
    const to = nodeById(doc, edge.to);
    switch (d.code) {
      case 'TF104':
      case 'TF107':
        return REMOVE(at.index);
      case 'TF108':
        return { label: 'Reverse the connection', edits: [{ op: 'reverse-edge', index: at.index }] };
      case 'TF203':
        return at.rest[0] === 'props' && at.rest[1] ? { label: `Reset ${at.rest[1]} to its default`, edits: [{ op: 'set', target: 'edge', index: at.index, key: ['props', at.rest[1]], value: undefined }] } : undefined;
      case 'TF102':
      case 'TF103':
      case 'TF110':
      case 'TF105':
      case 'TF106':
      case 'TF109':
      case 'TF101': {
        if (!from || !to) return REMOVE(at.index);
        const hostOf = edge.protocol ? KINDS.filter((k) => hostsProtocol(k, edge.protocol as Protocol)).map((k) => k.id) : [];
        // Messages drawn between two services: the broker goes between them (what was meant).
        if (d.code === 'TF109' && hostOf.length) {
          const put = insertFix(doc, at.index, edge, hostOf);
          if (put) return put;
        }
        // Another protocol the two share, where one carries the connection.
        const p = viable(from, to);
        if (p && p !== edge.protocol) return { label: `Use ${PROTOCOL_NAMES[p]}`, edits: [{ op: 'set', target: 'edge', index: at.index, key: ['protocol'], value: p }] };
        // Else what belongs between them: the broker of the protocol, a CDC connector, a worker.
        return insertFix(doc, at.index, edge, [...hostOf, ...withRole('cdc-connector'), ...withRole('processor')]) ?? REMOVE(at.index);
      }
      default:
        return undefined;
    }
  }
  const node = doc.nodes[at.index];
  if (!node) return undefined;
  switch (d.code) {
    case 'TF201': {
      const m = /Did you mean "([a-z0-9-]+)"/.exec(d.hint);
      const kind = m && getKind(m[1]!) ? m[1]! : undefined;
      return kind ? { label: `Make it ${getKind(kind)!.name}`, edits: [{ op: 'set', target: 'node', index: at.index, key: ['kind'], value: kind }] } : undefined;
    }
    case 'TF204':
      return at.rest[0] === 'props' && at.rest[1] ? { label: 'Clear the host port (the stack picks a free one)', edits: [{ op: 'set', target: 'node', index: at.index, key: ['props', at.rest[1]], value: undefined }] } : undefined;
    case 'TF202':
      return at.rest[0] === 'props' && at.rest[1] ? { label: `Reset ${at.rest[1]} to its default`, edits: [{ op: 'set', target: 'node', index: at.index, key: ['props', at.rest[1]], value: undefined }] } : undefined;
    case 'TF205':
      return { label: 'Take it out of the zone', edits: [{ op: 'set', target: 'node', index: at.index, key: ['group'], value: undefined }] };
    case 'TF206':
    case 'TF207': {
      const id = freeId(doc, d.code === 'TF207' ? node.id : `${node.id}-${node.kind}`);
      return { label: `Rename its id to ${id}`, edits: [{ op: 'rename', index: at.index, id }] };
    }
    default:
      return undefined;
  }
}

function setIn<T extends object>(obj: T, key: readonly string[], value: unknown): T {
  const [head, ...rest] = key;
  const copy: Record<string, unknown> = { ...(obj as Record<string, unknown>) };
  if (rest.length === 0) {
    if (value === undefined) delete copy[head!];
    else copy[head!] = value;
  } else copy[head!] = setIn((copy[head!] as object) ?? {}, rest, value);
  return copy as T;
}

/** The design with the fix applied (a new document; the given one is not changed). */
export function applyFix(doc: Topology, fix: Fix): Topology {
  let out: Topology = doc;
  for (const e of fix.edits) {
    switch (e.op) {
      case 'set':
        if (e.target === 'node') out = { ...out, nodes: out.nodes.map((n, i) => (i === e.index ? setIn(n, e.key, e.value) : n)) };
        else out = { ...out, edges: out.edges.map((x, i) => (i === e.index ? setIn(x, e.key, e.value) : x)) };
        break;
      case 'remove-edge':
        out = { ...out, edges: out.edges.filter((_, i) => i !== e.index) };
        break;
      case 'reverse-edge':
        out = { ...out, edges: out.edges.map((x, i) => (i === e.index ? { ...x, from: x.to, to: x.from } : x)) };
        break;
      case 'rename': {
        const old = out.nodes[e.index];
        if (!old) break;
        const others = out.nodes.filter((n, i) => i !== e.index && n.id === old.id).length;
        out = { ...out, nodes: out.nodes.map((n, i) => (i === e.index ? { ...n, id: e.id } : n)) };
        // A duplicate's connections stay with the first of the two; an invalid id's follow it.
        if (others === 0) out = { ...out, edges: out.edges.map((x) => ({ ...x, from: x.from === old.id ? e.id : x.from, to: x.to === old.id ? e.id : x.to })) };
        break;
      }
      case 'insert-between': {
        const edge = out.edges[e.index];
        const kind = getKind(e.kind);
        if (!edge || !kind) break;
        const a = nodeById(out, edge.from);
        const b = nodeById(out, edge.to);
        if (!a || !b) break;
        const mid: TopoNode = { id: e.id, kind: e.kind, label: kind.name, props: {} };
        const pa = out.layout?.[a.id];
        const pb = out.layout?.[b.id];
        if (pa && pb) out = { ...out, layout: { ...out.layout, [mid.id]: { x: Math.round((pa.x + pb.x) / 2), y: Math.round((pa.y + pb.y) / 2) + 80 } } };
        if (a.group && a.group === b.group) mid.group = a.group;
        const p1 = viable(a, mid);
        const p2 = viable(mid, b);
        const e1: TopoEdge = { from: a.id, to: mid.id, props: {}, ...(p1 ? { protocol: p1 } : {}) };
        const e2: TopoEdge = { from: mid.id, to: b.id, props: {}, ...(p2 ? { protocol: p2 } : {}) };
        const edges = [...out.edges];
        edges.splice(e.index, 1, e1, e2);
        out = { ...out, nodes: [...out.nodes, mid], edges };
        break;
      }
    }
  }
  return out;
}
