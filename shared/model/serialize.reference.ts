import { Document, Pair, Scalar, YAMLMap, visit, type ToStringOptions } from 'yaml';
import type { Group, Position, Requirements, TopoEdge, TopoNode, Topology } from './types';
import { FORMAT_VERSION } from './types';

/**
 * The original `serializeTopology` (a `yaml` Document built and printed whole), kept unchanged
 * as the reference the fast emitter in `./serialize` is tested against byte for byte
 * (`serialize.equivalence.test.ts`), and the former JSON form beside it. Used by tests only:
 * do not import it from app code, and do not "fix" it here without changing the fast emitter
 * the same way.
 */

const TO_STRING: ToStringOptions = {
  indent: 2,
  indentSeq: true,
  lineWidth: 0,
  minContentWidth: 0,
  blockQuote: 'literal',
  defaultStringType: 'PLAIN',
  defaultKeyType: 'PLAIN',
  flowCollectionPadding: true,
  nullStr: 'null',
};

const REQUIREMENT_ORDER = ['integrationType', 'businessPurpose', 'scope', 'stakeholders', 'latencyP99Ms', 'throughputTps', 'availability', 'security', 'compliance'];
const TOP_KEYS = new Set(['topoforge', 'name', 'description', 'requirements', 'groups', 'nodes', 'edges', 'layout']);

export function serializeTopologyReference(topology: Topology): string {
  const doc = new Document(null, { aliasDuplicateObjects: false, keepUndefined: false, version: '1.2' });
  const root = new YAMLMap();
  const put = (map: YAMLMap, key: string, value: unknown, spaceBefore = false) => {
    const k = new Scalar(key);
    if (spaceBefore) k.spaceBefore = true;
    map.items.push(new Pair(k, value instanceof YAMLMap ? value : doc.createNode(value, { aliasDuplicateObjects: false, keepUndefined: false })));
  };

  put(root, 'topoforge', topology.topoforge ?? FORMAT_VERSION);
  put(root, 'name', topology.name);
  if (topology.description !== undefined) put(root, 'description', topology.description);
  const req = orderedRequirements(topology.requirements ?? {});
  if (Object.keys(req).length) put(root, 'requirements', req, true);
  if (topology.groups?.length) put(root, 'groups', topology.groups.map(orderedGroup), true);
  put(root, 'nodes', (topology.nodes ?? []).map(orderedNode), true);
  put(root, 'edges', (topology.edges ?? []).map(orderedEdge), true);
  let first = true;
  for (const [k, v] of Object.entries(topology)) {
    if (TOP_KEYS.has(k) || v === undefined) continue;
    put(root, k, v, first);
    first = false;
  }

  const layout = new YAMLMap();
  const ids = [...(topology.groups ?? []).map((g) => g.id), ...(topology.nodes ?? []).map((n) => n.id)];
  const positions = topology.layout ?? {};
  for (const id of ids) {
    const p = Object.prototype.hasOwnProperty.call(positions, id) ? positions[id] : undefined;
    if (!p) continue;
    const entry = doc.createNode(orderedPosition(p)) as YAMLMap;
    entry.flow = true;
    layout.items.push(new Pair(new Scalar(id), entry));
  }
  if (layout.items.length) put(root, 'layout', layout, true);

  doc.contents = root;
  // The YAML library writes a multi-line string with a whitespace-only line as a block literal
  // that reads back without those spaces (" \n" comes back as "\n"); such strings are written
  // double-quoted instead.
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && (RISKY_BLOCK.test(node.value) || NOT_PRINTABLE.test(node.value))) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  return doc.toString(TO_STRING);
}

/** A line break next to a line of only spaces or tabs. */
const RISKY_BLOCK = /(^|\n)[ \t]+(\n|$)|\n[ \t]+$|^[ \t]+\n/;
/** Characters YAML allows only in double quotes (as serialize.ts). */
const NOT_PRINTABLE = /[\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;

/** The former JSON form (unchanged), the reference for `serializeTopologyJson`. */
export function serializeTopologyJsonReference(topology: Topology): string {
  return `${JSON.stringify(canonicalReference(topology), null, 2)}\n`;
}

function canonicalReference(topology: Topology): Record<string, unknown> {
  const out: Record<string, unknown> = { topoforge: topology.topoforge ?? FORMAT_VERSION, name: topology.name };
  if (topology.description !== undefined) out.description = topology.description;
  const req = orderedRequirements(topology.requirements ?? {});
  if (Object.keys(req).length) out.requirements = req;
  if (topology.groups?.length) out.groups = topology.groups.map(orderedGroup);
  out.nodes = (topology.nodes ?? []).map(orderedNode);
  out.edges = (topology.edges ?? []).map(orderedEdge);
  for (const [k, v] of Object.entries(topology)) if (!TOP_KEYS.has(k) && v !== undefined) defineOwn(out, k, v);
  const layout: Record<string, Position> = {};
  for (const id of [...(topology.groups ?? []).map((g) => g.id), ...(topology.nodes ?? []).map((n) => n.id)]) {
    const p = Object.prototype.hasOwnProperty.call(topology.layout ?? {}, id) ? topology.layout[id] : undefined;
    if (p) layout[id] = orderedPosition(p);
  }
  if (Object.keys(layout).length) out.layout = layout;
  return out;
}

function defineOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

function withExtras(known: Record<string, unknown>, src: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const skip = new Set(keys);
  for (const [k, v] of Object.entries(src)) if (!skip.has(k) && v !== undefined) defineOwn(known, k, v);
  return known;
}

function orderedRequirements(r: Requirements): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of REQUIREMENT_ORDER) if (r[k] !== undefined) out[k] = r[k];
  return withExtras(out, r, REQUIREMENT_ORDER);
}

function orderedGroup(g: Group): Record<string, unknown> {
  const out: Record<string, unknown> = { id: g.id, label: g.label ?? g.id };
  if (g.kind !== undefined) out.kind = g.kind;
  if (g.trust !== undefined) out.trust = g.trust;
  return withExtras(out, g, ['id', 'label', 'kind', 'trust']);
}

function orderedNode(n: TopoNode): Record<string, unknown> {
  const out: Record<string, unknown> = { id: n.id, kind: n.kind, label: n.label ?? n.id };
  if (n.group !== undefined) out.group = n.group;
  if (n.props && Object.keys(n.props).length) out.props = n.props;
  return withExtras(out, n, ['id', 'kind', 'label', 'group', 'props']);
}

function orderedEdge(e: TopoEdge): Record<string, unknown> {
  const out: Record<string, unknown> = { from: e.from, to: e.to };
  if (e.protocol !== undefined) out.protocol = e.protocol;
  if (e.label !== undefined) out.label = e.label;
  if (e.props && Object.keys(e.props).length) out.props = e.props;
  return withExtras(out, e, ['from', 'to', 'protocol', 'label', 'props']);
}

function orderedPosition(p: Position): Position {
  const out: Position = { x: p.x, y: p.y };
  if (p.w !== undefined) out.w = p.w;
  if (p.h !== undefined) out.h = p.h;
  return out;
}
