import { describe, expect, it } from 'vitest';
import { emptyTopology, type Diagnostic } from '../../shared/model/types';
import { addGroup, addNode, connect, moveElements, setEdgeProp, setNodeProp } from './doc-ops';
import { createEdgeDeriver, createNodeDeriver, NODE_HEIGHT, NODE_WIDTH, summarise } from './derive';

function design() {
  let doc = emptyTopology('Shop');
  doc = addNode(doc, { kind: 'rest-service', position: { x: 0, y: 0 }, label: 'Orders API' }).doc;
  doc = addNode(doc, { kind: 'kafka', position: { x: 300, y: 0 } }).doc;
  doc = addNode(doc, { kind: 'postgres', position: { x: 600, y: 0 } }).doc;
  const c = connect(doc, 'orders-api', 'kafka');
  if (!c.ok) throw new Error();
  return c.doc;
}

describe('derived canvas nodes', () => {
  it('gives every component a node at its layout position, named "<label> (<kind name>)"', () => {
    const nodes = createNodeDeriver()(design(), { nodes: [], edges: [] });
    expect(nodes.map((n) => [n.id, n.position, n.ariaLabel])).toEqual([
      ['orders-api', { x: 0, y: 0 }, 'Orders API (REST service)'],
      ['kafka', { x: 300, y: 0 }, 'Kafka (Kafka)'],
      ['postgresql', { x: 600, y: 0 }, 'PostgreSQL (PostgreSQL)'],
    ]);
  });

  it('keeps the node objects of unchanged components, and the same array when nothing changed', () => {
    const derive = createNodeDeriver();
    const doc = design();
    const a = derive(doc, { nodes: [], edges: [] });
    expect(derive(doc, { nodes: [], edges: [] })).toBe(a);
    const b = derive(setNodeProp(doc, 'kafka', 'partitions', 6), { nodes: [], edges: [] });
    expect(b).not.toBe(a);
    expect(b[0]).toBe(a[0]);
    expect(b[1]).not.toBe(a[1]);
    expect(b[2]).toBe(a[2]);
    const c = derive(moveElements(doc, { postgresql: { x: 640, y: 0 } }), { nodes: ['kafka'], edges: [] });
    expect(c[0]).toBe(a[0]);
    expect(c[1]!.selected).toBe(true);
    expect(c[2]!.position).toEqual({ x: 640, y: 0 });
  });

  it('gives components their fixed size up front, and a moved or selected one keeps its data (its view is not drawn again)', () => {
    const derive = createNodeDeriver();
    const doc = design();
    const a = derive(doc, { nodes: [], edges: [] });
    expect(a[0]!.measured).toEqual({ width: NODE_WIDTH, height: NODE_HEIGHT });
    const b = derive(moveElements(doc, { kafka: { x: 320, y: 16 } }), { nodes: ['orders-api'], edges: [] });
    expect(b[1]!.position).toEqual({ x: 320, y: 16 });
    expect(b[1]!.data).toBe(a[1]!.data);
    expect(b[0]!.data).toBe(a[0]!.data);
    const c = derive(setNodeProp(doc, 'kafka', 'partitions', 6), { nodes: [], edges: [] });
    expect(c[1]!.data).not.toBe(a[1]!.data);
  });

  it('shows a drag in progress without changing the document', () => {
    const derive = createNodeDeriver();
    const doc = design();
    const nodes = derive(doc, { nodes: [], edges: [] }, { drag: { kafka: { x: 5, y: 7 } }, measured: {} });
    expect(nodes[1]!.position).toEqual({ x: 5, y: 7 });
    expect(doc.layout.kafka).toEqual({ x: 300, y: 0 });
  });

  it('on each frame of a drag, moves only the dragged nodes: every other node object is kept, and the list is the same as a full derive', () => {
    const derive = createNodeDeriver();
    let doc = design();
    doc = addGroup(doc, { label: 'Edge', position: { x: -40, y: -48 }, size: { w: 400, h: 200 } }).doc;
    const sel = { nodes: ['kafka'], edges: [] };
    const measured = {};
    const a = derive(doc, sel, { drag: {}, measured });
    const zone = a.find((n) => n.type === 'zone')!.id;
    const b = derive(doc, sel, { drag: { kafka: { x: 320, y: 16 } }, measured });
    const c = derive(doc, sel, { drag: { kafka: { x: 336, y: 32 }, [zone]: { x: 0, y: 0 } }, measured });
    for (const [list, prev] of [[b, a], [c, b]] as const) {
      list.forEach((n, i) => {
        if (n.id === 'kafka' || (list === c && n.id === zone)) expect(n).not.toBe(prev[i]);
        else expect(n).toBe(prev[i]);
      });
    }
    const zoneNode = c.find((n) => n.id === zone)!;
    expect(zoneNode.position).toEqual({ x: 0, y: 0 });
    expect([zoneNode.width, zoneNode.height]).toEqual([400, 200]);
    // The same as a fresh derive of that frame.
    const fresh = createNodeDeriver()(doc, sel, { drag: { kafka: { x: 336, y: 32 }, [zone]: { x: 0, y: 0 } }, measured });
    expect(c).toEqual(fresh);
    // A component whose drag ends goes back to its layout position.
    const d = derive(doc, sel, { drag: { [zone]: { x: 0, y: 0 } }, measured });
    expect(d.find((n) => n.id === 'kafka')!.position).toEqual({ x: 300, y: 0 });
  });

  it('a selection change (the press that starts a drag) makes new objects for the components whose selection changed only, the same list as a full derive', () => {
    const derive = createNodeDeriver();
    const doc = design();
    const measured = {};
    const a = derive(doc, { nodes: ['orders-api'], edges: [] }, { drag: {}, measured });
    const b = derive(doc, { nodes: ['kafka'], edges: [] }, { drag: {}, measured });
    expect(b.map((n) => !!n.selected)).toEqual([false, true, false]);
    expect(b[0]).not.toBe(a[0]);
    expect(b[1]).not.toBe(a[1]);
    expect(b[2]).toBe(a[2]);
    expect(b[1]!.data).toBe(a[1]!.data);
    expect(b).toEqual(createNodeDeriver()(doc, { nodes: ['kafka'], edges: [] }, { drag: {}, measured }));
    // Selected and dragged in one step, then dropped: as a fresh derive each time.
    const drag = { kafka: { x: 320, y: 16 } };
    const c = derive(doc, { nodes: ['kafka', 'postgresql'], edges: [] }, { drag, measured });
    expect(c).toEqual(createNodeDeriver()(doc, { nodes: ['kafka', 'postgresql'], edges: [] }, { drag, measured }));
    expect(c[0]).toBe(b[0]);
    const d = derive(doc, { nodes: [], edges: [] }, { drag: {}, measured });
    expect(d).toEqual(createNodeDeriver()(doc, { nodes: [], edges: [] }, { drag: {}, measured }));
    expect(d.every((n) => !n.selected)).toBe(true);
  });

  it('draws zones first, behind, with their layout size; components without a position get one', () => {
    let doc = addGroup(design(), { label: 'DMZ', position: { x: -20, y: -20 }, size: { w: 400, h: 200 } }).doc;
    doc = { ...doc, layout: Object.fromEntries(Object.entries(doc.layout).filter(([k]) => k !== 'postgresql')) };
    const nodes = createNodeDeriver()(doc, { nodes: [], edges: [] });
    expect(nodes[0]).toMatchObject({ id: 'dmz', type: 'zone', width: 400, height: 200, zIndex: -1 });
    expect(nodes[3]!.position).toEqual({ x: 0, y: 160 }); // below the placed ones, on the grid
  });
});

describe('derived canvas edges', () => {
  it('labels a connection with its protocol, taken from the catalog when not set, and its topic', () => {
    const derive = createEdgeDeriver();
    let doc = design();
    let edges = derive(doc, { nodes: [], edges: [] });
    expect(edges.map((e) => [e.id, e.source, e.target, e.data!.caption])).toEqual([['orders-api->kafka', 'orders-api', 'kafka', 'Kafka']]);
    doc = setEdgeProp(doc, 'orders-api->kafka', 'topic', 'orders.created');
    edges = derive(doc, { nodes: [], edges: [] });
    expect(edges[0]!.data!.caption).toBe('Kafka: orders.created');
  });

  it('a selection change makes new objects for the connections whose selection changed only, and none when only components were selected', () => {
    const derive = createEdgeDeriver();
    let doc = design();
    const c = connect(doc, 'kafka', 'postgresql');
    if (!c.ok) throw new Error();
    doc = c.doc;
    const a = derive(doc, { nodes: [], edges: [] });
    expect(derive(doc, { nodes: ['kafka'], edges: [] })).toBe(a);
    const b = derive(doc, { nodes: [], edges: ['kafka->postgresql'] });
    expect(b.map((e) => !!e.selected)).toEqual([false, true]);
    expect(b[0]).toBe(a[0]);
    expect(b).toEqual(createEdgeDeriver()(doc, { nodes: [], edges: ['kafka->postgresql'] }));
    const d = derive(doc, { nodes: [], edges: ['orders-api->kafka'] });
    expect(d.map((e) => !!e.selected)).toEqual([true, false]);
    expect(d).toEqual(createEdgeDeriver()(doc, { nodes: [], edges: ['orders-api->kafka'] }));
    // The design changed: derived again from it.
    const renamed = setNodeProp(doc, 'kafka', 'partitions', 6);
    expect(derive(renamed, { nodes: [], edges: ['orders-api->kafka'] })).toEqual(createEdgeDeriver()(renamed, { nodes: [], edges: ['orders-api->kafka'] }));
  });

  it('does not draw a connection whose end is missing', () => {
    const doc = design();
    const broken = { ...doc, edges: [...doc.edges, { from: 'kafka', to: 'ghost', props: {} }] };
    expect(createEdgeDeriver()(broken, { nodes: [], edges: [] }).map((e) => e.id)).toEqual(['orders-api->kafka']);
  });
});

describe('diagnostic summaries', () => {
  const d = (severity: Diagnostic['severity'], nodes: string[], edges: string[] = []): Diagnostic => ({ code: 'TF000', severity, message: `${severity} ${nodes}`, nodes, edges, hint: '' });
  it('counts findings per component and per connection, worst first', () => {
    const s = summarise([d('error', ['a']), d('warning', ['a']), d('info', ['b']), d('error', ['a', 'b'], ['a->b'])]);
    expect(s.nodes.get('a')).toMatchObject({ errors: 1, warnings: 1, worst: 'error' });
    expect(s.nodes.get('b')).toMatchObject({ errors: 0, infos: 1, worst: 'info' });
    expect(s.edges.get('a->b')).toMatchObject({ errors: 1, worst: 'error' });
  });
});

describe('zones without a position', () => {
  it('are drawn around their components', () => {
    let doc = design();
    doc = { ...doc, groups: [{ id: 'core', label: 'Core' }], nodes: doc.nodes.map((n) => (n.id === 'kafka' ? { ...n, group: 'core' } : n)) };
    const zone = createNodeDeriver()(doc, { nodes: [], edges: [] })[0]!;
    expect(zone.id).toBe('core');
    // Kafka is at (300, 0), 208×64: the zone holds it with a margin.
    expect(zone.position.x).toBeLessThan(300);
    expect(zone.position.y).toBeLessThan(0);
    expect(zone.position.x + zone.width!).toBeGreaterThan(300 + 208);
    expect(zone.position.y + zone.height!).toBeGreaterThan(64);
  });
});
