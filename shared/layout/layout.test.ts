import { describe, expect, it } from 'vitest';
import { defaultProtocol, getKind } from '../catalog';
import type { Position, TopoEdge, Topology } from '../model/types';
import { emptyTopology, OBSERVABILITY_PROTOCOLS } from '../model/types';
import { allKindsDesign, loadExamples } from '../../test/golden/fixtures';
import { autoLayout, NODE_HEIGHT, NODE_WIDTH, withLayout } from './index';

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

const nodeBox = (p: Position): Box => ({ x: p.x, y: p.y, w: NODE_WIDTH, h: NODE_HEIGHT });
const overlap = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const inside = (a: Box, z: Box) => a.x >= z.x && a.y >= z.y && a.x + a.w <= z.x + z.w && a.y + a.h <= z.y + z.h;

function isObservability(doc: Topology, e: TopoEdge): boolean {
  const a = getKind(doc.nodes.find((n) => n.id === e.from)!.kind);
  const b = getKind(doc.nodes.find((n) => n.id === e.to)!.kind);
  const p = e.protocol ?? (a && b ? defaultProtocol(a, b) : undefined);
  return (!!p && OBSERVABILITY_PROTOCOLS.includes(p)) || a?.category === 'observability' || b?.category === 'observability';
}

/** The checks a person looking at the canvas would make. Returns the share of left-to-right edges. */
function checkLayout(doc: Topology, pos: Record<string, Position>): number {
  for (const n of doc.nodes) expect(pos[n.id], `position of ${n.id}`).toBeDefined();
  for (const g of doc.groups) {
    expect(pos[g.id], `box of zone ${g.id}`).toBeDefined();
    expect(pos[g.id]!.w).toBeGreaterThan(0);
    expect(pos[g.id]!.h).toBeGreaterThan(0);
  }
  const boxes = doc.nodes.map((n) => ({ id: n.id, b: nodeBox(pos[n.id]!) }));
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      expect(overlap(boxes[i]!.b, boxes[j]!.b), `${boxes[i]!.id} overlaps ${boxes[j]!.id}`).toBe(false);
    }
  }
  const zoneBox = (id: string): Box => {
    const p = pos[id]!;
    return { x: p.x, y: p.y, w: p.w!, h: p.h! };
  };
  for (const n of doc.nodes) {
    if (n.group && doc.groups.some((g) => g.id === n.group)) {
      expect(inside(nodeBox(pos[n.id]!), zoneBox(n.group)), `${n.id} inside zone ${n.group}`).toBe(true);
    } else {
      for (const g of doc.groups) expect(overlap(nodeBox(pos[n.id]!), zoneBox(g.id)), `${n.id} (no zone) clear of ${g.id}`).toBe(false);
    }
  }
  for (let i = 0; i < doc.groups.length; i++) {
    for (let j = i + 1; j < doc.groups.length; j++) {
      const a = doc.groups[i]!.id;
      const b = doc.groups[j]!.id;
      expect(overlap(zoneBox(a), zoneBox(b)), `zones ${a} and ${b} overlap`).toBe(false);
    }
  }
  let flow = 0;
  let rightward = 0;
  for (const e of doc.edges) {
    const a = doc.nodes.find((n) => n.id === e.from);
    const b = doc.nodes.find((n) => n.id === e.to);
    if (!a || !b || a === b || isObservability(doc, e) || (a.group ?? '') !== (b.group ?? '')) continue;
    flow++;
    if (pos[a.id]!.x <= pos[b.id]!.x) rightward++;
  }
  return flow === 0 ? 1 : rightward / flow;
}

/** A pipeline in three zones: sources, a gateway, services, a broker, consumers, stores, telemetry. */
function pipeline(width: number): Topology {
  const doc = emptyTopology('Pipeline');
  doc.groups = [
    { id: 'edge', label: 'Edge' },
    { id: 'core', label: 'Core' },
    { id: 'data', label: 'Data' },
  ];
  const add = (id: string, kind: string, group?: string) => doc.nodes.push({ id, kind, label: id, group, props: {} });
  const link = (from: string, to: string, protocol?: TopoEdge['protocol']) => doc.edges.push({ from, to, protocol, props: {} });
  add('web', 'web-app');
  add('gw', 'kong', 'edge');
  add('bus', 'kafka', 'core');
  add('prom', 'prometheus');
  add('graf', 'grafana');
  link('web', 'gw', 'http');
  link('prom', 'graf', 'metrics');
  for (let i = 0; i < width; i++) {
    add(`api-${i}`, 'rest-service', 'core');
    add(`worker-${i}`, 'worker', 'core');
    add(`db-${i}`, 'postgres', 'data');
    link('gw', `api-${i}`, 'http');
    link(`api-${i}`, 'bus', 'kafka');
    link('bus', `worker-${i}`, 'kafka');
    link(`worker-${i}`, `db-${i}`, 'sql');
    // Drawn against the flow on purpose: Prometheus "scrapes" the service.
    link('prom', `api-${i}`, 'metrics');
  }
  return doc;
}

/** A deterministic pseudo-random design (same seed, same design). */
function randomDesign(seed: number, size: number): Topology {
  let s = seed;
  const rnd = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const kinds = ['rest-service', 'worker', 'kafka', 'postgres', 'rabbitmq', 'redis', 'kong', 'grpc-service', 'prometheus'];
  const doc = emptyTopology(`Random${seed}`);
  const zones = Math.floor(rnd() * 4);
  for (let z = 0; z < zones; z++) doc.groups.push({ id: `zone-${z}`, label: `Zone ${z}` });
  for (let i = 0; i < size; i++) {
    const group = zones > 0 && rnd() < 0.7 ? `zone-${Math.floor(rnd() * zones)}` : undefined;
    doc.nodes.push({ id: `n-${i}`, kind: kinds[Math.floor(rnd() * kinds.length)]!, label: `Node ${i}`, group, props: {} });
  }
  for (let i = 0; i < size * 1.3; i++) {
    const a = doc.nodes[Math.floor(rnd() * size)]!;
    const b = doc.nodes[Math.floor(rnd() * size)]!;
    if (a !== b) doc.edges.push({ from: a.id, to: b.id, props: {} });
  }
  return doc;
}

describe('autoLayout', () => {
  it('lays out a pipeline left to right, zones around their components, nothing overlapping', async () => {
    const doc = pipeline(4);
    const pos = await autoLayout(doc);
    expect(checkLayout(doc, pos)).toBe(1);
    // The flow reads left to right across zones too: web app, gateway, services, broker, workers, stores.
    expect(pos.web!.x).toBeLessThan(pos.gw!.x);
    expect(pos.gw!.x).toBeLessThan(pos['api-0']!.x);
    expect(pos['api-0']!.x).toBeLessThan(pos.bus!.x);
    expect(pos.bus!.x).toBeLessThan(pos['worker-0']!.x);
    expect(pos['worker-0']!.x).toBeLessThan(pos['db-0']!.x);
  });

  it('keeps the whole catalog readable: no overlaps, zones apart, mostly left to right', async () => {
    const doc = allKindsDesign();
    const pos = await autoLayout(doc);
    expect(checkLayout(doc, pos)).toBeGreaterThanOrEqual(0.8);
  });

  it('handles every example design', async () => {
    for (const { name, doc } of loadExamples()) {
      const pos = await autoLayout(doc);
      expect(checkLayout(doc, pos), name).toBeGreaterThanOrEqual(0.8);
    }
  });

  it('handles random designs with cycles, repeated edges and empty zones', async () => {
    for (let seed = 1; seed <= 12; seed++) {
      const doc = randomDesign(seed, 6 + seed * 2);
      const pos = await autoLayout(doc);
      expect(checkLayout(doc, pos), `seed ${seed}`).toBeGreaterThanOrEqual(0.75);
    }
  });

  it('gives the same positions for the same design', async () => {
    const doc = allKindsDesign();
    expect(await autoLayout(doc)).toEqual(await autoLayout(structuredClone(doc)));
  });

  it('spaces components so that labels have room', async () => {
    const doc = pipeline(3);
    const pos = await autoLayout(doc);
    const same = doc.nodes.filter((n) => n.id.startsWith('api-')).map((n) => pos[n.id]!);
    // Stacked services have a clear gap between them.
    const ys = same.map((p) => p.y).sort((a, b) => a - b);
    for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(NODE_HEIGHT + 24);
  });

  it('copes with an empty design, unknown kinds, dangling edges and zones nobody is in', async () => {
    expect(await autoLayout(emptyTopology())).toEqual({});
    const doc = emptyTopology();
    doc.groups = [{ id: 'empty', label: 'Nobody here' }];
    doc.nodes = [
      { id: 'a', kind: 'no-such-kind', label: 'A', props: {} },
      { id: 'b', kind: 'worker', label: 'B', group: 'missing-zone', props: {} },
    ];
    doc.edges = [{ from: 'a', to: 'b', props: {} }, { from: 'a', to: 'ghost', props: {} }, { from: 'b', to: 'b', props: {} }];
    const pos = await autoLayout(doc);
    expect(Object.keys(pos).sort()).toEqual(['a', 'b', 'empty']);
    expect(pos.empty!.w).toBeGreaterThan(0);
  });

  it('with `only`, moves just those nodes and keeps everyone else in place', async () => {
    const doc = pipeline(2);
    doc.layout = await autoLayout(doc);
    // Two new components arrive, one of them in an existing zone.
    doc.nodes.push({ id: 'audit', kind: 'worker', label: 'Audit', group: 'core', props: {} });
    doc.nodes.push({ id: 'archive', kind: 'object-storage', label: 'Archive', props: {} });
    doc.edges.push({ from: 'bus', to: 'audit', protocol: 'kafka', props: {} }, { from: 'audit', to: 'archive', protocol: 's3', props: {} });
    const pos = await autoLayout(doc, { only: ['audit', 'archive'] });
    for (const n of doc.nodes) {
      if (n.id === 'audit' || n.id === 'archive') continue;
      expect(pos[n.id], n.id).toEqual({ x: doc.layout[n.id]!.x, y: doc.layout[n.id]!.y });
    }
    const boxes = doc.nodes.map((n) => nodeBox(pos[n.id]!));
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlap(boxes[i]!, boxes[j]!)).toBe(false);
    expect(pos.audit!.x).toBeLessThan(pos.archive!.x);
    expect(inside(nodeBox(pos.audit!), { x: pos.core!.x, y: pos.core!.y, w: pos.core!.w!, h: pos.core!.h! })).toBe(true);
  });

  it('withLayout fills in only what is missing', async () => {
    const doc = pipeline(1);
    doc.layout = { web: { x: -500, y: -500 } };
    const out = await withLayout(doc);
    expect(out.layout.web).toEqual({ x: -500, y: -500 });
    for (const n of doc.nodes) expect(out.layout[n.id]).toBeDefined();
    for (const g of doc.groups) expect(out.layout[g.id]?.w).toBeGreaterThan(0);
    expect(doc.layout).toEqual({ web: { x: -500, y: -500 } });
  });
});

describe('edge routes', () => {
  /** Whether the segment a-b passes through the inside of box (shrunk by 1 px so touching a border does not count). */
  const crosses = (a: { x: number; y: number }, b: { x: number; y: number }, box: Box): boolean => {
    const x0 = box.x + 1;
    const y0 = box.y + 1;
    const x1 = box.x + box.w - 1;
    const y1 = box.y + box.h - 1;
    if (a.x === b.x) return a.x > x0 && a.x < x1 && Math.max(a.y, b.y) > y0 && Math.min(a.y, b.y) < y1;
    if (a.y === b.y) return a.y > y0 && a.y < y1 && Math.max(a.x, b.x) > x0 && Math.min(a.x, b.x) < x1;
    return false;
  };
  const onBorder = (p: { x: number; y: number }, b: Box) =>
    ((Math.abs(p.x - b.x) <= 1 || Math.abs(p.x - b.x - b.w) <= 1) && p.y >= b.y - 1 && p.y <= b.y + b.h + 1) ||
    ((Math.abs(p.y - b.y) <= 1 || Math.abs(p.y - b.y - b.h) <= 1) && p.x >= b.x - 1 && p.x <= b.x + b.w + 1);

  for (const ex of loadExamples()) {
    it(`${ex.name}: every connection has an orthogonal route from its from-end to its to-end that goes around the other components`, async () => {
      const { autoLayoutWithRoutes } = await import('./index');
      const size = { w: 208, h: 64 };
      const { positions, routes } = await autoLayoutWithRoutes(ex.doc, { nodeSize: size });
      const box = (id: string): Box => ({ x: positions[id]!.x, y: positions[id]!.y, w: size.w, h: size.h });
      ex.doc.edges.forEach((e, i) => {
        if (e.from === e.to) return;
        const r = routes[i];
        expect(r, `route of ${e.from} -> ${e.to}`).toBeDefined();
        expect(onBorder(r![0]!, box(e.from)), `${e.from} -> ${e.to} starts on ${e.from}`).toBe(true);
        expect(onBorder(r![r!.length - 1]!, box(e.to)), `${e.from} -> ${e.to} ends on ${e.to}`).toBe(true);
        for (let k = 1; k < r!.length; k++) {
          const a = r![k - 1]!;
          const b = r![k]!;
          expect(a.x === b.x || a.y === b.y, 'orthogonal').toBe(true);
          for (const n of ex.doc.nodes) if (n.id !== e.from && n.id !== e.to) expect(crosses(a, b, box(n.id)), `${e.from} -> ${e.to} crosses ${n.id}`).toBe(false);
        }
      });
    });
  }
});
