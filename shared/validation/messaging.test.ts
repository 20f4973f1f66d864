import { describe, expect, it } from 'vitest';
import { validate } from './index';
import { design, edge, node, withCode } from './testkit';

const svc = (id: string, label: string, port: number) => node(id, 'rest-service', { port }, { label });
const worker = (id: string, label: string, port: number, props: Record<string, unknown> = {}) => node(id, 'worker', { port, ...props }, { label });

describe('published but not consumed (TF302)', () => {
  it('a broker with producers and no consumer at all', () => {
    const d = design({ nodes: [svc('orders', 'Orders API', 8081), node('events', 'kafka', {}, { label: 'Events' })], edges: [edge('orders', 'events')] });
    const f = withCode(validate(d), 'TF302');
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('warning');
    expect(f[0]!.message).toBe('Events (Kafka) receives messages from Orders API (REST service), but nothing consumes from it');
    expect(f[0]!.nodes).toEqual(['events', 'orders']);
    expect(f[0]!.edges).toEqual(['orders->events']);
  });

  it('a topic nobody reads while another one is read, with the default topic name', () => {
    const d = design({
      nodes: [svc('orders', 'Orders API', 8081), svc('pay', 'Payments', 8082), node('k', 'kafka'), worker('ship', 'Shipping', 8083)],
      edges: [edge('orders', 'k'), edge('pay', 'k', 'kafka', { topic: 'payments' }), edge('k', 'ship', 'kafka', { topic: 'payments' })],
    });
    const f = withCode(validate(d), 'TF302');
    expect(f).toHaveLength(1);
    // The default topic is named after the producer's service (from its label).
    expect(f[0]!.message).toBe('Topic orders-api.events on Kafka gets messages from Orders API (REST service), but no consumer reads it');
    expect(f[0]!.edges).toEqual(['orders->k']);
    expect(f[0]!.path).toBe('edges[0].props.topic');
  });

  it('a consumer with no topic reads everything', () => {
    const d = design({
      nodes: [svc('orders', 'Orders API', 8081), node('k', 'kafka'), worker('w', 'Audit', 8083)],
      edges: [edge('orders', 'k', 'kafka', { topic: 'a' }), edge('k', 'w')],
    });
    expect(withCode(validate(d), 'TF302')).toEqual([]);
    expect(withCode(validate(d), 'TF303')).toEqual([]);
  });

  it('MQTT filters and NATS wildcards match what is published', () => {
    const d = design({
      nodes: [node('dev', 'iot-device'), node('mq', 'mqtt-broker'), worker('w', 'Telemetry', 8083), svc('api', 'API', 8081), node('n', 'nats'), worker('w2', 'Billing', 8084)],
      edges: [
        edge('dev', 'mq'),
        edge('mq', 'w', 'mqtt', { topic: '+/telemetry' }),
        edge('api', 'n', 'nats', { subject: 'orders.created' }),
        edge('n', 'w2', 'nats', { subject: 'orders.>' }),
      ],
    });
    const all = validate(d);
    expect(withCode(all, 'TF302')).toEqual([]);
    expect(withCode(all, 'TF303')).toEqual([]);
  });

  it('Debezium change topics are read by a consumer of <prefix>.<schema>.<table>', () => {
    const d = design({
      nodes: [node('db', 'postgres'), node('dbz', 'debezium'), node('k', 'kafka'), worker('w', 'Indexer', 8084)],
      edges: [edge('db', 'dbz'), edge('dbz', 'k'), edge('k', 'w', 'kafka', { topic: 'cdc.public.orders' })],
    });
    const all = validate(d);
    expect(withCode(all, 'TF302')).toEqual([]);
    expect(withCode(all, 'TF303')).toEqual([]);
  });
});

describe('consumed but not published (TF303)', () => {
  it('a broker with consumers and no producer', () => {
    const d = design({ nodes: [node('mq', 'rabbitmq'), worker('w', 'Mailer', 8083)], edges: [edge('mq', 'w')] });
    const f = withCode(validate(d), 'TF303');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('RabbitMQ has consumers (Mailer (Worker)) but nothing publishes to it');
  });

  it('a consumer of a topic nobody writes', () => {
    const d = design({
      nodes: [svc('orders', 'Orders API', 8081), node('k', 'kafka'), worker('w', 'Shipping', 8083), worker('w2', 'Audit', 8084)],
      edges: [edge('orders', 'k', 'kafka', { topic: 'orders' }), edge('k', 'w', 'kafka', { topic: 'payments' }), edge('k', 'w2', 'kafka', { topic: 'orders' })],
    });
    const f = withCode(validate(d), 'TF303');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('Shipping (Worker) reads topic payments on Kafka, but nothing publishes to it');
    expect(f[0]!.hint).toContain('orders');
    expect(f[0]!.edges).toEqual(['k->w']);
  });
});

describe('dead letters (TF304)', () => {
  it('retries with dead-lettering switched off on a Kafka consumer (unset, the stack gives it a dead-letter topic)', () => {
    const unset = design({
      nodes: [svc('orders', 'Orders API', 8081), node('k', 'kafka'), worker('w', 'Shipping', 8083)],
      edges: [edge('orders', 'k'), edge('k', 'w', 'kafka', { retries: 3 })],
    });
    expect(withCode(validate(unset), 'TF304')).toEqual([]);
    const d = design({
      nodes: [svc('orders', 'Orders API', 8081), node('k', 'kafka'), worker('w', 'Shipping', 8083)],
      edges: [edge('orders', 'k'), edge('k', 'w', 'kafka', { retries: 3, deadLetter: false })],
    });
    const f = withCode(validate(d), 'TF304');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('Shipping (Worker) retries messages from Kafka 3 times, but a message that keeps failing has nowhere to go (no dead-letter topic)');
    expect(f[0]!.path).toBe('edges[1].props.deadLetter');
  });

  it('no finding with dead-letter on the edge or on the topic in the broker', () => {
    const d = design({
      nodes: [svc('orders', 'Orders API', 8081), node('k', 'kafka', { topics: [{ name: 'orders', deadLetter: true }] }), worker('w', 'Shipping', 8083), worker('w2', 'Audit', 8084)],
      edges: [edge('orders', 'k', 'kafka', { topic: 'orders' }), edge('k', 'w', 'kafka', { topic: 'orders', retries: 3 }), edge('k', 'w2', 'kafka', { retries: 2, deadLetter: true })],
    });
    expect(withCode(validate(d), 'TF304')).toEqual([]);
  });

  it('a RabbitMQ queue that redelivers with no dead-letter queue', () => {
    const d = design({
      nodes: [svc('orders', 'Orders API', 8081), node('mq', 'rabbitmq', { queues: [{ name: 'mail', retryDelayMs: 5000 }] }), worker('w', 'Mailer', 8083)],
      edges: [edge('orders', 'mq'), edge('mq', 'w', 'amqp', { queue: 'mail', deadLetter: false })],
    });
    const f = withCode(validate(d), 'TF304');
    expect(f.map((x) => x.message)).toEqual(['Queue mail on RabbitMQ redelivers failed messages after 5,000 ms, but has no dead-letter queue']);
    expect(f[0]!.path).toBe('nodes[1].props.queues[0].deadLetter');
  });
});

describe('consumer groups, idempotency, Debezium (TF307, TF311, TF313)', () => {
  it('TF307: two different consumers in one consumer group', () => {
    const d = design({
      nodes: [svc('orders', 'Orders API', 8081), node('k', 'kafka'), worker('a', 'Shipping', 8083), worker('b', 'Billing', 8084)],
      edges: [edge('orders', 'k'), edge('k', 'a', 'kafka', { consumerGroup: 'app' }), edge('k', 'b', 'kafka', { consumerGroup: 'app' })],
    });
    const f = withCode(validate(d), 'TF307');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('Shipping (Worker) and Billing (Worker) share the consumer group app on Kafka: each message goes to only one of them');
    expect(f[0]!.edges).toEqual(['k->a', 'k->b']);
  });

  it('TF311: a consumer that is not idempotent under at-least-once delivery, not under at-most-once', () => {
    const mk = (delivery: string) =>
      design({
        nodes: [svc('orders', 'Orders API', 8081), node('k', 'kafka', { delivery }), worker('w', 'Payments', 8083, { idempotent: false })],
        edges: [edge('orders', 'k'), edge('k', 'w')],
      });
    const f = withCode(validate(mk('at-least-once')), 'TF311');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe("Payments (Worker) isn't idempotent, but Kafka may deliver a message twice (at-least-once)");
    expect(withCode(validate(mk('at-most-once')), 'TF311')).toEqual([]);
  });

  it('TF313: Debezium capturing a database but writing nowhere', () => {
    const d = design({ nodes: [node('db', 'postgres'), node('dbz', 'debezium')], edges: [edge('db', 'dbz')] });
    const f = withCode(validate(d), 'TF313');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('Debezium captures changes from PostgreSQL but writes them nowhere: it needs a Kafka');
    expect(f[0]!.hint).toContain('cdc.<schema>.<table>');
  });
});

describe('capacity (TF402, TF403)', () => {
  it('TF402: partitions × 1,000 msg/s under the throughput requirement, with the numbers', () => {
    const d = design({
      nodes: [svc('orders', 'Orders API', 8081), node('k', 'kafka', { topics: [{ name: 'orders', partitions: 4 }] }), worker('w', 'Shipping', 8083)],
      edges: [edge('orders', 'k', 'kafka', { topic: 'orders' }), edge('k', 'w')],
      requirements: { throughputTps: 10000 },
    });
    const f = withCode(validate(d), 'TF402');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('Topic orders on Kafka has 4 partitions: about 4,000 msg/s for a consumer group (at ~1,000 msg/s per partition), under the 10,000 TPS the requirements ask for');
    expect(f[0]!.hint).toContain('at least 10');
    expect(f[0]!.path).toBe('nodes[1].props.topics[0].partitions');
  });

  it('TF402: the load set on the producer edges wins over the requirement', () => {
    const d = design({
      nodes: [svc('orders', 'Orders API', 8081), node('k', 'kafka'), worker('w', 'Shipping', 8083)],
      edges: [edge('orders', 'k', 'kafka', { tps: 500 }), edge('k', 'w')],
      requirements: { throughputTps: 10000 },
    });
    expect(withCode(validate(d), 'TF402')).toEqual([]);
    const d2 = design({ ...d, edges: [edge('orders', 'k', 'kafka', { tps: 5000 }), edge('k', 'w')] });
    expect(withCode(validate(d2), 'TF402')[0]!.message).toContain('under the 5,000 TPS its producers send');
  });

  it('TF403: one RabbitMQ queue asked for more than 20,000 msg/s', () => {
    const d = design({
      nodes: [svc('orders', 'Orders API', 8081), node('mq', 'rabbitmq'), worker('w', 'Mailer', 8083)],
      edges: [edge('orders', 'mq', 'amqp', { exchange: 'orders' }), edge('mq', 'w', 'amqp', { exchange: 'orders', queue: 'mail' })],
      requirements: { throughputTps: 50000 },
    });
    const f = withCode(validate(d), 'TF403');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('Queue mail on RabbitMQ would carry about 50,000 msg/s; a single RabbitMQ queue tops out around 20,000 msg/s');
    expect(withCode(validate({ ...d, requirements: { throughputTps: 5000 } }), 'TF403')).toEqual([]);
  });
});

describe('schema registry (TF505)', () => {
  it('Avro on Kafka with no registry, and fine once one is wired', () => {
    const nodes = [svc('orders', 'Orders API', 8081), node('k', 'kafka', { serialization: 'avro' }), worker('w', 'Shipping', 8083)];
    const edges = [edge('orders', 'k'), edge('k', 'w')];
    const f = withCode(validate(design({ nodes, edges })), 'TF505');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('Kafka carries Avro records, but no Schema Registry is wired to it or its clients');
    expect(f[0]!.path).toBe('nodes[1].props.serialization');
    const wired = design({ nodes: [...nodes, node('sr', 'schema-registry')], edges: [...edges, edge('orders', 'sr')] });
    expect(withCode(validate(wired), 'TF505')).toEqual([]);
  });
});
