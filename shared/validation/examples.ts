/**
 * One small design per code that triggers it: the examples of docs/diagnostics.md, and a test
 * that every code the engine knows can really be emitted.
 */
import type { Topology } from '../model/types';
import type { Code } from './codes';
import { design, edge, node } from './testkit';

const svc = (id: string, label: string, port: number, props: Record<string, unknown> = {}) => node(id, 'rest-service', { port, ...props }, { label });
const wk = (id: string, label: string, port: number, props: Record<string, unknown> = {}) => node(id, 'worker', { port, ...props }, { label });
const zones = [
  { id: 'public', label: 'Public', trust: 'internet' as const },
  { id: 'dmz', label: 'DMZ', trust: 'dmz' as const },
  { id: 'core', label: 'Core', trust: 'internal' as const },
];

export const EXAMPLES: Record<Code, () => Topology> = {
  TF101: () => design({ nodes: [node('events', 'kafka'), node('db', 'postgres')], edges: [edge('events', 'db')] }),
  TF102: () => design({ nodes: [svc('api', 'Orders API', 8080), node('db', 'postgres')], edges: [edge('api', 'db', 'http')] }),
  TF103: () => design({ nodes: [node('sap', 'legacy-system', {}, { label: 'SAP' }), wk('w', 'Importer', 8081)], edges: [edge('sap', 'w')] }),
  TF104: () => design({ nodes: [svc('api', 'Orders API', 8080)], edges: [edge('api', 'api')] }),
  TF105: () => design({ nodes: [node('gw', 'kong'), node('events', 'kafka')], edges: [edge('gw', 'events')] }),
  TF106: () => design({ nodes: [svc('api', 'Orders API', 8080), node('dbz', 'debezium')], edges: [edge('api', 'dbz')] }),
  TF107: () => design({ nodes: [svc('api', 'Orders API', 8080)], edges: [edge('api', 'billing')] }),
  TF108: () => design({ nodes: [node('db', 'postgres'), svc('api', 'Orders API', 8080)], edges: [edge('db', 'api')] }),
  TF109: () => design({ nodes: [svc('a', 'Orders', 8080), node('b', 'grpc-service', {}, { label: 'Billing' })], edges: [edge('a', 'b', 'kafka')] }),
  TF110: () => design({ nodes: [svc('a', 'Orders', 8080), node('b', 'grpc-service', {}, { label: 'Billing' })], edges: [edge('a', 'b', 'soap')] }),

  TF201: () => design({ nodes: [node('db', 'postgress', {}, { label: 'Orders DB' })] }),
  TF202: () => design({ nodes: [svc('api', 'Orders API', 70000)] }),
  TF203: () => design({ nodes: [svc('api', 'Orders API', 8080), node('events', 'kafka')], edges: [edge('api', 'events', 'kafka', { topic: 'new orders!' })] }),
  TF204: () => design({ nodes: [node('orders-db', 'postgres', { port: 5433 }, { label: 'Orders DB' }), node('billing-db', 'postgres', { port: 5433 }, { label: 'Billing DB' })] }),
  TF205: () => design({ nodes: [node('api', 'rest-service', {}, { label: 'Orders API', group: 'dmz' })] }),
  TF206: () => design({ nodes: [svc('api', 'Orders API', 8080), node('api', 'kafka')] }),
  TF207: () => design({ nodes: [node('Orders API', 'rest-service')] }),

  TF301: () => design({ nodes: [node('cache', 'redis')] }),
  TF302: () => design({ nodes: [svc('orders', 'Orders API', 8080), node('events', 'kafka', {}, { label: 'Events' })], edges: [edge('orders', 'events')] }),
  TF303: () =>
    design({
      nodes: [svc('orders', 'Orders API', 8080), node('k', 'kafka'), wk('ship', 'Shipping', 8081)],
      edges: [edge('orders', 'k', 'kafka', { topic: 'orders' }), edge('k', 'ship', 'kafka', { topic: 'payments' })],
    }),
  TF304: () =>
    design({
      nodes: [svc('orders', 'Orders API', 8080), node('k', 'kafka'), wk('ship', 'Shipping', 8081)],
      edges: [edge('orders', 'k'), edge('k', 'ship', 'kafka', { retries: 3, deadLetter: false })],
    }),
  TF305: () =>
    design({
      nodes: [node('web', 'web-app'), svc('a', 'Cart', 8081), svc('b', 'Orders', 8082), svc('c', 'Stock', 8083), svc('d', 'Pricing', 8084)],
      edges: [edge('web', 'a'), edge('a', 'b'), edge('b', 'c'), edge('c', 'd')],
    }),
  TF306: () => design({ nodes: [svc('api', 'Orders API', 8080), node('db', 'postgres')], edges: [edge('api', 'db'), edge('api', 'db', 'sql')] }),
  TF307: () =>
    design({
      nodes: [svc('orders', 'Orders API', 8080), node('k', 'kafka'), wk('a', 'Shipping', 8081), wk('b', 'Billing', 8082)],
      edges: [edge('orders', 'k'), edge('k', 'a', 'kafka', { consumerGroup: 'app' }), edge('k', 'b', 'kafka', { consumerGroup: 'app' })],
    }),
  TF308: () => design({ nodes: [wk('w', 'Mailer', 8081), node('prom', 'prometheus')], edges: [edge('w', 'prom', 'metrics')] }),
  TF309: () =>
    design({
      nodes: [svc('orders', 'Orders', 8081), node('billing', 'grpc-service', {}, { label: 'Billing' }), node('db', 'postgres', {}, { label: 'Shop DB' })],
      edges: [edge('orders', 'db', 'sql', { schema: 'shop' }), edge('billing', 'db', 'sql', { schema: 'shop' })],
    }),
  TF310: () =>
    design({ nodes: [svc('a', 'Orders', 8081), svc('b', 'Stock', 8082), svc('c', 'Pricing', 8083)], edges: [edge('a', 'b'), edge('b', 'c'), edge('c', 'a')] }),
  TF311: () =>
    design({
      nodes: [svc('orders', 'Orders API', 8080), node('k', 'kafka'), wk('w', 'Payments', 8081, { idempotent: false })],
      edges: [edge('orders', 'k'), edge('k', 'w')],
    }),
  TF312: () => design({ nodes: [node('web', 'web-app'), node('gw', 'envoy', { auth: 'jwt' })], edges: [edge('web', 'gw')] }),
  TF313: () => design({ nodes: [node('db', 'postgres'), node('dbz', 'debezium')], edges: [edge('db', 'dbz')] }),
  TF314: () => design({ nodes: [svc('api', 'Checkout', 8080), node('stripe', 'saas-app', {}, { label: 'Stripe' })], edges: [edge('api', 'stripe')] }),

  TF401: () =>
    design({
      nodes: [node('web', 'web-app'), node('gw', 'kong', { auth: 'jwt' }), svc('orders', 'Orders API', 8081, { latencyMs: 30 }), node('pay', 'saas-app', { latencyMs: 250 }, { label: 'Stripe' })],
      edges: [edge('web', 'gw'), edge('gw', 'orders'), edge('orders', 'pay', 'http', { timeoutMs: 1000 })],
      requirements: { latencyP99Ms: 100 },
    }),
  TF402: () =>
    design({
      nodes: [svc('orders', 'Orders API', 8081), node('k', 'kafka', { topics: [{ name: 'orders', partitions: 4 }] }), wk('w', 'Shipping', 8083)],
      edges: [edge('orders', 'k', 'kafka', { topic: 'orders' }), edge('k', 'w')],
      requirements: { throughputTps: 10000 },
    }),
  TF403: () =>
    design({
      nodes: [svc('orders', 'Orders API', 8081), node('mq', 'rabbitmq'), wk('w', 'Mailer', 8083)],
      edges: [edge('orders', 'mq', 'amqp', { exchange: 'orders' }), edge('mq', 'w', 'amqp', { exchange: 'orders', queue: 'mail' })],
      requirements: { throughputTps: 50000 },
    }),
  TF404: () => design({ nodes: [svc('a', 'Orders', 8081), svc('b', 'Stock', 8082)], edges: [edge('a', 'b', 'http', { tps: 2500 })] }),

  TF501: () => design({ nodes: [node('gw', 'kong', { auth: 'none' }), svc('api', 'Orders API', 8081)], edges: [edge('gw', 'api')] }),
  TF502: () =>
    design({
      nodes: [node('gw', 'kong', { auth: 'jwt' }, { group: 'dmz', label: 'Edge' }), node('api', 'rest-service', {}, { group: 'core', label: 'Orders API' })],
      edges: [edge('gw', 'api')],
      groups: zones,
      requirements: { security: ['mTLS between zones'] },
    }),
  TF503: () => design({ nodes: [svc('api', 'Orders API', 8080), node('db', 'postgres')], edges: [edge('api', 'db')], requirements: { availability: '99.9%' } }),
  TF504: () => design({ nodes: [svc('api', 'Orders API', 8080), node('db', 'postgres')], edges: [edge('api', 'db')], requirements: { availability: '99.9%' } }),
  TF505: () =>
    design({
      nodes: [svc('orders', 'Orders API', 8081), node('k', 'kafka', { serialization: 'avro' }), wk('w', 'Shipping', 8083)],
      edges: [edge('orders', 'k'), edge('k', 'w')],
    }),
  TF506: () => design({ nodes: [node('gw', 'kong', { auth: 'oidc' }), svc('api', 'Orders API', 8081)], edges: [edge('gw', 'api')] }),
  TF507: () =>
    design({
      nodes: [node('stripe', 'saas-app', {}, { group: 'public', label: 'Stripe' }), node('api', 'rest-service', {}, { group: 'core', label: 'Webhooks' })],
      edges: [edge('stripe', 'api')],
      groups: zones,
    }),
  TF508: () => design({ nodes: [node('db', 'postgres', {}, { group: 'dmz' }), svc('api', 'Orders API', 8081)], edges: [edge('api', 'db')], groups: zones }),
  TF509: () => design({ nodes: [svc('api', 'Orders API', 8080, { dbPassword: 'hunter2' }), node('db', 'postgres')], edges: [edge('api', 'db')] }),

  TF901: () => design({ nodes: [node('web', 'web-app'), svc('api', 'Orders API', 8081)], edges: [edge('web', 'api')] }),
  TF902: () => design({ nodes: [svc('api', 'Orders API', 8080, { colour: 'red' })] }),
  TF903: () => design({ nodes: [node('stripe', 'saas-app', {}, { label: 'Stripe' })] }),
  TF904: () => design({ nodes: [svc('api', 'Orders API', 8080)], requirements: { availability: 'very high' } }),
};
