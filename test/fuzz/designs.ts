import { dnsName } from '../../shared/resolve';
import fc from 'fast-check';
import { compatibleProtocols, edgePropDefs, getKind, KINDS, type KindDef, type PropDef } from '../../shared/catalog';
import { parseTopology } from '../../shared/model/parse';
import { serializeTopology } from '../../shared/model/serialize';
import type { Group, Position, Protocol, Requirements, TopoEdge, TopoNode, Topology } from '../../shared/model/types';
import { GROUP_KINDS, PROTOCOLS, TRUST_LEVELS } from '../../shared/model/types';
import { isCredentialName, isLiteralCredential } from '../../shared/validation/rules/secrets';
import { hostileKey, hostileText, hostileValue } from './hostile';

/**
 * Random designs for the fuzz properties. Every choice is a small number (a "pick") mapped onto
 * the catalog when the design is built, so that fast-check shrinks a failure to the smallest
 * design and the lowest picks (kind 0, first option, default value).
 *
 * - `fileDesign`: a design a user could save and open again (unique valid ids, known kinds,
 *   connections between existing components, typed requirements), with hostile text in every
 *   label, description, requirement and setting, and settings that are valid, hostile or of the
 *   wrong type. It is read back through serialize + parse, as the app holds it.
 * - `anyDesign`: the same, plus the structure a broken file or a buggy caller could hand to
 *   validation and the generators: unknown kinds, bad and duplicate ids, dangling connections,
 *   unknown protocols, unknown zones, settings that are not mappings.
 * - `everyKindDesign`: every catalog kind once, wired where the catalog allows, with hostile text.
 */

/** Ids that are keywords somewhere: Mermaid, YAML, Compose, JavaScript. */
const ID_BASES = [
  'a', 'end', 'graph', 'subgraph', 'style', 'class', 'classdef', 'click', 'default', 'o', 'x', 'v', 'api', 'db', 'orders',
  'flowchart', 'direction', 'linkstyle', 'call', 'href', 'true', 'null', 'yes', 'on', 'no', 'constructor', 'prototype',
  'services', 'volumes', 'networks', 'version', 'x-a', 'a-b-c', 'kafka', 'postgres', 'placeholder', 'prometheus', `l${'o'.repeat(62)}`,
];
const BAD_IDS = ['', 'Bad Id', '../etc', '__proto__', '1abc', 'a_b', 'a'.repeat(64), 'ÄPI', 'a\nb', '-a', 'a/b', 'services:\n  x:'];
const UNKNOWN_KINDS = ['postgress', 'soap-service', '', 'Kafka', '__proto__', 'rest-service ', 'constructor'];

/** Strings that fit one catalog pattern or another; a valid value is picked among those a prop accepts. */
const STRING_POOL = [
  'orders', 'orders.created', 'ORDERS.IN', '/orders', '/api/v1', '/', 'orders_db', 'app', 'topoforge', 'QM1', '*/5 * * * *', '@daily',
  'https://api.example.com', 'https://api.example.com:8443/v1', 'ghcr.io/acme/orders:1.4', 'plant/+/temp', 'sensors/#', 'orders.>',
  'public.orders', 'orders, payments', 'my-bucket', 'xy12345.eu-west-1', 'COMPUTE_WH', 'Stripe', 'user', 'admin', 'secret/orders', '#',
  'orders.*', 'http://localhost:3000', '*', 'logs-2024', 'ANALYTICS', 'upload', 'transfer', 'shop', 'events',
];

/** Keys that are no setting of any kind (kept and reported by validation, ignored by the generators). */
const EXTRA_KEYS = ['colour', 'owner', 'password', 'apiKey', 'note'];

export interface PropSeed {
  key: number;
  /** 0-5 a valid value, 6-8 a hostile value, 9 null. */
  mode: number;
  pick: number;
  hostile: unknown;
  extraKey: string;
}

const propSeed: fc.Arbitrary<PropSeed> = fc.record({
  key: fc.nat(60),
  mode: fc.nat(9),
  pick: fc.nat(1000),
  hostile: hostileValue,
  extraKey: hostileKey,
});

function passes(def: PropDef, s: string): boolean {
  if (def.maxLength !== undefined && s.length > def.maxLength) return false;
  if (def.pattern !== undefined && !new RegExp(def.pattern).test(s)) return false;
  return true;
}

/** A value `def` accepts, chosen by `pick`. */
export function validValue(def: PropDef, pick: number): unknown {
  switch (def.type) {
    case 'enum':
      return def.options?.[pick % def.options.length] ?? def.default;
    case 'boolean':
      return pick % 2 === 0;
    case 'integer':
    case 'number': {
      const min = def.min ?? 0;
      const max = Math.min(def.max ?? min + 1000, min + 100_000);
      return min + (pick % (max - min + 1));
    }
    case 'string':
    case 'text': {
      const ok = STRING_POOL.filter((s) => passes(def, s));
      return ok.length ? ok[pick % ok.length] : def.default;
    }
    case 'string-list': {
      const ok = STRING_POOL.filter((s) => passes(def, s));
      return ok.length ? Array.from({ length: pick % 3 }, (_, i) => ok[(pick + i * 7) % ok.length]) : [];
    }
    case 'list': {
      const keyDef = def.item?.find((d) => d.key === def.itemKey);
      if (!keyDef) return [];
      return Array.from({ length: pick % 3 }, (_, i) => {
        const item: Record<string, unknown> = {};
        for (const d of def.item ?? []) item[d.key] = d === keyDef ? validValue(d, pick + i * 13) : (pick + i) % 3 === 0 ? validValue(d, pick + i) : d.default;
        return item;
      });
    }
    default:
      return def.default;
  }
}

function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

function buildProps(defs: readonly PropDef[], seeds: readonly PropSeed[]): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  for (const s of seeds) {
    const slots = defs.length + EXTRA_KEYS.length + 1;
    const slot = s.key % slots;
    const def = slot < defs.length ? defs[slot] : undefined;
    const key = def ? def.key : slot < defs.length + EXTRA_KEYS.length ? EXTRA_KEYS[slot - defs.length]! : s.extraKey;
    const value = s.mode <= 5 && def ? validValue(def, s.pick) : s.mode === 9 ? null : s.hostile;
    setOwn(props, key, value);
  }
  return props;
}

interface NodeSeed {
  kind: number;
  badKind: number;
  id: number;
  badId: number;
  label: string | null;
  group: number | null;
  props: PropSeed[];
  at: { x: number; y: number } | null;
}

const nodeSeed: fc.Arbitrary<NodeSeed> = fc.record({
  kind: fc.nat(KINDS.length - 1),
  badKind: fc.nat(40),
  id: fc.nat(ID_BASES.length - 1),
  badId: fc.nat(60),
  label: fc.option(hostileText, { nil: null, freq: 5 }),
  group: fc.option(fc.nat(5), { nil: null }),
  props: fc.array(propSeed, { maxLength: 5 }),
  at: fc.option(fc.record({ x: fc.integer({ min: -5000, max: 5000 }), y: fc.integer({ min: -5000, max: 5000 }) }), { nil: null }),
});

interface EdgeSeed {
  from: number;
  to: number;
  /** 0-5: a protocol the two ends share; 6-7: none given; 8: any protocol; 9: an unknown one (anyDesign only). */
  proto: number;
  pick: number;
  label: string | null;
  props: PropSeed[];
  dangling: number;
}

const edgeSeed: fc.Arbitrary<EdgeSeed> = fc.record({
  from: fc.nat(40),
  to: fc.nat(40),
  proto: fc.nat(9),
  pick: fc.nat(40),
  label: fc.option(hostileText, { nil: null, freq: 3 }),
  props: fc.array(propSeed, { maxLength: 4 }),
  dangling: fc.nat(30),
});

interface GroupSeed {
  label: string | null;
  trust: number;
  kind: number;
}

const groupSeed: fc.Arbitrary<GroupSeed> = fc.record({ label: fc.option(hostileText, { nil: null, freq: 4 }), trust: fc.nat(5), kind: fc.nat(5) });

const requirementsSeed = fc.record(
  {
    integrationType: hostileText,
    businessPurpose: hostileText,
    scope: hostileText,
    stakeholders: hostileText,
    latencyP99Ms: fc.oneof(fc.integer({ min: -10, max: 100_000 }), fc.constantFrom(0.5, 1e9)),
    throughputTps: fc.oneof(fc.integer({ min: -10, max: 10_000_000 }), fc.constant(1e12)),
    availability: fc.oneof(hostileText, fc.constantFrom('99.9%', '99.99', 'three nines', '100%', '0%')),
    security: fc.array(hostileText, { maxLength: 3 }),
    compliance: fc.array(hostileText, { maxLength: 3 }),
    extra: fc.dictionary(hostileKey, hostileValue, { maxKeys: 2 }),
  },
  { requiredKeys: [] },
);

export interface DesignSeed {
  name: string;
  description: string | null;
  requirements: Record<string, unknown>;
  groups: GroupSeed[];
  nodes: NodeSeed[];
  edges: EdgeSeed[];
  /** anyDesign: how broken to make it (0: not at all). */
  breakage: number;
}

function designSeed(maxNodes: number, maxEdges: number): fc.Arbitrary<DesignSeed> {
  return fc.record({
    name: hostileText,
    description: fc.option(hostileText, { nil: null }),
    requirements: requirementsSeed,
    groups: fc.array(groupSeed, { maxLength: 3 }),
    nodes: fc.array(nodeSeed, { minLength: 1, maxLength: maxNodes }),
    edges: fc.array(edgeSeed, { maxLength: maxEdges }),
    breakage: fc.nat(4),
  }) as fc.Arbitrary<DesignSeed>;
}

/** Builds the design a seed describes; `broken` lets it break the structure rules too. */
export function buildDesign(seed: DesignSeed, broken: boolean): Topology {
  const brk = broken ? seed.breakage : 0;
  const groups: Group[] = seed.groups.map((g, i) => {
    const group: Group = { id: `zone-${i}`, label: g.label ?? `zone-${i}` };
    if (g.trust < TRUST_LEVELS.length) group.trust = TRUST_LEVELS[g.trust];
    if (g.kind < GROUP_KINDS.length) group.kind = GROUP_KINDS[g.kind];
    return group;
  });
  const taken = new Set<string>(groups.map((g) => g.id));
  const nodes: TopoNode[] = seed.nodes.map((s, i) => {
    let kind: KindDef | undefined = KINDS[s.kind]!;
    let kindId = kind.id;
    if (brk > 0 && s.badKind < UNKNOWN_KINDS.length && (s.badKind + brk) % 3 === 0) {
      kindId = UNKNOWN_KINDS[s.badKind]!;
      kind = getKind(kindId);
    }
    let id = ID_BASES[s.id]!;
    if (taken.has(id)) id = `${id.slice(0, 58)}-${i + 2}`;
    if (brk > 0 && s.badId < BAD_IDS.length + 4) id = s.badId < BAD_IDS.length ? BAD_IDS[s.badId]! : [...taken][s.badId % Math.max(1, taken.size)] ?? id;
    taken.add(id);
    const node: TopoNode = { id, kind: kindId, label: s.label ?? id, props: buildProps(kind?.props ?? [], s.props) };
    if (s.group !== null && (s.group < groups.length || brk > 1)) node.group = s.group < groups.length ? groups[s.group]!.id : `zone-${s.group}`;
    if (brk > 2 && s.badId % 11 === 0) (node as { props: unknown }).props = s.badId % 2 ? ['not', 'a', 'mapping'] : 'props';
    return node;
  });
  const edges: TopoEdge[] = [];
  for (const s of seed.edges) {
    const from = nodes[s.from % nodes.length]!;
    const to = nodes[s.to % nodes.length]!;
    let toId = to.id;
    if (brk > 0 && s.dangling < 3) toId = ['missing', 'zone-0', ''][s.dangling]!;
    const fk = getKind(from.kind);
    const tk = getKind(to.kind);
    const shared = fk && tk ? compatibleProtocols(fk, tk) : [];
    let protocol: string | undefined;
    if (s.proto <= 5) protocol = shared.length ? shared[s.pick % shared.length] : undefined;
    else if (s.proto === 8 || (s.proto === 9 && brk === 0)) protocol = PROTOCOLS[s.pick % PROTOCOLS.length];
    else if (s.proto === 9) protocol = ['soap', 'HTTP', ''][s.pick % 3];
    const edge: TopoEdge = { from: from.id, to: toId, props: buildProps(edgePropDefs((PROTOCOLS as readonly string[]).includes(protocol ?? '') ? (protocol as Protocol) : undefined), s.props) };
    if (protocol !== undefined) edge.protocol = protocol as Protocol;
    if (s.label !== null) edge.label = s.label;
    edges.push(edge);
  }
  const r = seed.requirements as Record<string, unknown>;
  const requirements: Requirements = {};
  for (const [k, v] of Object.entries(r)) if (k !== 'extra') requirements[k] = v;
  for (const [k, v] of Object.entries((r.extra as Record<string, unknown> | undefined) ?? {})) {
    if (!(k in requirements)) setOwn(requirements, k, v);
  }
  const layout: Record<string, Position> = {};
  seed.nodes.forEach((s, i) => {
    if (s.at) setOwn(layout as Record<string, unknown>, nodes[i]!.id, { ...s.at });
  });
  const doc: Topology = { topoforge: 1, name: seed.name.trim() ? seed.name : `Design ${seed.name.length}`, requirements, groups, nodes, edges, layout };
  if (seed.description !== null) doc.description = seed.description;
  return doc;
}

/** The design as the app holds it after saving and opening it again (throws if it cannot be opened: that is a bug). */
export function throughFile(doc: Topology): Topology {
  const text = serializeTopology(doc);
  const r = parseTopology(text);
  if (!r.ok) throw new Error(`a saved design does not open again: ${r.diagnostics.map((d) => `${d.code} ${d.message}`).join('; ')}`);
  return r.doc;
}

export const fileDesign = (maxNodes = 8, maxEdges = 10): fc.Arbitrary<Topology> => designSeed(maxNodes, maxEdges).map((s) => buildDesign(s, false));

export const anyDesign = (maxNodes = 8, maxEdges = 10): fc.Arbitrary<Topology> => designSeed(maxNodes, maxEdges).map((s) => buildDesign(s, true));

/** Every catalog kind once (ids from the catalog), each wired to up to two others it can talk to, with hostile text and settings. */
export const everyKindDesign: fc.Arbitrary<Topology> = fc
  .record({
    name: hostileText,
    labels: fc.array(fc.option(hostileText, { nil: null, freq: 4 }), { minLength: KINDS.length, maxLength: KINDS.length }),
    props: fc.array(fc.array(propSeed, { maxLength: 3 }), { minLength: KINDS.length, maxLength: KINDS.length }),
    edgeLabels: fc.array(fc.option(hostileText, { nil: null }), { minLength: 80, maxLength: 80 }),
    edgeProps: fc.array(fc.array(propSeed, { maxLength: 2 }), { minLength: 80, maxLength: 80 }),
    zone: hostileText,
  })
  .map((s) => {
    const groups: Group[] = [
      { id: 'edge', label: s.zone, trust: 'dmz' },
      { id: 'core', label: 'Core', trust: 'internal' },
    ];
    const nodes: TopoNode[] = KINDS.map((k, i) => ({
      id: k.id,
      kind: k.id,
      label: s.labels[i] ?? k.name,
      ...(k.category === 'gateway' ? { group: 'edge' } : i % 2 ? { group: 'core' } : {}),
      props: buildProps(k.props, s.props[i]!),
    }));
    const edges: TopoEdge[] = [];
    for (const a of nodes) {
      for (const b of nodes) {
        if (a === b || edges.filter((e) => e.from === a.id).length >= 2) continue;
        const options = compatibleProtocols(getKind(a.kind)!, getKind(b.kind)!);
        if (!options.length || edges.some((e) => e.to === b.id && e.protocol === options[0])) continue;
        const i = edges.length % 80;
        const e: TopoEdge = { from: a.id, to: b.id, protocol: options[0], props: buildProps(edgePropDefs(options[0]), s.edgeProps[i]!) };
        if (s.edgeLabels[i] !== null) e.label = s.edgeLabels[i]!;
        edges.push(e);
      }
    }
    return { topoforge: 1, name: s.name.trim() ? s.name : 'Every kind', requirements: {}, groups, nodes, edges, layout: {} } as Topology;
  });

/**
 * The same design with every free text (name, description, labels, requirement texts, the
 * free-text settings) replaced by plain words: what the output should look like, structurally,
 * whatever the user typed.
 */
export function plainTwin(doc: Topology): Topology {
  const twin = structuredClone(doc);
  let n = 0;
  const plain = () => `Text ${++n}`;
  // The diagram's accessible title and description keep letters and digits only, and are left
  // out when none are left: a name of punctuation alone stays as it is in the twin.
  const spoken = (s: string) => (/[\p{L}\p{N}]/u.test(s) ? plain() : s);
  twin.name = spoken(twin.name);
  if (typeof twin.description === 'string') twin.description = spoken(twin.description);
  // Labels name services and networks (`dnsName`): the twin's label gives the same name in plain words.
  const named = (l: unknown) => {
    const text = typeof l === 'string' ? l : '';
    const d = dnsName(text);
    return d || (/[^\s\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(text) ? '#' : '');
  };
  for (const g of twin.groups) g.label = named(g.label);
  // A free-text setting over its length limit is ignored (and reported): the twin's is too long as well.
  const plainProps = (props: unknown, defs: readonly PropDef[]) => {
    if (!props || typeof props !== 'object') return;
    const p = props as Record<string, unknown>;
    for (const key of FREE_TEXT_PROPS) {
      const v = p[key];
      // Blank text (JavaScript's trim: spaces, U+FEFF...) means "not set": it stays blank.
      if (typeof v !== 'string' || v.trim() === '') continue;
      const max = defs.find((d) => d.key === key)?.maxLength ?? Infinity;
      p[key] = v.length > max ? plain().padEnd(v.length, 'x') : plain();
    }
  };
  for (const node of twin.nodes) {
    node.label = named(node.label);
    plainProps(node.props, getKind(node.kind)?.props ?? []);
  }
  for (const e of twin.edges) {
    if (e.label !== undefined) e.label = plain();
    plainProps(e.props, edgePropDefs((PROTOCOLS as readonly string[]).includes(e.protocol ?? '') ? e.protocol : undefined));
  }
  const req = twin.requirements ?? {};
  for (const key of Object.keys(req)) {
    const v = req[key];
    // A credential's name with a placeholder (blank, `<password>`, `change-me`) is not a credential:
    // the twin keeps one too, so that both declare the same variables.
    const twinOf = (x: string) => (isCredentialName(key) && !isLiteralCredential(x) ? 'change-me' : x.trim() === '' ? x : plain());
    if (typeof v === 'string') req[key] = key === 'availability' ? v : twinOf(v);
    else if (Array.isArray(v)) req[key] = v.map((x) => (typeof x === 'string' ? twinOf(x) : x));
  }
  return twin;
}

/** Catalog settings that take any text (no pattern): only their length is limited. */
export const FREE_TEXT_PROPS: readonly string[] = (() => {
  const keys = new Set<string>();
  for (const k of KINDS) for (const p of k.props) if ((p.type === 'string' || p.type === 'text') && !p.pattern) keys.add(p.key);
  for (const p of edgePropDefs('http')) if ((p.type === 'string' || p.type === 'text') && !p.pattern) keys.add(p.key);
  return [...keys].sort();
})();
