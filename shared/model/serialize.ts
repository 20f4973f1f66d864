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
  if (topology.groups?.length) w.records('groups', topology.groups, GROUP_RECORD);
  w.records('nodes', topology.nodes ?? [], NODE_RECORD);
  w.records('edges', topology.edges ?? [], EDGE_RECORD);
  let first = true;
  for (const [k, v] of Object.entries(topology)) {
    if (TOP_KEYS.has(k) || v === undefined) continue;
    w.rootPair(k, v, first);
    first = false;
  }

  const ids = [...(topology.groups ?? []).map((g) => g.id), ...(topology.nodes ?? []).map((n) => n.id)];
  const positions = topology.layout ?? {};
  for (const id of ids) {
    const p = Object.prototype.hasOwnProperty.call(positions, id) ? positions[id] : undefined;
    if (p) w.layoutEntry(id, p);
  }
  return w.text();
}

/** The YAML library writes a multi-line string with a whitespace-only line as a block literal
 * that reads back without those spaces (" \n" comes back as "\n"); such strings are written
 * double-quoted instead. */
const RISKY_BLOCK = /(^|\n)[ \t]+(\n|$)|\n[ \t]+$|^[ \t]+\n/;
/**
 * Characters YAML does not allow outside double quotes (DEL, C1 controls but NEL, U+FFFE, U+FFFF,
 * lone surrogates): the library writes some of them plain, and js-yaml (parse.ts) then refuses
 * the file; such strings are written double-quoted.
 */
export const NOT_PRINTABLE = /[\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;
const QUOTE_RISKY_BLOCKS = {
  Scalar(_key: unknown, node: Scalar) {
    if (typeof node.value === 'string' && (RISKY_BLOCK.test(node.value) || NOT_PRINTABLE.test(node.value))) node.type = Scalar.QUOTE_DOUBLE;
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

/** Indentation by depth (two spaces a level), and a line break followed by it. */
const indentOf = (depth: number): string => '  '.repeat(depth);
const LEAD: readonly string[] = Array.from({ length: 12 }, (_, d) => `\n${indentOf(d)}`);

/** A finite number, or left out. */
const coordinate = (v: unknown): v is number | undefined => v === undefined || (typeof v === 'number' && Number.isFinite(v));
const startsWithDigit = (k: string): boolean => {
  const c = k.charCodeAt(0);
  return c >= 48 && c <= 57;
};

/** A zone, component or connection: its own fields in their fixed order (key, value, key, value...), the ordered copy. */
interface RecordShape {
  fields(src: Record<string, unknown>, out: unknown[]): void;
  known: ReadonlySet<string>;
  ordered(src: unknown): Record<string, unknown>;
}

/**
 * Writes pieces into an array, joined into one chunk between records every few hundred pieces
 * and the chunks joined once at the end: the pieces die young (a 10k-component design is ~1M
 * pieces; kept alive to the end, or as one long chain of concatenated strings, they made the
 * garbage collector's work grow faster than the design). A sequence that turns out to need the
 * library is rewound within the current chunk.
 */
class Emitter {
  /** The pieces since the last chunk. */
  private readonly parts: string[] = [];
  private readonly chunks: string[] = [];
  /**
   * Whether the last scalar written was a block scalar that keeps its final line breaks (`|+`):
   * the library then leaves out the blank line before the next top-level key.
   */
  private keep = false;
  /** `keep` after the last top-level entry. */
  private rootKeep = false;
  private inLayout = false;
  private doc: Document | undefined;
  private rootCtx: Ctx | undefined;

  text(): string {
    this.parts.push('\n');
    this.chunks.push(this.parts.join(''));
    return this.chunks.join('');
  }

  /** Adds a top-level entry (after a blank line if `spaceBefore`, unless the entry before kept its line breaks). */
  rootPair(key: string, value: unknown, spaceBefore: boolean): void {
    this.rootSeparator(spaceBefore);
    this.pair(key, value, 0);
    this.rootKeep = this.keep;
  }

  private rootSeparator(spaceBefore: boolean): void {
    if (this.parts.length || this.chunks.length) this.parts.push(spaceBefore && !this.rootKeep ? '\n\n' : '\n');
  }

  private flush(): void {
    if (this.parts.length < 512) return;
    this.chunks.push(this.parts.join(''));
    this.parts.length = 0;
  }

  /**
   * The zones, components or connections (after a blank line): each record's own fields in their
   * fixed order, then its extra keys, one record at a time. A list the library must write some
   * other way (not a plain array, holes) goes through the ordered copies as before.
   */
  records(key: string, list: readonly unknown[], record: RecordShape): void {
    if (!Array.isArray(list) || !isPlainArray(list)) {
      this.rootPair(key, list.map((x) => record.ordered(x)), true);
      return;
    }
    this.rootSeparator(true);
    if (list.length === 0) {
      this.parts.push(`${key}: []`);
      this.keep = false;
    } else {
      this.parts.push(`${key}:`);
      const fields: unknown[] = [];
      for (const item of list) {
        this.parts.push('\n  - ');
        const keys = Object.keys(item as object);
        if (keys.some(startsWithDigit)) {
          // Keys like "0" come first in a JavaScript object: write the ordered copy as it is.
          this.item(record.ordered(item), 1);
        } else {
          fields.length = 0;
          record.fields(item as Record<string, unknown>, fields);
          let first = true;
          for (let i = 0; i < fields.length; i += 2) {
            if (fields[i + 1] === undefined) continue;
            if (!first) this.parts.push('\n    ');
            first = false;
            this.pair(fields[i] as string, fields[i + 1], 2);
          }
          const src = item as Record<string, unknown>;
          for (const k of keys) {
            if (record.known.has(k)) continue;
            const v = src[k];
            if (v === undefined) continue;
            if (!first) this.parts.push('\n    ');
            first = false;
            this.pair(k, v, 2);
          }
          if (first) {
            this.parts.push('{}');
            this.keep = false;
          }
        }
        this.flush();
      }
    }
    this.rootKeep = this.keep;
  }

  /** `key: value` for a pair of a block mapping at `depth` (its entries indented by `depth` levels). */
  private pair(key: string, value: unknown, depth: number): void {
    if (key.length <= MAX_FAST_KEY && SAFE_PLAIN.test(key)) {
      const mark = this.parts.length;
      this.parts.push(key, ':');
      if (this.value(value, depth)) return;
      this.parts.length = mark;
    }
    this.parts.push(this.library(new Scalar(key), this.node().createNode(value, NODE_OPTIONS), indentOf(depth)));
  }

  /** What follows `key:` (leading space or line break included); false to hand the pair to the library. */
  private value(value: unknown, depth: number): boolean {
    const s = scalar(value);
    if (s !== null) {
      this.keep = false;
      this.parts.push(' ', s);
      return true;
    }
    const lead = LEAD[depth + 1] ?? '\n' + indentOf(depth + 1);
    if (Array.isArray(value)) {
      if (!isPlainArray(value)) return false;
      if (value.length === 0) {
        this.keep = false;
        this.parts.push(' []');
        return true;
      }
      for (const item of value) {
        this.parts.push(lead, '- ');
        if (!this.item(item, depth + 1)) return false;
      }
      return true;
    }
    if (!isPlainObject(value)) return false;
    let any = false;
    for (const k of Object.keys(value)) {
      const v = value[k];
      if (v === undefined) continue;
      this.parts.push(lead);
      this.pair(k, v, depth + 1);
      any = true;
    }
    if (!any) {
      this.keep = false;
      this.parts.push(' {}');
    }
    return true;
  }

  /** A sequence item (after `- `) of a sequence at `depth`; false if the library must write it. */
  private item(item: unknown, depth: number): boolean {
    const s = scalar(item);
    if (s !== null) {
      this.keep = false;
      this.parts.push(s);
      return true;
    }
    const lead = LEAD[depth + 1] ?? '\n' + indentOf(depth + 1);
    if (Array.isArray(item)) {
      if (!isPlainArray(item)) return false;
      if (item.length === 0) {
        this.keep = false;
        this.parts.push('[]');
        return true;
      }
      let first = true;
      for (const x of item) {
        if (first) this.parts.push('- ');
        else this.parts.push(lead, '- ');
        first = false;
        if (!this.item(x, depth + 1)) return false;
      }
      return true;
    }
    if (!isPlainObject(item)) return false;
    let first = true;
    for (const k of Object.keys(item)) {
      const v = item[k];
      if (v === undefined) continue;
      if (!first) this.parts.push(lead);
      first = false;
      this.pair(k, v, depth + 1);
    }
    if (first) {
      this.keep = false;
      this.parts.push('{}');
    }
    return true;
  }

  /** One line of the layout block (`id: { x: 0, y: 0 }`), after `layout:` for the first. */
  layoutEntry(id: unknown, p: Position): void {
    if (!this.inLayout) {
      this.rootSeparator(true);
      this.parts.push('layout:');
      this.inLayout = true;
    }
    this.parts.push('\n  ');
    // As orderedPosition: x, y, then w and h when given; undefined ones are left out.
    const { x, y, w, h } = p;
    if (typeof id === 'string' && id.length <= MAX_FAST_KEY && SAFE_PLAIN.test(id) && coordinate(x) && coordinate(y) && coordinate(w) && coordinate(h)) {
      let body = '';
      if (x !== undefined) body = `x: ${numberText(x)}`;
      if (y !== undefined) body += `${body ? ', ' : ''}y: ${numberText(y)}`;
      if (w !== undefined) body += `${body ? ', ' : ''}w: ${numberText(w)}`;
      if (h !== undefined) body += `${body ? ', ' : ''}h: ${numberText(h)}`;
      this.parts.push(body ? `${id}: { ${body} }` : `${id}: {}`);
      this.keep = false;
    } else {
      const entry = this.node().createNode(orderedPosition(p)) as YAMLMap;
      entry.flow = true;
      this.parts.push(this.library(new Scalar(id), entry, '  '));
    }
    this.flush();
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

function withExtras(known: Record<string, unknown>, src: Record<string, unknown>, skip: ReadonlySet<string>): Record<string, unknown> {
  for (const [k, v] of Object.entries(src)) if (!skip.has(k) && v !== undefined) defineOwn(known, k, v);
  return known;
}

const REQUIREMENT_KEYS: ReadonlySet<string> = new Set(REQUIREMENT_ORDER);

function orderedRequirements(r: Requirements): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of REQUIREMENT_ORDER) if (r[k] !== undefined) out[k] = r[k];
  return withExtras(out, r, REQUIREMENT_KEYS);
}

/*
 * The fixed fields of a zone, a component and a connection, in their order, as key, value pairs
 * (an undefined value is left out of the file): the one place that says which fields come first,
 * for the YAML writer (which writes them straight from the record) and the ordered copies
 * (`canonical`, the JSON form).
 */

function groupFields(g: Record<string, unknown>, out: unknown[]): void {
  out.push('id', g.id, 'label', g.label ?? g.id);
  if (g.kind !== undefined) out.push('kind', g.kind);
  if (g.trust !== undefined) out.push('trust', g.trust);
}

function nodeFields(n: Record<string, unknown>, out: unknown[]): void {
  out.push('id', n.id, 'kind', n.kind, 'label', n.label ?? n.id);
  if (n.group !== undefined) out.push('group', n.group);
  if (n.props && Object.keys(n.props).length) out.push('props', n.props);
}

function edgeFields(e: Record<string, unknown>, out: unknown[]): void {
  out.push('from', e.from, 'to', e.to);
  if (e.protocol !== undefined) out.push('protocol', e.protocol);
  if (e.label !== undefined) out.push('label', e.label);
  if (e.props && Object.keys(e.props).length) out.push('props', e.props);
}

function shape(fields: RecordShape['fields'], known: readonly string[]): RecordShape {
  const skip: ReadonlySet<string> = new Set(known);
  return {
    fields,
    known: skip,
    ordered(src) {
      const kv: unknown[] = [];
      fields(src as Record<string, unknown>, kv);
      const out: Record<string, unknown> = {};
      for (let i = 0; i < kv.length; i += 2) out[kv[i] as string] = kv[i + 1];
      return withExtras(out, src as Record<string, unknown>, skip);
    },
  };
}

const GROUP_RECORD = shape(groupFields, ['id', 'label', 'kind', 'trust']);
const NODE_RECORD = shape(nodeFields, ['id', 'kind', 'label', 'group', 'props']);
const EDGE_RECORD = shape(edgeFields, ['from', 'to', 'protocol', 'label', 'props']);

function orderedGroup(g: Group): Record<string, unknown> {
  return GROUP_RECORD.ordered(g);
}

function orderedNode(n: TopoNode): Record<string, unknown> {
  return NODE_RECORD.ordered(n);
}

function orderedEdge(e: TopoEdge): Record<string, unknown> {
  return EDGE_RECORD.ordered(e);
}

function orderedPosition(p: Position): Position {
  const out: Position = { x: p.x, y: p.y };
  if (p.w !== undefined) out.w = p.w;
  if (p.h !== undefined) out.h = p.h;
  return out;
}
