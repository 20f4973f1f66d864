import { describe, expect, it } from 'vitest';
import { Document, parse, stringify } from 'yaml';
import { emitYaml } from './yamlEmit';
import { seededRandom } from '../test/random';

/** What the generators wrote before the direct writer (and still write when it declines). */
function library(value: unknown, version: '1.1' | '1.2', header?: string, keyComments?: Map<object, Map<string, string>>): string {
  const doc = new Document(value, { version, aliasDuplicateObjects: false });
  if (header) doc.commentBefore = header;
  if (keyComments) {
    const visit = (node: unknown, src: unknown) => {
      if (!node || typeof node !== 'object' || !src || typeof src !== 'object') return;
      const items = (node as { items?: unknown[] }).items;
      if (!Array.isArray(items)) return;
      if (Array.isArray(src)) {
        items.forEach((it, i) => visit(it, src[i]));
        return;
      }
      const comments = keyComments.get(src);
      for (const pair of items as Array<{ key: { value: string; commentBefore?: string }; value: unknown }>) {
        const c = comments?.get(pair.key.value);
        if (c) pair.key.commentBefore = c;
        visit(pair.value, (src as Record<string, unknown>)[pair.key.value]);
      }
    };
    visit(doc.contents, value);
  }
  return doc.toString({ lineWidth: 0, minContentWidth: 0, indentSeq: true });
}

const PIECES = [
  'a', 'orders-db', 'ORDERS_DB', 'Orders service', 'yes', 'No', 'on', 'OFF', 'y', 'n', 'true', 'False', 'null', 'Null', '~', 'e5', 'E12345', 'e-3', 'eee',
  '', ' ', '  ', ':', ': ', ' #', '#', '-', '- ', '?', '? ', '---', '...', '%', '@', '`', '"', "'", '\n', '\n\n', '\t', '\r', '\r\n', '\u0000', '\u0007',
  '\u001b', '\u007f', '\u0085', '\u00a0', '\u2028', '\u2029', '\uFEFF', '\uFFFE', '\uD800', '\uDC00', '😀', '<<', '0x1F', '0o17', '012', '1_000', '22:22',
  '1:20:30.5', '2001-12-14', '2001-12-14 21:59:43.10 -5', '.inf', '-.Inf', '.nan', '1e3', '+1', '-1', '.5', '1.', '0b101', '${VAR:-1}', '$$', 'http://x:80/a#b',
  'a b', 'a: b', 'a:b', 'a #b', 'a#b', '[', ']', '{', '}', ',', '&a', '*a', '!tag', '!!str', '|', '>', '=', '(', ')', '/etc/x', './config/a:/etc/a:ro', 'é',
  '\\', '\\n', 'x'.repeat(45), 'k'.repeat(1030), '__proto__', 'constructor', '0', '8080', '-0', 'toString',
];

function randomString(r: () => number): string {
  const n = 1 + Math.floor(r() * 4);
  let s = '';
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(r() * PIECES.length)];
  return r() < 0.1 ? PIECES[Math.floor(r() * PIECES.length)]! : s;
}

const NUMBERS = [0, 1, -1, 8080, 3.5, -0.25, 1e21, 1e-7, 2 ** 53, -0, Number.NaN, Infinity, -Infinity, 0.1 + 0.2, 123456789012];

function randomValue(r: () => number, depth: number, comments: Map<object, Map<string, string>>): unknown {
  const x = r();
  if (depth < 4 && x < 0.22) {
    const obj: Record<string, unknown> = {};
    const n = Math.floor(r() * 5);
    const cm = new Map<string, string>();
    for (let i = 0; i < n; i++) {
      const k = randomString(r);
      Object.defineProperty(obj, k, { value: randomValue(r, depth + 1, comments), enumerable: true, writable: true, configurable: true });
      if (r() < 0.2) cm.set(k, r() < 0.5 ? ` ${randomString(r)}` : randomString(r));
    }
    if (cm.size > 0) comments.set(obj, cm);
    return obj;
  }
  if (depth < 4 && x < 0.38) return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth + 1, comments));
  if (x < 0.75) return randomString(r);
  if (x < 0.88) return NUMBERS[Math.floor(r() * NUMBERS.length)];
  if (x < 0.94) return r() < 0.5;
  return r() < 0.5 ? null : undefined;
}

describe('emitYaml writes what the yaml library writes', () => {
  for (const version of ['1.1', '1.2'] as const) {
    it(`hostile data, YAML ${version}`, () => {
      const r = seededRandom(version === '1.1' ? 11 : 12);
      for (let i = 0; i < 3000; i++) {
        const comments = new Map<object, Map<string, string>>();
        const value: Record<string, unknown> = {};
        for (let k = 0; k < 3; k++) Object.defineProperty(value, randomString(r), { value: randomValue(r, 0, comments), enumerable: true, writable: true, configurable: true });
        const header = r() < 0.3 ? randomString(r) : undefined;
        const expected = library(value, version, header, comments);
        const got = emitYaml(value, { version, header, keyComments: comments });
        expect(got).toBe(expected);
      }
    });
  }

  it('matches stringify() as the interop exports call it, and every output parses back', () => {
    const r = seededRandom(3);
    for (let i = 0; i < 1000; i++) {
      const value = { items: Array.from({ length: 4 }, () => randomValue(r, 1, new Map())), [randomString(r)]: randomString(r) };
      if (Object.getPrototypeOf(value) !== Object.prototype) continue;
      const got = emitYaml(value, { version: '1.2' });
      expect(got).toBe(stringify(value, { lineWidth: 0, aliasDuplicateObjects: false, indent: 2 }));
      expect(() => parse(got!)).not.toThrow();
    }
  });

  it('leaves to the library what only it can write', () => {
    expect(emitYaml({ when: new Date(0) }, { version: '1.2' })).toBeNull();
    expect(emitYaml({ set: new Set([1]) }, { version: '1.1' })).toBeNull();
    expect(emitYaml({ big: 10n }, { version: '1.2' })).toBeNull();
    expect(emitYaml('text', { version: '1.2' })).toBeNull();
  });
});
