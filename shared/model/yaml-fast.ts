import { LIMITS } from './limits';
import type { ListIndex, MapIndex, PartIndex, YamlRead } from './yaml-read';
import { resolvePlain } from './yaml-schema';

/**
 * A reader for the YAML Topoforge itself writes (serialize.ts), beside js-yaml (yaml-read.ts):
 * on a 10k-component design js-yaml alone takes most of the time a parse may take, and the
 * positions its listener notes about as much again. This reader knows a small subset and gives up
 * (returns undefined) at the first thing outside it or in any doubt; readYaml then reads the
 * file with js-yaml as before. What it does read, it reads to exactly what readYaml's js-yaml path
 * gives: the same documents, the same key and item offsets, no warnings (a differential test
 * compares both on every design file and on serialize() of fuzzed designs: yaml-fast.test.ts).
 *
 * The subset: one document, a block mapping at the top; block mappings and block lists (`- `,
 * nested ones indented, compact `- key: value` items); keys plain or quoted, on one line, each
 * read as the same string; plain scalars on one line (resolved by the same core schema as
 * js-yaml's, yaml-schema.ts), single- and double-quoted scalars on one line, literal block
 * scalars (`|`, `|-`, `|+`, no indentation indicator); `[]`, `{}` and one-line flow mappings of
 * scalars (`{ x: 0, y: 0 }`); empty lines between entries.
 *
 * It gives up at: comments, tabs, CR, a byte-order mark, characters YAML does not allow, anchors,
 * aliases, tags, directives, document markers, multi-line plain or quoted scalars, folded scalars,
 * other flow collections, empty values, explicit keys, keys that resolve to anything but the same
 * string, `__proto__`, keys written twice, lines of spaces, unusual spacing after `:` or `-`, a
 * text not ending in a line break, and near a limit of LIMITS (values, depth, double-quoted text,
 * keys in a mapping, items in a list), leaving those to js-yaml, whose listener places and
 * refuses them.
 */

class GiveUp {}
const GIVE_UP = new GiveUp();
const giveUp = (): never => {
  throw GIVE_UP;
};

/** Characters to look at before reading: tab, CR and those js-yaml refuses (C0, DEL, C1 but NEL, U+FFFE/U+FFFF, surrogates). */
const SUSPECT = /[\t\r\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uD800-\uDFFF\uFFFE\uFFFF]/;
/** Of those, what really makes the fast path give up (surrogates in pairs are fine): js-yaml's PATTERN_NON_PRINTABLE, plus tab and CR. */
const REFUSED = /[\t\r\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;

/** Well below the limits, so that a file near one is read (and refused at the right place) by js-yaml. */
const MAX_VALUES = LIMITS.maxValues - (LIMITS.maxValues >> 5);
const MAX_QUOTED = LIMITS.maxQuotedChars >> 1;
const MAX_DEPTH = LIMITS.maxDepth >> 1;
const MAX_KEY = 1000;
/**
 * The most keys in one mapping (the layout holds one per component and zone) and items in one
 * list (connections) a design can have: a file past them is refused anyway, and giving up early
 * keeps a hostile file (600,000 keys in one mapping) from being held twice, here and in js-yaml.
 */
const MAX_MAP_PARTS = 2 * (LIMITS.maxNodes + LIMITS.maxGroups);
const MAX_LIST_ITEMS = LIMITS.maxEdges;

const SPACE = 32;
const LF = 10;
const COLON = 58;
const DASH = 45;
const DQUOTE = 34;
const SQUOTE = 39;
const BAR = 124;
const HASH = 35;

/** Characters a plain scalar cannot start with (YAML indicators: `-?:,[]{}#&*!|>'"%@` and the backquote), plus space and line break. */
const NOT_PLAIN_START = new Uint8Array(128);
for (const c of '-?:,[]{}#&*!|>\'"%@` \n') NOT_PLAIN_START[c.charCodeAt(0)] = 1;

let lastGiveUp = -1;
/** For tests: about where the last read gave up (the reader's position then), or -1. */
export const fastGaveUpAt = (): number => lastGiveUp;

export function readFast(text: string): YamlRead | undefined {
  const n = text.length;
  if (n === 0 || text.charCodeAt(n - 1) !== LF || text.charCodeAt(0) === 0xfeff) return undefined;
  if (SUSPECT.test(text) && REFUSED.test(text)) return undefined;
  const r = new FastReader(text);
  try {
    return r.read();
  } catch (e) {
    if (e === GIVE_UP) {
      lastGiveUp = r.at;
      return undefined;
    }
    throw e;
  }
}

class FastReader {
  private p = 0;
  get at(): number {
    return this.p;
  }
  private values = 0;
  private quoted = 0;
  private readonly n: number;
  /**
   * Where the parts of each list and mapping start (`name, offset` for a mapping, `offset` for a
   * list), without an array for each (at 10k components, 60,000 small arrays doubled the
   * reader's time, mostly in the garbage collector): one array per depth, where the lists and
   * mappings of that depth follow each other (one is closed before the next of its depth opens);
   * `placed` holds each node, `spans` its depth and range. The index is made of them on first use.
   */
  private readonly levels: Array<Array<string | number>> = [];
  private readonly placed: object[] = [];
  private readonly spans: number[] = [];
  private readonly keys: Array<string | undefined> = new Array<string | undefined>(256).fill(undefined);

  constructor(private readonly text: string) {
    this.n = text.length;
  }

  read(): YamlRead {
    const t = this.text;
    // The top: a block mapping at column 0, from the first character.
    const c = t.charCodeAt(0);
    if (c === SPACE || c === LF) giveUp();
    const root = this.blockMapping(0, 1);
    if (this.p !== this.n) giveUp();
    const { placed, spans, levels } = this;
    let index: PartIndex | undefined;
    return {
      docs: [root],
      secondDocAt: undefined,
      duplicateKeys: [],
      warnings: [],
      aliases: 0,
      firstAlias: undefined,
      aliasAt: new Map(),
      get index() {
        if (!index) {
          // Each node's place in `placed`; its parts are copied out of `levels` when first asked
          // for (placing the findings of a large design visits a few of its 60,000 nodes).
          const at = new Map<object, number>();
          for (let i = 0; i < placed.length; i++) at.set(placed[i]!, i);
          const parts = new Map<object, MapIndex | ListIndex>();
          index = {
            size: at.size,
            get(node: object): MapIndex | ListIndex | undefined {
              let got = parts.get(node);
              if (got === undefined) {
                const i = at.get(node);
                if (i === undefined) return undefined;
                const start = spans[3 * i + 1]!;
                const end = spans[3 * i + 2]!;
                got = (end > start ? levels[spans[3 * i]!]!.slice(start, end) : []) as MapIndex | ListIndex;
                parts.set(node, got);
              }
              return got;
            },
          };
        }
        return index;
      },
    };
  }

  /**
   * From a line's start: skips empty lines, and gives the indentation of the next line (the
   * position stays at its start), or -1 at the end. A line of spaces or a comment gives up.
   */
  private nextLine(): number {
    const t = this.text;
    for (;;) {
      const p = this.p;
      if (p >= this.n) return -1;
      let s = p;
      while (t.charCodeAt(s) === SPACE) s++;
      const c = t.charCodeAt(s);
      if (c === LF) {
        if (s !== p) giveUp();
        this.p = s + 1;
        continue;
      }
      if (c === HASH) giveUp();
      return s - p;
    }
  }

  /** After a value on its line: spaces, then the line break (taken). */
  private endLine(): void {
    const t = this.text;
    let p = this.p;
    while (t.charCodeAt(p) === SPACE) p++;
    if (t.charCodeAt(p) !== LF) giveUp();
    this.p = p + 1;
  }

  private count(): void {
    if (++this.values > MAX_VALUES) giveUp();
  }

  /** A block mapping whose first key is at the position, in column `col`; ends at the start of the first line not its own. */
  private blockMapping(col: number, depth: number): Record<string, unknown> {
    if (depth > MAX_DEPTH) giveUp();
    const t = this.text;
    const obj: Record<string, unknown> = {};
    const open = (this.levels[depth] ??= []);
    const base = open.length;
    for (;;) {
      const keyAt = this.p;
      const key = this.key(col);
      if (has(open, base, obj, key) || open.length - base >= MAX_MAP_PARTS) giveUp();
      open.push(key, keyAt);
      // this.p is after the `:`.
      const c = t.charCodeAt(this.p);
      let value: unknown;
      if (c === SPACE) {
        this.p++;
        value = this.inlineValue(col, depth);
      } else if (c === LF) {
        this.p++;
        value = this.nestedBlock(col, depth);
      } else return giveUp();
      obj[key] = value;
      const ind = this.nextLine();
      if (ind === col) {
        this.p += ind;
        continue;
      }
      if (ind < col) return this.close(obj, depth, base);
      return giveUp();
    }
  }

  /** Notes where the parts of a list or mapping of depth `depth` are: from `base` in its level. */
  private close<T extends object>(node: T, depth: number, base: number): T {
    this.placed.push(node);
    this.spans.push(depth, base, this.levels[depth]!.length);
    return node;
  }

  /** A key and its `:` (the position ends after the colon); whether the mapping has it already is for the caller. */
  private key(col: number): string {
    const t = this.text;
    const p = this.p;
    const c = t.charCodeAt(p);
    let key: string;
    if (c === DQUOTE || c === SQUOTE) {
      key = c === DQUOTE ? this.doubleQuoted() : this.singleQuoted();
      if (t.charCodeAt(this.p) !== COLON || key.length > MAX_KEY) giveUp();
      this.p++;
    } else {
      if (c < 128 && NOT_PLAIN_START[c] === 1) {
        // `-` and `?` start a plain key when followed by a character that is not a space.
        if (!(c === DASH || c === 63)) giveUp();
        const next = t.charCodeAt(p + 1);
        if (next === SPACE || next === LF || col === 0) giveUp();
      }
      // `---` and `...` at column 0 are document markers.
      if (col === 0 && c === 46 /* . */) giveUp();
      // Most keys are the same few (`id`, `kind`, `label`...): one read before, and checked then,
      // is the key again when the text holds it followed by `: ` (or `:` and the line's end).
      const slot = (c * 31 + t.charCodeAt(p + 3)) & 255;
      const seen = this.keys[slot];
      let end: number;
      if (seen !== undefined && t.startsWith(seen, p) && t.charCodeAt((end = p + seen.length)) === COLON && isSpaceOrBreak(t.charCodeAt(end + 1))) {
        key = seen;
      } else {
        end = keyColon(t, p, t.indexOf('\n', p));
        if (end < 0) giveUp();
        key = t.slice(p, end);
        const last = key.charCodeAt(key.length - 1);
        if (last === SPACE || key.includes(' #') || key.length > MAX_KEY || resolvePlain(key) !== key) giveUp();
        this.keys[slot] = key;
      }
      this.p = end + 1;
    }
    if (key === '__proto__') giveUp();
    this.count();
    return key;
  }

  /** What follows `key: ` on its line (a scalar, `[]`, a flow mapping, a block scalar); ends at the next line's start. */
  private inlineValue(col: number, depth: number): unknown {
    const t = this.text;
    const c = t.charCodeAt(this.p);
    switch (c) {
      case DQUOTE: {
        const s = this.doubleQuoted();
        this.count();
        this.endLine();
        return s;
      }
      case SQUOTE: {
        const s = this.singleQuoted();
        this.count();
        this.endLine();
        return s;
      }
      case BAR:
        return this.literal(col);
      case 123 /* { */: {
        const m = this.flowMapping(depth + 1);
        this.endLine();
        return m;
      }
      case 91 /* [ */: {
        const l = this.emptyList();
        this.endLine();
        return l;
      }
      default: {
        if (c < 128 && NOT_PLAIN_START[c] === 1) {
          // `-`, `?` and `:` start a plain scalar when followed by a character that is not a space.
          if (!(c === DASH || c === 63 || c === COLON)) return giveUp();
          const next = t.charCodeAt(this.p + 1);
          if (next === SPACE || next === LF) return giveUp();
        }
        const lineEnd = t.indexOf('\n', this.p);
        const s = this.plainLine(this.p, lineEnd);
        if (s === undefined) return giveUp();
        this.p = lineEnd + 1;
        return s;
      }
    }
  }

  /** The plain scalar from `from` to the line's end, resolved; undefined if the line holds a key (`: `). */
  private plainLine(from: number, lineEnd: number): unknown {
    const t = this.text;
    let s = t.slice(from, lineEnd);
    if (s.includes(' #')) giveUp();
    if (s.includes(': ') || s.charCodeAt(s.length - 1) === COLON) return undefined;
    if (s.charCodeAt(s.length - 1) === SPACE) {
      let e = s.length;
      while (e > 0 && s.charCodeAt(e - 1) === SPACE) e--;
      s = s.slice(0, e);
    }
    if (s.length === 0) giveUp();
    this.count();
    return resolvePlain(s);
  }

  /** The value of `key:` at the end of its line: a block list or mapping indented more, on the next lines. */
  private nestedBlock(col: number, depth: number): unknown {
    const ind = this.nextLine();
    if (ind <= col) return giveUp();
    this.p += ind;
    const t = this.text;
    if (t.charCodeAt(this.p) === DASH && t.charCodeAt(this.p + 1) === SPACE) return this.blockList(ind, depth + 1);
    return this.blockMapping(ind, depth + 1);
  }

  /** A block list whose first `-` is at the position, in column `col`. */
  private blockList(col: number, depth: number): unknown[] {
    if (depth > MAX_DEPTH) giveUp();
    const t = this.text;
    const list: unknown[] = [];
    const open = (this.levels[depth] ??= []);
    const base = open.length;
    for (;;) {
      if (t.charCodeAt(this.p) !== DASH || t.charCodeAt(this.p + 1) !== SPACE) giveUp();
      this.p += 2;
      if (open.length - base >= MAX_LIST_ITEMS) giveUp();
      open.push(this.p);
      list.push(this.item(col, depth));
      const ind = this.nextLine();
      if (ind === col) {
        this.p += ind;
        continue;
      }
      if (ind < col) return this.close(list, depth, base);
      return giveUp();
    }
  }

  /** A list item after its `- ` (the list's dash in column `col`). */
  private item(col: number, depth: number): unknown {
    const t = this.text;
    const start = this.p;
    const c = t.charCodeAt(start);
    switch (c) {
      case DQUOTE:
      case SQUOTE: {
        const s = c === DQUOTE ? this.doubleQuoted() : this.singleQuoted();
        if (t.charCodeAt(this.p) === COLON) {
          // The first key of a mapping: read again as such.
          if (c === DQUOTE) this.quoted -= this.p - start;
          this.p = start;
          return this.blockMapping(col + 2, depth + 1);
        }
        this.count();
        this.endLine();
        return s;
      }
      case BAR:
        return this.literal(col);
      case 123 /* { */: {
        const m = this.flowMapping(depth + 1);
        this.endLine();
        return m;
      }
      case 91 /* [ */: {
        const l = this.emptyList();
        this.endLine();
        return l;
      }
      case DASH: {
        const next = t.charCodeAt(start + 1);
        if (next === SPACE) return this.blockList(col + 2, depth + 1);
        if (next === LF) return giveUp();
        break;
      }
      default:
        if (c < 128 && NOT_PLAIN_START[c] === 1) {
          if (!(c === 63 || c === COLON)) return giveUp();
          const next = t.charCodeAt(start + 1);
          if (next === SPACE || next === LF) return giveUp();
        }
    }
    const lineEnd = t.indexOf('\n', start);
    // `- key: value`: the first key of a mapping (what follows its colon is the value's).
    if (keyColon(t, start, lineEnd) >= 0) return this.blockMapping(col + 2, depth + 1);
    const s = this.plainLine(start, lineEnd);
    if (s === undefined) return giveUp();
    this.p = lineEnd + 1;
    return s;
  }

  /** `[]`. */
  private emptyList(): unknown[] {
    if (this.text.charCodeAt(this.p + 1) !== 93 /* ] */) giveUp();
    this.p += 2;
    const list: unknown[] = [];
    this.placed.push(list);
    this.spans.push(0, 0, 0);
    return list;
  }

  /** `{}` or `{ key: scalar, key: scalar }` on one line. */
  private flowMapping(depth: number): Record<string, unknown> {
    if (depth > MAX_DEPTH) giveUp();
    const t = this.text;
    const obj: Record<string, unknown> = {};
    const open = (this.levels[depth] ??= []);
    const base = open.length;
    if (t.charCodeAt(this.p + 1) === 125 /* } */) {
      this.p += 2;
      return this.close(obj, depth, base);
    }
    if (t.charCodeAt(this.p + 1) !== SPACE) giveUp();
    this.p += 2;
    for (;;) {
      const keyAt = this.p;
      const c = t.charCodeAt(keyAt);
      let key: string;
      if (c === DQUOTE || c === SQUOTE) {
        key = c === DQUOTE ? this.doubleQuoted() : this.singleQuoted();
        if (t.charCodeAt(this.p) !== COLON) giveUp();
      } else {
        if (c < 128 && NOT_PLAIN_START[c] === 1) giveUp();
        let e = keyAt;
        for (;;) {
          const k = t.charCodeAt(e);
          if (k === COLON) break;
          if (k === LF || k === 44 || k === 123 || k === 125 || k === 91 || k === 93 || k === HASH || k === SPACE) giveUp();
          e++;
        }
        key = t.slice(keyAt, e);
        if (resolvePlain(key) !== key) giveUp();
        this.p = e;
      }
      if (key === '__proto__' || has(open, base, obj, key) || open.length - base >= MAX_MAP_PARTS) giveUp();
      this.count();
      open.push(key, keyAt);
      if (t.charCodeAt(this.p + 1) !== SPACE) giveUp();
      this.p += 2;
      const v = t.charCodeAt(this.p);
      let value: unknown;
      if (v === DQUOTE || v === SQUOTE) {
        value = v === DQUOTE ? this.doubleQuoted() : this.singleQuoted();
        this.count();
        while (t.charCodeAt(this.p) === SPACE) this.p++;
      } else {
        if (v < 128 && NOT_PLAIN_START[v] === 1 && !(v === DASH || v === 63 || v === COLON)) giveUp();
        let e = this.p;
        for (;;) {
          const k = t.charCodeAt(e);
          if (k === 44 || k === 125) break;
          if (k === LF || k === 123 || k === 91 || k === 93 || k === HASH || (k === COLON && (e === this.p || t.charCodeAt(e + 1) === SPACE))) giveUp();
          e++;
        }
        let end = e;
        while (end > this.p && t.charCodeAt(end - 1) === SPACE) end--;
        if (end === this.p) giveUp();
        const s = t.slice(this.p, end);
        // `-`, `?` and `:` start a plain scalar only before a character that is not a space.
        if ((v === DASH || v === 63 || v === COLON) && (s.length === 1 || s.charCodeAt(1) === SPACE)) giveUp();
        this.count();
        value = resolvePlain(s);
        this.p = e;
      }
      obj[key] = value;
      const d = t.charCodeAt(this.p);
      if (d === 125 /* } */) {
        if (t.charCodeAt(this.p - 1) !== SPACE) giveUp();
        this.p++;
        return this.close(obj, depth, base);
      }
      if (d !== 44 /* , */ || t.charCodeAt(this.p + 1) !== SPACE) giveUp();
      this.p += 2;
    }
  }

  /** A double-quoted scalar on one line; the position ends after the closing quote. */
  private doubleQuoted(): string {
    const t = this.text;
    const open = this.p;
    let out = '';
    let from = open + 1;
    let p = from;
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === DQUOTE) break;
      if (c === LF || p >= this.n) giveUp();
      if (c !== 92 /* \ */) {
        p++;
        continue;
      }
      out += t.slice(from, p);
      const e = t.charCodeAt(p + 1);
      let len = 0;
      if (e === 120 /* x */) len = 2;
      else if (e === 117 /* u */) len = 4;
      else if (e === 85 /* U */) len = 8;
      if (len) {
        const hex = t.slice(p + 2, p + 2 + len);
        if (hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) giveUp();
        const code = parseInt(hex, 16);
        if (code > 0x10ffff) giveUp();
        out += String.fromCodePoint(code);
        p += 2 + len;
      } else {
        const s = ESCAPES[e];
        if (s === undefined) giveUp();
        out += s;
        p += 2;
      }
      from = p;
    }
    out += t.slice(from, p);
    this.p = p + 1;
    this.quoted += this.p - open;
    if (this.quoted > MAX_QUOTED) giveUp();
    return out;
  }

  /** A single-quoted scalar on one line; the position ends after the closing quote. */
  private singleQuoted(): string {
    const t = this.text;
    let out = '';
    let from = this.p + 1;
    for (;;) {
      const q = t.indexOf("'", from);
      const lf = t.indexOf('\n', from);
      if (q < 0 || (lf >= 0 && lf < q)) giveUp();
      out += t.slice(from, q);
      if (t.charCodeAt(q + 1) === SQUOTE) {
        out += "'";
        from = q + 2;
        continue;
      }
      this.p = q + 1;
      return out;
    }
  }

  /**
   * A literal block scalar (`|`, `|-`, `|+`; the value of a key in column `col`, or an item of a
   * list whose dash is in column `col`), its lines indented as its first line; ends at the start
   * of the first line indented less.
   */
  private literal(col: number): string {
    const t = this.text;
    let p = this.p + 1;
    const chomp = t.charCodeAt(p);
    if (chomp === 45 /* - */ || chomp === 43 /* + */) p++;
    if (t.charCodeAt(p) !== LF) giveUp();
    p++;
    let indent = 0;
    while (t.charCodeAt(p + indent) === SPACE) indent++;
    if (indent <= col || t.charCodeAt(p + indent) === LF) giveUp();
    const lines: string[] = [];
    let blanks = 0;
    while (p < this.n) {
      let s = p;
      while (t.charCodeAt(s) === SPACE) s++;
      if (t.charCodeAt(s) === LF) {
        if (s !== p) giveUp();
        blanks++;
        p++;
        continue;
      }
      if (s - p < indent) break;
      for (; blanks > 0; blanks--) lines.push('');
      const e = t.indexOf('\n', s);
      lines.push(t.slice(p + indent, e));
      p = e + 1;
    }
    this.p = p;
    this.count();
    const body = lines.join('\n');
    if (chomp === 45) return body;
    if (chomp === 43) return body + '\n'.repeat(blanks + 1);
    return body + '\n';
  }
}

const isSpaceOrBreak = (c: number): boolean => c === SPACE || c === LF;

/** Whether the mapping read so far (`obj`, its keys and offsets from `base` in `open`) has the key. */
function has(open: Array<string | number>, base: number, obj: object, key: string): boolean {
  const n = open.length;
  if (n - base > 32) return Object.prototype.hasOwnProperty.call(obj, key);
  for (let i = base; i < n; i += 2) if (open[i] === key) return true;
  return false;
}

/** The first `:` followed by a space or the line break between `from` and `lineEnd` (a plain key's end), or -1. */
function keyColon(t: string, from: number, lineEnd: number): number {
  // Character by character: indexOf would look past the line, through the whole text when no colon follows.
  for (let i = from; i < lineEnd; i++) {
    if (t.charCodeAt(i) === COLON) {
      const next = t.charCodeAt(i + 1);
      if (next === SPACE || next === LF) return i;
    }
  }
  return -1;
}

/** js-yaml's one-character escapes in double quotes (simpleEscapeSequence). */
const ESCAPES: Record<number, string> = {
  0x30: '\x00',
  0x61: '\x07',
  0x62: '\x08',
  0x74: '\x09',
  0x09: '\x09',
  0x6e: '\x0A',
  0x76: '\x0B',
  0x66: '\x0C',
  0x72: '\x0D',
  0x65: '\x1B',
  0x20: ' ',
  0x22: '\x22',
  0x2f: '/',
  0x5c: '\x5C',
  0x4e: '\x85',
  0x5f: '\xA0',
  0x4c: '\u2028',
  0x50: '\u2029',
};
