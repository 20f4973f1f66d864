import { describe, expect, it } from 'vitest';
import { createResolver, dnsName, hasReaders, readsAsReader, resolve } from './index';
import type { Group, TopoEdge, Topology } from '../model/types';
import { emptyTopology } from '../model/types';
import { validate } from '../validation';
import { parseTopology } from '../model/parse';

function design(
  nodes: Array<[string, string, Record<string, unknown>?, string?, string?]>,
  edges: Array<[string, string, TopoEdge['protocol']?, Record<string, unknown>?]>,
  groups: Group[] = [],
): Topology {
  const doc = emptyTopology('Flows');
  doc.groups = groups;
  doc.nodes = nodes.map(([id, kind, props, label, group]) => ({ id, kind, label: label ?? id, props: props ?? {}, ...(group ? { group } : {}) }));
  doc.edges = edges.map(([from, to, protocol, props]) => ({ from, to, ...(protocol ? { protocol } : {}), props: props ?? {} }));
  return doc;
}

const channels = (doc: Topology, broker: string) =>
  resolve(doc)
    .messaging.filter((p) => p.broker.id === broker)
    .flatMap((p) => p.channels.map((c) => c.name));

describe('resolve: names', () => {
  it('derives service names from labels: DNS-safe, without the bracketed technology, unique in design order', () => {
    const r = resolve(
      design(
        [
          ['a', 'rest-service', {}, 'Orders API (Node.js)'],
          ['b', 'rest-service', {}, 'Orders API'],
          ['c', 'postgres', {}, 'Ünïcode DB: “main”'],
          ['d', 'worker', {}, '(only brackets)'],
          ['e', 'worker', {}, '!!!'],
          ['f', 'worker', {}, '42 things'],
        ],
        [],
      ),
    );
    expect(r.components.map((c) => c.service)).toEqual(['orders-api', 'orders-api-2', 'unicode-db-main', 'only-brackets', 'e', 'things']);
    expect(r.components.map((c) => c.envPrefix)).toEqual(['ORDERS_API', 'ORDERS_API_2', 'UNICODE_DB_MAIN', 'ONLY_BRACKETS', 'E', 'THINGS']);
    expect(dnsName('x'.repeat(80))).toHaveLength(40);
  });

  it('names zone networks after their labels', () => {
    const r = resolve(design([['a', 'rest-service', {}, 'A', 'z1']], [], [{ id: 'z1', label: 'Public DMZ', trust: 'dmz' }, { id: 'z2', label: 'default' }]));
    expect(r.zones.map((z) => z.network)).toEqual(['public-dmz', 'default-2']);
  });
});

describe('resolve: protocols agree with validation', () => {
  it('takes the protocol validation takes, for every connection of the examples', async () => {
    const { EXAMPLES } = await import('../../assets/examples/index');
    for (const ex of EXAMPLES) {
      const parsed = parseTopology(ex.yaml);
      if (!parsed.ok) throw new Error(ex.id);
      const r = resolve(parsed.doc);
      const errors = validate(parsed.doc).filter((d) => d.severity === 'error');
      expect(errors).toEqual([]);
      for (const f of r.flows) expect(f.protocol, f.id).toBeDefined();
    }
  });
});

describe('resolve: host ports', () => {
  it('publishes entry points and consoles on 127.0.0.1, keeps databases, brokers and workers inside, and never gives one host port twice', () => {
    const r = resolve(
      design(
        [
          ['api', 'rest-service'],
          ['api2', 'rest-service'],
          ['api3', 'rest-service'],
          ['w1', 'worker'],
          ['w2', 'worker'],
          ['db1', 'postgres'],
          ['db2', 'postgres'],
          ['mq', 'rabbitmq'],
          ['vault', 'vault'],
        ],
        [['api', 'db1'], ['api2', 'db2'], ['api3', 'api2', 'http']],
      ),
    );
    const published = r.components.flatMap((c) => c.ports.filter((p) => p.host !== null).map((p) => `${c.id}:${p.name}=${p.hostIp}:${p.host}`));
    // api3 calls api2, so api2 is no entry point; the RabbitMQ console is an admin UI.
    expect(published).toEqual(['api:http=127.0.0.1:8080', 'api3:http=127.0.0.1:8081', 'mq:management=127.0.0.1:15672']);
  });

  it('publishes a host port set by hand, and on all interfaces only when asked', () => {
    const r = resolve(design([['db', 'postgres', { port: 5433 }], ['web', 'web-app', { publishOn: 'all-interfaces' }]], []));
    expect(r.byId.get('db')!.ports[0]).toMatchObject({ host: 5433, hostIp: '127.0.0.1', reason: 'by-hand', byHand: true, variable: 'DB_POSTGRES_PORT' });
    expect(r.byId.get('web')!.ports[0]).toMatchObject({ host: 3000, hostIp: '0.0.0.0', reason: 'entry' });
  });

  it("publishes a gateway's gRPC listener only when it routes gRPC (else nothing listens there)", () => {
    const r = resolve(
      design(
        [
          ['http-gw', 'nginx'],
          ['grpc-gw', 'nginx', { port: 8090 }],
          ['api', 'rest-service'],
          ['rpc', 'grpc-service'],
        ],
        [['http-gw', 'api', 'http'], ['grpc-gw', 'rpc', 'grpc']],
      ),
    );
    const published = (id: string) => r.byId.get(id)!.ports.map((p) => `${p.name}=${p.host}`);
    expect(published('http-gw')).toEqual(['http=8080', 'grpc=null']);
    expect(published('grpc-gw')).toEqual(['http=8090', 'grpc=9081']);
  });
});

describe('resolve: networks', () => {
  it('puts each component on its zone network, lets a client join its server\'s zone, and gives internal zones no route out', () => {
    const r = resolve(
      design(
        [
          ['gw', 'kong', {}, 'Gateway', 'dmz'],
          ['api', 'rest-service', {}, 'API', 'core'],
          ['db', 'postgres', {}, 'DB', 'data'],
          ['pay', 'saas-app', {}, 'Stripe'],
        ],
        [['gw', 'api'], ['api', 'db'], ['api', 'pay', 'http']],
        [{ id: 'dmz', label: 'DMZ', trust: 'dmz' }, { id: 'core', label: 'Core', trust: 'internal' }, { id: 'data', label: 'Data', trust: 'restricted' }],
      ),
    );
    expect(r.byId.get('gw')!.networks).toEqual(['dmz', 'core']);
    // The API calls an external system: it also joins the default network, the one with a route out.
    expect(r.byId.get('api')!.networks).toEqual(['default', 'core', 'data']);
    expect(r.byId.get('db')!.networks).toEqual(['data']);
    expect(r.networks.map((n) => `${n.name}${n.internal ? ' (internal)' : ''}`)).toEqual(['default', 'dmz', 'core (internal)', 'data (internal)']);
  });
});

describe('resolve: messaging', () => {
  it('names Kafka topics after the producer\'s service and lets consumers read everything written, dead-lettering by default', () => {
    const doc = design(
      [['orders', 'rest-service', {}, 'Orders'], ['payments', 'rest-service'], ['bus', 'kafka', { topics: [{ name: 'audit' }] }], ['billing', 'worker'], ['shipping', 'worker']],
      [['orders', 'bus'], ['payments', 'bus', 'kafka', { topic: 'payments.settled' }], ['bus', 'billing'], ['bus', 'shipping', 'kafka', { topic: 'orders.events', consumerGroup: 'ship', deadLetter: false }]],
    );
    const [bus] = resolve(doc).messaging;
    expect(bus!.channels.filter((c) => c.role === 'main').map((c) => c.name)).toEqual(['audit', 'orders.events', 'payments.settled']);
    expect(bus!.publications.map((p) => `${p.client.id}>${p.channel}`)).toEqual(['orders>orders.events', 'payments>payments.settled']);
    expect(bus!.subscriptions.map((s) => [s.client.id, s.channels, s.group, s.deadLetter])).toEqual([
      ['billing', ['audit', 'orders.events', 'payments.settled'], 'billing', ['audit.dlt', 'orders.events.dlt', 'payments.settled.dlt']],
      ['shipping', ['orders.events'], 'ship', []],
    ]);
    expect(bus!.channels.filter((c) => c.role === 'dead-letter').map((c) => `${c.name}<${c.serves}`)).toEqual(['audit.dlt<audit', 'orders.events.dlt<orders.events', 'payments.settled.dlt<payments.settled']);
  });

  it('gives no dead-letter topic to a consumer that ingests the broker itself (a ClickHouse Kafka table, Jaeger)', () => {
    const doc = design(
      [['api', 'rest-service'], ['bus', 'kafka'], ['olap', 'clickhouse'], ['traces', 'jaeger'], ['billing', 'worker']],
      [['api', 'bus', 'kafka', { topic: 'orders.events' }], ['bus', 'olap', 'kafka', { topic: 'orders.events' }], ['bus', 'traces', 'kafka', { topic: 'orders.events' }], ['bus', 'billing', 'kafka', { topic: 'orders.events' }]],
    );
    const [bus] = resolve(doc).messaging;
    expect(bus!.subscriptions.map((s) => [s.client.id, s.deadLetter])).toEqual([
      ['olap', []],
      ['traces', []],
      ['billing', ['orders.events.dlt']],
    ]);
    expect(bus!.channels.filter((c) => c.role === 'dead-letter').map((c) => c.name)).toEqual(['orders.events.dlt']);
  });

  it('gives the topics of captured tables to the consumers behind a CDC connector', () => {
    const doc = design(
      [['db', 'postgres', { tables: ['orders', 'billing.invoices'] }], ['cdc', 'debezium', { topicPrefix: 'shop' }], ['bus', 'kafka'], ['reader', 'worker'], ['db2', 'mysql', { database: 'legacy' }], ['cdc2', 'debezium'], ['reader2', 'worker']],
      [['db', 'cdc'], ['cdc', 'bus'], ['bus', 'reader'], ['db2', 'cdc2'], ['cdc2', 'bus', 'kafka'], ['bus', 'reader2', 'kafka', { topic: 'cdc.legacy.outbox' }]],
    );
    const [bus] = resolve(doc).messaging;
    expect(bus!.publications.map((p) => `${p.channel} (${p.cdc?.table})`)).toEqual(['shop.public.orders (public.orders)', 'shop.billing.invoices (billing.invoices)', 'cdc.legacy.outbox (legacy.outbox)']);
    expect(bus!.subscriptions[0]!.channels).toEqual(['shop.public.orders', 'shop.billing.invoices', 'cdc.legacy.outbox']);
  });

  it('gives RabbitMQ consumers a queue per exchange, a dead-letter queue through the dead-letter exchange, and a retry queue when they retry', () => {
    const doc = design(
      [['orders', 'rest-service'], ['mq', 'rabbitmq'], ['mailer', 'worker'], ['ledger', 'worker']],
      [['orders', 'mq', 'amqp', { routingKey: 'order.*' }], ['mq', 'mailer', 'amqp', { retries: 2 }], ['mq', 'ledger', 'amqp', { queue: 'ledger-in', routingKey: 'order.paid', deadLetter: false }]],
    );
    const [mq] = resolve(doc).messaging;
    expect(mq!.channels.map((c) => `${c.kind}:${c.name}:${c.role}`)).toEqual([
      'exchange:orders.events:main',
      'queue:mailer.orders.events:main',
      'queue:ledger-in:main',
      'queue:mailer.orders.events.dlq:dead-letter',
      'queue:mailer.orders.events.retry:retry',
      'exchange:topoforge.dlx:dead-letter',
    ]);
    expect(mq!.bindings).toEqual([
      { source: 'orders.events', destination: 'mailer.orders.events', routingKey: '#' },
      { source: 'orders.events', destination: 'ledger-in', routingKey: 'order.paid' },
      { source: 'topoforge.dlx', destination: 'mailer.orders.events.dlq', routingKey: 'mailer.orders.events' },
    ]);
  });

  it('uses device telemetry topics for MQTT, subjects for NATS and upper-case queues with backout queues for IBM MQ', () => {
    const doc = design(
      [['sensors', 'iot-device'], ['mosq', 'mqtt-broker'], ['ingest', 'worker'], ['nats', 'nats'], ['pub', 'rest-service'], ['mq', 'ibm-mq'], ['core-bank', 'legacy-system'], ['sub', 'worker']],
      [['sensors', 'mosq'], ['mosq', 'ingest'], ['pub', 'nats'], ['nats', 'sub'], ['core-bank', 'mq', 'jms'], ['mq', 'sub', 'jms']],
    );
    expect(channels(doc, 'mosq')).toEqual(['sensors/telemetry']);
    expect(channels(doc, 'nats')).toEqual(['pub.events', 'dlq.pub.events']);
    expect(channels(doc, 'mq')).toEqual(['CORE_BANK.EVENTS', 'CORE_BANK.EVENTS.BACKOUT']);
  });

  it('ignores names that break the catalog pattern, taking the default instead', () => {
    const doc = design([['a', 'rest-service'], ['k', 'kafka']], [['a', 'k', 'kafka', { topic: 'bad topic"; rm -rf' }]]);
    expect(channels(doc, 'k')).toEqual(['a.events']);
  });

  it('is empty for a design without brokers and survives malformed input', () => {
    expect(resolve(emptyTopology()).messaging).toEqual([]);
    const doc = design([['k', 'kafka']], [['k', 'ghost'], ['k', 'k']]);
    const r = resolve(doc);
    expect(r.messaging.map((p) => [p.broker.id, p.channels.length, p.publications.length])).toEqual([['k', 0, 0]]);
    expect(r.notes).toContain('The connection "k->ghost" was left out: one of its ends is not in the design.');
  });
});

describe('resolve: observability', () => {
  it('scrapes native endpoints and exporters, and makes data sources of what Grafana reads, whichever way it is drawn', () => {
    const r = resolve(
      design(
        [['api', 'rest-service', {}, 'Orders'], ['db', 'postgres', {}, 'Orders DB'], ['mq', 'rabbitmq'], ['prom', 'prometheus'], ['graf', 'grafana'], ['w', 'worker'], ['redis', 'redis']],
        [['api', 'prom', 'metrics'], ['prom', 'db', 'metrics'], ['mq', 'prom', 'metrics'], ['prom', 'graf'], ['graf', 'db', 'sql'], ['w', 'redis']],
      ),
    );
    expect(r.observability.scrapes.map((s) => `${s.job} ${s.service}:${s.port}${s.path} ${s.via}`)).toEqual([
      'orders orders:8080/metrics native',
      'orders-db orders-db-exporter:9187/metrics exporter',
      'mq mq:15692/metrics native',
    ]);
    expect(r.observability.dataSources.map((d) => `${d.type} ${d.url}`)).toEqual(['prometheus http://prom:9090', 'grafana-postgresql-datasource orders-db:5432']);
  });
});

describe('createResolver', () => {
  it('gives the same answer as resolve after edits, reusing unchanged components', () => {
    const resolver = createResolver();
    let doc = design([['a', 'rest-service'], ['k', 'kafka'], ['w', 'worker']], [['a', 'k'], ['k', 'w']]);
    const first = resolver.resolve(doc);
    doc = { ...doc, nodes: [...doc.nodes.slice(0, 2), { ...doc.nodes[2]!, label: 'Billing' }] };
    const second = resolver.resolve(doc);
    expect(second.components[0]!.props).toBe(first.components[0]!.props);
    expect(JSON.stringify(second.messaging.map((p) => p.channels))).toBe(JSON.stringify(resolve(doc).messaging.map((p) => p.channels)));
    expect(second.byId.get('w')!.service).toBe('billing');
  });
});

describe('resolve: where each client connects', () => {
  it('gives the host and port a client uses for every kind of connection', () => {
    const r = resolve(
      design(
        [
          ['api', 'rest-service', { port: 8090 }, 'Orders API'],
          ['db', 'postgres', {}, 'Orders DB'],
          ['bus', 'kafka', {}, 'Events'],
          ['olap', 'clickhouse', {}, 'Analytics'],
          ['traces', 'jaeger', {}, 'Traces'],
          ['prom', 'prometheus', {}, 'Metrics'],
          ['dash', 'grafana', {}, 'Dashboards'],
          ['saas', 'saas-app', {}, 'Stripe'],
        ],
        [
          ['api', 'db', 'sql'],
          ['api', 'bus', 'kafka'],
          ['api', 'olap', 'sql'],
          ['api', 'olap', 'http'],
          ['api', 'traces', 'otlp'],
          ['api', 'prom', 'metrics'],
          ['db', 'prom', 'metrics'],
          ['prom', 'dash', 'metrics'],
          ['api', 'saas', 'http'],
        ],
      ),
    );
    const at = (id: string) => {
      const f = r.flows.find((x) => x.id === id)!;
      return f.host === undefined ? undefined : `${f.host}:${f.port}`;
    };
    expect(at('api->db')).toBe('orders-db:5432');
    expect(at('api->bus')).toBe('events:19092');
    expect(at('api->olap')).toBe('analytics:9000');
    expect(at('api->olap#2')).toBe('analytics:8123');
    expect(at('api->traces')).toBe('traces:4317');
    expect(at('api->prom')).toBe('orders-api:8090');
    expect(at('db->prom')).toBe('orders-db-exporter:9187');
    expect(at('prom->dash')).toBe('metrics:9090');
    expect(at('api->saas')).toBeUndefined();
  });
});

describe('resolve: NATS dead letters', () => {
  it('go to dlq.<subject>, a prefix a wildcard subscription does not read back; a wildcard read gets a wildcard dead-letter subject', () => {
    const doc = design(
      [
        ['pub', 'rest-service'],
        ['bus', 'nats', { subjects: ['prices.>'] }],
        ['sub', 'worker'],
      ],
      [
        ['pub', 'bus', 'nats', { subject: 'prices.eu' }],
        ['bus', 'sub', 'nats', { subject: 'prices.>' }],
      ],
    );
    const plan = resolve(doc).messaging.find((p) => p.protocol === 'nats')!;
    expect(plan.subscriptions[0]!.deadLetter).toEqual(['dlq.prices.>']);
    expect(plan.channels.find((c) => c.role === 'dead-letter')).toMatchObject({ name: 'dlq.prices.>', serves: 'prices.>' });
  });

  it('are claimed only with JetStream: core NATS keeps nothing a failed message could be set aside in', () => {
    const doc = design(
      [
        ['pub', 'rest-service'],
        ['bus', 'nats', { jetstream: false }],
        ['sub', 'worker'],
      ],
      [
        ['pub', 'bus', 'nats', { subject: 'prices.eu' }],
        ['bus', 'sub', 'nats', { subject: 'prices.*', retries: 2 }],
      ],
    );
    const plan = resolve(doc).messaging.find((p) => p.protocol === 'nats')!;
    expect(plan.subscriptions[0]).toMatchObject({ channels: ['prices.*'], deadLetter: [], retries: 2 });
    expect(plan.channels.map((c) => [c.name, c.role])).toEqual([['prices.eu', 'main'], ['prices.*', 'main']]);
  });
});

describe('resolve: who logs in as a database\'s read-only user', () => {
  it('a client drawn with read access, a dashboard (which only reads) and a store drawn the way its data flows; not a read-write client nor an external database', () => {
    const r = resolve(
      design(
        [
          ['api', 'rest-service'],
          ['report', 'batch-job'],
          ['etl', 'batch-job'],
          ['dash', 'grafana'],
          ['db', 'postgres'],
          ['dw', 'snowflake'],
        ],
        [
          ['api', 'db', 'sql'],
          ['report', 'db', 'sql', { access: 'read' }],
          ['db', 'etl', 'sql'],
          ['dash', 'db', 'sql'],
          ['report', 'dw', 'sql', { access: 'read' }],
        ],
      ),
    );
    const reader = (id: string) => readsAsReader(r.flows.find((f) => f.id === id)!);
    expect([reader('api->db'), reader('report->db'), reader('db->etl'), reader('dash->db'), reader('report->dw')]).toEqual([false, true, true, true, false]);
    expect(hasReaders(r.components.find((c) => c.id === 'db')!)).toBe(true);
    expect(hasReaders(r.components.find((c) => c.id === 'dw')!)).toBe(false);
    // A dashboard drawn read-write on purpose keeps it.
    const rw = resolve(design([['dash', 'grafana'], ['db', 'postgres']], [['dash', 'db', 'sql', { access: 'read-write' }]]));
    expect(readsAsReader(rw.flows[0]!)).toBe(false);
  });
});

describe('resolve: connection ids', () => {
  it('names every connection as edgeIds does (from->to, then #2, #3 in file order), whatever the duplicates, missing ends and entries that are not connections', async () => {
    const { edgeIds } = await import('../model/ids');
    const { seededRandom } = await import('../../test/random');
    const r = seededRandom(19);
    const kinds = ['rest-service', 'worker', 'postgres', 'kafka', 'redis'];
    for (let round = 0; round < 200; round++) {
      // Few components and many connections, so pairs repeat, past the 32 connections per end where the counting changes.
      const n = 2 + Math.floor(r() * 6);
      const ids = Array.from({ length: n }, (_, i) => `c${i}`);
      const doc = design(
        ids.map((id, i) => [id, kinds[i % kinds.length]!]),
        [],
      );
      const edges: unknown[] = [];
      const m = Math.floor(r() * 120);
      for (let k = 0; k < m; k++) {
        const x = r();
        if (x < 0.03) edges.push(null);
        else if (x < 0.06) edges.push({ from: 'gone', to: ids[0], props: {} });
        else edges.push({ from: ids[Math.floor(r() * n)], to: ids[Math.floor(r() * n)], props: {} });
      }
      doc.edges = edges as Topology['edges'];
      const expected = edgeIds(doc.edges);
      for (const f of resolve(doc).flows) expect(f.id, `round ${round}, connection ${f.index}`).toBe(expected[f.index]);
    }
  });
});
