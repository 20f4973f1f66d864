import { describe, expect, it } from 'vitest';
import { emptyTopology, type Topology } from '../../shared/model/types';
import { edgeIds } from '../../shared/model/ids';
import { getKind } from '../../shared/catalog';
import {
  addGroup, addNode, connect, idProblem, moveElements, removeElements, renameNode, setEdgeLabel, setEdgeProp, setEdgeProtocol,
  fillLayout, reverseEdge, setMeta, setNodeGroup, setNodeLabel, setNodeProp, setRequirement,
} from './doc-ops';

function design(): Topology {
  let doc = emptyTopology('Shop');
  const a = addNode(doc, { kind: 'rest-service', position: { x: 0, y: 0 }, label: 'Orders API' });
  const b = addNode(a.doc, { kind: 'kafka', position: { x: 300, y: 0 } });
  const c = addNode(b.doc, { kind: 'worker', position: { x: 600, y: 0 }, label: 'Billing' });
  doc = c.doc;
  const e1 = connect(doc, 'orders-api', 'kafka', 'kafka');
  if (!e1.ok) throw new Error(e1.message);
  const e2 = connect(e1.doc, 'kafka', 'billing', 'kafka');
  if (!e2.ok) throw new Error(e2.message);
  return e2.doc;
}

describe('document operations', () => {
  it('adds a component with an id made from its label, unique, at the rounded drop point', () => {
    const doc = emptyTopology();
    const a = addNode(doc, { kind: 'kafka', position: { x: 10.4, y: 20.6 } });
    expect(a.id).toBe('kafka');
    expect(a.doc.nodes[0]).toEqual({ id: 'kafka', kind: 'kafka', label: 'Kafka', props: {} });
    expect(a.doc.layout.kafka).toEqual({ x: 10, y: 21 });
    const b = addNode(a.doc, { kind: 'kafka', position: { x: 0, y: 0 } });
    expect(b.id).toBe('kafka-2');
    expect(doc.nodes).toHaveLength(0); // input untouched
  });

  it('removing a component removes its connections and layout, and keeps the rest as they were', () => {
    const doc = design();
    const next = removeElements(doc, { nodes: ['kafka'] });
    expect(next.nodes.map((n) => n.id)).toEqual(['orders-api', 'billing']);
    expect(next.edges).toEqual([]);
    expect(Object.keys(next.layout)).toEqual(['orders-api', 'billing']);
    expect(next.nodes[0]).toBe(doc.nodes[0]);
  });

  it('removes a connection by its derived id', () => {
    const doc = design();
    const next = removeElements(doc, { edges: ['kafka->billing'] });
    expect(edgeIds(next.edges)).toEqual(['orders-api->kafka']);
    expect(next.nodes).toBe(doc.nodes);
  });

  it('removing a zone keeps its components, outside any zone', () => {
    const g = addGroup(design(), { label: 'DMZ', position: { x: -50, y: -50 } });
    const inZone = setNodeGroup(g.doc, 'orders-api', g.id);
    expect(inZone.nodes[0]!.group).toBe('dmz');
    const next = removeElements(inZone, { groups: ['dmz'] });
    expect(next.groups).toEqual([]);
    expect(next.nodes[0]!.group).toBeUndefined();
    expect(next.layout.dmz).toBeUndefined();
  });

  it('connects with the protocol written explicitly and gives the derived edge id, #2 for a repeat', () => {
    const doc = design();
    const again = connect(doc, 'orders-api', 'kafka', 'kafka');
    expect(again.ok && again.edgeId).toBe('orders-api->kafka#2');
    expect(again.ok && again.doc.edges[2]).toEqual({ from: 'orders-api', to: 'kafka', protocol: 'kafka', props: {} });
    expect(connect(doc, 'orders-api', 'orders-api').ok).toBe(false);
    expect(connect(doc, 'orders-api', 'nope').ok).toBe(false);
  });

  it('renaming a component keeps its connections and layout on it', () => {
    const doc = design();
    const r = renameNode(doc, 'kafka', 'events');
    if (!r.ok) throw new Error(r.message);
    expect(r.doc.nodes.map((n) => n.id)).toEqual(['orders-api', 'events', 'billing']);
    expect(r.doc.edges.map((e) => `${e.from}->${e.to}`)).toEqual(['orders-api->events', 'events->billing']);
    expect(r.doc.layout.events).toEqual({ x: 300, y: 0 });
    expect(r.doc.layout.kafka).toBeUndefined();
  });

  it('refuses an invalid or taken id, saying why', () => {
    const doc = design();
    expect(renameNode(doc, 'kafka', 'Billing!').ok).toBe(false);
    expect(idProblem(doc, 'kafka', 'Billing!')).toMatch(/lower-case/);
    expect(idProblem(doc, 'kafka', 'billing')).toMatch(/already/);
    expect(idProblem(doc, 'kafka', '')).toMatch(/empty/);
    expect(idProblem(doc, 'kafka', 'kafka')).toBeUndefined();
    expect(idProblem(doc, 'kafka', 'a'.repeat(64))).toMatch(/63/);
  });

  it('moving changes only the layout, and nothing when the position is the same', () => {
    const doc = design();
    const moved = moveElements(doc, { kafka: { x: 320.2, y: 16 } });
    expect(moved.layout.kafka).toEqual({ x: 320, y: 16 });
    expect(moved.nodes).toBe(doc.nodes);
    expect(moved.edges).toBe(doc.edges);
    expect(moveElements(moved, { kafka: { x: 320, y: 16 } })).toBe(moved);
  });

  it('sets and clears a setting; the same value is no change', () => {
    const doc = design();
    const set = setNodeProp(doc, 'orders-api', 'port', 9090);
    expect(set.nodes[0]!.props).toEqual({ port: 9090 });
    expect(set.nodes[1]).toBe(doc.nodes[1]);
    expect(setNodeProp(set, 'orders-api', 'port', 9090)).toBe(set);
    expect(setNodeProp(set, 'orders-api', 'port', undefined).nodes[0]!.props).toEqual({});
    expect(setNodeLabel(doc, 'kafka', 'Events').nodes[1]!.label).toBe('Events');
  });

  it('changing the protocol keeps the settings the new protocol has and drops the others', () => {
    let doc = design();
    doc = setEdgeProp(doc, 'orders-api->kafka', 'topic', 'orders');
    doc = setEdgeProp(doc, 'orders-api->kafka', 'description', 'new orders');
    const http = setEdgeProtocol(doc, 'orders-api->kafka', 'http');
    expect(http.edges[0]).toEqual({ from: 'orders-api', to: 'kafka', protocol: 'http', props: { description: 'new orders' } });
    expect(setEdgeLabel(doc, 'kafka->billing', 'invoices').edges[1]!.label).toBe('invoices');
    expect(setEdgeLabel(setEdgeLabel(doc, 'kafka->billing', 'x'), 'kafka->billing', '').edges[1]!.label).toBeUndefined();
  });

  it('edits the name, description and requirements; empty values are removed', () => {
    let doc = design();
    doc = setMeta(doc, { name: 'Orders', description: 'Order flow' });
    expect(doc.name).toBe('Orders');
    expect(doc.description).toBe('Order flow');
    expect('description' in setMeta(doc, { description: '' })).toBe(false);
    doc = setRequirement(doc, 'latencyP99Ms', 100);
    doc = setRequirement(doc, 'security', ['PCI DSS']);
    expect(doc.requirements).toEqual({ latencyP99Ms: 100, security: ['PCI DSS'] });
    expect(setRequirement(doc, 'security', []).requirements).toEqual({ latencyP99Ms: 100 });
  });

  it('reverses a connection drawn backwards, taking a protocol the new direction can carry', () => {
    let doc = emptyTopology();
    doc = addNode(doc, { kind: 'postgres', position: { x: 0, y: 0 }, label: 'DB' }).doc;
    doc = addNode(doc, { kind: 'rest-service', position: { x: 0, y: 0 }, label: 'API' }).doc;
    doc = { ...doc, edges: [{ from: 'db', to: 'api', props: {} }] };
    const r = reverseEdge(doc, 'db->api');
    expect(r.edges).toEqual([{ from: 'api', to: 'db', protocol: 'sql', props: {} }]);
    // A protocol both directions carry is kept, with its settings.
    let k = emptyTopology();
    k = addNode(k, { kind: 'rest-service', position: { x: 0, y: 0 }, label: 'A' }).doc;
    k = addNode(k, { kind: 'rest-service', position: { x: 0, y: 0 }, label: 'B' }).doc;
    k = { ...k, edges: [{ from: 'a', to: 'b', protocol: 'http', props: { path: '/x' } }] };
    expect(reverseEdge(k, 'a->b').edges[0]).toEqual({ from: 'b', to: 'a', protocol: 'http', props: { path: '/x' } });
  });

  it('fills in the positions a file leaves out, and leaves a full layout alone', () => {
    const doc = design();
    expect(fillLayout(doc, () => new Map())).toBe(doc);
    const partial = { ...doc, layout: { 'orders-api': { x: 0, y: 0 } } };
    const filled = fillLayout(partial, () => new Map([['kafka', { x: 1, y: 2 }], ['billing', { x: 3, y: 4 }]]));
    expect(filled.layout).toEqual({ 'orders-api': { x: 0, y: 0 }, kafka: { x: 1, y: 2 }, billing: { x: 3, y: 4 } });
  });
});

describe('changeKind', () => {
  it('keeps the settings and connections that still hold, moves a connection to a protocol that fits, and removes (and names) the rest', async () => {
    const { checkConnection } = await import('../../shared/validation');
    const { changeKind } = await import('./doc-ops');
    let doc = emptyTopology('K');
    for (const [kind, x] of [['rest-service', 0], ['kafka', 300], ['worker', 600]] as const) doc = addNode(doc, { kind, position: { x, y: 0 } }).doc;
    doc = setNodeProp(doc, 'kafka', 'retentionHours', 24);
    doc = setNodeProp(doc, 'kafka', 'defaultPartitions', 6);
    for (const [a, b] of [['rest-service', 'kafka'], ['kafka', 'worker']] as const) {
      const r = connect(doc, a, b, 'kafka');
      if (!r.ok) throw new Error(r.message);
      doc = r.doc;
    }
    // Kafka → RabbitMQ: both connections move to AMQP; Kafka's own settings go.
    const toRabbit = changeKind(doc, 'kafka', 'rabbitmq', checkConnection);
    const rabbit = toRabbit.doc.nodes.find((n) => n.id === 'kafka')!;
    expect(rabbit.kind).toBe('rabbitmq');
    expect(rabbit.label).toBe('RabbitMQ');
    expect(Object.keys(rabbit.props).every((k) => getKind('rabbitmq')!.props.some((p) => p.key === k))).toBe(true);
    expect(toRabbit.dropped).toEqual([]);
    expect(toRabbit.doc.edges.map((e) => e.protocol)).toEqual(['amqp', 'amqp']);
    // Kafka → PostgreSQL: the service writes to it over SQL; the worker reads it (a store drawn the way its data flows).
    const toDb = changeKind(doc, 'kafka', 'postgres', checkConnection);
    expect(toDb.doc.edges.map((e) => `${e.from}->${e.to}:${e.protocol}`)).toEqual(['rest-service->kafka:sql', 'kafka->worker:sql']);
    expect(toDb.dropped).toEqual([]);
    // Kafka → Kong: a gateway routes calls, which a worker does not take: that connection goes, and says why.
    const toFlink = changeKind(doc, 'kafka', 'kong', checkConnection);
    expect(toFlink.dropped.map((d) => `${d.from}->${d.to}`)).toEqual(['kafka->worker']);
    expect(toFlink.dropped[0]!.reason).toMatch(/Kong|Worker/);
    // The input is untouched.
    expect(doc.nodes.find((n) => n.id === 'kafka')!.kind).toBe('kafka');
  });
});
