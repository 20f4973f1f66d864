import type { Protocol, TopoNode } from '../model/types';
import { OBSERVABILITY_PROTOCOLS } from '../model/types';
import { KINDS } from './kinds';
import type { KindDef, PropDef } from './types';

export * from './types';
export { KAFKA_INTERNAL_PORT, KINDS } from './kinds';
export { EDGE_PROPS, COMMON_EDGE_PROPS, edgePropDefs } from './edges';

export const CATALOG_VERSION = 1;

const BY_ID: ReadonlyMap<string, KindDef> = new Map(KINDS.map((k) => [k.id, k]));

export function getKind(id: string): KindDef | undefined {
  return BY_ID.get(id);
}

export function kindIds(): string[] {
  return KINDS.map((k) => k.id);
}

/** Human name of a protocol, for messages and documents. */
export const PROTOCOL_NAMES: Record<Protocol, string> = {
  http: 'HTTP',
  grpc: 'gRPC',
  graphql: 'GraphQL',
  websocket: 'WebSocket',
  kafka: 'Kafka',
  amqp: 'AMQP',
  mqtt: 'MQTT',
  nats: 'NATS',
  jms: 'JMS',
  sql: 'SQL',
  mongodb: 'MongoDB wire protocol',
  redis: 'Redis protocol',
  cdc: 'change data capture',
  sftp: 'SFTP',
  s3: 'S3',
  otlp: 'OTLP',
  metrics: 'Prometheus metrics',
};

/** Prop defaults of a kind, merged under the node's own values (unknown props are kept). */
export function propsWithDefaults(node: Pick<TopoNode, 'kind' | 'props'>): Record<string, unknown> {
  const kind = getKind(node.kind);
  const out: Record<string, unknown> = {};
  if (kind) for (const p of kind.props) out[p.key] = structuredCloneSafe(p.default);
  return { ...out, ...node.props };
}

export function defaultsOf(defs: readonly PropDef[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of defs) out[p.key] = structuredCloneSafe(p.default);
  return out;
}

function structuredCloneSafe<T>(v: T): T {
  return v !== null && typeof v === 'object' ? (JSON.parse(JSON.stringify(v)) as T) : v;
}

/** Kinds that receive Prometheus metrics (scrapers). */
const METRICS_SINKS = new Set(['prometheus', 'otel-collector']);

/** Whether a kind's metrics can be scraped: it exposes an endpoint, or the stack adds an exporter. */
export function isScrapable(kind: KindDef): boolean {
  return !kind.external && (kind.metricsPath !== undefined || EXPORTERS[kind.id] !== undefined);
}

/** Exporter sidecars the starter stack adds for kinds without a native metrics endpoint. */
export const EXPORTERS: Record<string, { image: string; port: number; name: string }> = {
  kafka: { image: 'danielqsj/kafka-exporter:v1.8.0', port: 9308, name: 'kafka-exporter' },
  postgres: { image: 'quay.io/prometheuscommunity/postgres-exporter:v0.15.0', port: 9187, name: 'postgres-exporter' },
  mysql: { image: 'prom/mysqld-exporter:v0.15.1', port: 9104, name: 'mysqld-exporter' },
  redis: { image: 'oliver006/redis_exporter:v1.66.0', port: 9121, name: 'redis-exporter' },
  mongodb: { image: 'percona/mongodb_exporter:0.41.2', port: 9216, name: 'mongodb-exporter' },
  nats: { image: 'natsio/prometheus-nats-exporter:0.15.0', port: 7777, name: 'nats-exporter' },
  elasticsearch: { image: 'quay.io/prometheuscommunity/elasticsearch-exporter:v1.8.0', port: 9114, name: 'elasticsearch-exporter' },
};

export interface EdgeDirection {
  protocol: Protocol;
  /** True when the edge is drawn against the data flow (only accepted for observability links). */
  reversed: boolean;
}

/**
 * Protocols an edge `from -> to` can carry, in the target's order of preference.
 * Observability links (`metrics` to Prometheus, Grafana to Prometheus, `otlp` to a collector)
 * are understood whichever way they are drawn.
 */
export function compatibleProtocols(from: KindDef, to: KindDef): Protocol[] {
  const out: Protocol[] = [];
  for (const p of to.accepts) if (from.emits.includes(p) && !OBSERVABILITY_PROTOCOLS.includes(p)) out.push(p);
  for (const p of OBSERVABILITY_PROTOCOLS) {
    if (!out.includes(p) && (observabilityLink(from, to, p) || observabilityLink(to, from, p))) out.push(p);
  }
  return out;
}

/** `source` sends `p` telemetry to `sink` (in the data-flow sense). */
function observabilityLink(source: KindDef, sink: KindDef, p: Protocol): boolean {
  if (p === 'metrics') {
    if (sink.id === 'grafana') return source.id === 'prometheus';
    if (source.id === 'grafana') return false;
    return METRICS_SINKS.has(sink.id) && (isScrapable(source) || source.id === 'prometheus' || source.id === 'otel-collector') && source.id !== sink.id;
  }
  if (p === 'otlp') return sink.accepts.includes('otlp') && source.emits.includes('otlp') && source.id !== sink.id;
  return false;
}

/** For an edge `from -> to` over `p`: which end produces and which consumes, in the data-flow sense. */
export function flowOf(from: KindDef, to: KindDef, p: Protocol): { readonly source: 'from' | 'to' } {
  if (p === 'metrics' || p === 'otlp') return observabilityLink(from, to, p) ? FLOW_FROM : FLOW_TO;
  return FLOW_FROM;
}

// Shared answers: validation asks once per connection, and nothing to collect afterwards.
const FLOW_FROM = Object.freeze({ source: 'from' as const });
const FLOW_TO = Object.freeze({ source: 'to' as const });

/** Whether an edge of kind pair and protocol is allowed. */
export function canConnect(from: KindDef, to: KindDef, p: Protocol): boolean {
  return compatibleProtocols(from, to).includes(p);
}

/** The protocol taken for an edge with none set, or undefined when there is no single answer. */
export function defaultProtocol(from: KindDef, to: KindDef): Protocol | undefined {
  // Asked once per connection by validation, layout and every generator: kept per kind pair.
  let row = defaults.get(from);
  if (!row) defaults.set(from, (row = new Map()));
  if (row.has(to)) return row.get(to);
  const options = compatibleProtocols(from, to);
  let p: Protocol | undefined;
  if (options.length === 1) p = options[0];
  else if (options.length > 1 && to.defaultIn && options.includes(to.defaultIn)) p = to.defaultIn;
  row.set(to, p);
  return p;
}

const defaults = new WeakMap<KindDef, Map<KindDef, Protocol | undefined>>();

export const KIND_CATEGORIES_ORDER = ['service', 'gateway', 'broker', 'plumbing', 'store', 'observability', 'security'] as const;
