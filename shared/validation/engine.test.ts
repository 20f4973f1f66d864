import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KINDS } from '../catalog';
import type { Group, Protocol, TopoEdge, TopoNode, Topology } from '../model/types';
import { PROTOCOLS } from '../model/types';
import { edgeIds } from '../model/ids';
import { createValidator, validate } from './index';
import { findSecrets } from './rules/secrets';
import { design, edge, node } from './testkit';

const RANK = { error: 0, warning: 1, info: 2 } as const;

function isSorted(diags: ReturnType<typeof validate>): boolean {
  for (let i = 1; i < diags.length; i++) {
    const a = diags[i - 1]!, b = diags[i]!;
    if (RANK[a.severity] !== RANK[b.severity]) {
      if (RANK[a.severity] > RANK[b.severity]) return false;
      continue;
    }
    if (a.code !== b.code) {
      if (a.code > b.code) return false;
      continue;
    }
    if ((a.nodes[0] ?? '') > (b.nodes[0] ?? '')) return false;
  }
  return true;
}

describe('validate', () => {
  const messy = () =>
    design({
      nodes: [node('web', 'web-app'), node('gw', 'kong'), node('k', 'kafka'), node('db', 'postgres'), node('x', 'widget'), node('lonely', 'redis', { port: 'high' })],
      edges: [edge('web', 'gw'), edge('k', 'db'), edge('gw', 'k'), edge('db', 'db'), edge('web', 'nowhere')],
      requirements: { availability: '99.9%', throughputTps: 5000 },
    });

  it('sorts errors, then warnings, then infos; then by code and first node', () => {
    const diags = validate(messy());
    expect(diags.length).toBeGreaterThan(8);
    expect(isSorted(diags)).toBe(true);
    expect(diags[0]!.severity).toBe('error');
    expect(diags[diags.length - 1]!.severity).toBe('info');
  });

  it('gives the same answer every time, whatever the order of the nodes', () => {
    const a = validate(messy());
    expect(validate(messy())).toEqual(a);
    const shuffled = messy();
    shuffled.nodes.reverse();
    const b = validate(shuffled);
    // Paths name positions, which moved; everything else is the same.
    const strip = (ds: typeof a) => ds.map(({ path: _p, ...rest }) => rest);
    expect(strip(b)).toEqual(strip(a));
  });

  it('gives every finding a code, a severity, a message, a hint and ids', () => {
    for (const d of validate(messy())) {
      expect(d.code).toMatch(/^TF\d{3}$/);
      expect(d.message.length).toBeGreaterThan(10);
      expect(d.hint.length).toBeGreaterThan(10);
      expect(Array.isArray(d.nodes) && Array.isArray(d.edges)).toBe(true);
      expect(d.message).not.toMatch(/undefined|\[object Object\]|NaN/);
      expect(d.hint).not.toMatch(/undefined|\[object Object\]|NaN/);
    }
  });

  it('does not change the design', () => {
    const d = messy();
    const before = JSON.stringify(d);
    validate(d);
    expect(JSON.stringify(d)).toBe(before);
  });

  it('survives documents the type does not promise', () => {
    const bad = {
      topoforge: 1,
      name: 'x',
      requirements: { security: 'mtls', availability: 12 },
      groups: [null, { id: 3 }],
      nodes: [null, { id: 'a', kind: 'rest-service', label: 7, props: 'nope' }, { id: 'b', kind: 'kafka', props: { topics: 'x' } }, { id: 'c', kind: 5 }],
      edges: [null, { from: 'a', to: 'b', protocol: 42, props: null }, { from: 'b', to: 'c' }],
      layout: {},
    } as unknown as Topology;
    expect(() => validate(bad)).not.toThrow();
    expect(validate(bad).some((d) => d.code === 'TF110')).toBe(true);
  });

  it('names connections by the model\'s edge ids, even when two pairs spell the same', () => {
    const d = design({
      nodes: [node('x->y', 'kafka'), node('z', 'postgres'), node('x', 'kafka'), node('y->z', 'postgres')],
      edges: [edge('x->y', 'z'), edge('x', 'y->z'), edge('x', 'y->z')],
    });
    const ids = validate(d).filter((x) => x.code === 'TF101').map((x) => x.edges[0]).sort();
    expect(ids).toEqual([...edgeIds(d.edges)].sort());
    expect(ids).toEqual(['x->y->z', 'x->y->z#2', 'x->y->z#3']);
  });

  it('an empty design has no findings', () => {
    expect(validate(design({ nodes: [] }))).toEqual([]);
  });
});

// ── Incremental validation equals full validation ──────────────────────────────────────

const KIND_IDS = [...KINDS.map((k) => k.id), 'unknown-kind'];
const PROPS: [string, unknown][] = [
  ['port', 8081],
  ['port', 8082],
  ['port', 70000],
  ['latencyMs', 250],
  ['auth', 'jwt'],
  ['auth', 'oidc'],
  ['exposure', 'internal'],
  ['serialization', 'avro'],
  ['idempotent', false],
  ['topics', [{ name: 'orders', partitions: 2, deadLetter: true }]],
  ['queues', [{ name: 'mail', retryDelayMs: 100 }]],
  ['delivery', 'at-most-once'],
  ['colour', 'red'],
];
const EDGE_PROPS: [string, unknown][] = [
  ['topic', 'orders'],
  ['topic', 'orders.events'],
  ['retries', 3],
  ['deadLetter', true],
  ['timeoutMs', 500],
  ['circuitBreaker', true],
  ['tps', 5000],
  ['consumerGroup', 'g'],
  ['mtls', true],
  ['access', 'read'],
  ['queue', 'mail'],
  ['exchange', 'orders'],
  ['bogus', 1],
];
const GROUPS: Group[] = [
  { id: 'dmz', label: 'DMZ', trust: 'dmz' },
  { id: 'core', label: 'Core', trust: 'internal' },
];

type Op =
  | { t: 'addNode'; kind: number; group: number }
  | { t: 'removeNode'; i: number }
  | { t: 'setProp'; i: number; p: number }
  | { t: 'dropProps'; i: number }
  | { t: 'relabel'; i: number; label: string }
  | { t: 'kind'; i: number; kind: number }
  | { t: 'group'; i: number; group: number }
  | { t: 'addEdge'; a: number; b: number; proto: number }
  | { t: 'removeEdge'; i: number }
  | { t: 'edgeProtocol'; i: number; proto: number }
  | { t: 'edgeProp'; i: number; p: number }
  | { t: 'swapEdges'; i: number; j: number }
  | { t: 'requirements'; r: number }
  | { t: 'copy' }
  | { t: 'undo'; back: number }
  | { t: 'same' }
  | { t: 'zones'; z: number }
  | { t: 'sameEdgeTwice'; i: number }
  | { t: 'secret'; i: number; s: number }
  | { t: 'edgeSecret'; i: number; s: number }
  | { t: 'rename'; i: number; to: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ t: fc.constant('addNode' as const), kind: fc.nat(), group: fc.nat() }),
  fc.record({ t: fc.constant('removeNode' as const), i: fc.nat() }),
  fc.record({ t: fc.constant('setProp' as const), i: fc.nat(), p: fc.nat() }),
  fc.record({ t: fc.constant('dropProps' as const), i: fc.nat() }),
  fc.record({ t: fc.constant('relabel' as const), i: fc.nat(), label: fc.string({ maxLength: 8 }) }),
  fc.record({ t: fc.constant('kind' as const), i: fc.nat(), kind: fc.nat() }),
  fc.record({ t: fc.constant('group' as const), i: fc.nat(), group: fc.nat() }),
  fc.record({ t: fc.constant('addEdge' as const), a: fc.nat(), b: fc.nat(), proto: fc.nat() }),
  fc.record({ t: fc.constant('addEdge' as const), a: fc.nat(), b: fc.nat(), proto: fc.nat() }),
  fc.record({ t: fc.constant('removeEdge' as const), i: fc.nat() }),
  fc.record({ t: fc.constant('edgeProtocol' as const), i: fc.nat(), proto: fc.nat() }),
  fc.record({ t: fc.constant('edgeProp' as const), i: fc.nat(), p: fc.nat() }),
  fc.record({ t: fc.constant('swapEdges' as const), i: fc.nat(), j: fc.nat() }),
  fc.record({ t: fc.constant('requirements' as const), r: fc.nat() }),
  fc.record({ t: fc.constant('copy' as const) }),
  fc.record({ t: fc.constant('undo' as const), back: fc.nat() }),
  fc.record({ t: fc.constant('undo' as const), back: fc.nat() }),
  fc.record({ t: fc.constant('sameEdgeTwice' as const), i: fc.nat() }),
  fc.record({ t: fc.constant('same' as const) }),
  fc.record({ t: fc.constant('zones' as const), z: fc.nat() }),
  fc.record({ t: fc.constant('secret' as const), i: fc.nat(), s: fc.nat() }),
  fc.record({ t: fc.constant('edgeSecret' as const), i: fc.nat(), s: fc.nat() }),
  fc.record({ t: fc.constant('rename' as const), i: fc.nat(), to: fc.nat() }),
);

/** Credentials (and things that are not) typed into a setting or a label. */
const SECRETS: Array<{ props?: Record<string, unknown>; label?: string }> = [
  { props: { apiKey: 'abc123' } },
  { props: { dbPassword: '${DB_PASSWORD}' } },
  { props: { credentials: { user: 'u', password: 'hunter2' } } },
  { props: { extra: [{ name: 'x', token: 42 }] } },
  { props: { note: 'key AKIAABCDEFGHIJKLMNOP here' } },
  { label: 'Uses AKIAABCDEFGHIJKLMNOP' },
  { label: 'plain' },
  { props: { password: 'changeme' } },
];

const REQUIREMENTS = [{}, { latencyP99Ms: 100 }, { throughputTps: 20000, availability: '99.9%' }, { security: ['mTLS'], availability: 'high' }];

let counter = 0;

/** Applies an edit the way the store does: new objects for what changed, the rest shared. */
function apply(doc: Topology, op: Op): Topology {
  // Only the list that changes is copied; the other stays the same array, as in the store.
  const nodeOps = ['addNode', 'removeNode', 'setProp', 'dropProps', 'relabel', 'kind', 'group', 'secret', 'rename'];
  const edgeOps = ['removeNode', 'addEdge', 'removeEdge', 'edgeProtocol', 'edgeProp', 'swapEdges', 'sameEdgeTwice', 'edgeSecret'];
  const d: Topology = {
    ...doc,
    nodes: nodeOps.includes(op.t) ? doc.nodes.slice() : doc.nodes,
    edges: edgeOps.includes(op.t) ? doc.edges.slice() : doc.edges,
  };
  const n = d.nodes.length;
  const m = d.edges.length;
  const setNode = (i: number, f: (x: TopoNode) => TopoNode) => {
    if (n) d.nodes[i % n] = f(d.nodes[i % n]!);
  };
  const setEdge = (i: number, f: (x: TopoEdge) => TopoEdge) => {
    if (m) d.edges[i % m] = f(d.edges[i % m]!);
  };
  switch (op.t) {
    case 'addNode': {
      const kind = KIND_IDS[op.kind % KIND_IDS.length]!;
      const group = op.group % 4;
      const extra = group < 2 ? { group: GROUPS[group]!.id } : group === 2 ? { group: 'ghost' } : {};
      d.nodes.push(node(`n${++counter}`, kind, {}, extra));
      break;
    }
    case 'removeNode': {
      if (!n) break;
      const gone = d.nodes[op.i % n]!.id;
      d.nodes.splice(op.i % n, 1);
      d.edges = d.edges.filter((e) => e.from !== gone && e.to !== gone);
      break;
    }
    case 'setProp': {
      const [k, v] = PROPS[op.p % PROPS.length]!;
      setNode(op.i, (x) => ({ ...x, props: { ...x.props, [k]: v } }));
      break;
    }
    case 'dropProps':
      setNode(op.i, (x) => ({ ...x, props: {} }));
      break;
    case 'relabel':
      setNode(op.i, (x) => ({ ...x, label: op.label }));
      break;
    case 'kind':
      setNode(op.i, (x) => ({ ...x, kind: KIND_IDS[op.kind % KIND_IDS.length]! }));
      break;
    case 'group':
      setNode(op.i, (x) => {
        const g = op.group % 3;
        const { group: _g, ...rest } = x;
        return g < 2 ? { ...rest, group: GROUPS[g]!.id } : (rest as TopoNode);
      });
      break;
    case 'addEdge': {
      if (!n) break;
      const proto = op.proto % (PROTOCOLS.length * 3);
      d.edges.push(edge(d.nodes[op.a % n]!.id, op.b % 7 === 0 ? 'ghost' : d.nodes[op.b % n]!.id, proto < PROTOCOLS.length ? PROTOCOLS[proto] : undefined));
      break;
    }
    case 'removeEdge':
      if (m) d.edges.splice(op.i % m, 1);
      break;
    case 'edgeProtocol':
      setEdge(op.i, (x) => {
        const proto = op.proto % (PROTOCOLS.length + 1);
        const { protocol: _p, ...rest } = x;
        return proto < PROTOCOLS.length ? { ...rest, protocol: PROTOCOLS[proto] as Protocol } : (rest as TopoEdge);
      });
      break;
    case 'edgeProp': {
      const [k, v] = EDGE_PROPS[op.p % EDGE_PROPS.length]!;
      setEdge(op.i, (x) => ({ ...x, props: { ...x.props, [k]: v } }));
      break;
    }
    case 'swapEdges': {
      if (m < 2) break;
      const a = d.edges[op.i % m]!;
      d.edges[op.i % m] = d.edges[op.j % m]!;
      d.edges[op.j % m] = a;
      break;
    }
    case 'requirements':
      d.requirements = REQUIREMENTS[op.r % REQUIREMENTS.length]!;
      break;
    case 'copy':
      // A fresh parse of the same file: equal content, all new objects.
      return JSON.parse(JSON.stringify(d)) as Topology;
    case 'sameEdgeTwice':
      if (m) d.edges.push(d.edges[op.i % m]!);
      break;
    case 'undo':
      break; // handled by the caller, which keeps the history
    case 'zones':
      // Zones change, components don't: trust levels move under them.
      d.groups = [
        [{ id: 'dmz', label: 'DMZ', trust: 'internet' } as Group, GROUPS[1]!],
        [GROUPS[1]!],
        GROUPS,
      ][op.z % 3]!;
      break;
    case 'same':
      break; // a new document object around the very same lists (e.g. only the layout moved)
    case 'secret': {
      const s = SECRETS[op.s % SECRETS.length]!;
      setNode(op.i, (x) => ({ ...x, ...(s.label !== undefined ? { label: s.label } : {}), props: { ...x.props, ...s.props } }));
      break;
    }
    case 'edgeSecret': {
      const s = SECRETS[op.s % SECRETS.length]!;
      setEdge(op.i, (x) => ({ ...x, ...(s.label !== undefined ? { label: s.label } : {}), props: { ...x.props, ...s.props } }));
      break;
    }
    case 'rename':
      // A new id (or one already taken): its connections keep pointing at the old one.
      if (n) setNode(op.i, (x) => ({ ...x, id: op.to % 3 === 0 ? d.nodes[op.to % n]!.id : `r${++counter}` }));
      break;
  }
  return d;
}

describe('createValidator (incremental)', () => {
  it('always equals a full validation, over random edit sequences', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 40 }), (ops) => {
        const v = createValidator();
        let doc = design({ nodes: [], groups: GROUPS });
        const history: Topology[] = [doc];
        for (const op of ops) {
          // Undo hands back an earlier document: the very objects of that time.
          doc = op.t === 'undo' ? history[history.length - 1 - (op.back % history.length)]! : apply(doc, op);
          history.push(doc);
          const full = validate(doc);
          expect(v.validate(doc)).toEqual(full);
          // The quick "holds no credential" checks skip only what a whole scan finds nothing in.
          const scanned = findSecrets(doc, 'everything').map((f) => f.path).sort();
          expect(findSecrets(doc)).toEqual(findSecrets(doc, 'everything'));
          expect(full.filter((x) => x.code === 'TF509').map((x) => x.path).sort()).toEqual(scanned);
        }
      }),
      { numRuns: 250 },
    );
  });

  it('reuses results for untouched nodes and edges (same answer after a one-node edit)', () => {
    const v = createValidator();
    let doc = design({
      nodes: [node('api', 'rest-service', { port: 99999 }), node('k', 'kafka'), node('w', 'worker', { port: 8081 })],
      edges: [edge('api', 'k'), edge('k', 'w', 'kafka', { retries: 2 })],
    });
    const first = v.validate(doc);
    expect(first.map((d) => d.code)).toContain('TF202');
    doc = { ...doc, nodes: [{ ...doc.nodes[0]!, props: { port: 8080 } }, doc.nodes[1]!, doc.nodes[2]!] };
    const second = v.validate(doc);
    expect(second.map((d) => d.code)).not.toContain('TF202');
    expect(second).toEqual(validate(doc));
  });
});
