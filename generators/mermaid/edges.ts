import { defaultProtocol, getKind, PROTOCOL_NAMES } from '../../shared/catalog';
import type { Protocol, TopoEdge, TopoNode } from '../../shared/model/types';
import { PROTOCOLS } from '../../shared/model/types';

/** The protocol an edge carries: its own, or the one the catalog takes for its two ends. */
export function edgeProtocol(edge: TopoEdge, nodesById: ReadonlyMap<string, TopoNode>): Protocol | undefined {
  if (edge.protocol && (PROTOCOLS as readonly string[]).includes(edge.protocol)) return edge.protocol;
  const from = getKind(nodesById.get(edge.from)?.kind ?? '');
  const to = getKind(nodesById.get(edge.to)?.kind ?? '');
  return from && to ? defaultProtocol(from, to) : undefined;
}

function prop(edge: TopoEdge, key: string): string {
  const v = edge.props?.[key];
  return typeof v === 'string' || typeof v === 'number' ? String(v).trim() : '';
}

/**
 * What travels on an edge besides its protocol, in a few words: the topic, queue, subject,
 * route or bucket where one is set. Plain (unescaped) text.
 */
export function edgeDetail(edge: TopoEdge, protocol: Protocol | undefined): string {
  switch (protocol) {
    case 'kafka':
    case 'mqtt':
      return prop(edge, 'topic');
    case 'nats':
      return prop(edge, 'subject');
    case 'jms':
      return prop(edge, 'queue');
    case 'amqp': {
      const ex = prop(edge, 'exchange');
      const q = prop(edge, 'queue');
      return [ex, q].filter(Boolean).join(' → ');
    }
    case 'http':
    case 'grpc':
    case 'graphql':
    case 'websocket': {
      const method = prop(edge, 'method');
      return [method && method !== 'ANY' ? method : '', prop(edge, 'path')].filter(Boolean).join(' ');
    }
    case 'sftp':
      return prop(edge, 'path');
    case 's3':
      return [prop(edge, 'bucket'), prop(edge, 'prefix')].filter(Boolean).join('/');
    case 'cdc':
      return prop(edge, 'tables');
    case 'sql':
    case 'mongodb': {
      const access = prop(edge, 'access');
      return access && access !== 'read-write' ? access : '';
    }
    case 'redis':
      return prop(edge, 'usage');
    case 'otlp':
      return prop(edge, 'signals');
    default:
      return '';
  }
}

/** "Kafka: orders.created", "HTTP POST /orders", or the user's label before it. Plain text. */
export function edgeCaption(edge: TopoEdge, protocol: Protocol | undefined): string {
  const proto = protocol ? PROTOCOL_NAMES[protocol] : '';
  const detail = edgeDetail(edge, protocol);
  const techn = proto && detail ? `${proto}: ${detail}` : proto || detail;
  const own = typeof edge.label === 'string' ? edge.label.trim() : '';
  return own && techn ? `${own} (${techn})` : own || techn;
}
