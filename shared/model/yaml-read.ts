import { YAMLException, loadAll, type LoadOptions, type State } from 'js-yaml';
import { LIMITS } from './limits';
import { SCHEMA } from './yaml-schema';
import { readFast } from './yaml-fast';

export { SCHEMA } from './yaml-schema';

/**
 * Reads YAML text with js-yaml, and notes while it reads (through js-yaml's `listener`, called
 * when each node opens and closes) everything the diagnostics need: where each mapping key and
 * each list item starts, keys written twice, tags, aliases, how many values there are and how
 * deep lists and mappings nest. Limits are checked as the file is read, so that a file of
 * nothing but tiny values or aliases is refused before it is all in memory.
 *
 * The schema is YAML 1.2's core schema, written out here with the same rules as the `yaml`
 * library's (which writes design files, see serialize.ts): js-yaml's own CORE_SCHEMA also reads
 * `0b101`, `-0x1F` and `1_000` as numbers, which `yaml` writes as plain text. Tags other than the
 * core ones are not acted on: their value is read as plain text, list or mapping, and reported.
 */

/** Offsets are into the text as given (a leading byte-order mark counts as one). */
export interface YamlRead {
  /** The documents' contents, as js-yaml built them (aliases are shared objects). */
  docs: unknown[];
  /** Where the second document starts, when there is more than one. */
  secondDocAt?: number;
  /** Offsets of keys written twice in a mapping, in document order. */
  duplicateKeys: number[];
  /** Tags that are not acted on (`tag`), and other warnings of the YAML reader (`reader`: deficient indentation, an unknown directive...). */
  warnings: Array<{ offset: number; message: string; kind: 'tag' | 'reader' }>;
  /** Whether any alias (`*name`) was read; if not, no object is shared. */
  aliases: number;
  /** Offset of the first alias, and of the first alias of each shared object. */
  firstAlias?: number;
  aliasAt: Map<object, number>;
  /**
   * Where each key of a mapping (a plain object: MapIndex), or each item of a list (an array:
   * ListIndex), starts. Made on first use (only a file with findings to place needs it).
   */
  readonly index: PartIndex;
}

/** Where the parts of each list and mapping read start, by the list or mapping. */
export interface PartIndex {
  get(node: object): MapIndex | ListIndex | undefined;
  /** How many lists and mappings it holds. */
  readonly size: number;
}

export type ReadFailure =
  | { kind: 'syntax'; offset: number; reason: string; duplicateKeys: number[] }
  | { kind: 'deep'; offset: number }
  | { kind: 'values'; offset: number }
  | { kind: 'quoted'; offset: number }
  | { kind: 'aliases'; offset: number };

/**
 * Where a mapping's keys start: `[name, offset, name, offset, ...]` in document order (names as
 * js-yaml names the properties; the first of a repeated key is found first).
 */
export type MapIndex = Array<string | number>;
/** Where each item of a list starts (an empty item, `-` alone, has none). */
export type ListIndex = Array<number | undefined>;

const bigMaps = new WeakMap<MapIndex, Map<string, number>>();
/** Where the key `name` of an indexed mapping starts. */
export function keyOffset(ix: MapIndex, name: string): number | undefined {
  const n = ix.length;
  if (n <= 32) {
    for (let i = 0; i < n; i += 2) if (ix[i] === name) return ix[i + 1] as number;
    return undefined;
  }
  let byName = bigMaps.get(ix);
  if (!byName) {
    byName = new Map();
    for (let i = 0; i < n; i += 2) if (!byName.has(ix[i] as string)) byName.set(ix[i] as string, ix[i + 1] as number);
    bigMaps.set(ix, byName);
  }
  return byName.get(name);
}

/** Tags read with their meaning (the rest are reported and read as plain values). `?` and `!` mark untagged nodes. */
const CORE_TAGS = new Set(['?', '!', ...['str', 'seq', 'map', 'null', 'bool', 'int', 'float'].map((t) => `tag:yaml.org,2002:${t}`)]);

/** Thrown from the listener to stop reading at a limit. */
class Stop {
  constructor(readonly failure: ReadFailure) {}
}

const SCALAR = 1;
const MAPPING = 2;
const SEQUENCE = 3;
/** Neither: an alias, or an empty node. */
const OTHER = 0;

/**
 * The children read so far of the node open at one depth, four slots each (where it starts,
 * where it ends, its kind, its value), with a count instead of emptying arrays (cheaper).
 */
class Kids {
  slots: unknown[] = [];
  count = 0;
  height = 0;
  /** Offset of the deepest list or mapping below, on the deepest path. */
  bottom = -1;
}

/**
 * Reads YAML text: a file as Topoforge writes it with the fast reader (yaml-fast.ts), anything
 * else (or anything that reader is unsure of) with js-yaml; both give the same result.
 */
export function readYaml(text: string): { ok: true; read: YamlRead } | { ok: false; failure: ReadFailure } {
  const fast = readFast(text);
  return fast ? { ok: true, read: fast } : readWithJsYaml(text);
}

/** Reads YAML text with js-yaml and its listener (what readYaml falls back to). */
export function readWithJsYaml(text: string): { ok: true; read: YamlRead } | { ok: false; failure: ReadFailure } {
  const base = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const input = base ? text.slice(1) : text;
  const end = input.length;

  /** The first character of a token at or after `pos`: skips spaces, line breaks and comments. */
  const tokenAt = (pos: number): number => {
    let p = pos;
    while (p < end) {
      const c = input.charCodeAt(p);
      if (c === 32 || c === 9 || c === 10 || c === 13) p++;
      else if (c === 35 /* # */) {
        while (p < end && input.charCodeAt(p) !== 10) p++;
      } else break;
    }
    return p;
  };
  /** Whether the text between two sibling nodes holds `:` (outside comments): the second is the first one's value. */
  const colonBetween = (from: number, to: number): boolean => {
    for (let p = from; p < to; p++) {
      const c = input.charCodeAt(p);
      if (c === 58 /* : */) return true;
      if (c === 35 /* # */) while (p < to && input.charCodeAt(p) !== 10) p++;
    }
    return false;
  };
  /** Where the list entries (`-` followed by a space or a line break) between two offsets start. */
  const dashesBetween = (from: number, to: number): number[] => {
    const at: number[] = [];
    for (let p = from; p < to; p++) {
      const c = input.charCodeAt(p);
      if (c === 45 /* - */) {
        const next = p + 1 < end ? input.charCodeAt(p + 1) : 10;
        if (next === 32 || next === 9 || next === 10 || next === 13) at.push(p);
      } else if (c === 35) while (p < to && input.charCodeAt(p) !== 10) p++;
    }
    return at;
  };

  /** Each list and mapping read and where its parts start, in the order they were read: `[node, its index, ...]`. */
  const placed: Array<object | MapIndex | ListIndex> = [];
  const duplicateKeys: number[] = [];
  const warnings: YamlRead['warnings'] = [];
  const aliasAt = new Map<object, number>();
  let firstAlias: number | undefined;
  let aliases = 0;
  let values = 0;
  let quoted = 0;
  let roots = 0;
  let secondDocAt: number | undefined;
  let lastRootClose = 0;
  const openAt: number[] = [];
  const kids: Kids[] = [];

  const onMapping = (k: Kids, result: object): void => {
    const n = k.count;
    const slots = k.slots;
    const ix: MapIndex = [];
    let seen: Set<string> | undefined;
    for (let i = 0; i < n; ) {
      const key = slots[4 * i + 3];
      const offset = slots[4 * i] as number;
      // The property name js-yaml gives the key (storeMappingPair), and the key's identity for
      // "written twice": the value and its type (`1` and `"1"` are different keys).
      const name = typeof key === 'string' ? key : key !== null && typeof key === 'object' && !Array.isArray(key) ? '[object Object]' : String(key);
      if (slots[4 * i + 2] === SCALAR && !(typeof key === 'number' && Number.isNaN(key))) {
        let dup = false;
        if (n > 64) {
          if (!seen) {
            seen = new Set();
            for (let j = 0; j < ix.length; j += 2) {
              const kid = 4 * (ix[j + 1] as number);
              if (slots[kid + 2] === SCALAR) seen.add(`${typeof slots[kid + 3]}:${ix[j] as string}`);
            }
          }
          const id = `${typeof key}:${name}`;
          dup = seen.has(id);
          seen.add(id);
        } else {
          for (let j = 0; j < ix.length; j += 2) {
            const kid = 4 * (ix[j + 1] as number);
            if (ix[j] === name && slots[kid + 2] === SCALAR && typeof slots[kid + 3] === typeof key) {
              dup = true;
              break;
            }
          }
        }
        if (dup) duplicateKeys.push(offset + base);
      }
      ix.push(name, i);
      i += i + 1 < n && colonBetween(slots[4 * i + 1] as number, slots[4 * i + 4] as number) ? 2 : 1;
    }
    // The kid numbers kept for the duplicate check become offsets.
    for (let j = 1; j < ix.length; j += 2) ix[j] = (slots[4 * (ix[j] as number)] as number) + base;
    placed.push(result, ix);
  };

  const onSequence = (k: Kids, result: object, seqOpen: number, seqEnd: number): void => {
    const n = k.count;
    const slots = k.slots;
    const at: ListIndex = [];
    let item = 0;
    let prev = seqOpen;
    for (let i = 0; i < n; i++) {
      const open = slots[4 * i] as number;
      // In a flow list, `[a: 1]` is an item of one pair: its value is no item.
      if (i > 0 && colonBetween(slots[4 * i - 3] as number, open)) continue;
      // Block list entries left empty (`-` alone) have no node: they are placed at their dash.
      const dashes = prev < open - 1 ? dashesBetween(prev, open) : [];
      for (let j = 0; j < dashes.length - 1; j++) at[item++] = dashes[j]! + base;
      at[item++] = open + base;
      prev = slots[4 * i + 1] as number;
    }
    if (result instanceof Array && item < result.length) for (const d of dashesBetween(prev, seqEnd)) if (item < result.length) at[item++] = d + base;
    placed.push(result, at);
  };

  const listener = function (this: State, event: 'open' | 'close', state: State): void {
    const s = state as State & { depth: number; tag: string | null };
    const d = s.depth;
    if (event === 'open') {
      openAt[d] = s.position;
      const k = (kids[d] ??= new Kids());
      k.count = 0;
      k.height = 0;
      k.bottom = -1;
      if (d === 1 && ++roots === 2) secondDocAt = documentStart(input, lastRootClose, s.position) + base;
      return;
    }
    const own = kids[d]!;
    const n = own.count;
    const result: unknown = s.result;
    const kindName = s.kind as string | null;
    let kind = kindName === 'scalar' ? SCALAR : kindName === 'mapping' ? MAPPING : kindName === 'sequence' ? SEQUENCE : OTHER;
    let height = own.height;
    let bottom = own.bottom;
    const start = openAt[d]!;
    const end = s.position;
    // A node whose only child has its result is a wrapper js-yaml opens around a list item or a
    // value on its own line (it tried a mapping and found a plain value), or a node with a tag
    // or an anchor read twice (tried as the first key of a mapping, then rolled back): the child
    // is the node.
    if (n > 0 && (kind === SCALAR || kind === OTHER || (n === 1 && own.slots[3] === result))) {
      if (n === 1) kind = own.slots[2] as number;
    } else if (kind === SCALAR) {
      if (++values > LIMITS.maxValues) throw new Stop({ kind: 'values', offset: tokenAt(start) + base });
      let at = start;
      let c = input.charCodeAt(at);
      if (c === 32) c = input.charCodeAt(++at);
      if (c !== 34 && (c === 32 || c === 9 || c === 10 || c === 13 || c === 35)) c = input.charCodeAt((at = tokenAt(at)));
      if (c === 34 /* " */ && (quoted += end - at) > LIMITS.maxQuotedChars) throw new Stop({ kind: 'quoted', offset: at + base });
    } else if (kind === OTHER) {
      const at = tokenAt(start);
      if (input.charCodeAt(at) === 42 /* * */) {
        if (++aliases > LIMITS.maxAliasCount) throw new Stop({ kind: 'aliases', offset: at + base });
        firstAlias ??= at + base;
        if (result !== null && typeof result === 'object' && !aliasAt.has(result)) aliasAt.set(result, at + base);
      }
    } else {
      if (kind === MAPPING) onMapping(own, result as object);
      else onSequence(own, result as object, start, end);
      height += 1;
      if (bottom < 0) bottom = tokenAt(start) + base;
    }
    const tag = s.tag;
    if (tag !== null && tag !== '?' && !CORE_TAGS.has(tag)) {
      // A node with a tag read twice (see above): one warning for one place.
      const offset = tokenAt(start) + base;
      const last = warnings[warnings.length - 1];
      if (!last || last.offset !== offset) warnings.push({ offset, message: `Unresolved tag: ${tag}`, kind: 'tag' });
    }
    if (d === 1) {
      lastRootClose = end;
      if (height > LIMITS.maxDepth) throw new Stop({ kind: 'deep', offset: bottom });
      return;
    }
    const parent = kids[d - 1]!;
    const i = 4 * parent.count++;
    const slots = parent.slots;
    slots[i] = start;
    slots[i + 1] = end;
    slots[i + 2] = kind;
    slots[i + 3] = result;
    if (height > parent.height) {
      parent.height = height;
      parent.bottom = bottom;
    }
  };

  const options: LoadOptions & { maxDepth: number } = {
    schema: SCHEMA,
    // Keys written twice are found above, every one with its place; js-yaml would stop at the first.
    json: true,
    // js-yaml recurses: it refuses deeper nesting itself, with room for the nodes it wraps
    // around list items and for the values inside the deepest list (the exact count is `height`).
    maxDepth: LIMITS.maxDepth + 2,
    listener,
    onWarning: (e: YAMLException) => {
      warnings.push({ offset: (e.mark?.position ?? 0) + base, message: sentence(e.reason), kind: 'reader' });
    },
  };
  let docs: unknown[];
  try {
    docs = loadAll(input, null, options);
  } catch (e) {
    if (e instanceof Stop) return { ok: false, failure: e.failure };
    if (e instanceof YAMLException) {
      const offset = (e.mark?.position ?? 0) + base;
      if (/^nesting exceeded maxDepth/.test(e.reason)) return { ok: false, failure: { kind: 'deep', offset } };
      return { ok: false, failure: { kind: 'syntax', offset, reason: e.reason, duplicateKeys } };
    }
    if (e instanceof RangeError) return { ok: false, failure: { kind: 'deep', offset: 0 } };
    throw e;
  }
  warnings.sort((a, b) => a.offset - b.offset);
  let index: Map<object, MapIndex | ListIndex> | undefined;
  const read: YamlRead = {
    docs,
    secondDocAt,
    duplicateKeys,
    warnings,
    aliases,
    firstAlias,
    aliasAt,
    get index() {
      if (!index) {
        // A node read twice (see the listener) is placed where it was read last.
        index = new Map();
        for (let i = 0; i < placed.length; i += 2) index.set(placed[i]!, placed[i + 1] as MapIndex | ListIndex);
      }
      return index;
    },
  };
  return { ok: true, read };
}

/** Where the second document starts: its `---` line when there is one, else its first node. */
function documentStart(input: string, from: number, node: number): number {
  const re = /^---(?=[ \t\r\n]|$)/gm;
  re.lastIndex = from;
  const m = re.exec(input);
  return m && m.index <= node ? m.index : node;
}

function sentence(reason: string): string {
  const s = reason.charAt(0).toUpperCase() + reason.slice(1);
  return s.endsWith('.') ? s : `${s}.`;
}
