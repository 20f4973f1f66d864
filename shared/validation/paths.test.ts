import { describe, expect, it } from 'vitest';
import type { TopoEdge } from '../model/types';
import { validate } from './index';
import { design, edge, node, withCode } from './testkit';

const svc = (id: string, label: string, port: number, latencyMs?: number) =>
  node(id, 'rest-service', latencyMs === undefined ? { port } : { port, latencyMs }, { label });

describe('synchronous call chains (TF305)', () => {
  const nodes = [node('web', 'web-app'), svc('a', 'A', 8081), svc('b', 'B', 8082), svc('c', 'C', 8083), svc('d', 'D', 8084)];

  it('four calls in a row with no timeout or circuit breaker, naming the path', () => {
    const d = design({ nodes, edges: [edge('web', 'a'), edge('a', 'b'), edge('b', 'c'), edge('c', 'd')] });
    const f = withCode(validate(d), 'TF305');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('4 synchronous calls in a row have no timeout or circuit breaker: Web app → A (REST service) → B (REST service) → C (REST service) → D (REST service)');
    expect(f[0]!.edges).toEqual(['web->a', 'a->b', 'b->c', 'c->d']);
    expect(f[0]!.nodes).toEqual(['web', 'a', 'b', 'c', 'd']);
  });

  it('three calls are fine, and one timeout anywhere breaks the chain', () => {
    expect(withCode(validate(design({ nodes, edges: [edge('web', 'a'), edge('a', 'b'), edge('b', 'c')] })), 'TF305')).toEqual([]);
    const guarded = design({ nodes, edges: [edge('web', 'a'), edge('a', 'b', 'http', { timeoutMs: 500 }), edge('b', 'c'), edge('c', 'd')] });
    expect(withCode(validate(guarded), 'TF305')).toEqual([]);
    const breaker = design({ nodes, edges: [edge('web', 'a'), edge('a', 'b'), edge('b', 'c', 'http', { circuitBreaker: true }), edge('c', 'd')] });
    expect(withCode(validate(breaker), 'TF305')).toEqual([]);
  });
});

describe('synchronous call loops (TF310)', () => {
  it('reports the loop once, naming it', () => {
    const d = design({
      nodes: [svc('a', 'Orders', 8081), svc('b', 'Stock', 8082), svc('c', 'Pricing', 8083)],
      edges: [edge('a', 'b'), edge('b', 'c'), edge('c', 'a')],
    });
    const f = withCode(validate(d), 'TF310');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('Synchronous calls go round in a loop: Orders (REST service) → Stock (REST service) → Pricing (REST service) → Orders (REST service)');
    expect(f[0]!.edges).toEqual(['a->b', 'b->c', 'c->a']);
  });

  it('a loop through a broker is not a synchronous loop', () => {
    const d = design({
      nodes: [svc('a', 'Orders', 8081), node('k', 'kafka'), svc('b', 'Stock', 8082)],
      edges: [edge('a', 'k'), edge('k', 'b'), edge('b', 'a')],
    });
    expect(withCode(validate(d), 'TF310')).toEqual([]);
  });
});

describe('latency requirement (TF401)', () => {
  it('names the slowest path from an entry point, with its total', () => {
    const d = design({
      nodes: [node('web', 'web-app'), node('gw', 'kong', { auth: 'jwt' }), svc('orders', 'Orders API', 8081, 30), node('pay', 'saas-app', { latencyMs: 250 }, { label: 'Stripe' }), node('db', 'postgres')],
      edges: [edge('web', 'gw'), edge('gw', 'orders'), edge('orders', 'pay', 'http', { timeoutMs: 1000 }), edge('orders', 'db')],
      requirements: { latencyP99Ms: 100 },
    });
    const f = withCode(validate(d), 'TF401');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('The slowest synchronous path adds up to 285 ms, over the 100 ms p99 requirement: Web app → Kong → Orders API (REST service) → Stripe (SaaS app)');
    expect(f[0]!.nodes).toEqual(['web', 'gw', 'orders', 'pay']);
    expect(f[0]!.edges).toEqual(['web->gw', 'gw->orders', 'orders->pay']);
    expect(f[0]!.hint).toContain('Stripe (SaaS app) 250 ms');
    expect(f[0]!.path).toBe('nodes[3].props.latencyMs');
    expect(withCode(validate({ ...d, requirements: { latencyP99Ms: 300 } }), 'TF401')).toEqual([]);
  });

  it('work triggered by a broker is not on a user-facing path', () => {
    const d = design({
      nodes: [svc('orders', 'Orders API', 8081), node('k', 'kafka'), node('w', 'worker', { port: 8082 }), node('pay', 'saas-app', { latencyMs: 900 })],
      edges: [edge('orders', 'k'), edge('k', 'w'), edge('w', 'pay', 'http', { timeoutMs: 2000 })],
      requirements: { latencyP99Ms: 100 },
    });
    expect(withCode(validate(d), 'TF401')).toEqual([]);
  });

  it('scheduled and background work is not a user-facing path', () => {
    const d = design({
      nodes: [node('job', 'batch-job', { port: 8081 }, { label: 'Reports' }), node('dw', 'snowflake'), node('w', 'worker', { port: 8082 }), node('pay', 'saas-app', { latencyMs: 900 })],
      edges: [edge('job', 'dw'), edge('w', 'pay', 'http', { timeoutMs: 2000 })],
      requirements: { latencyP99Ms: 10 },
    });
    expect(withCode(validate(d), 'TF401')).toEqual([]);
  });

  it('terminates on call loops and still finds the path', () => {
    const d = design({
      nodes: [node('web', 'web-app'), svc('a', 'A', 8081, 100), svc('b', 'B', 8082, 100)],
      edges: [edge('web', 'a'), edge('a', 'b'), edge('b', 'a')],
      requirements: { latencyP99Ms: 50 },
    });
    const f = withCode(validate(d), 'TF401');
    expect(f[0]!.message).toContain('adds up to 200 ms');
  });
});

describe('synchronous throughput (TF404)', () => {
  it('an edge asked to carry more than 1,000 TPS', () => {
    const d = design({ nodes: [svc('a', 'Orders', 8081), svc('b', 'Stock', 8082)], edges: [edge('a', 'b', 'http', { tps: 2500 })] });
    const f = withCode(validate(d), 'TF404');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe("Orders (REST service) → Stock (REST service) is expected to carry 2,500 TPS synchronously; above 1,000 TPS the template's rule is to go asynchronous");
    expect(f[0]!.path).toBe('edges[0].props.tps');
  });

  it('the requirement applies to every synchronous call without its own load, in one finding', () => {
    const edges: TopoEdge[] = [edge('a', 'b'), edge('b', 'c'), edge('a', 'c', 'http', { tps: 10 })];
    const d = design({ nodes: [svc('a', 'Orders', 8081), svc('b', 'Stock', 8082), svc('c', 'Pricing', 8083)], edges, requirements: { throughputTps: 10000 } });
    const f = withCode(validate(d), 'TF404');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain('The requirements ask for 10,000 TPS, and 2 synchronous calls');
    expect(f[0]!.edges).toEqual(['a->b', 'b->c']);
    expect(f[0]!.path).toBe('requirements.throughputTps');
    expect(withCode(validate({ ...d, requirements: { throughputTps: 800 } }), 'TF404')).toEqual([]);
  });
});
