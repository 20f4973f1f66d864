import type { Protocol } from '../../../shared/model/types';
import type { Ctx, NodeInfo, Resolver } from '../context';
import { component, components, filled, nodeName, names, open, plural, protocolName, protocolsOf, str } from '../context';
import { topologyShape } from '../facts';
import { andList, code, md } from '../markdown';

/** System Architecture: who talks to whom, over what, in which shape. */

const AUTH_NAMES: Record<string, string> = { 'key-auth': 'API keys', jwt: 'JWT bearer tokens', oidc: 'OpenID Connect tokens', basic: 'basic auth', mtls: 'mutual TLS' };
const INFRA = new Set(['gateway', 'broker', 'plumbing', 'observability', 'security']);
const isSystem = (n: NodeInfo): boolean => !n.kind || !INFRA.has(n.kind.category);

/** Systems where data starts: they send data and receive none (ignoring telemetry). */
export function sourceSystems(c: Ctx): NodeInfo[] {
  return c.nodes.filter((n) => isSystem(n) && c.dataOutOf(n.id).some((e) => e.from === n) && !c.dataInto(n.id).some((e) => e.to === n));
}

/** Systems where data ends: they receive data and send none on. */
export function targetSystems(c: Ctx): NodeInfo[] {
  return c.nodes.filter((n) => isSystem(n) && c.dataInto(n.id).some((e) => e.to === n) && !c.dataOutOf(n.id).some((e) => e.from === n && e.protocol !== 'cdc'));
}

/** The format each producing component writes. */
export function dataFormats(c: Ctx): Map<string, NodeInfo[]> {
  const m = new Map<string, NodeInfo[]>();
  const add = (f: string, n: NodeInfo) => {
    if (!f) return;
    const list = m.get(f);
    if (list) list.push(n);
    else m.set(f, [n]);
  };
  for (const n of c.nodes) {
    const key = n.kind?.id === 'kafka' ? 'serialization' : n.kind?.id === 'schema-registry' ? 'format' : n.kind?.id === 'sftp-server' ? 'fileFormat' : 'dataFormat';
    const f = str(n.props, key);
    if (f && (c.edgesAt(n.id).length || n.kind?.id === 'kafka')) add(FORMAT_NAMES[f.toLowerCase()] ?? md(f, 40), n);
  }
  return m;
}

const FORMAT_NAMES: Record<string, string> = { json: 'JSON', avro: 'Avro', protobuf: 'Protobuf', xml: 'XML', csv: 'CSV', parquet: 'Parquet', cbor: 'CBOR', binary: 'binary', 'json-schema': 'JSON Schema', 'fixed-width': 'fixed-width', edi: 'EDI' };

/** The messaging patterns the connections imply. */
export function messagePatterns(c: Ctx): string[] {
  const ps = new Set(protocolsOf(c.dataEdges()));
  const out: string[] = [];
  const sync = (['http', 'grpc', 'graphql', 'websocket'] as Protocol[]).filter((p) => ps.has(p));
  if (sync.length) out.push(`request-reply over ${andList(sync.map(protocolName))}`);
  const pubsub = (['kafka', 'mqtt', 'nats'] as Protocol[]).filter((p) => ps.has(p));
  // RabbitMQ: only direct exchanges means queues fed point to point; otherwise publish-subscribe.
  const exchangeTypes = c.ofKind('rabbitmq').flatMap((b) => (Array.isArray(b.props.exchanges) ? (b.props.exchanges as { type?: unknown }[]) : []).map((x) => x?.type));
  const amqpPointToPoint = exchangeTypes.length > 0 && exchangeTypes.every((t) => t === 'direct');
  if (ps.has('amqp') && !amqpPointToPoint) pubsub.push('amqp');
  if (pubsub.length) out.push(`publish-subscribe over ${andList(pubsub.map(protocolName))}`);
  if (ps.has('amqp') && amqpPointToPoint) out.push('point-to-point queues over AMQP');
  if (ps.has('jms')) out.push('point-to-point queues over JMS');
  if (ps.has('cdc')) out.push('change data capture');
  if (ps.has('sftp') || ps.has('s3')) out.push(`file transfer over ${andList((['sftp', 's3'] as Protocol[]).filter((p) => ps.has(p)).map(protocolName))}`);
  if (c.edgesOf('redis').some((e) => str(e.props, 'usage') === 'pubsub')) out.push('publish-subscribe over Redis');
  if (c.ofKind('mongodb').some((n) => n.props.eventStore === true)) out.push('event sourcing');
  return out;
}

export const architecture: Record<string, Resolver> = {
  SOURCE_SYSTEMS: (c) => {
    const s = sourceSystems(c);
    return s.length ? filled(components(s), names(s, 6)) : open('no system sends data yet', 'draw connections from the systems where data starts');
  },

  TARGET_SYSTEMS: (c) => {
    const t = targetSystems(c);
    return t.length ? filled(components(t), names(t, 6)) : open('no system receives data yet', 'draw connections into the systems where data ends');
  },

  INTEGRATION_LAYER: (c) => {
    const layer = c.ofCategory('gateway', 'broker');
    return layer.length ? filled(components(layer), names(layer, 4)) : open('no gateway or broker in the design: systems call each other directly', 'add an API gateway (Kong, NGINX, Envoy) or a broker to decide it');
  },

  MIDDLEWARE_COMPONENTS: (c) => {
    const mw = c.nodes.filter((n) => n.kind && (['gateway', 'broker', 'plumbing', 'security'].includes(n.kind.category) || n.kind.id === 'redis'));
    return mw.length ? filled(components(mw, 15), andList([...new Set(mw.map((n) => md(n.kind!.name)))], 6)) : open('no middleware in the design', 'add brokers, gateways, caches or identity components');
  },

  COMMUNICATION_PROTOCOLS: (c) => {
    const ps = protocolsOf(c.edges);
    if (!ps.length) return open('the design has no connections yet', 'draw connections; each carries a protocol');
    const counts = ps.map((p) => `${protocolName(p)} (${plural(c.edgesOf(p).length, 'connection')})`);
    return filled(andList(counts, 20), andList(ps.map(protocolName), 20));
  },

  DATA_FORMATS: (c) => {
    const m = dataFormats(c);
    if (!m.size) return open('no connected component states a data format', 'set Data format on the services and Serialization on the brokers');
    return filled([...m].map(([f, ns]) => `${f} (${andList(ns.map((n) => code(n.id)), 6)})`).join(', '), [...m.keys()].join(', '));
  },

  MESSAGE_PATTERNS: (c) => {
    const p = messagePatterns(c);
    return p.length ? filled(p.join(', ')) : open('the design has no connections yet', 'draw connections between the systems');
  },

  INTEGRATION_TOPOLOGY: (c) => {
    const t = topologyShape(c);
    if (!t) return open('the design has no connections yet', 'draw the connections; the topology follows from them');
    switch (t.shape) {
      case 'hub': {
        const what = t.hub.kind?.category === 'broker' ? 'event bus: hub-and-spoke' : 'hub-and-spoke';
        return filled(`${what} around ${component(t.hub)} (${Math.round(t.share * 100)}% of the connections touch it)`, `${what} around ${code(t.hub.id)}`);
      }
      case 'pipeline':
        return filled(`pipeline: ${t.chain.map((n) => code(n.id)).join(' → ')}`, 'pipeline');
      case 'point-to-point':
        return filled(`point-to-point (${plural(t.edges, 'direct connection')}, no central hub)`, 'point-to-point');
      case 'mesh':
        return filled(`mesh (${plural(t.edges, 'connection')} among ${t.nodes} components, no central hub)`, 'mesh');
    }
  },

  NETWORK_ARCHITECTURE: (c) => {
    const groups = c.doc.groups ?? [];
    const exposed = c.ofCategory('gateway').filter((g) => str(g.props, 'exposure') !== 'internal');
    const parts: string[] = [];
    if (groups.length) {
      parts.push(
        `${plural(groups.length, 'zone')}: ` +
          groups
            .map((g) => {
              const members = c.nodes.filter((n) => n.node.group === g.id);
              return `${md(g.label || g.id, 60)}${g.trust ? ` (${md(g.trust)})` : ''}: ${members.length ? andList(members.map((n) => code(n.id)), 8) : 'empty'}`;
            })
            .join('; '),
      );
    }
    if (exposed.length) parts.push(`internet-facing entry through ${andList(exposed.map(nodeName))}`);
    if (!parts.length) return open('no zones drawn and no internet-facing gateway', 'draw zones (groups) with a trust level around the components');
    parts.push('one Docker network in the starter stack');
    return filled(parts.join('; '), groups.length ? `${plural(groups.length, 'zone')}${exposed.length ? ', gateway-fronted' : ''}` : 'API gateway fronted');
  },

  SECURITY_ARCHITECTURE: (c) => {
    const parts: string[] = [];
    for (const g of c.ofCategory('gateway')) {
      const auth = str(g.props, 'auth');
      if (auth && auth !== 'none') parts.push(`${AUTH_NAMES[auth] ?? md(auth)} checked at ${nodeName(g)}`);
    }
    for (const k of c.ofKind('keycloak')) parts.push(`identity from ${component(k)}`);
    for (const v of c.ofKind('vault')) parts.push(`secrets in ${component(v)}`);
    const trust = (c.doc.groups ?? []).filter((g) => g.trust);
    if (trust.length) parts.push(`trust zones ${andList(trust.map((g) => `${md(g.label || g.id, 40)} (${md(g.trust)})`))}`);
    return parts.length ? filled(parts.join('; '), c.ofCategory('gateway').length ? 'API security gateway' : undefined) : open('no gateway authentication, identity provider, secrets store or trust zone in the design', 'set Authentication on a gateway, or add Keycloak or Vault');
  },
};
