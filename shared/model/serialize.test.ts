import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kindIds } from '../catalog';
import { parseTopology } from './parse';
import { canonical, serializeTopology, serializeTopologyJson } from './serialize';
import type { Group, Position, TopoEdge, TopoNode, Topology } from './types';
import { GROUP_KINDS, PROTOCOLS, TRUST_LEVELS } from './types';

function parseOk(text: string): Topology {
  const r = parseTopology(text);
  if (!r.ok) throw new Error(`expected the file to parse:\n${text}\n${JSON.stringify(r.diagnostics, null, 2)}`);
  return r.doc;
}

const sample: Topology = {
  topoforge: 1,
  name: 'OrderProcessingIntegration',
  description: 'Order fulfillment: storefront, payments # and shipping',
  requirements: { latencyP99Ms: 100, security: ['PCI DSS'], availability: '99.9%' },
  groups: [{ id: 'dmz', label: 'DMZ', trust: 'dmz' }],
  nodes: [
    { id: 'storefront', kind: 'rest-service', label: 'Storefront API', group: 'dmz', props: { port: 8080 } },
    { id: 'gateway', kind: 'kong', label: 'Gateway', props: {} },
  ],
  edges: [{ from: 'gateway', to: 'storefront', protocol: 'http', props: {} }],
  layout: { gateway: { x: 300, y: 0 }, storefront: { x: 0, y: 0 }, dmz: { x: -20, y: -40, w: 500, h: 200 } },
};

describe('serializeTopology', () => {
  it('writes the documented shape, keys in a fixed order, layout last', () => {
    expect(serializeTopology(sample)).toBe(`topoforge: 1
name: OrderProcessingIntegration
description: "Order fulfillment: storefront, payments # and shipping"

requirements:
  latencyP99Ms: 100
  availability: 99.9%
  security:
    - PCI DSS

groups:
  - id: dmz
    label: DMZ
    trust: dmz

nodes:
  - id: storefront
    kind: rest-service
    label: Storefront API
    group: dmz
    props:
      port: 8080
  - id: gateway
    kind: kong
    label: Gateway

edges:
  - from: gateway
    to: storefront
    protocol: http

layout:
  dmz: { x: -20, y: -40, w: 500, h: 200 }
  storefront: { x: 0, y: 0 }
  gateway: { x: 300, y: 0 }
`);
  });

  it('writes the same bytes for the same document, whatever the key order in memory', () => {
    const shuffled: Topology = {
      layout: { storefront: { y: 0, x: 0 }, dmz: { h: 200, w: 500, y: -40, x: -20 }, gateway: { y: 0, x: 300 } },
      edges: [{ props: {}, protocol: 'http', to: 'storefront', from: 'gateway' }],
      nodes: [
        { props: { port: 8080 }, group: 'dmz', label: 'Storefront API', kind: 'rest-service', id: 'storefront' },
        { props: {}, label: 'Gateway', kind: 'kong', id: 'gateway' },
      ],
      groups: [{ trust: 'dmz', label: 'DMZ', id: 'dmz' }],
      requirements: { availability: '99.9%', security: ['PCI DSS'], latencyP99Ms: 100 },
      description: sample.description,
      name: sample.name,
      topoforge: 1,
    } as Topology;
    expect(serializeTopology(shuffled)).toBe(serializeTopology(sample));
  });

  it('round-trips: parse(serialize(d)) equals d, and serializing again gives the same bytes', () => {
    const text = serializeTopology(sample);
    const back = parseOk(text);
    expect(back).toEqual(sample);
    expect(serializeTopology(back)).toBe(text);
  });

  it('writes unknown keys back, after the known ones', () => {
    const doc = parseOk(`topoforge: 1\nx-owner: team-a\nname: T\nnodes:\n  - notes: keep\n    id: a\n    kind: worker\n    props: { custom: [1, { a: b }] }\nedges: []\n`);
    const text = serializeTopology(doc);
    expect(text).toContain('x-owner: team-a');
    expect(text.indexOf('x-owner')).toBeGreaterThan(text.indexOf('edges:'));
    expect(text).toMatch(/ {4}props:\n {6}custom:\n/);
    expect(text.indexOf('notes: keep')).toBeGreaterThan(text.indexOf('props:'));
    expect(parseOk(text)).toEqual(doc);
  });

  it('leaves out what is empty, and writes no defaults the user did not write', () => {
    const text = serializeTopology({ topoforge: 1, name: 'T', requirements: {}, groups: [], nodes: [{ id: 'k', kind: 'kafka', label: 'k', props: {} }], edges: [], layout: {} });
    expect(text).toBe('topoforge: 1\nname: T\n\nnodes:\n  - id: k\n    kind: kafka\n    label: k\n\nedges: []\n');
  });

  it('quotes what needs quoting, with the YAML library', () => {
    const hostile = ['key: value', '# not a comment', '---', '- item', '"quoted"', "it's", 'null', 'true', '123', '0x1F', '', ' padded ', 'line1\nline2', '\u200F\u202Eevil', '😀 emoji', '{ x: 1 }', '*alias', '&anchor', '!tag', '%directive', '@at', '`tick`', 'a\tb', 'back\\slash', '...'];
    const doc: Topology = {
      topoforge: 1,
      name: hostile.join(' '),
      requirements: {},
      groups: [],
      nodes: hostile.map((label, i) => ({ id: `n${i}`, kind: 'worker', label, props: { [label]: label } })),
      edges: [],
      layout: {},
    };
    expect(parseOk(serializeTopology(doc))).toEqual(doc);
  });

  it('writes a JSON form with the same content', () => {
    const json = serializeTopologyJson(sample);
    expect(JSON.parse(json)).toEqual(canonical(sample));
    expect(parseOk(json)).toEqual(sample);
  });

  it('keeps layout entries one per line, so that moving a box changes one line', () => {
    const before = serializeTopology(sample).split('\n');
    const moved = { ...sample, layout: { ...sample.layout, storefront: { x: 40, y: 120 } } };
    const after = serializeTopology(moved).split('\n');
    expect(after).toHaveLength(before.length);
    const changed = after.filter((l, i) => l !== before[i]);
    expect(changed).toEqual(['  storefront: { x: 40, y: 120 }']);
  });
});

// ── property tests ────────────────────────────────────────────────────────

const NASTY = ['', ' ', ': ', 'a: b', '#', ' # c', '---', '...', '- ', '"', "'", '\\', '\n', '\r\n', '\t', '\u200F', '\u202E', '\u2028', '\uFEFF', '😀', '👩‍👩‍👧', '|', '>', '&a', '*a', '!x', '%', '@', '`', '{', '}', '[', ']', ',', '?', 'null', 'true', '~', '1e3', '0o7', '.inf', '-0', 'yes'];
const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.array(fc.constantFrom(...NASTY), { maxLength: 6 }).map((a) => a.join('')),
);
const id = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/);
const propKey = fc.oneof(fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9]{0,10}$/), text);
const scalar = fc.oneof(text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, fc.array(tie('v'), { maxLength: 4 }), fc.dictionary(propKey, tie('v'), { maxKeys: 4 })),
})).v;
const props = fc.dictionary(propKey, value, { maxKeys: 5 });
/** Raise with TOPOFORGE_PROPERTY_RUNS=20000 to search harder. */
const RUNS = Number(process.env.TOPOFORGE_PROPERTY_RUNS ?? 300);
const coord = fc.oneof(fc.integer({ min: -100000, max: 100000 }), fc.double({ noNaN: true, noDefaultInfinity: true }));

const topology: fc.Arbitrary<Topology> = fc
  .record({
    name: text.filter((s) => s.trim() !== ''),
    description: fc.option(text, { nil: undefined }),
    ids: fc.uniqueArray(id, { minLength: 1, maxLength: 12 }),
    groupCount: fc.nat({ max: 3 }),
    kinds: fc.array(fc.constantFrom(...kindIds()), { minLength: 12, maxLength: 12 }),
    labels: fc.array(text, { minLength: 12, maxLength: 12 }),
    props: fc.array(props, { minLength: 12, maxLength: 12 }),
    groupPick: fc.array(fc.nat(), { minLength: 12, maxLength: 12 }),
    groupMeta: fc.array(fc.record({ kind: fc.option(fc.constantFrom(...GROUP_KINDS), { nil: undefined }), trust: fc.option(fc.constantFrom(...TRUST_LEVELS), { nil: undefined }) }), { minLength: 3, maxLength: 3 }),
    edges: fc.array(
      fc.record({ from: fc.nat(), to: fc.nat(), protocol: fc.option(fc.constantFrom(...PROTOCOLS), { nil: undefined }), label: fc.option(text, { nil: undefined }), props }),
      { maxLength: 10 },
    ),
    positions: fc.array(fc.option(fc.record({ x: coord, y: coord }), { nil: undefined }), { minLength: 15, maxLength: 15 }),
    requirements: fc.record(
      {
        integrationType: text,
        latencyP99Ms: fc.integer({ min: 0, max: 100000 }),
        availability: text,
        security: fc.array(text, { maxLength: 3 }),
        'x-extra': value,
      },
      { requiredKeys: [] },
    ),
    extraTop: fc.option(value, { nil: undefined }),
    extraNode: fc.option(value, { nil: undefined }),
  })
  .map((r) => {
    const groupIds = r.ids.slice(0, Math.min(r.groupCount, r.ids.length - 1));
    const nodeIds = r.ids.slice(groupIds.length);
    const groups: Group[] = groupIds.map((gid, i) => ({ id: gid, label: r.labels[i]!, ...(r.groupMeta[i]!.kind ? { kind: r.groupMeta[i]!.kind } : {}), ...(r.groupMeta[i]!.trust ? { trust: r.groupMeta[i]!.trust } : {}) }));
    const nodes: TopoNode[] = nodeIds.map((nid, i) => {
      const node: TopoNode = { id: nid, kind: r.kinds[i]!, label: r.labels[i]!, props: r.props[i]! };
      if (groupIds.length && r.groupPick[i]! % 2 === 0) node.group = groupIds[r.groupPick[i]! % groupIds.length]!;
      if (i === 0 && r.extraNode !== undefined) node['x-note'] = r.extraNode;
      return node;
    });
    const edges: TopoEdge[] = r.edges.map((e) => ({
      from: nodeIds[e.from % nodeIds.length]!,
      to: nodeIds[e.to % nodeIds.length]!,
      ...(e.protocol ? { protocol: e.protocol } : {}),
      ...(e.label !== undefined ? { label: e.label } : {}),
      props: e.props,
    }));
    const layout: Record<string, Position> = {};
    r.ids.forEach((x, i) => {
      const p = r.positions[i];
      if (p) layout[x] = p;
    });
    const doc: Topology = { topoforge: 1, name: r.name, requirements: r.requirements, groups, nodes, edges, layout };
    if (r.description !== undefined) doc.description = r.description;
    if (r.extraTop !== undefined) doc['x-top'] = r.extraTop;
    return doc;
  });

describe('serializeTopology: properties', () => {
  it('any valid design round-trips exactly, and re-serializes to the same bytes', () => {
    fc.assert(
      fc.property(topology, (doc) => {
        const text1 = serializeTopology(doc);
        const back = parseOk(text1);
        expect(back).toEqual(doc);
        expect(serializeTopology(back)).toBe(text1);
      }),
      { numRuns: RUNS },
    );
  }, Math.max(30_000, RUNS * 40));

  it('moving one box changes exactly one line of the file', () => {
    fc.assert(
      fc.property(topology, fc.nat(), coord, coord, (doc, pick, x, y) => {
        const placed = Object.keys(doc.layout);
        fc.pre(placed.length > 0);
        const target = placed[pick % placed.length]!;
        const old = doc.layout[target]!;
        fc.pre(!Object.is(old.x, x) || !Object.is(old.y, y));
        const before = serializeTopology(doc).split('\n');
        const after = serializeTopology({ ...doc, layout: { ...doc.layout, [target]: { x, y } } }).split('\n');
        expect(after).toHaveLength(before.length);
        const changed = after.map((l, i) => (l === before[i] ? -1 : i)).filter((i) => i >= 0);
        expect(changed).toHaveLength(1);
        expect(after[changed[0]!]!.startsWith(`  ${target}: {`)).toBe(true);
      }),
      { numRuns: Math.ceil((RUNS * 2) / 3) },
    );
  }, Math.max(30_000, RUNS * 40));
});
