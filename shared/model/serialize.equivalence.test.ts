import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyDesign, everyKindDesign, fileDesign } from '../../test/fuzz/designs';
import { hostileKey, hostileText, hostileValue, LONG_HOSTILE } from '../../test/fuzz/hostile';
import { synthesizeDesign } from '../../test/bench/synth';
import { serializeTopology, serializeTopologyJson } from './serialize';
import { serializeTopologyJsonReference, serializeTopologyReference } from './serialize.reference';
import type { Topology } from './types';

/**
 * The fast writer (`serializeTopology`) must give exactly the bytes of the former writer, which
 * printed a whole `yaml` Document (`serializeTopologyReference`): same quoting, same block
 * scalars, same blank lines, for every design, hostile or broken. Where the reference throws,
 * the fast writer throws too.
 *
 * Raise the runs with TOPOFORGE_EQUIV_RUNS=5000 to search harder (the suite's default takes a
 * few seconds).
 */
const RUNS = Number(process.env.TOPOFORGE_EQUIV_RUNS ?? 200);
/** Fixed in the suite, as the other fuzz suites; TOPOFORGE_EQUIV_SEED=random searches anew. */
const SEED = process.env.TOPOFORGE_EQUIV_SEED === 'random' ? Date.now() % 2 ** 31 : Number(process.env.TOPOFORGE_EQUIV_SEED ?? 7);
fc.configureGlobal({ seed: SEED });

function outcome(write: (t: Topology) => string, doc: Topology): { text?: string; threw?: boolean; error?: string } {
  try {
    return { text: write(doc) };
  } catch (e) {
    return { threw: true, error: e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 300) : String(e) };
  }
}

function expectSameBytes(doc: Topology): void {
  const ref = outcome(serializeTopologyReference, doc);
  const fast = outcome(serializeTopology, doc);
  if (ref.text !== undefined && fast.text !== undefined && ref.text !== fast.text) {
    // Show where they part, not two 10 kB strings.
    let i = 0;
    while (ref.text[i] === fast.text[i]) i++;
    const at = Math.max(0, i - 120);
    expect(JSON.stringify(fast.text.slice(at, i + 120))).toBe(JSON.stringify(ref.text.slice(at, i + 120)));
  }
  // Where only one of them throws, say what it threw.
  if (!!fast.threw !== !!ref.threw) expect(fast.threw ? `the fast writer threw ${fast.error}` : `the reference threw ${ref.error}`).toBe('both write the design');
  expect(fast.text).toEqual(ref.text);
  // The JSON form shares the records' field order with the YAML writer: it must not move either.
  const [json, jsonRef] = [outcome(serializeTopologyJson, doc), outcome(serializeTopologyJsonReference, doc)];
  expect({ text: json.text, threw: json.threw }).toEqual({ text: jsonRef.text, threw: jsonRef.threw });
}

function setOwn(obj: object, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

// ── values near the edge of what is written plain ─────────────────────────

/** Characters that decide between plain and quoted (or a block literal). */
const EDGE_CHARS = ['a', 'Z', ' ', ':', '#', '-', '?', '.', '0', '9', '+', '~', '"', "'", ',', '[', '{', '!', '&', '*', '|', '>', '%', '@', '`', '\n', '\t', '\r', '\u0085', '\u00a0', '\u2028', '\u2029', '\ufeff', '\ufffe', '\ud800', 'é', '😀', '\\', '/', '=', '<'];
const WORDS = ['null', 'Null', 'NULL', 'nULL', 'true', 'True', 'TRUE', 'tRUE', 'false', 'FALSE', 'yes', 'Yes', 'no', 'NO', 'on', 'On', 'off', 'OFF', 'y', 'n', '~', '', '.inf', '-.Inf', '.NaN', '0o7', '0x1F', '1e3', '-0', '+1', '1_000', '2001-12-14', '2001-12-14t21:59:43.10-05:00', '12:30', '---', '...', '--- x', '... x', '%YAML', '<<', '=', '.', '-', '?', ':', 'a:', 'a :', 'a: b', 'a #b', 'a#b', 'x\n\n', '\n', '\n\n', 'a\n', ' \n', 'a\n ', 'a\n\nb', 'a\n  b', '\ta', 'a\t', 'a ', ' a', 'a\u2028---', 'a\u2028%x'];
const edgeText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.array(fc.constantFrom(...EDGE_CHARS), { minLength: 0, maxLength: 6 }).map((a) => a.join('')) },
  { weight: 2, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...EDGE_CHARS), fc.constantFrom(...WORDS)).map((a) => a.join('')) },
  { weight: 1, arbitrary: hostileText },
  { weight: 1, arbitrary: fc.constantFrom('k'.repeat(1023), 'k'.repeat(1024), 'k'.repeat(1025), LONG_HOSTILE, `${'word '.repeat(30)}x\nline two`) },
);
const edgeKey = fc.oneof(edgeText, hostileKey, fc.constantFrom('0', '1', '42', '4294967295', '-1', '__proto__', 'constructor', 'id', 'props', 'x-a'));

class Thing {
  constructor(public a = 1) {}
}

/** Values a buggy caller may hand over: what the library writes its own way. */
const oddValue: fc.Arbitrary<unknown> = fc.constantFrom(
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  1e21,
  5e-324,
  2 ** 53,
  12n,
  new Date(0),
  new Map<string, unknown>([['a', 1], ['b c', [2]]]),
  new Set(['a', 'b']),
  new Thing(),
  { toJSON: () => 'from toJSON' },
  { [Symbol.iterator]: function* () { yield 1; } },
  Object.assign(Object.create(null) as object, { a: 'null-prototype', 'b: c': 1 }),
  [1, , 3],
  [undefined, null],
  { a: undefined },
  { a: undefined, b: 1 },
  [],
  {},
  [[]],
  [{}],
  [[1, [2, []]], { a: { b: [] } }],
  [{ a: 1, 'b: c': 'x\n\n' }],
  Object.assign(new String('boxed'), {}),
  new Number(3),
  true,
  'x\n\n',
  '\n',
  'keep\n\n\n',
  ' \n\n',
  () => 1,
  Symbol('s'),
  undefined,
);

const wildValue: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 4, arbitrary: edgeText },
    { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null)) },
    { weight: 1, arbitrary: oddValue },
    { weight: 1, arbitrary: hostileValue },
    { weight: 1, arbitrary: fc.array(tie('v'), { maxLength: 3 }) },
    { weight: 1, arbitrary: fc.array(fc.tuple(edgeKey, tie('v')), { maxLength: 3 }).map(toObject) },
  ),
})).v;

function toObject(entries: Array<[string, unknown]>): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of entries) setOwn(o, k, v);
  return o;
}

const extras = fc.array(fc.tuple(edgeKey, wildValue), { maxLength: 2 });

/**
 * A design with odd text, odd values and extra keys at every level (the top, requirements,
 * zones, components, connections, settings, positions), and now and then a broken structure
 * (ids that are no strings, positions that are no numbers).
 */
const wildDesign: fc.Arbitrary<Topology> = fc
  .record({
    base: fc.oneof(fileDesign(6, 8), anyDesign(6, 8)),
    name: fc.option(wildValue, { nil: undefined, freq: 3 }),
    description: fc.option(wildValue, { nil: undefined, freq: 2 }),
    top: extras,
    req: extras,
    group: fc.array(extras, { minLength: 3, maxLength: 3 }),
    node: fc.array(fc.record({ label: fc.option(edgeText, { nil: undefined }), props: extras, extra: extras, id: fc.option(fc.oneof(edgeText, oddValue), { nil: undefined, freq: 8 }) }), { minLength: 6, maxLength: 6 }),
    edge: fc.array(fc.record({ label: fc.option(edgeText, { nil: undefined }), props: extras, extra: extras }), { minLength: 8, maxLength: 8 }),
    at: fc.array(fc.option(fc.record({ x: fc.oneof(fc.integer(), fc.double(), oddValue), y: fc.integer(), w: fc.option(fc.double(), { nil: undefined }) }, { requiredKeys: [] }), { nil: undefined }), { minLength: 9, maxLength: 9 }),
    layoutNotAnObject: fc.nat(20),
    broken: fc.nat(30),
  })
  .map((r) => {
    const doc = r.base;
    if (r.name !== undefined) doc.name = r.name as string;
    if (r.description !== undefined) doc.description = r.description as string;
    for (const [k, v] of r.top) if (!['topoforge', 'name', 'description', 'requirements', 'groups', 'nodes', 'edges', 'layout'].includes(k)) setOwn(doc, k, v);
    for (const [k, v] of r.req) setOwn(doc.requirements, k, v);
    doc.groups.forEach((g, i) => {
      for (const [k, v] of r.group[i]!) if (!['id'].includes(k)) setOwn(g, k, v);
    });
    doc.nodes.forEach((n, i) => {
      const s = r.node[i % r.node.length]!;
      if (s.label !== undefined) n.label = s.label;
      if (s.id !== undefined) (n as { id: unknown }).id = s.id;
      if (n.props && typeof n.props === 'object') for (const [k, v] of s.props) setOwn(n.props, k, v);
      for (const [k, v] of s.extra) setOwn(n, k, v);
    });
    doc.edges.forEach((e, i) => {
      const s = r.edge[i % r.edge.length]!;
      if (s.label !== undefined) e.label = s.label;
      if (e.props && typeof e.props === 'object') for (const [k, v] of s.props) setOwn(e.props, k, v);
      for (const [k, v] of s.extra) setOwn(e, k, v);
    });
    [...doc.groups.map((g) => g.id), ...doc.nodes.map((n) => n.id)].forEach((id, i) => {
      const p = r.at[i % r.at.length];
      if (p && (typeof id === 'string' || typeof id === 'number')) setOwn(doc.layout, String(id), p);
    });
    if (r.layoutNotAnObject === 0) (doc as { layout: unknown }).layout = undefined;
    // Lists that are no plain list of records (written through the library, or refused by both).
    const lists = doc as unknown as Record<string, unknown[]>;
    if (r.broken === 0) lists.nodes = [...doc.nodes, , ...doc.nodes.slice(0, 1)];
    if (r.broken === 1) lists.edges = [...doc.edges, 'ab' as never, 7 as never, '' as never];
    if (r.broken === 2) lists.groups = [...doc.groups, [] as never, { 0: 'zero', id: 'z' } as never];
    if (r.broken === 3) lists.nodes = [...doc.nodes, null as never];
    if (r.broken === 4) (lists as Record<string, unknown>).edges = { 0: doc.edges[0] };
    if (r.broken === 5) lists.nodes = Object.assign([...doc.nodes], { extra: 1 });
    return doc;
  });

describe('serializeTopology writes exactly what the whole-Document writer wrote', () => {
  it('the benchmark designs (100 and 1,000 components)', () => {
    for (const n of [100, 1_000]) expectSameBytes(synthesizeDesign(n, 7));
  });

  it('the shapes a user notices: blank lines, empty parts, a kept final line break before the next part', () => {
    const base: Topology = { topoforge: 1, name: 'T', requirements: {}, groups: [], nodes: [], edges: [], layout: {} };
    const cases: Topology[] = [
      base,
      { ...base, description: 'x\n\n', requirements: { scope: 'a\n\n' } },
      { ...base, nodes: [{ id: 'a', kind: 'worker', label: 'a', props: { note: 'ends\n\n' } }] },
      { ...base, nodes: [{ id: 'a', kind: 'worker', label: 'a', props: {}, extra: ['x', 'keep\n\n\n'] }], edges: [{ from: 'a', to: 'a', props: { a: ' \n\n' } }], 'x-top': '\n' },
      { ...base, groups: [{ id: 'g', label: '\n\n' }], layout: { g: { x: 1, y: 2, w: 3, h: 4 } } },
      { ...base, nodes: [{ id: 'true', kind: 'worker', label: 'null', props: { '0x1F': '1e3', '~': '.inf', list: [[], {}, [[1]], [{ a: 'b: c' }]] } }], layout: { true: { x: -0, y: 1.5 } } },
      { ...base, name: 'k'.repeat(2000), nodes: [{ id: 'a', kind: 'worker', label: 'a', props: { ['k'.repeat(1025)]: 1, ['k'.repeat(1024)]: null } }] },
    ];
    for (const doc of cases) expectSameBytes(doc);
  });

  it('designs a user can save, with hostile text everywhere', () => {
    fc.assert(fc.property(fileDesign(), (doc) => expectSameBytes(doc)), { numRuns: RUNS });
  }, Math.max(30_000, RUNS * 60));

  it('broken designs (bad ids, unknown kinds, settings that are no mapping)', () => {
    fc.assert(fc.property(anyDesign(), (doc) => expectSameBytes(doc)), { numRuns: RUNS });
  }, Math.max(30_000, RUNS * 60));

  it('every kind of the catalog, with hostile settings', () => {
    fc.assert(fc.property(everyKindDesign, (doc) => expectSameBytes(doc)), { numRuns: Math.ceil(RUNS / 4) });
  }, Math.max(30_000, RUNS * 100));

  it('odd text, odd values and extra keys at every level', () => {
    fc.assert(fc.property(wildDesign, (doc) => expectSameBytes(doc)), { numRuns: RUNS * 2 });
  }, Math.max(30_000, RUNS * 120));
});
