import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyDesign, everyKindDesign, fileDesign } from '../../test/fuzz/designs';
import { HOSTILE_PIECES, hostileKey, hostileText, hostileValue, LONG_HOSTILE } from '../../test/fuzz/hostile';
import { synthesizeDesign } from '../../test/bench/synth';
import { parseTopology } from './parse';
import { serializeTopology } from './serialize';
import type { Topology } from './types';
import { fastGaveUpAt, readFast } from './yaml-fast';
import { readWithJsYaml, type YamlRead } from './yaml-read';

/**
 * The fast reader (yaml-fast.ts) against js-yaml (readWithJsYaml): for every text, either the
 * fast reader gives up, or both give the same documents, the same offsets for every key and list
 * item, and no duplicate keys, warnings or aliases; and parseTopology gives the same result
 * (design, diagnostics, locate()) whichever reads the file. For files serialize() wrote, the
 * fast reader must not give up (else this test would pass by never comparing anything).
 */
const RUNS = Number(process.env.TOPOFORGE_FAST_RUNS ?? 150);
const SEED = process.env.TOPOFORGE_FAST_SEED === 'random' ? Date.now() % 2 ** 31 : Number(process.env.TOPOFORGE_FAST_SEED ?? 11);

const ROOT = join(__dirname, '..', '..');
const DESIGN_FILES = [
  'assets/examples/ecommerce-orders.topo.yaml',
  'assets/examples/starter.topo.yaml',
  'assets/examples/trading-data.topo.yaml',
  'test/fixtures/designs/every-kind.topo.yaml',
  'test/fixtures/designs/messaging-variants.topo.yaml',
  'test/fixtures/designs/orders.topo.yaml',
  'test/golden/designs/order-processing.topo.yaml',
].map((f) => [f, readFileSync(join(ROOT, f), 'utf8')] as const);

/** Every list and mapping of `a` (read fast) has the index `b`'s twin has (read by js-yaml). */
function sameIndex(a: unknown, b: unknown, ia: YamlRead['index'], ib: YamlRead['index'], path: string): void {
  if (a === null || typeof a !== 'object') return;
  const xa = ia.get(a);
  const xb = ib.get(b as object);
  if (!isDeepStrictEqual(xa, xb)) expect({ path, index: xa }).toEqual({ path, index: xb });
  if (Array.isArray(a)) a.forEach((v, i) => sameIndex(v, (b as unknown[])[i], ia, ib, `${path}[${i}]`));
  else for (const k of Object.keys(a)) sameIndex((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], ia, ib, `${path}.${k}`);
}

/** Every document path that has a place: the keys and items of every list and mapping. */
function paths(v: unknown, prefix: string, out: string[]): string[] {
  if (v === null || typeof v !== 'object') return out;
  const visit = (path: string, x: unknown): void => {
    out.push(path);
    paths(x, path, out);
  };
  if (Array.isArray(v)) v.forEach((x, i) => visit(`${prefix}[${i}]`, x));
  else for (const k of Object.keys(v)) if (/^[A-Za-z_$][\w$-]*$/.test(k)) visit(prefix ? `${prefix}.${k}` : k, (v as Record<string, unknown>)[k]);
  return out;
}

/**
 * Compares the fast reader with js-yaml on `text`; returns whether the fast reader read it.
 * Also compares parseTopology on the text with parseTopology on the same text with a comment
 * added at its end (which the fast reader leaves to js-yaml, and which moves no position).
 */
function agreeOrGiveUp(text: string): boolean {
  const fast = readFast(text);
  if (!fast) return false;
  const slow = readWithJsYaml(text);
  if (!slow.ok) expect({ fastRead: true, jsYaml: slow.failure }).toEqual({ fastRead: true, jsYaml: 'read' });
  if (!slow.ok) return true;
  const { index: ia, ...a } = fast;
  const { index: ib, ...b } = slow.read;
  expect(a).toEqual(b);
  // toEqual is loose about -0 and undefined properties: the documents must be strictly the same.
  expect(isDeepStrictEqual(a.docs, b.docs)).toBe(true);
  expect(ia.size).toBe(ib.size);
  sameIndex(a.docs[0], b.docs[0], ia, ib, '$');

  const viaJsYaml = `${text}# read by js-yaml\n`;
  expect(readFast(viaJsYaml)).toBeUndefined();
  const p1 = parseTopology(text);
  const p2 = parseTopology(viaJsYaml);
  expect(p1.diagnostics).toEqual(p2.diagnostics);
  expect(p1.ok).toBe(p2.ok);
  if (p1.ok && p2.ok) {
    expect(isDeepStrictEqual(p1.doc, p2.doc)).toBe(true);
    for (const path of paths(a.docs[0], '', [])) expect([path, p1.locate(path)]).toEqual([path, p2.locate(path)]);
  }
  return true;
}

/** A file serialize() wrote: the fast reader must read it, and agree. */
function readsWritten(doc: Topology): void {
  const text = serializeTopology(doc);
  const read = agreeOrGiveUp(text);
  if (!read && !mayGiveUp(text) && !multiLineQuoted(text, fastGaveUpAt())) expect(gaveUpAt(text)).toBe('the fast reader reads what serialize() writes');
}

/** Whether a double-quoted scalar starting at `at` goes on past its line (the YAML library folds some). */
function multiLineQuoted(text: string, at: number): boolean {
  if (text[at] !== '"') return false;
  for (let i = at + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return false;
    else if (text[i] === '\n') return true;
  }
  return false;
}

/** Where the fast reader gave up, for a failing test's message. */
function gaveUpAt(text: string): string {
  const at = fastGaveUpAt();
  return `gave up at ${at}: ${JSON.stringify(text.slice(Math.max(0, at - 200), at))} | ${JSON.stringify(text.slice(at, at + 100))}`;
}

/**
 * What the fast reader leaves to js-yaml even when serialize() wrote it: tabs and characters
 * js-yaml refuses outside quotes, lines of spaces in a block scalar (`|+` of a text ending in
 * "\n "), block scalars with an indentation indicator (`|2-`), explicit keys (`? ` over 1024
 * characters), the key `__proto__`; and what js-yaml reads with findings (keys written twice: two
 * components with the same id are written so).
 */
function mayGiveUp(text: string): boolean {
  const slow = readWithJsYaml(text);
  if (!slow.ok || slow.read.duplicateKeys.length > 0 || slow.read.warnings.length > 0) return true;
  return /\t|\r|\n +\n|\|\d|\n *\? |[\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|\n *-? *["']?__proto__["']?:/.test(text);
}

describe('the fast reader agrees with js-yaml', () => {
  fc.configureGlobal({ seed: SEED });

  it('reads every example and golden design as js-yaml does, or leaves it to js-yaml', () => {
    for (const [, text] of DESIGN_FILES) agreeOrGiveUp(text);
  });

  it('reads every example and golden design, saved again by serialize(), itself', () => {
    for (const [name, text] of DESIGN_FILES) {
      const parsed = parseTopology(text);
      expect([name, parsed.ok]).toEqual([name, true]);
      if (!parsed.ok) continue;
      const again = serializeTopology(parsed.doc);
      expect([name, agreeOrGiveUp(again)]).toEqual([name, true]);
    }
  });

  it('reads synthetic designs of 50 and 1,000 components itself', () => {
    for (const n of [50, 1000]) expect(agreeOrGiveUp(serializeTopology(synthesizeDesign(n, 7)))).toBe(true);
  });

  it('reads written designs (fuzzed, broken, every kind) as js-yaml does', () => {
    fc.assert(fc.property(fileDesign(6, 8), (d) => readsWritten(d)), { numRuns: RUNS });
    fc.assert(fc.property(anyDesign(6, 8), (d) => readsWritten(d)), { numRuns: RUNS });
    fc.assert(fc.property(everyKindDesign, (d) => readsWritten(d)), { numRuns: Math.ceil(RUNS / 5) });
  });

  it('reads awkward text (quotes, `: `, ` #`, unicode, spaces, empty, numbers and words as text, lines) as js-yaml does', () => {
    const awkward = [
      ...HOSTILE_PIECES,
      ...['', ' ', '  x', 'x ', 'a: b', 'a #b', 'a#b', '"q"', "'q'", "it's", 'null', 'Null', '~', 'true', 'False', 'yes', '0x1F', '0o17', '-0x1F', '0b101', '1_000', '1e3', '-1.5', '.inf', '-.Inf', '.nan', '+1', '07', '12:30', '2001-12-14'],
      ...['a\nb', 'a\n', 'a\n\n', 'a\n\n\n', '\na', 'a\n\nb', 'a\n  b', ' a\nb', 'a\n b', '# not a comment\n', '- x\n', 'x:\n  y', '|', '|-', '>', '{ a: 1 }', '[1, 2]', '---\nx', '...'],
      ...['é', '中文', '🎉', '\u00a0', '\u2028', '\u0085', '\ufeff', 'x\u2028y', LONG_HOSTILE.slice(0, 300)],
    ];
    let read = 0;
    for (const s of awkward) {
      const design = {
        topoforge: 1,
        name: s,
        description: s,
        requirements: { businessPurpose: s, stakeholders: [s, `${s}x`] },
        groups: [{ id: 'g', label: s }],
        nodes: [
          { id: 'a', kind: 'worker', label: s, group: 'g', props: { note: s, list: [s, [s], { k: s }], [`k${s}`]: s, n: [1, -0, 1.5, true, null] } },
          { id: 'b', kind: 'postgres', label: `${s} ${s}` },
        ],
        edges: [{ from: 'a', to: 'b', label: s, props: { m: s } }],
        layout: { g: { x: 0, y: 0, w: 10, h: 20 }, a: { x: 1.5, y: -2 }, b: { x: 1e21, y: 5e-324 } },
      } as unknown as Topology;
      const text = serializeTopology(design);
      if (agreeOrGiveUp(text)) read++;
      else if (!mayGiveUp(text) && !multiLineQuoted(text, fastGaveUpAt())) expect(gaveUpAt(text)).toBe('read');
    }
    // Most of them are read by the fast reader (not every one left to js-yaml).
    expect(read).toBeGreaterThan(awkward.length * 0.6);
  });

  it('reads hostile values and keys in props as js-yaml does', () => {
    const design = (k: string, v: unknown, t: string): Topology =>
      ({ topoforge: 1, name: t, nodes: [{ id: 'a', kind: 'worker', label: t, props: { [k]: v, x: [v, { [k]: t }] } }], edges: [] }) as unknown as Topology;
    fc.assert(fc.property(hostileKey, hostileValue, hostileText, (k, v, t) => void agreeOrGiveUp(serializeTopology(design(k, v, t)))), { numRuns: RUNS * 2 });
  });

  it('agrees or gives up on hand-edited files (comments, indentation, flow lists, CRLF, anchors...)', () => {
    const base = serializeTopology(synthesizeDesign(50, 3));
    const lines = base.split('\n');
    const variants: string[] = [
      base.replace(/\n/g, '\r\n'),
      `# a design\n${base}`,
      base.replace('nodes:\n', 'nodes: # the components\n'),
      base.replace(/^( +)/gm, '$1$1'),
      base.replace(/^ {2}- /gm, '- ').replace(/^ {4}/gm, '  '),
      base.replace(/\n\n/g, '\n  \n'),
      base.replace(/\n\n/g, '\n'),
      base.replace('nodes:\n', 'nodes:\n\n'),
      base.replace(/: /, ':  '),
      base.replace(/- id: /, '-  id: '),
      base.replace(/label: ([^\n]+)/, 'label: "$1"'),
      base.replace(/label: ([^\n]+)/, "label: '$1'"),
      base.replace(/label: ([^\n]+)/, 'label: &x $1'),
      base.replace(/kind: ([^\n]+)/, 'kind: !!str $1'),
      base.replace(/kind: ([^\n]+)/, 'kind: !custom $1'),
      base.replace(/label: ([^\n]+)/, 'label: |\n      $1'),
      base.replace(/label: ([^\n]+)/, 'label: >\n      $1'),
      base.replace(/label: ([^\n]+)/, 'label:\n      $1'),
      base.replace(/label: ([^\n]+)/, 'label: $1\n      more'),
      base.replace(/label: ([^\n]+)/, 'label: [$1]'),
      base.replace(/label: ([^\n]+)/, 'label: { a: [1, 2] }'),
      base.replace(/label: ([^\n]+)/, 'label: {a: 1}'),
      base.replace(/label: ([^\n]+)/, 'label: { a: 1,b: 2 }'),
      base.replace(/label: ([^\n]+)/, 'label: { a: 1, a: 2 }'),
      base.replace(/label: ([^\n]+)/, 'label: ~'),
      base.replace(/label: ([^\n]+)/, 'label: '),
      base.replace(/label: ([^\n]+)/, 'label:'),
      base.replace(/label: ([^\n]+)/, 'label: "a\\x41\\u00e9\\U0001F600\\ \\/\\N\\_\\L\\P"'),
      base.replace(/label: ([^\n]+)/, 'label: "a\\qb"'),
      base.replace(/label: ([^\n]+)/, 'label: "a\n      b"'),
      base.replace(/label: ([^\n]+)/, "label: 'it''s'"),
      base.replace(/label: ([^\n]+)/, 'label: $1 # note'),
      base.replace(/label: ([^\n]+)/, 'label: $1   '),
      base.replace(/id: ([^\n]+)/, 'id: $1\n    id: again'),
      base.replace(/id: ([^\n]+)/, '"id": $1'),
      base.replace(/id: ([^\n]+)/, "'id': $1"),
      base.replace(/id: ([^\n]+)/, 'true: $1'),
      base.replace(/id: ([^\n]+)/, '1: $1'),
      base.replace(/id: ([^\n]+)/, '__proto__: $1'),
      base.replace(/id: ([^\n]+)/, '? id\n    : $1'),
      base.replace('topoforge: 1', 'topoforge: 1\ntopoforge: 1'),
      base.replace('name: ', 'name : '),
      `%YAML 1.2\n---\n${base}`,
      `---\n${base}`,
      `${base}---\nname: second\n`,
      `${base}...\n`,
      `\ufeff${base}`,
      base.slice(0, -1),
      `${base}\n\n`,
      `${base}extra:\n  - - 1\n    - 2\n  - []\n  - {}\n  - { a: "b", c: 'd' }\n`,
      `${base}extra: *x\n`,
      `${base}extra: [*x]\n`,
      `${base}extra: \tx\n`,
      `${lines.slice(0, 5).join('\n')}\n  bad: indent\n${lines.slice(5).join('\n')}`,
      base.replace(/props:\n {6}/, 'props:\n        '),
      base.replace(/props:\n {6}port/, 'props:\n      - port'),
      `${base}deep: ${'['.repeat(70)}${']'.repeat(70)}\n`,
      `${base}deep:\n${Array.from({ length: 70 }, (_, i) => `${'  '.repeat(i + 1)}k:`).join('\n')} 1\n`,
    ];
    let read = 0;
    for (const v of variants) if (agreeOrGiveUp(v)) read++;
    // The ones that are still what serialize() could write are read by the fast reader.
    expect(read).toBeGreaterThan(5);
  });

  it('gives up near the limits, so that js-yaml refuses the file at the right place', () => {
    const many = `topoforge: 1\nname: x\nnodes:\n${'  - a\n'.repeat(760_000)}`;
    expect(readFast(many)).toBeUndefined();
    const deep = `topoforge: 1\nname: x\nk:\n${Array.from({ length: 70 }, (_, i) => `${'  '.repeat(i + 1)}k:`).join('\n')} 1\n`;
    expect(readFast(deep)).toBeUndefined();
    const quoted = `topoforge: 1\nname: x\nnotes:\n${`  - "${'q'.repeat(2000)}"\n`.repeat(1100)}`;
    expect(readFast(quoted)).toBeUndefined();
    for (const text of [many, deep, quoted]) expect(parseTopology(text).ok).toBe(false);
    // More keys in one mapping or items in one list than a design can have: given up early, not
    // after reading (and holding) most of the file.
    const keys = `topoforge: 1\nname: x\nprops:\n${Array.from({ length: 300_000 }, (_, i) => `  k${i}: 1\n`).join('')}`;
    const items = `topoforge: 1\nname: x\nedges:\n${'  - 1\n'.repeat(400_000)}`;
    for (const text of [keys, items]) {
      expect(readFast(text)).toBeUndefined();
      expect(fastGaveUpAt()).toBeLessThan(text.length / 3);
    }
  });
});
