import { describe, expect, it } from 'vitest';
import { messagingFlows } from './channels';
import type { TopoEdge, Topology } from './types';
import { emptyTopology } from './types';

function design(nodes: Array<[string, string, Record<string, unknown>?]>, edges: Array<[string, string, TopoEdge['protocol']?, Record<string, unknown>?]>): Topology {
  const doc = emptyTopology('Flows');
  doc.nodes = nodes.map(([id, kind, props]) => ({ id, kind, label: id, props: props ?? {} }));
  doc.edges = edges.map(([from, to, protocol, props]) => ({ from, to, ...(protocol ? { protocol } : {}), props: props ?? {} }));
  return doc;
}

describe('messagingFlows', () => {
  it('names Kafka topics after the producer and lets consumers read everything written', () => {
    const doc = design(
      [['orders', 'rest-service'], ['payments', 'rest-service'], ['bus', 'kafka', { topics: [{ name: 'audit' }] }], ['billing', 'worker'], ['shipping', 'worker'], ['cdc', 'debezium']],
      [['orders', 'bus'], ['payments', 'bus', 'kafka', { topic: 'payments.settled' }], ['cdc', 'bus'], ['bus', 'billing'], ['bus', 'shipping', 'kafka', { topic: 'orders.events', consumerGroup: 'ship' }]],
    );
    const [bus] = messagingFlows(doc);
    expect(bus!.protocol).toBe('kafka');
    expect(bus!.channels.map((c) => c.name)).toEqual(['audit', 'orders.events', 'payments.settled']);
    expect(bus!.sends).toEqual([
      { edge: 'orders->bus', client: 'orders', channel: 'orders.events' },
      { edge: 'payments->bus', client: 'payments', channel: 'payments.settled' },
    ]);
    expect(bus!.receives).toEqual([
      { edge: 'bus->billing', client: 'billing', channels: ['audit', 'orders.events', 'payments.settled'], group: 'billing' },
      { edge: 'bus->shipping', client: 'shipping', channels: ['orders.events'], group: 'ship' },
    ]);
  });

  it('gives RabbitMQ publishers an exchange and consumers one queue per exchange', () => {
    const doc = design(
      [['orders', 'rest-service'], ['mq', 'rabbitmq'], ['mailer', 'worker'], ['ledger', 'worker']],
      [['orders', 'mq', 'amqp', { routingKey: 'order.*' }], ['mq', 'mailer'], ['mq', 'ledger', 'amqp', { queue: 'ledger-in', routingKey: 'order.paid' }]],
    );
    const [mq] = messagingFlows(doc);
    expect(mq!.channels).toEqual([
      { name: 'orders.events', kind: 'exchange', exchangeType: 'topic', listed: false },
      { name: 'mailer.orders.events', kind: 'queue', listed: false },
      { name: 'ledger-in', kind: 'queue', listed: false },
    ]);
    expect(mq!.sends).toEqual([{ edge: 'orders->mq', client: 'orders', channel: 'orders.events', routingKey: 'order.*' }]);
    expect(mq!.receives[1]).toEqual({ edge: 'mq->ledger', client: 'ledger', channels: ['ledger-in'], boundTo: ['orders.events'], routingKey: 'order.paid' });
  });

  it('uses device telemetry topics for MQTT, subjects for NATS and upper-case queues for IBM MQ', () => {
    const doc = design(
      [['sensors', 'iot-device'], ['mosq', 'mqtt-broker'], ['ingest', 'worker'], ['nats', 'nats'], ['pub', 'rest-service'], ['mq', 'ibm-mq'], ['core-bank', 'legacy-system'], ['sub', 'worker']],
      [['sensors', 'mosq'], ['mosq', 'ingest'], ['pub', 'nats'], ['nats', 'sub'], ['core-bank', 'mq', 'jms'], ['mq', 'sub', 'jms']],
    );
    const flows = messagingFlows(doc);
    expect(flows.map((f) => [f.broker, f.channels.map((c) => c.name)])).toEqual([
      ['mosq', ['sensors/telemetry']],
      ['nats', ['pub.events']],
      ['mq', ['CORE_BANK.EVENTS']],
    ]);
    expect(flows[0]!.receives[0]!.channels).toEqual(['sensors/telemetry']);
    expect(flows[2]!.receives[0]!.channels).toEqual(['CORE_BANK.EVENTS']);
  });

  it('ignores names that break the catalog pattern, taking the default instead', () => {
    const doc = design([['a', 'rest-service'], ['k', 'kafka']], [['a', 'k', 'kafka', { topic: 'bad topic"; rm -rf' }]]);
    expect(messagingFlows(doc)[0]!.channels.map((c) => c.name)).toEqual(['a.events']);
  });

  it('is empty for a design without brokers and survives malformed input', () => {
    expect(messagingFlows(emptyTopology())).toEqual([]);
    const doc = design([['k', 'kafka']], [['k', 'ghost'], ['k', 'k']]);
    expect(messagingFlows(doc)).toEqual([{ broker: 'k', kind: 'kafka', protocol: 'kafka', channels: [], sends: [], receives: [] }]);
  });
});
