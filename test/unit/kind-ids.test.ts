import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KINDS, ROLES } from '../../shared/catalog';
import { PROTOCOLS } from '../../shared/model/types';

/**
 * Issue 14: per-kind facts live in the catalog (`shared/catalog/`), per-kind behaviour in one
 * module per kind (`generators/kinds/<id>/`), per-kind pictures in the icon registry
 * (`renderer/icons/`). Anywhere else, code asks a role or a catalog fact instead of naming a
 * kind, so that adding a kind never means hunting for lists of kind ids.
 *
 * A quoted kind id outside those places fails this test. Some kind ids are also protocol ids
 * (`kafka`, `nats`, `redis`, `mongodb`) or role names (`schema-registry`): those are flagged only
 * where they are compared with, or passed as, a kind (`kind.id === 'kafka'`, `getKind('redis')`,
 * `kind: 'nats'`).
 */

const ROOT = join(__dirname, '..', '..');
const SOURCE_DIRS = ['shared', 'generators', 'renderer', 'electron', 'node-io', 'scripts'];
const PER_KIND_PLACES = ['shared/catalog/', 'generators/kinds/', 'renderer/icons/'];

/**
 * Quoted words that are kind ids but mean something else where they stand, each with why.
 * Keep this list short: a new entry needs a reason a reviewer accepts.
 */
const NOT_KIND_IDS: ReadonlyArray<{ file: string; word: string; why: string }> = [
  { file: 'generators/stack/built.ts', word: 'worker', why: 'the stand-in program\'s role name (what it does), not the Worker kind' },
  { file: 'generators/stack/observability.ts', word: 'prometheus', why: 'Grafana\'s data-source type, when no metrics store is drawn' },
  { file: 'scripts/screenshots.ts', word: '*', why: 'writes the demo design it takes screenshots of (a design names its kinds)' },
];

const KIND_IDS = new Set(KINDS.map((k) => k.id));
/** Words that are kind ids and also protocols or roles (`kafka`, `redis`, `schema-registry`). */
const PROTOCOL_IDS = new Set<string>([...PROTOCOLS, ...ROLES]);
/** Text just before a quoted word that makes it a kind: compared with a kind's id, looked up as a kind, set as a node's kind. */
const KIND_CONTEXT = /(?:\bkind\??\.id|\bkindId|\.kind)\s*[!=]==?\s*$|\b(?:getKind|kindOf)\(\s*$|\bkind:\s*$/;

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name === 'node_modules' || e.name === 'dist' || e.name === 'test-support') continue;
      sourceFiles(p, out);
    } else if (/\.(ts|tsx|mjs)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) out.push(p);
  }
  return out;
}

interface Hit {
  file: string;
  line: number;
  word: string;
  text: string;
}

function kindIdsNamed(file: string): Hit[] {
  const hits: Hit[] = [];
  const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
  lines.forEach((text, i) => {
    if (/^\s*(\/\/|\*|\/\*)/.test(text)) return; // comments may name products
    for (const m of text.matchAll(/(['"`])([a-z][a-z0-9-]*)\1/g)) {
      const word = m[2]!;
      if (!KIND_IDS.has(word)) continue;
      if (PROTOCOL_IDS.has(word) && !KIND_CONTEXT.test(text.slice(0, m.index))) continue;
      if (NOT_KIND_IDS.some((a) => a.file === file && (a.word === word || a.word === '*'))) continue;
      hits.push({ file, line: i + 1, word, text: text.trim().slice(0, 160) });
    }
  });
  return hits;
}

describe('kind ids live in the catalog and the kind modules only', () => {
  const files = SOURCE_DIRS.flatMap((d) => sourceFiles(d)).map((f) => relative(ROOT, join(ROOT, f)).split('\\').join('/'));

  it('scans the sources it should (the test sees the code it guards)', () => {
    expect(files).toContain('generators/stack/compose.ts');
    expect(files).toContain('shared/validation/rules/messaging.ts');
    expect(files.some((f) => f.startsWith('renderer/canvas/'))).toBe(true);
  });

  it('no source outside the catalog, the kind modules and the icons names a kind id', () => {
    const hits = files.filter((f) => !PER_KIND_PLACES.some((p) => f.startsWith(p))).flatMap(kindIdsNamed);
    expect(hits.map((h) => `${h.file}:${h.line} '${h.word}': ${h.text}`)).toEqual([]);
  });

  it('flags what it must: a kind compared by id, a kind looked up by id, a list of kind ids', () => {
    const probe = (text: string) => {
      const word = /(['"`])([a-z][a-z0-9-]*)\1/.exec(text);
      return !!word && KIND_IDS.has(word[2]!) && (!PROTOCOL_IDS.has(word[2]!) || KIND_CONTEXT.test(text.slice(0, word.index)));
    };
    expect(probe("if (broker.kind?.id === 'kafka') return")).toBe(true);
    expect(probe("const k = getKind('redis')")).toBe(true);
    expect(probe("const GATEWAYS = new Set(['kong', 'nginx'])")).toBe(true);
    expect(probe("nodes.push({ id, kind: 'nats' })")).toBe(true);
    // A protocol is not a kind.
    expect(probe("if (f.protocol === 'kafka') continue")).toBe(false);
    expect(probe("c.flowsOver('redis')")).toBe(false);
  });

  it('every allowance still names a file and a word that are there', () => {
    for (const a of NOT_KIND_IDS) expect(readFileSync(join(ROOT, a.file), 'utf8'), `${a.file}: ${a.why}`).toContain(a.word === '*' ? '' : `'${a.word}'`);
  });
});
