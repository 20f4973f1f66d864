import type { Protocol, TopoNode } from '../model/types';
import { KINDS } from './kinds';
import type { KindDef, PropDef } from './types';

export * from './types';
export { KAFKA_INTERNAL_PORT, KINDS } from './kinds';
export type { KindId } from './kinds';
export { EDGE_PROPS, COMMON_EDGE_PROPS, edgePropDefs } from './edges';
export { canConnect, compatibleProtocols, defaultProtocol, flowOf, isScrapable } from './compat';
export * from './protocols';

export const CATALOG_VERSION = 1;

const BY_ID: ReadonlyMap<string, KindDef> = new Map(KINDS.map((k): [string, KindDef] => [k.id, k]));

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

export const KIND_CATEGORIES_ORDER = ['service', 'gateway', 'broker', 'plumbing', 'store', 'observability', 'security'] as const;
