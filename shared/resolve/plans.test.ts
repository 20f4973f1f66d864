import { describe, expect, it } from 'vitest';
import { resolve, versionOf } from './index';
import type { TopoEdge, Topology } from '../model/types';
import { emptyTopology } from '../model/types';

function design(nodes: Array<[string, string, Record<string, unknown>?, string?]>, edges: Array<[string, string, TopoEdge['protocol']?, Record<string, unknown>?]>, requirements: Topology['requirements'] = {}): Topology {
  const doc = emptyTopology('Gateways');
  doc.requirements = requirements;
  doc.nodes = nodes.map(([id, kind, props, label]) => ({ id, kind, label: label ?? id, props: props ?? {} }));
  doc.edges = edges.map(([from, to, protocol, props]) => ({ from, to, ...(protocol ? { protocol } : {}), props: props ?? {} }));
  return doc;
}

describe('resolve: gateway plans', () => {
  it('routes every call to a non-identity component, by the connection path or /<service>, named by service', () => {
    const r = resolve(
      design(
        [
          ['gw', 'kong', { auth: 'oidc', rateLimitPerMinute: 600, cors: true, corsOrigins: ['https://a.example'] }, 'Edge'],
          ['a', 'rest-service', {}, 'Orders API'],
          ['b', 'grpc-service', {}, 'Catalog'],
          ['idp', 'keycloak', {}, 'Login'],
          ['ext', 'saas-app', { baseUrl: 'https://api.stripe.com/v1' }, 'Stripe'],
          ['bare', 'saas-app', {}, 'No URL'],
        ],
        [
          ['gw', 'a', 'http', { path: '/v2/orders', timeoutMs: 900, retries: 2 }],
          ['gw', 'b', 'grpc'],
          ['gw', 'idp', 'http'],
          ['gw', 'ext', 'http', { path: '/pay' }],
          ['gw', 'bare', 'http'],
          ['gw', 'a', 'http', { path: '/v2/orders' }],
        ],
        { latencyP99Ms: 250 },
      ),
    );
    const [plan] = r.gateways;
    expect(plan!.gateway.service).toBe('edge');
    expect(plan!.routes.map((x) => [x.name, x.path, x.stripPath, x.upstream.host, x.upstream.port, x.timeoutMs, x.version ?? null])).toEqual([
      ['orders-api', '/v2/orders', false, 'orders-api', 8080, 900, 'v2'],
      ['catalog', '/catalog', false, 'catalog', 50051, 250, null],
      ['stripe', '/pay', false, 'api.stripe.com', 443, 250, null],
    ]);
    expect(plan!.routes[2]!.upstream).toMatchObject({ scheme: 'https', basePath: '/v1', external: true });
    expect(plan!.routes[0]!.retries).toBe(2);
    expect(plan!.auth).toBe('oidc');
    expect(plan!.identityProvider?.id).toBe('idp');
    expect(plan!.rateLimit).toEqual({ perMinute: 600, by: 'consumer', from: 'setting' });
    expect(plan!.cors).toEqual({ origins: ['https://a.example'] });
    expect(plan!.skipped).toHaveLength(2);
    expect(plan!.skipped[1]).toContain('/v2/orders');
    expect(plan!.skipped[0]).toContain('`no-url`');
  });

  it('reads the version a path carries: a /v<N> segment or a gRPC package version', () => {
    expect(versionOf('/v2/orders')).toBe('v2');
    expect(versionOf('/api/v10')).toBe('v10');
    expect(versionOf('/catalog.v1.CatalogService')).toBe('v1');
    expect(versionOf('/orders')).toBeUndefined();
    expect(versionOf('/vendors/v')).toBeUndefined();
  });

  it('takes the gateway timeout when the call has none and no latency budget; unset, auth and rate limit take the defaults', () => {
    const r = resolve(design([['gw', 'nginx', { timeoutMs: 5000, apiVersioning: 'header' }], ['a', 'rest-service']], [['gw', 'a', 'http']]));
    const [plan] = r.gateways;
    expect(plan!.routes[0]!.timeoutMs).toBe(5000);
    expect(plan!.auth).toBe('key-auth');
    expect(plan!.authFrom).toBe('default');
    expect(plan!.identityProvider).toBeUndefined();
    expect(plan!.rateLimit).toEqual({ perMinute: 1000, by: 'consumer', from: 'default' });
    expect(plan!.versioning).toBe('header');
  });
});

describe('resolve: alert rules', () => {
  it('makes a rule only where a scraped target exports the family it reads, named by service, with the scraper’s thresholds', () => {
    const r = resolve(
      design(
        [
          ['prom', 'prometheus', { errorRatePercent: 2, consumerLagMax: 50 }, 'Prometheus'],
          ['api', 'rest-service', {}, 'Orders API'],
          ['bus', 'kafka', {}, 'Event bus'],
          ['mq', 'rabbitmq', {}, 'Rabbit'],
          ['db', 'postgres', {}, 'Orders DB'],
          ['w', 'worker', {}, 'Billing'],
        ],
        [
          ['api', 'bus', 'kafka'],
          ['bus', 'w', 'kafka'],
          ['api', 'mq', 'amqp'],
          ['mq', 'w', 'amqp', { deadLetter: false }],
          ['api', 'prom', 'metrics'],
          ['bus', 'prom', 'metrics'],
          ['mq', 'prom', 'metrics'],
          ['db', 'prom', 'metrics'],
        ],
        { latencyP99Ms: 200 },
      ),
    );
    const rules = r.observability.alerts;
    expect(rules.map((a) => a.name)).toEqual(['TargetDown', 'HighErrorRateOrdersApi', 'HighLatencyP95OrdersApi', 'HighLatencyP99OrdersApi', 'ConsumerLagEventBus', 'DeadLettersEventBus', 'QueueBacklogRabbit']);
    const by = (n: string) => rules.find((a) => a.name === n)!;
    expect(by('HighErrorRateOrdersApi')).toMatchObject({ family: 'http_requests_total', threshold: 0.02, unit: 'ratio' });
    expect(by('HighLatencyP99OrdersApi')).toMatchObject({ family: 'http_request_duration_seconds', threshold: 200, severity: 'critical' });
    expect(by('HighLatencyP95OrdersApi').threshold).toBe(160);
    expect(by('ConsumerLagEventBus')).toMatchObject({ family: 'kafka_consumergroup_lag', threshold: 50 });
    expect(by('DeadLettersEventBus').channels).toEqual(['orders-api.events.dlt']);
    expect(by('QueueBacklogRabbit').channels).toEqual(['billing.orders-api.events']);
    // Every family a rule reads is exported by its target.
    for (const a of rules) if (a.target) expect(a.target.families).toContain(a.family);
  });

  it('has no rules without a metrics store: a telemetry pipeline that scrapes evaluates none', () => {
    expect(resolve(design([['api', 'rest-service']], [])).observability.alerts).toEqual([]);
    const r = resolve(design([['col', 'otel-collector'], ['api', 'rest-service']], [['api', 'col', 'metrics']]));
    expect(r.observability.scrapes.map((s) => s.scraper.id)).toEqual(['col']);
    expect(r.observability.alerts).toEqual([]);
  });
});
