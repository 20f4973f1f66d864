import type { TopoEdge, Topology } from '../../shared/model/types';
import { emptyTopology } from '../../shared/model/types';

/** Small designs the interop tests share. */

export function build(
  name: string,
  nodes: Array<[id: string, kind: string, props?: Record<string, unknown>, group?: string, label?: string]>,
  edges: Array<[from: string, to: string, protocol?: TopoEdge['protocol'], props?: Record<string, unknown>]>,
  groups: Array<[id: string, label: string]> = [],
): Topology {
  const doc = emptyTopology(name);
  doc.groups = groups.map(([id, label]) => ({ id, label }));
  doc.nodes = nodes.map(([id, kind, props, group, label]) => ({ id, kind, label: label ?? id, ...(group ? { group } : {}), props: props ?? {} }));
  doc.edges = edges.map(([from, to, protocol, props]) => ({ from, to, ...(protocol ? { protocol } : {}), props: props ?? {} }));
  return doc;
}

/** Every broker kind, a schema registry on Kafka, producers and consumers on each. */
export function messagingDesign(): Topology {
  return build(
    'Order events',
    [
      ['orders', 'rest-service', { dataFormat: 'avro' }, 'core', 'Orders API'],
      ['payments', 'rest-service', {}, 'core', 'Payments'],
      ['bus', 'kafka', { topics: [{ name: 'audit', partitions: 6, cleanupPolicy: 'compact' }] }, 'core', 'Event bus'],
      ['registry', 'schema-registry', {}, 'core'],
      ['billing', 'worker', {}, 'core'],
      ['shipping', 'worker', {}, 'core'],
      ['mq', 'rabbitmq', {}, 'core'],
      ['mailer', 'worker', {}, 'core'],
      ['sensors', 'iot-device', {}, undefined, 'Sensors'],
      ['mosquitto', 'mqtt-broker', {}, 'edge'],
      ['ingest', 'worker', {}, 'edge'],
      ['nats', 'nats', {}, 'core'],
      ['notifier', 'worker', {}, 'core'],
      ['core-bank', 'legacy-system', {}, undefined, 'Core banking'],
      ['ibmmq', 'ibm-mq', {}, 'core'],
      ['ledger', 'worker', {}, 'core'],
    ],
    [
      ['orders', 'bus', 'kafka'],
      ['payments', 'bus', 'kafka', { topic: 'payments.settled' }],
      ['registry', 'bus', 'kafka'],
      ['bus', 'billing', 'kafka', { consumerGroup: 'billing-v2' }],
      ['bus', 'shipping', 'kafka', { topic: 'orders.events', deadLetter: true }],
      ['orders', 'mq', 'amqp', { routingKey: 'order.created' }],
      ['mq', 'mailer', 'amqp'],
      ['sensors', 'mosquitto', 'mqtt', { qos: '2' }],
      ['mosquitto', 'ingest', 'mqtt'],
      ['payments', 'nats', 'nats', { subject: 'payments.refunds' }],
      ['nats', 'notifier', 'nats'],
      ['core-bank', 'ibmmq', 'jms'],
      ['ibmmq', 'ledger', 'jms'],
    ],
    [
      ['core', 'Core'],
      ['edge', 'Edge'],
    ],
  );
}

/** Gateways with routes, auth and rate limits. */
export function apiDesign(): Topology {
  return build(
    'Storefront APIs',
    [
      ['web', 'web-app'],
      ['kong', 'kong', { auth: 'oidc', rateLimitPerMinute: 600, port: 8000 }, 'dmz', 'Public gateway'],
      ['idp', 'keycloak', { realm: 'shop' }],
      ['orders', 'rest-service', { basePath: '/api' }, 'core', 'Orders'],
      ['search', 'graphql-service', {}, 'core'],
      ['stock', 'grpc-service', {}, 'core'],
      ['edge-nginx', 'nginx', { auth: 'key-auth', exposure: 'internet' }, 'dmz'],
      ['catalog', 'rest-service', {}, 'core'],
      ['envoy', 'envoy', { auth: 'mtls', rateLimitPerMinute: 100, rateLimitBy: 'ip' }, 'core'],
      ['partner', 'saas-app'],
    ],
    [
      ['web', 'kong', 'http'],
      ['kong', 'idp', 'http'],
      ['kong', 'orders', 'http', { path: '/orders', method: 'POST' }],
      ['kong', 'search', 'graphql'],
      ['kong', 'stock', 'grpc', { path: '/stock.v1.Stock' }],
      ['edge-nginx', 'catalog', 'http', { method: 'GET' }],
      ['envoy', 'catalog', 'http', { path: '/catalog/items' }],
      ['envoy', 'partner', 'http', { path: '/partner' }],
    ],
    [
      ['dmz', 'DMZ'],
      ['core', 'Core'],
    ],
  );
}

/** Labels and props that try to break every output format. */
export const HOSTILE_LABELS = [
  'Quote " and \' apostrophe',
  '<script>alert(1)</script>',
  'Amp & ersand &amp; &#x41;',
  'Line\nbreak\r\nand\ttab',
  ']]> cdata end <![CDATA[',
  '{{ template }} ${VAR} `tick`',
  'Ünïcødé ✓ 日本語 🚀',
  '--> edge | pipe ; semi',
  '   leading and trailing   ',
];

/** A realistic end-to-end design: API, CDC into Kafka, stream processing, files, caches, telemetry. */
export function pipelineDesign(): Topology {
  return build(
    'Order pipeline',
    [
      ['web', 'web-app', {}, 'edge', 'Shop'],
      ['gateway', 'kong', { auth: 'oidc' }, 'edge', 'API gateway'],
      ['idp', 'keycloak', {}, 'edge'],
      ['orders', 'rest-service', {}, 'core', 'Orders API'],
      ['orders-db', 'postgres', { tables: ['orders'] }, 'data', 'Orders DB'],
      ['cdc', 'debezium', {}, 'core'],
      ['events', 'kafka', {}, 'core', 'Events'],
      ['enrich', 'flink', {}, 'core'],
      ['analytics', 'clickhouse', {}, 'data'],
      ['fulfil', 'worker', {}, 'core', 'Fulfilment'],
      ['cache', 'redis', {}, 'data'],
      ['drop', 'sftp-server', {}, 'edge', 'Partner drop'],
      ['loader', 'batch-job', {}, 'core'],
      ['lake', 'object-storage', {}, 'data'],
      ['secrets', 'vault', {}, 'core'],
      ['collector', 'otel-collector', {}, 'ops'],
      ['traces', 'jaeger', {}, 'ops'],
      ['metrics', 'prometheus', {}, 'ops'],
      ['dashboards', 'grafana', {}, 'ops'],
      ['stripe', 'saas-app', { vendor: 'Stripe' }],
    ],
    [
      ['web', 'gateway', 'http'],
      ['gateway', 'idp', 'http'],
      ['gateway', 'orders', 'http', { path: '/orders' }],
      ['orders', 'orders-db', 'sql'],
      ['orders', 'secrets', 'http'],
      ['orders', 'stripe', 'http'],
      ['orders-db', 'cdc', 'cdc'],
      ['cdc', 'events', 'kafka'],
      ['events', 'enrich', 'kafka', { topic: 'cdc.public.orders' }],
      ['enrich', 'analytics', 'sql'],
      ['events', 'fulfil', 'kafka', { topic: 'cdc.public.orders' }],
      ['fulfil', 'cache', 'redis'],
      ['drop', 'loader', 'sftp'],
      ['loader', 'lake', 's3'],
      ['orders', 'collector', 'otlp'],
      ['collector', 'traces', 'otlp'],
      ['orders', 'metrics', 'metrics'],
      ['metrics', 'dashboards', 'metrics'],
    ],
    [
      ['edge', 'Edge'],
      ['core', 'Core'],
      ['data', 'Data'],
      ['ops', 'Operations'],
    ],
  );
}
