import { describe, expect, it } from 'vitest';
import { resolve } from '../resolve';
import { checkConnection, validate } from './index';
import { design, edge, node, withCode } from './testkit';

/** The one finding of `code` on the design, asserting there is exactly one. */
function one(d: ReturnType<typeof design>, code: string) {
  const found = withCode(validate(d), code);
  expect(found, `${code} in ${JSON.stringify(validate(d).map((x) => x.code))}`).toHaveLength(1);
  return found[0]!;
}

describe('connections: protocols the ends speak (TF101)', () => {
  it('Kafka into PostgreSQL: names both ends and suggests a Debezium sink or a worker', () => {
    const d = design({ nodes: [node('events', 'kafka'), node('db', 'postgres')], edges: [edge('events', 'db')] });
    const f = one(d, 'TF101');
    expect(f.severity).toBe('error');
    expect(f.message).toBe("PostgreSQL can't consume from Kafka: add a Debezium sink or a worker between them");
    expect(f.nodes).toEqual(['events', 'db']);
    expect(f.edges).toEqual(['events->db']);
    expect(f.path).toBe('edges[0]');
    expect(f.hint).toMatch(/worker/);
  });

  it('Kafka into PostgreSQL with protocol kafka set says the same, pointing at the protocol', () => {
    const d = design({ nodes: [node('events', 'kafka'), node('db', 'postgres', {}, { label: 'Orders DB' })], edges: [edge('events', 'db', 'kafka')] });
    const f = one(d, 'TF101');
    expect(f.message).toContain("Orders DB (PostgreSQL) can't consume from Kafka");
    expect(f.path).toBe('edges[0].protocol');
  });

  it('RabbitMQ into MySQL suggests a worker (no Kafka Connect there)', () => {
    const d = design({ nodes: [node('mq', 'rabbitmq'), node('db', 'mysql')], edges: [edge('mq', 'db')] });
    const f = one(d, 'TF101');
    expect(f.message).toBe("MySQL can't consume from RabbitMQ: add a worker between them");
  });

  it('a broker into search or a warehouse: a worker that indexes or loads', () => {
    const d = design({ nodes: [node('events', 'kafka'), node('search', 'elasticsearch'), node('dw', 'snowflake')], edges: [edge('events', 'search'), edge('events', 'dw')] });
    const found = withCode(validate(d), 'TF101');
    expect(found.map((f) => f.edges[0])).toEqual(['events->dw', 'events->search']);
    expect(found.find((f) => f.edges[0] === 'events->search')!.message).toContain("Elasticsearch can't consume from Kafka: add a worker between them that indexes");
    expect(found.find((f) => f.edges[0] === 'events->dw')!.message).toContain('loads the messages');
  });

  it('a database into a broker: use Debezium CDC', () => {
    const d = design({ nodes: [node('db', 'postgres'), node('events', 'kafka')], edges: [edge('db', 'events')] });
    const f = one(d, 'TF101');
    expect(f.message).toBe("PostgreSQL can't publish to Kafka by itself: use Debezium CDC (PostgreSQL → Debezium → Kafka)");
    expect(f.hint).toContain('outbox');
  });

  it('a store that sends nothing cannot feed anything', () => {
    const d = design({ nodes: [node('cache', 'redis'), node('w', 'kafka')], edges: [edge('cache', 'w')] });
    expect(one(d, 'TF101').message).toContain("Redis doesn't send data anywhere by itself");
  });

  it('otherwise lists what each end speaks and suggests a component to put between', () => {
    const d = design({ nodes: [node('dev', 'iot-device'), node('db', 'postgres')], edges: [edge('dev', 'db')] });
    const f = one(d, 'TF101');
    expect(f.message).toContain("IoT device can't send to PostgreSQL: they share no protocol");
    expect(f.message).toContain('PostgreSQL takes SQL');
    expect(f.hint).toMatch(/^Put an? /);
  });
});

describe('connections: explicit protocol not allowed (TF102)', () => {
  it('lists the protocols that do work between the two kinds', () => {
    const d = design({ nodes: [node('api', 'rest-service', {}, { label: 'Orders API' }), node('db', 'postgres')], edges: [edge('api', 'db', 'http')] });
    const f = one(d, 'TF102');
    expect(f.message).toBe("Orders API (REST service) → PostgreSQL can't use HTTP: PostgreSQL doesn't take HTTP; these two connect over SQL");
    expect(f.hint).toContain('"sql"');
    expect(f.path).toBe('edges[0].protocol');
  });

  it('says which end does not send the protocol', () => {
    const d = design({ nodes: [node('bus', 'kafka'), node('olap', 'clickhouse')], edges: [edge('bus', 'olap', 'sql')] });
    expect(one(d, 'TF102').message).toContain("Kafka doesn't send SQL");
  });
});

describe('connections: several protocols and none chosen (TF103)', () => {
  it('asks to choose when the target has no default', () => {
    const d = design({ nodes: [node('sap', 'legacy-system', {}, { label: 'SAP' }), node('w', 'worker')], edges: [edge('sap', 'w')] });
    const f = one(d, 'TF103');
    expect(f.message).toBe('SAP (Legacy system) → Worker could carry JMS or SFTP, and none is chosen');
    expect(f.path).toBe('edges[0].protocol');
  });

  it('takes the default where the target has one, and says so (TF901)', () => {
    const d = design({ nodes: [node('web', 'web-app'), node('api', 'rest-service')], edges: [edge('web', 'api')] });
    const all = validate(d);
    expect(withCode(all, 'TF103')).toEqual([]);
    const info = withCode(all, 'TF901')[0]!;
    expect(info.severity).toBe('info');
    expect(info.message).toContain('HTTP is taken');
    expect(info.message).toContain('WebSocket would also work');
  });

  it('says nothing when only one protocol fits', () => {
    const d = design({ nodes: [node('api', 'rest-service'), node('db', 'postgres')], edges: [edge('api', 'db')] });
    expect(withCode(validate(d), 'TF901')).toEqual([]);
  });
});

describe('connections: self-loops (TF104)', () => {
  it('reports a component connected to itself', () => {
    const d = design({ nodes: [node('api', 'rest-service', {}, { label: 'Orders API' })], edges: [edge('api', 'api')] });
    const f = one(d, 'TF104');
    expect(f.message).toBe('Orders API (REST service) is connected to itself');
    expect(f.edges).toEqual(['api->api']);
  });
});

describe('connections: gateways route APIs only (TF105)', () => {
  it('a gateway into Kafka', () => {
    const d = design({ nodes: [node('gw', 'kong'), node('events', 'kafka')], edges: [edge('gw', 'events')] });
    const f = one(d, 'TF105');
    expect(f.message).toContain('Kong routes only HTTP, gRPC, GraphQL and WebSocket traffic');
    expect(f.message).toContain('Kafka takes Kafka');
    expect(f.hint).toContain('service that publishes');
  });

  it('a gateway into a database or a worker, and with a messaging protocol set', () => {
    const d = design({
      nodes: [node('gw', 'nginx'), node('db', 'postgres'), node('w', 'worker'), node('events', 'kafka')],
      edges: [edge('gw', 'db'), edge('gw', 'w'), edge('gw', 'events', 'kafka')],
    });
    const found = withCode(validate(d), 'TF105');
    expect(found.map((f) => f.edges[0]).sort()).toEqual(['gw->db', 'gw->events', 'gw->w']);
    expect(found.find((f) => f.edges[0] === 'gw->events')!.message).toContain('not Kafka');
  });

  it('a gateway to a service over HTTP, or to Jaeger over OTLP, is fine', () => {
    const d = design({ nodes: [node('gw', 'kong'), node('api', 'rest-service'), node('tr', 'jaeger')], edges: [edge('gw', 'api'), edge('gw', 'tr')] });
    expect(validate(d).filter((x) => x.severity === 'error')).toEqual([]);
  });
});

describe('connections: CDC (TF106)', () => {
  it('a service into Debezium', () => {
    const d = design({ nodes: [node('api', 'rest-service', {}, { label: 'Orders API' }), node('dbz', 'debezium')], edges: [edge('api', 'dbz')] });
    const f = one(d, 'TF106');
    expect(f.message).toBe("Debezium captures changes from PostgreSQL, MySQL or MongoDB only; Orders API (REST service) isn't a database it can read");
  });

  it('CDC from a database straight into Kafka', () => {
    const d = design({ nodes: [node('db', 'mysql'), node('events', 'kafka')], edges: [edge('db', 'events', 'cdc')] });
    expect(one(d, 'TF106').message).toBe('Change data capture from MySQL goes into Debezium, not Kafka');
  });

  it('Redis into Debezium', () => {
    const d = design({ nodes: [node('cache', 'redis'), node('dbz', 'debezium')], edges: [edge('cache', 'dbz')] });
    expect(one(d, 'TF106').hint).toContain('no change stream');
  });

  it('PostgreSQL into Debezium into Kafka is fine', () => {
    const d = design({ nodes: [node('db', 'postgres'), node('dbz', 'debezium'), node('events', 'kafka')], edges: [edge('db', 'dbz'), edge('dbz', 'events')] });
    expect(validate(d).filter((x) => x.severity === 'error')).toEqual([]);
  });
});

describe('connections: dangling, backwards, unmediated, unknown protocol', () => {
  it('TF107: a connection to a component that does not exist', () => {
    const d = design({ nodes: [node('api', 'rest-service')], edges: [edge('api', 'ghost')] });
    const f = one(d, 'TF107');
    expect(f.message).toContain('"ghost", which doesn\'t exist');
    expect(f.nodes).toEqual(['api']);
    expect(f.path).toBe('edges[0].to');
  });

  it('TF108: a broker drawn sending to the registry that writes to it', () => {
    const d = design({ nodes: [node('bus', 'kafka'), node('registry', 'schema-registry')], edges: [edge('bus', 'registry')] });
    const f = one(d, 'TF108');
    expect(f.message).toBe('Kafka → Schema Registry is drawn backwards: Schema Registry sends to Kafka over Kafka');
    expect(f.hint).toContain('Reverse the arrow');
  });

  it('TF901: sql written from a database into Debezium is its change data capture, for validation and the model alike', () => {
    const d = design({ nodes: [node('db', 'postgres', {}, { label: 'Orders DB' }), node('cdc', 'debezium', {}, { label: 'CDC' })], edges: [edge('db', 'cdc', 'sql')] });
    expect(validate(d).filter((x) => x.severity === 'error')).toEqual([]);
    expect(one(d, 'TF901').message).toBe('Orders DB (PostgreSQL) → CDC (Debezium) says SQL: it is read as change data capture, the connection CDC (Debezium) makes to Orders DB (PostgreSQL)');
    const flow = resolve(d).flows[0]!;
    expect([flow.protocol, flow.kind, flow.client?.id, flow.server?.id]).toEqual(['cdc', 'cdc', 'cdc', 'db']);
  });

  it('TF905: a store drawn the way its data flows is read by the other end, not an error', () => {
    const d = design({ nodes: [node('db', 'postgres', {}, { label: 'Orders DB' }), node('etl', 'batch-job', {}, { label: 'Nightly ETL' })], edges: [edge('db', 'etl')] });
    expect(validate(d).filter((x) => x.severity === 'error')).toEqual([]);
    const f = one(d, 'TF905');
    expect(f.message).toBe('Orders DB (PostgreSQL) → Nightly ETL (Batch job) is read as Nightly ETL (Batch job) reading Orders DB (PostgreSQL) over SQL (drawn the way the data flows)');
    // The model and every generator read it as the job's query, read-only.
    const flow = resolve(d).flows[0]!;
    expect([flow.protocol, flow.client?.id, flow.server?.id, flow.kind, flow.props.access]).toEqual(['sql', 'etl', 'db', 'query', 'read']);
  });

  it('TF109: two services exchanging Kafka messages without a broker', () => {
    const d = design({ nodes: [node('a', 'rest-service', {}, { label: 'Orders' }), node('b', 'grpc-service', {}, { label: 'Billing' })], edges: [edge('a', 'b', 'kafka')] });
    const f = one(d, 'TF109');
    expect(f.message).toBe("Orders (REST service) and Billing (gRPC service) can't exchange Kafka messages directly: Kafka needs a Kafka broker between them");
    expect(f.hint).toContain('Orders (REST service) → Kafka → Billing (gRPC service)');
  });

  it('TF109: a service into a worker with nothing in between', () => {
    const d = design({ nodes: [node('a', 'rest-service'), node('w', 'worker')], edges: [edge('a', 'w')] });
    expect(one(d, 'TF109').message).toContain("REST service can't send to Worker directly");
  });

  it('TF110: a protocol Topoforge does not know', () => {
    const d = design({ nodes: [node('a', 'rest-service'), node('b', 'grpc-service')], edges: [edge('a', 'b', 'soap')] });
    const f = one(d, 'TF110');
    expect(f.message).toContain('"soap"');
    expect(f.hint).toContain('"grpc"');
  });
});

describe('connection settings (TF203, TF902)', () => {
  it('checks edge props against the protocol', () => {
    const d = design({
      nodes: [node('a', 'rest-service'), node('events', 'kafka')],
      edges: [edge('a', 'events', 'kafka', { topic: 'bad topic!', tps: -1, colour: 'red' })],
    });
    const all = validate(d);
    const bad = withCode(all, 'TF203');
    expect(bad.map((b) => b.path).sort()).toEqual(['edges[0].props.topic', 'edges[0].props.tps']);
    expect(bad.find((b) => b.path === 'edges[0].props.topic')!.message).toContain('Topic must be letters, digits');
    expect(bad.find((b) => b.path === 'edges[0].props.tps')!.message).toContain('from 0 to 100,000,000');
    const unknown = withCode(all, 'TF902');
    expect(unknown).toHaveLength(1);
    expect(unknown[0]!.message).toContain('"colour"');
    expect(unknown[0]!.path).toBe('edges[0].props.colour');
  });

  it('names the edge by its derived id when two connect the same pair', () => {
    const d = design({
      nodes: [node('a', 'rest-service'), node('events', 'kafka')],
      edges: [edge('a', 'events', 'kafka', { topic: 'one' }), edge('a', 'events', 'kafka', { topic: 'two', retries: 1.5 })],
    });
    const f = one(d, 'TF203');
    expect(f.edges).toEqual(['a->events#2']);
    expect(f.path).toBe('edges[1].props.retries');
  });
});

describe('checkConnection (for the canvas while drawing)', () => {
  it('says a service can publish to Kafka, over Kafka', () => {
    const r = checkConnection(node('api', 'rest-service'), node('k', 'kafka'));
    expect(r).toEqual({ ok: true, protocol: 'kafka', problems: [] });
  });

  it('refuses a service straight into a worker with the words of the problems list', () => {
    const r = checkConnection(node('api', 'rest-service'), node('w', 'worker'));
    expect(r.ok).toBe(false);
    expect(r.problems[0]!.code).toBe('TF109');
    expect(r.problems[0]!.message).toContain("REST service can't send to Worker directly");
  });

  it('accepts a default protocol and says which', () => {
    const r = checkConnection(node('web', 'web-app'), node('api', 'rest-service'));
    expect(r.ok).toBe(true);
    expect(r.protocol).toBe('http');
    expect(r.problems.map((p) => p.code)).toEqual(['TF901']);
  });
});
