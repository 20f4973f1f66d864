import { Document, Scalar } from 'yaml';
import { stringifyString } from 'yaml/util';
import { flat } from './flat';

/**
 * A direct YAML writer for the plain data the generators build (objects, arrays, strings,
 * numbers, booleans, null), writing exactly the bytes the `yaml` library (2.9) writes for it
 * with our options (block style, `lineWidth: 0`, `indentSeq`, no aliases) — without building
 * the library's Document model first, which cost most of the time of the big files
 * (docker-compose.yml, asyncapi.yaml, openapi.yaml at thousands of components).
 *
 * Escaping stays the library's: every scalar that is not plainly safe (the common case: ids,
 * images, words, `${VAR:-default}`) is written by the library's own scalar writer
 * (`stringifyString`, and the schema's tags for `<<` or numbers), with the context the library
 * would give it. Anything unusual (a class instance, a bigint, a symbol) makes the whole value go
 * through the library as before. `yamlEmit.test.ts` compares both on hostile data.
 */

export interface YamlEmitOptions {
  /** '1.1': strings that YAML 1.1 readers would take for booleans, numbers or times are quoted. */
  version: '1.1' | '1.2';
  /** Comment before the document (the library's `commentBefore`: lines, each written `#line`). */
  header?: string;
  /** Comments written before keys of given objects (the library's `key.commentBefore`). */
  keyComments?: ReadonlyMap<object, ReadonlyMap<string, string>>;
  /** Applied to every string value (not keys) before it is written. */
  mapString?: (s: string) => string;
}

/** Thrown inside the emitter when a value needs the library's full path. */
class NeedsLibrary extends Error {}

interface TagLike {
  default?: boolean | string;
  tag: string;
  format?: string;
  test?: RegExp;
  identify?: (v: unknown) => boolean;
  stringify?: (item: Scalar, ctx: unknown, onComment?: () => void, onChompKeep?: () => void) => string;
}

interface SchemaRef {
  doc: Document;
  tags: TagLike[];
}

const schemas = new Map<string, SchemaRef>();

function schemaFor(version: '1.1' | '1.2'): SchemaRef {
  let s = schemas.get(version);
  if (!s) {
    const doc = new Document(null, { version });
    s = { doc, tags: doc.schema.tags as unknown as TagLike[] };
    schemas.set(version, s);
  }
  return s;
}

/** The library's getTagObject for a scalar (stringify.js). */
function tagOf(tags: TagLike[], value: unknown): TagLike {
  let match = tags.filter((t) => t.identify?.(value));
  if (match.length > 1) {
    const testMatch = match.filter((t) => t.test);
    if (testMatch.length > 0) match = testMatch;
  }
  const tagObj = match.find((t) => t.format === undefined) ?? match.find((t) => !t.format);
  if (!tagObj) throw new NeedsLibrary();
  return tagObj;
}

/** The library's stringifyComment and indentComment (stringifyComment.js). */
const commentString = (str: string): string => str.replace(/^(?!$)(?: $)?/gm, '#');
function indentComment(comment: string, indent: string): string {
  if (/^\n+$/.test(comment)) return comment.substring(1);
  return indent ? comment.replace(/^(?! *$)/gm, indent) : comment;
}

/**
 * Strings written as they are (plain) by the library in block context: no control characters,
 * no indicator at the start, no `: ` or ` #`, not ending in a space or colon, and not readable as
 * another type. Strings starting with a letter can only be read as null or a boolean (5 letters at
 * most) or, in YAML 1.1, a float such as `e12345`: those take the library's path.
 */
const PLAIN_CHARS = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_$/.-+=,()@{}: ') PLAIN_CHARS[c.charCodeAt(0)] = 1;

/**
 * `^[A-Za-z_$/][A-Za-z0-9_$/.\-+=,()@{}: ]*$`, not starting with `e` or `E`, more than 5
 * characters when it starts with another letter, not ending in a space or colon, no `: `: one
 * pass over the characters (a regular expression and three searches before).
 */
function plainSafe(s: string): boolean {
  const n = s.length;
  if (n === 0) return false;
  const c0 = s.charCodeAt(0);
  if ((c0 >= 65 && c0 <= 90) || (c0 >= 97 && c0 <= 122)) {
    if (c0 === 69 || c0 === 101 || n <= 5) return false;
  } else if (c0 !== 95 && c0 !== 36 && c0 !== 47) return false;
  for (let i = 1; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || PLAIN_CHARS[c] === 0) return false;
    // A colon at the end or before a space.
    if (c === 58 && (i === n - 1 || s.charCodeAt(i + 1) === 32)) return false;
  }
  return s.charCodeAt(n - 1) !== 32;
}

const LIB_OPTIONS = {
  blockQuote: true,
  commentString,
  defaultKeyType: null,
  defaultStringType: 'PLAIN',
  directives: null,
  doubleQuotedAsJSON: false,
  doubleQuotedMinMultiLineLength: 40,
  falseStr: 'false',
  flowCollectionPadding: true,
  indentSeq: true,
  lineWidth: 0,
  minContentWidth: 0,
  nullStr: 'null',
  simpleKeys: false,
  singleQuote: null,
  trailingComma: false,
  trueStr: 'true',
  verifyAliasOrder: true,
};

const noop = (): void => {};

/**
 * The library's single-line scalars, per YAML version and for keys and values, kept across
 * documents: a bundle writes thousands of small files (one per Kubernetes component) that repeat
 * the same words (`name`, `kind`, `spec`), each of which the library would be asked again.
 * Bounded: cleared when it grows past 50,000 texts.
 */
/** Per value and key, nested and at the top level (0 to 3), then every key as written (4, 5). */
type ScalarCache = Map<unknown, string>[];
const scalarCaches = new Map<string, ScalarCache>();
function scalarCache(version: string): ScalarCache {
  let c = scalarCaches.get(version);
  if (!c) scalarCaches.set(version, (c = [new Map(), new Map(), new Map(), new Map(), new Map(), new Map()]));
  for (const m of c) if (m.size > 50_000) m.clear();
  return c;
}

/**
 * A key as written at one indent, with what goes before and after it: `key: ` and `key:` (first
 * in its collection, after the collection's lead) and the same after the newline and indent of
 * the pairs that follow. One piece instead of four (newline and indent, key, colon, value) per
 * pair: the text is a tree of its pieces until it is made flat, and fewer, shared pieces are
 * fewer to allocate, to keep through collections and to copy.
 */
interface KeyText {
  readonly scalar: string;
  readonly nested: string;
  readonly nextScalar: string;
  readonly nextNested: string;
}
/** Per YAML version, per indent (in steps of two spaces): keys as written, kept across documents. */
const keyTexts = new Map<string, Map<string, KeyText>[]>();
function keyTextCache(version: string): Map<string, KeyText>[] {
  let c = keyTexts.get(version);
  if (!c) keyTexts.set(version, (c = []));
  for (const m of c) if (m !== undefined && m.size > 50_000) m.clear();
  return c;
}

/** A newline and `n` spaces (and a dash), per `n`. */
const newlineIndents: string[] = [];
const newlineDashes: string[] = [];
function newlineIndent(indent: string): string {
  return (newlineIndents[indent.length] ??= `\n${indent}`);
}

class Emitter {
  private readonly schema: SchemaRef;
  private readonly keyComments: YamlEmitOptions['keyComments'];
  private readonly mapString: YamlEmitOptions['mapString'];
  /**
   * Single-line scalars written by the library: the same text gives the same bytes at any indent
   * but the top level's (where a key `...` or `---` would end or start a document and is quoted).
   */
  private readonly cache: ScalarCache;
  private readonly keyTexts: Map<string, KeyText>[];

  constructor(opts: YamlEmitOptions) {
    this.schema = schemaFor(opts.version);
    this.cache = scalarCache(opts.version);
    this.keyTexts = keyTextCache(opts.version);
    this.keyComments = opts.keyComments;
    this.mapString = opts.mapString;
  }

  private libraryScalar(value: unknown, indent: string, implicitKey: boolean): string {
    const node = new Scalar(value);
    const tagObj = tagOf(this.schema.tags, value);
    // A tag that is not the default for its type would be written as `!!tag` (never ours).
    if (!tagObj.default) throw new NeedsLibrary();
    const ctx = {
      anchors: new Set(),
      doc: this.schema.doc,
      flowCollectionPadding: ' ',
      indent,
      indentStep: '  ',
      inFlow: null,
      options: LIB_OPTIONS,
      allNullValues: false,
      implicitKey,
    };
    return typeof tagObj.stringify === 'function' ? tagObj.stringify(node, ctx, noop, noop) : stringifyString(node, ctx as never, noop, noop);
  }

  scalar(value: unknown, indent: string, implicitKey: boolean): string {
    switch (typeof value) {
      case 'string':
        if (plainSafe(value)) return value;
        break;
      case 'number':
        if (Number.isSafeInteger(value) && !Object.is(value, -0)) return String(value);
        break;
      case 'boolean':
        return value ? 'true' : 'false';
      case 'undefined':
        return 'null';
      case 'object':
        if (value === null) return 'null';
        throw new NeedsLibrary();
      default:
        throw new NeedsLibrary();
    }
    if (typeof value === 'string' && value.includes('\n')) return this.libraryScalar(value, indent, implicitKey);
    const cache = this.cache[(implicitKey ? 1 : 0) + (indent.length <= 2 ? 2 : 0)]!;
    let s = cache.get(value);
    if (s === undefined) {
      s = this.libraryScalar(value, indent, implicitKey);
      cache.set(value, s);
    }
    return s;
  }

  /**
   * The text written so far. Written as one growing string rather than joined per collection:
   * a nested collection's text was copied again at every level above it.
   */
  out = '';

  /** Writes a value that is not a collection (or through `mapString`). */
  private plain(v: unknown, indent: string): string {
    return typeof v === 'string' && this.mapString ? this.scalar(this.mapString(v), indent, false) : this.scalar(v, indent, false);
  }

  /**
   * Writes a collection: `lead` before its first line, or `emptyLead` and `[]`/`{}` when it is
   * empty (the library puts a collection on the next line of its key unless it is empty).
   */
  collection(v: object, indent: string, lead: string, emptyLead: string): void {
    if (Array.isArray(v)) this.seq(v, indent, lead, emptyLead);
    else this.map(v as Record<string, unknown>, indent, lead, emptyLead);
  }

  seq(arr: readonly unknown[], indent: string, lead: string, emptyLead: string): void {
    const n = arr.length;
    if (n === 0) {
      this.out += `${emptyLead}[]`;
      return;
    }
    const itemIndent = `${indent}  `;
    const sep = (newlineDashes[indent.length] ??= `\n${indent}- `);
    for (let i = 0; i < n; i++) {
      const v = arr[i];
      this.out += i === 0 ? `${lead}- ` : sep;
      if (v !== null && typeof v === 'object') this.collection(v, itemIndent, '', '');
      else this.out += this.plain(v, itemIndent);
    }
  }

  map(obj: Record<string, unknown>, indent: string, lead: string, emptyLead: string): void {
    const proto = Object.getPrototypeOf(obj) as unknown;
    if (proto !== Object.prototype && proto !== null) throw new NeedsLibrary();
    if (typeof (obj as { toJSON?: unknown }).toJSON === 'function') throw new NeedsLibrary();
    const comments = this.keyComments?.get(obj);
    const pairIndent = `${indent}  `;
    // The library's stringifyBlockCollection: lines joined with a newline and the indent (an
    // empty line, which only a comment can be, with a newline only).
    const sep = newlineIndent(indent);
    let first = true;
    for (const key of Object.keys(obj)) {
      const v = obj[key];
      if (v === undefined) continue;
      if (comments !== undefined) {
        const comment = comments.get(key);
        if (comment) {
          const line = indentComment(commentString(comment), indent).trimStart();
          this.out += first ? lead + line : line ? sep + line : '\n';
          first = false;
        }
      }
      this.pair(key, v, indent, pairIndent, first, lead);
      first = false;
    }
    if (first) this.out += `${emptyLead}{}`;
  }

  /** Keys as written, per key (property keys are interned: looking them up is cheap). */
  private key(key: string, pairIndent: string): string {
    const cache = this.cache[pairIndent.length <= 2 ? 5 : 4]!;
    let s = cache.get(key);
    if (s === undefined) {
      s = this.scalar(key, pairIndent, true);
      // A key of several lines is written at its indent: not kept.
      if (!key.includes('\n')) cache.set(key, s);
    }
    return s;
  }

  /** How key `key` is written at `indent`, with what goes around it (see `KeyText`). */
  private keyText(key: string, indent: string, pairIndent: string): KeyText | undefined {
    const byKey = (this.keyTexts[indent.length] ??= new Map());
    let t = byKey.get(key);
    if (t === undefined) {
      const k = this.key(key, pairIndent);
      // An explicit key (long) or one of several lines: written apart, not kept.
      if (k.length > 1024 || key.includes('\n')) return undefined;
      const sep = newlineIndent(indent);
      t = { scalar: `${k}: `, nested: `${k}:`, nextScalar: `${sep}${k}: `, nextNested: `${sep}${k}:` };
      byKey.set(key, t);
    }
    return t;
  }

  /**
   * The library's stringifyPair for a string key and a non-node value, after the collection's
   * `lead` (first pair) or a newline and the indent.
   */
  private pair(key: string, v: unknown, indent: string, pairIndent: string, first: boolean, lead: string): void {
    const t = this.keyText(key, indent, pairIndent);
    if (t === undefined) {
      this.out += first ? lead : newlineIndent(indent);
      this.pairApart(key, v, indent, pairIndent);
      return;
    }
    if (first && lead !== '') this.out += lead;
    if (v !== null && typeof v === 'object') {
      // The library also checks for a first line of anchor or tag properties, which plain data
      // never has (a key starting with `&` or `!` is quoted).
      this.out += first ? t.nested : t.nextNested;
      this.collection(v, pairIndent, newlineIndent(pairIndent), ' ');
      return;
    }
    const valueStr = this.plain(v, pairIndent);
    if (valueStr === '' || valueStr.charCodeAt(0) === 10) this.out += (first ? t.nested : t.nextNested) + valueStr;
    else this.out += (first ? t.scalar : t.nextScalar) + valueStr;
  }

  /** A pair whose key is long or of several lines (written at its indent, not kept). */
  private pairApart(key: string, v: unknown, indent: string, pairIndent: string): void {
    const keyStr = this.key(key, pairIndent);
    if (keyStr.length > 1024) {
      // An explicit key (`? key`, then `: value`): rare enough to write the value apart.
      const before = this.out;
      this.out = '';
      let valueStr: string;
      if (v !== null && typeof v === 'object') {
        this.collection(v, pairIndent, '', '');
        valueStr = this.out;
      } else valueStr = this.plain(v, pairIndent);
      this.out = `${before}? ${keyStr}\n${indent}:${valueStr === '' || valueStr[0] === '\n' ? '' : ' '}${valueStr}`;
      return;
    }
    if (v !== null && typeof v === 'object') {
      this.out += `${keyStr}:`;
      this.collection(v, pairIndent, `\n${pairIndent}`, ' ');
      return;
    }
    const valueStr = this.plain(v, pairIndent);
    this.out += valueStr === '' || valueStr[0] === '\n' ? `${keyStr}:${valueStr}` : `${keyStr}: ${valueStr}`;
  }
}

/**
 * `value` as a YAML document, byte for byte what
 * `new Document(value, { version, aliasDuplicateObjects: false })` with `commentBefore = header`
 * writes with `toString({ lineWidth: 0, minContentWidth: 0, indentSeq: true })`, or `null` when
 * the value holds something only the library can write (the caller falls back to it).
 */
export function emitYaml(value: unknown, opts: YamlEmitOptions): string | null {
  if (value === null || typeof value !== 'object') return null;
  let body: string;
  try {
    const e = new Emitter(opts);
    e.collection(value, '', '', '');
    // Flat: the text of a large document would otherwise be kept as a tree of its pieces.
    body = flat(e.out);
  } catch (err) {
    if (err instanceof NeedsLibrary) return null;
    throw err;
  }
  return opts.header ? `${indentComment(commentString(opts.header), '')}\n\n${body}\n` : `${body}\n`;
}
