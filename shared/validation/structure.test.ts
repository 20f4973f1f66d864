import { describe, expect, it } from 'vitest';
import { validate } from './index';
import { design, edge, node, withCode } from './testkit';

describe('host ports (TF204)', () => {
  it('two services on the default port 8080, and NGINX on its default 8080', () => {
    const d = design({
      nodes: [node('orders', 'rest-service', {}, { label: 'Orders API' }), node('billing', 'rest-service', {}, { label: 'Billing API' }), node('proxy', 'nginx')],
      edges: [edge('proxy', 'orders'), edge('proxy', 'billing')],
    });
    const f = withCode(validate(d), 'TF204');
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('error');
    expect(f[0]!.message).toBe("Orders API (REST service), Billing API (REST service) and NGINX all publish host port 8080; the starter stack can't start two containers on one port");
    expect(f[0]!.nodes).toEqual(['orders', 'billing', 'proxy']);
    expect(f[0]!.hint).toMatch(/e\.g\. 8081/);
    expect(f[0]!.path).toBe('nodes[2].props.port');
  });

  it('follows the prop overrides of the catalog ports', () => {
    const d = design({ nodes: [node('gw', 'kong', { port: 9000 }), node('minio', 'object-storage')] });
    const f = withCode(validate(d), 'TF204');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain('Kong and Object storage both publish host port 9000');
  });

  it('moves a service off the clash and it is gone; external kinds have no container', () => {
    const d = design({ nodes: [node('a', 'rest-service', { port: 8081 }), node('b', 'rest-service'), node('sf', 'saas-app'), node('sap', 'legacy-system')] });
    expect(withCode(validate(d), 'TF204')).toEqual([]);
  });

  it('two Jaegers clash on ports no setting moves', () => {
    const d = design({ nodes: [node('j1', 'jaeger', { port: 16000 }), node('j2', 'jaeger')] });
    const f = withCode(validate(d), 'TF204');
    expect(f.map((x) => x.message)).toEqual([
      "Jaeger and Jaeger both publish host port 4317; the starter stack can't start two containers on one port",
      "Jaeger and Jaeger both publish host port 4318; the starter stack can't start two containers on one port",
    ]);
    expect(f[0]!.hint).toContain('keep only one');
  });

  it('a component whose two ports are set to one number', () => {
    const d = design({ nodes: [node('gw', 'kong', { port: 8001 })] });
    const f = withCode(validate(d), 'TF204');
    expect(f[0]!.message).toBe('Kong publishes host port 8001 twice (HTTP port and Admin port)');
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
  it('TF308: a worker that consumes from nothing', () => {
    const d = design({ nodes: [node('w', 'worker', {}, { label: 'Mailer' }), node('db', 'postgres')], edges: [edge('w', 'db')] });
    const f = withCode(validate(d), 'TF308');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('Mailer (Worker) consumes from nothing: no broker, stream or file source feeds it');
    expect(f[0]!.hint).toContain('Batch job');
  });

  it('TF308: Debezium with no database', () => {
    const d = design({ nodes: [node('dbz', 'debezium'), node('k', 'kafka'), node('w', 'worker')], edges: [edge('dbz', 'k'), edge('k', 'w')] });
    expect(withCode(validate(d), 'TF308').map((x) => x.message)).toEqual(['Debezium captures no database: nothing feeds it']);
  });

  it('TF309: a database written by several services', () => {
    const d = design({
      nodes: [node('orders', 'rest-service', { port: 8081 }, { label: 'Orders' }), node('billing', 'grpc-service', {}, { label: 'Billing' }), node('reports', 'batch-job', { port: 8083 }, { label: 'Reports' }), node('db', 'postgres', {}, { label: 'Shop DB' })],
      edges: [edge('orders', 'db'), edge('billing', 'db'), edge('reports', 'db', 'sql', { access: 'read' })],
    });
    const f = withCode(validate(d), 'TF309');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('Shop DB (PostgreSQL) is written by 2 components (Orders (REST service) and Billing (gRPC service)): a shared database couples them');
    expect(f[0]!.nodes).toEqual(['db', 'orders', 'billing']);
    expect(f[0]!.edges).toEqual(['orders->db', 'billing->db']);
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
