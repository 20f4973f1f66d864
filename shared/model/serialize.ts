import { Document, Pair, Scalar, YAMLMap, visit, type ToStringOptions } from 'yaml';
import type { Group, Position, Requirements, TopoEdge, TopoNode, Topology } from './types';
import { FORMAT_VERSION } from './types';

/**
 * Writes a Topology as a `*.topo.yaml` file. Stable: the same document gives the same bytes.
 *
 * - Fixed key order: topoforge, name, description, requirements, groups, nodes, edges, (your own
 *   keys), layout. Inside a zone: id, label, kind, trust; a component: id, kind, label, group,
 *   props; a connection: from, to, protocol, label, props; your own keys follow, in their order.
 * - Zones, components and connections in document order, one block each.
 * - `layout` last, after a blank line, one flow-style line per entry (`orders: { x: 0, y: 0 }`),
 *   zones first then components, so that moving a box changes exactly one line.
 * - Empty `requirements`, `groups`, `props` and `layout` are left out (they read back as empty).
 * - Quoting is the YAML library's: whatever a label holds (`: `, `#`, quotes, newlines, `---`)
 *   reads back as the same text.
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
const DOC_OPTIONS = { aliasDuplicateObjects: false, keepUndefined: false, version: '1.2' } as const;
const NODE_OPTIONS = { aliasDuplicateObjects: false, keepUndefined: false } as const;

const REQUIREMENT_ORDER = ['integrationType', 'businessPurpose', 'scope', 'stakeholders', 'latencyP99Ms', 'throughputTps', 'availability', 'security', 'compliance'];
const TOP_KEYS = new Set(['topoforge', 'name', 'description', 'requirements', 'groups', 'nodes', 'edges', 'layout']);

/*
 * How it is written (fast): the fixed shape is emitted directly, and each scalar too when it is
 * clearly safe as a plain scalar (see SAFE_PLAIN), a finite number, a boolean or null. Any other
 * `key: value` pair (a label with `: ` or a newline, a key like `true`, a Date...) is handed to
 * the YAML library, built and printed the way a whole Document would print it at that place
 * (same options, same indentation, the same whitespace-line rule), so the bytes are the
 * library's. A sequence holding anything not safe is handed over whole with its pair.
 * `serialize.reference.ts` keeps the former whole-Document writer; a property test checks that
 * both give the same bytes for hostile designs.
 */

export function serializeTopology(topology: Topology): string {
  const w = new Emitter();
  w.rootPair('topoforge', topology.topoforge ?? FORMAT_VERSION, false);
  w.rootPair('name', topology.name, false);
  if (topology.description !== undefined) w.rootPair('description', topology.description, false);
  const req = orderedRequirements(topology.requirements ?? {});
  if (Object.keys(req).length) w.rootPair('requirements', req, true);
  if (topology.groups?.length) w.rootPair('groups', topology.groups.map(orderedGroup), true);
  w.rootPair('nodes', (topology.nodes ?? []).map(orderedNode), true);
  w.rootPair('edges', (topology.edges ?? []).map(orderedEdge), true);
  let first = true;
  for (const [k, v] of Object.entries(topology)) {
    if (TOP_KEYS.has(k) || v === undefined) continue;
    w.rootPair(k, v, first);
    first = false;
  }

  const ids = [...(topology.groups ?? []).map((g) => g.id), ...(topology.nodes ?? []).map((n) => n.id)];
  const positions = topology.layout ?? {};
  let layout = '';
  for (const id of ids) {
    const p = Object.prototype.hasOwnProperty.call(positions, id) ? positions[id] : undefined;
    if (!p) continue;
    layout += `\n  ${w.layoutEntry(id, orderedPosition(p))}`;
  }
  if (layout) w.rootText(`layout:${layout}`, true);
  return `${w.out}\n`;
}

/** The YAML library writes a multi-line string with a whitespace-only line as a block literal
 * that reads back without those spaces (" \n" comes back as "\n"); such strings are written
 * double-quoted instead. */
const RISKY_BLOCK = /(^|\n)[ \t]+(\n|$)|\n[ \t]+$|^[ \t]+\n/;
const QUOTE_RISKY_BLOCKS = {
  Scalar(_key: unknown, node: Scalar) {
    if (typeof node.value === 'string' && RISKY_BLOCK.test(node.value)) node.type = Scalar.QUOTE_DOUBLE;
  },
};

/**
 * A string the YAML library writes as it is (plain), as a value or as a key, in block context.
 * Conservative (a subset of what the library writes plain; anything else goes to the library):
 * printable characters only (no control characters, no C1, no line or paragraph separator, no
 * surrogates, no U+FFFE/U+FFFF); not starting with a space, an indicator (`-?:,[]{}#&*!|>'"%@`)
 * or anything that could start a number, `~` or a document marker (`+ . 0-9 ~`); no `: ` or ` #`
 * inside; not ending with a space or `:`; not a word YAML reads as null or a boolean (in any
 * case, and the YAML 1.1 yes/no/on/off too).
 */
const SAFE_PLAIN =
  /^(?![ \-?:,[\]{}#&*!|>'"%@`~+.0-9])(?!(?:[Nn][Uu][Ll][Ll]|[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]|[Yy][Ee][Ss]|[Nn][Oo]|[Oo][Nn]|[Oo][Ff][Ff])$)(?![^]*(?:: | #))[\x20-\x7e\u00a0-\u2027\u202a-\ud7ff\ue000-\ufffd]*[\x21-\x39\x3b-\x7e\u00a0-\u2027\u202a-\ud7ff\ue000-\ufffd]$/;
/** Longer keys are written by the library (it makes a key over 1024 characters explicit: `? key`). */
const MAX_FAST_KEY = 1000;

type Ctx = NonNullable<Parameters<YAMLMap['toString']>[0]>;

/** Catches the context the YAML library prints a Document's root with. */
class ContextProbe extends YAMLMap {
  ctx: Ctx | undefined;
  override toString(ctx?: Ctx): string {
    this.ctx = ctx;
    return '';
  }
}

class Emitter {
  out = '';
  /**
   * Whether the last scalar written was a block scalar that keeps its final line breaks (`|+`):
   * the library then leaves out the blank line before the next top-level key.
   */
  private keep = false;
  /** `keep` after the last top-level entry. */
  private rootKeep = false;
  private doc: Document | undefined;
  private rootCtx: Ctx | undefined;

  rootPair(key: string, value: unknown, spaceBefore: boolean): void {
    this.rootText(this.pair(key, value, ''), spaceBefore);
  }

  /** Adds a top-level entry (after a blank line if `spaceBefore`, unless the entry before kept its line breaks). */
  rootText(text: string, spaceBefore: boolean): void {
    if (this.out) this.out += spaceBefore && !this.rootKeep ? '\n\n' : '\n';
    this.out += text;
    this.rootKeep = this.keep;
  }

  /** `key: value` for a pair of a block mapping whose entries are indented by `indent`. */
  private pair(key: string, value: unknown, indent: string): string {
    if (key.length <= MAX_FAST_KEY && SAFE_PLAIN.test(key)) {
      const v = this.value(value, indent);
      if (v !== null) return key + ':' + v;
    }
    return this.library(new Scalar(key), this.node().createNode(value, NODE_OPTIONS), indent);
  }

  /** What follows `key:` (leading space or line break included), or null to hand the pair to the library. */
  private value(value: unknown, indent: string): string | null {
    const s = scalar(value);
    if (s !== null) {
      this.keep = false;
      return ' ' + s;
    }
    const inner = indent + '  ';
    if (Array.isArray(value)) {
      if (!isPlainArray(value)) return null;
      if (value.length === 0) {
        this.keep = false;
        return ' []';
      }
      let text = '';
      for (const item of value) {
        const t = this.item(item, inner);
        if (t === null) return null;
        text += `\n${inner}- ${t}`;
      }
      return text;
    }
    if (!isPlainObject(value)) return null;
    let text = '';
    for (const k of Object.keys(value)) {
      const v = value[k];
      if (v !== undefined) text += `\n${inner}${this.pair(k, v, inner)}`;
    }
    if (text) return text;
    this.keep = false;
    return ' {}';
  }

  /** A sequence item (after `- `) in a sequence indented by `indent`, or null. */
  private item(item: unknown, indent: string): string | null {
    const s = scalar(item);
    if (s !== null) {
      this.keep = false;
      return s;
    }
    const inner = indent + '  ';
    if (Array.isArray(item)) {
      if (!isPlainArray(item)) return null;
      if (item.length === 0) {
        this.keep = false;
        return '[]';
      }
      let text = '';
      for (const x of item) {
        const t = this.item(x, inner);
        if (t === null) return null;
        text += text ? `\n${inner}- ${t}` : `- ${t}`;
      }
      return text;
    }
    if (!isPlainObject(item)) return null;
    let text = '';
    for (const k of Object.keys(item)) {
      const v = item[k];
      if (v === undefined) continue;
      const p = this.pair(k, v, inner);
      text += text ? `\n${inner}${p}` : p;
    }
    if (text) return text;
    this.keep = false;
    return '{}';
  }

  /** One line of the layout block (`id: { x: 0, y: 0 }`), at its indentation. */
  layoutEntry(id: unknown, p: Position): string {
    if (typeof id === 'string' && id.length <= MAX_FAST_KEY && SAFE_PLAIN.test(id)) {
      let body = '';
      let ok = true;
      for (const k of Object.keys(p) as Array<keyof Position>) {
        const v = p[k];
        if (v === undefined) continue;
        if (typeof v !== 'number' || !Number.isFinite(v)) {
          ok = false;
          break;
        }
        body += `${body ? ', ' : ''}${k}: ${numberText(v)}`;
      }
      if (ok) {
        this.keep = false;
        return body ? `${id}: { ${body} }` : `${id}: {}`;
      }
    }
    const entry = this.node().createNode(p) as YAMLMap;
    entry.flow = true;
    return this.library(new Scalar(id), entry, '  ');
  }

  /** The pair as the library prints it inside a block mapping indented by `indent`. */
  private library(key: Scalar, value: ReturnType<Document['createNode']>, indent: string): string {
    const ctx = this.context();
    visit(key, QUOTE_RISKY_BLOCKS);
    visit(value, QUOTE_RISKY_BLOCKS);
    let keep = false;
    const text = new Pair(key, value).toString({ ...ctx, indent }, undefined, () => {
      keep = true;
    });
    this.keep = keep;
    return text;
  }

  private node(): Document {
    this.doc ??= new Document(null, DOC_OPTIONS);
    return this.doc;
  }

  private context(): Ctx {
    if (!this.rootCtx) {
      const doc = this.node();
      const probe = new ContextProbe();
      doc.contents = probe;
      doc.toString(TO_STRING);
      doc.contents = null;
      if (!probe.ctx) throw new Error('serializeTopology: the YAML library did not print the document root');
      this.rootCtx = probe.ctx;
    }
    return this.rootCtx;
  }
}

/** A scalar written as it is (safe plain string, finite number, boolean, null), or null. */
function scalar(v: unknown): string | null {
  switch (typeof v) {
    case 'string':
      return SAFE_PLAIN.test(v) ? v : null;
    case 'number':
      return Number.isFinite(v) ? numberText(v) : null;
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object':
      return v === null ? 'null' : null;
    default:
      return null;
  }
}

/** As the YAML library writes a finite number (`stringifyNumber`). */
function numberText(v: number): string {
  return Object.is(v, -0) ? '-0' : JSON.stringify(v);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  // The library reads an object with an iterator as a sequence and one with toJSON through it.
  return (proto === Object.prototype || proto === null) && !(Symbol.iterator in v) && typeof (v as { toJSON?: unknown }).toJSON !== 'function';
}

/** An ordinary array without holes (a hole is an item the library writes its own way). */
function isPlainArray(v: unknown[]): boolean {
  if (Object.getPrototypeOf(v) !== Array.prototype) return false;
  for (let i = 0; i < v.length; i++) if (!(i in v)) return false;
  return true;
}

/** The same document as JSON (2-space indent, same key order), for tools that prefer JSON. */
export function serializeTopologyJson(topology: Topology): string {
  return `${JSON.stringify(canonical(topology), null, 2)}\n`;
}

/** The document with its keys in the canonical order (what the YAML file holds). */
export function canonical(topology: Topology): Record<string, unknown> {
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
