import { describe, expect, it } from 'vitest';
import { validate } from './index';
import { design, edge, node, withCode } from './testkit';

describe('host ports (TF204)', () => {
  it('three default REST services, two workers and two PostgreSQL databases: no clash, the stack picks the ports', () => {
    const d = design({
      nodes: [node('a', 'rest-service'), node('b', 'rest-service'), node('c', 'rest-service'), node('w1', 'worker'), node('w2', 'worker'), node('db1', 'postgres'), node('db2', 'postgres')],
      edges: [edge('a', 'db1'), edge('b', 'db2')],
    });
    expect(validate(d).filter((x) => x.severity === 'error')).toEqual([]);
  });

  it('two host ports set by hand to one number', () => {
    const d = design({ nodes: [node('gw', 'kong', { port: 9000 }, { label: 'Edge' }), node('minio', 'object-storage', { consolePort: 9000 })] });
    const f = withCode(validate(d), 'TF204');
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('error');
    expect(f[0]!.message).toBe('Edge (Kong) and Object storage both set host port 9000 by hand; only one of them can be published on it');
    expect(f[0]!.hint).toBe('Change the Console port of Object storage to a free port, e.g. 9001, or clear it to let the stack pick one.');
    expect(f[0]!.path).toBe('nodes[1].props.consolePort');
  });

  it('a hand-set port the stack would give another component by default is no clash: the default one moves', () => {
    const d = design({ nodes: [node('gw', 'kong', { port: 3000 }), node('web', 'web-app'), node('graf', 'grafana', { port: 8000 })] });
    expect(withCode(validate(d), 'TF204')).toEqual([]);
  });

  it('a component whose two ports are set by hand to one number', () => {
    const d = design({ nodes: [node('gw', 'kong', { port: 8001, adminPort: 8001 })] });
    const f = withCode(validate(d), 'TF204');
    expect(f.map((x) => x.message)).toEqual(['Kong sets host port 8001 for two of its ports (HTTP port and Admin port)']);
  });
});

describe('zones and ids (TF205)', () => {
  it('a component in a zone that does not exist', () => {
    const d = design({ nodes: [node('api', 'rest-service', {}, { group: 'dmz' })], groups: [{ id: 'core', label: 'Core' }] });
    const f = withCode(validate(d), 'TF205');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('REST service is in the zone "dmz", which doesn\'t exist');
    expect(f[0]!.hint).toContain('"core"');
    expect(f[0]!.path).toBe('nodes[0].group');
  });
});

describe('unconnected and duplicate (TF301, TF306)', () => {
  it('TF301: a component with no connection at all', () => {
    const d = design({ nodes: [node('api', 'rest-service', {}, { label: 'Orders API' }), node('db', 'postgres'), node('lonely', 'redis')], edges: [edge('api', 'db')] });
    const f = withCode(validate(d), 'TF301');
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('warning');
    expect(f[0]!.message).toBe("Redis isn't connected to anything");
    expect(f[0]!.nodes).toEqual(['lonely']);
  });

  it('TF306: the same connection drawn twice', () => {
    const d = design({ nodes: [node('api', 'rest-service'), node('db', 'postgres')], edges: [edge('api', 'db'), edge('api', 'db', 'sql')] });
    const f = withCode(validate(d), 'TF306');
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('warning');
    expect(f[0]!.message).toBe('REST service → PostgreSQL is drawn twice (SQL) with the same settings');
    expect(f[0]!.edges).toEqual(['api->db#2', 'api->db']);
  });

  it('TF306: two topics into one broker are two connections, not a duplicate', () => {
    const d = design({ nodes: [node('api', 'rest-service'), node('k', 'kafka')], edges: [edge('api', 'k', 'kafka', { topic: 'a' }), edge('api', 'k', 'kafka', { topic: 'b' })] });
    expect(withCode(validate(d), 'TF306')).toEqual([]);
  });
});

describe('roles (TF308, TF309, TF312, TF314)', () => {
  it('TF308: a worker that consumes from nothing and sends nothing (only its metrics are wired)', () => {
    const d = design({ nodes: [node('w', 'worker', {}, { label: 'Mailer' }), node('prom', 'prometheus')], edges: [edge('w', 'prom', 'metrics')] });
    const f = withCode(validate(d), 'TF308');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('Mailer (Worker) consumes from nothing and sends nothing: no broker, stream or file source feeds it');
    expect(f[0]!.hint).toContain('Batch job');
  });

  it('TF308: no warning for a worker that writes a store on its own (it polls, or runs on its own clock)', () => {
    const d = design({ nodes: [node('w', 'worker', {}, { label: 'Mailer' }), node('db', 'postgres')], edges: [edge('w', 'db')] });
    expect(withCode(validate(d), 'TF308')).toEqual([]);
  });

  it('TF308: Debezium with no database', () => {
    const d = design({ nodes: [node('dbz', 'debezium'), node('k', 'kafka'), node('w', 'worker')], edges: [edge('dbz', 'k'), edge('k', 'w')] });
    expect(withCode(validate(d), 'TF308').map((x) => x.message)).toEqual(['Debezium captures no database: nothing feeds it']);
  });

  it('TF309: a database written by several services', () => {
    const d = design({
      nodes: [node('orders', 'rest-service', { port: 8081 }, { label: 'Orders' }), node('billing', 'grpc-service', {}, { label: 'Billing' }), node('reports', 'batch-job', { port: 8083 }, { label: 'Reports' }), node('db', 'postgres', {}, { label: 'Shop DB' })],
      edges: [edge('orders', 'db', 'sql', { schema: 'shop' }), edge('billing', 'db', 'sql', { schema: 'shop' }), edge('reports', 'db', 'sql', { access: 'read', schema: 'shop' })],
    });
    const f = withCode(validate(d), 'TF309');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('Shop DB (PostgreSQL) is written by 2 components in one schema "shop" (Orders (REST service) and Billing (gRPC service)): a shared schema couples them');
    expect(f[0]!.nodes).toEqual(['db', 'orders', 'billing']);
    expect(f[0]!.edges).toEqual(['orders->db', 'billing->db']);
  });

  it('TF309: no warning for services sharing a database server, each in a schema of its own', () => {
    const d = design({
      nodes: [node('orders', 'rest-service', {}, { label: 'Orders' }), node('billing', 'grpc-service', {}, { label: 'Billing' }), node('db', 'postgres', {}, { label: 'Shop DB' })],
      edges: [edge('orders', 'db'), edge('billing', 'db')],
    });
    expect(withCode(validate(d), 'TF309')).toEqual([]);
  });

  it('TF312: a gateway that routes to nothing', () => {
    const d = design({ nodes: [node('web', 'web-app'), node('gw', 'envoy', { auth: 'jwt' })], edges: [edge('web', 'gw')] });
    const f = withCode(validate(d), 'TF312');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('Envoy routes to nothing: no connection goes from it to a service');
  });

  it('TF314: a call to an external service with no timeout, and not when one is set', () => {
    const d = design({
      nodes: [node('api', 'rest-service', {}, { label: 'Checkout' }), node('stripe', 'saas-app', {}, { label: 'Stripe' }), node('sap', 'legacy-system', {}, { label: 'SAP' })],
      edges: [edge('api', 'stripe'), edge('api', 'sap', 'http', { circuitBreaker: true })],
    });
    const f = withCode(validate(d), 'TF314');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('Checkout (REST service) calls Stripe (SaaS app) with no timeout or circuit breaker');
    expect(f[0]!.path).toBe('edges[0].props.timeoutMs');
  });
});
