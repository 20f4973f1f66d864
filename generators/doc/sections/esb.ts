import { MESSAGING_PROTOCOLS } from '../../../shared/model/types';
import type { Protocol } from '../../../shared/model/types';
import type { Ctx, Resolver } from '../context';
import { components, filled, names, nodeName, open, protocolName, str } from '../context';
import { andList, code, md } from '../markdown';

/** Enterprise Service Bus: mediation, translation and routing, wherever the design does them. */

/** Nodes that receive on one protocol and send on another (ignoring telemetry). */
export function translators(c: Ctx): { id: string; pairs: string[] }[] {
  const out: { id: string; pairs: string[] }[] = [];
  for (const n of c.nodes) {
    if (n.kind?.category === 'broker' || n.kind?.category === 'store') continue;
    const ins = new Set(c.dataInto(n.id).filter((e) => e.to === n && e.protocol).map((e) => e.protocol as Protocol));
    const outs = new Set(c.dataOutOf(n.id).filter((e) => e.from === n && e.protocol).map((e) => e.protocol as Protocol));
    const family = (p: Protocol) => (MESSAGING_PROTOCOLS.includes(p) ? 'msg' : p);
    const pairs: string[] = [];
    for (const i of ins) for (const o of outs) if (family(i) !== family(o) && !['sql', 'mongodb', 'redis'].includes(o)) pairs.push(`${protocolName(i)} → ${protocolName(o)}`);
    if (pairs.length) out.push({ id: n.id, pairs: [...new Set(pairs)] });
  }
  return out;
}

const mediators = (c: Ctx) => c.nodes.filter((n) => n.kind && ['flink', 'worker'].includes(n.kind.id) && c.into(n.id).some((e) => e.from.kind?.category === 'broker') && c.outOf(n.id).some((e) => e.to.kind?.category === 'broker'));

export const esb: Record<string, Resolver> = {
  ESB_PLATFORM: (c) => {
    const hub = c.ofCategory('broker', 'gateway');
    if (hub.length) return filled(`no ESB: integration runs through ${components(hub)}`, `no ESB (${names(hub, 3)} instead)`);
    return open('no ESB, broker or gateway in the design', 'add a broker or a gateway as the integration backbone');
  },

  SERVICE_REGISTRY: (c) => (c.nodes.length ? filled('none needed in the starter stack: Docker Compose registers each component under its node id', 'Docker Compose DNS') : open('the design is empty', 'add components')),

  SERVICE_DISCOVERY: (c) => (c.nodes.length ? filled(`DNS-based: components reach each other by node id (e.g. ${andList(c.nodes.filter((n) => !n.kind?.external).slice(0, 3).map((n) => code(n.id)))})`, 'DNS-based') : open('the design is empty', 'add components')),

  MESSAGE_MEDIATION: (c) => {
    const m = mediators(c);
    return m.length ? filled(`${components(m)} consume, filter and enrich messages before publishing them on`, 'content enrichment and filtering') : open('no component sits between two topics or queues', 'add a worker or Flink job that consumes and republishes');
  },

  PROTOCOL_TRANSLATION: (c) => {
    const t = translators(c);
    return t.length ? filled(t.slice(0, 8).map((x) => `${andList(x.pairs, 4)} in ${code(x.id)}`).join('; ') + (t.length > 8 ? `; and ${t.length - 8} more components` : ''), andList([...new Set(t.flatMap((x) => x.pairs))], 3)) : open('every component sends on the protocol it receives', 'nothing to decide unless systems with different protocols must meet');
  },

  DATA_TRANSFORMATION: (c) => {
    const tx = c.ofKind('flink', 'worker', 'batch-job').filter((n) => c.into(n.id).length && c.outOf(n.id).length);
    return tx.length ? filled(`custom code in ${components(tx)}`, names(tx, 3)) : open('no job or worker transforms data between two systems', 'add a worker, batch job or Flink job on the data path');
  },

  ROUTING_LOGIC: (c) => {
    const parts: string[] = [];
    for (const g of c.ofCategory('gateway')) {
      const routes = c.outOf(g.id).filter((e) => ['http', 'grpc', 'graphql', 'websocket'].includes(e.protocol ?? ''));
      if (routes.length) parts.push(`path-based at ${code(g.id)}: ${andList(routes.map((e) => `${md(str(e.props, 'path') || `/${e.to.id}`, 60)} → ${code(e.to.id)}`), 8)}`);
    }
    if (c.ofKind('rabbitmq').length) parts.push('routing keys on the RabbitMQ exchanges');
    if (c.ofKind('kafka').length) parts.push('topic-based on Kafka');
    return parts.length ? filled(parts.join('; '), c.ofCategory('gateway').length ? 'path-based' : 'topic-based') : open('no gateway or broker routes traffic', 'add a gateway or a broker');
  },

  SERVICE_ORCHESTRATION: (c) => {
    const orch = c.nodes.filter((n) => n.kind?.category === 'service' && new Set(c.outOf(n.id).filter((e) => ['http', 'grpc', 'graphql'].includes(e.protocol ?? '')).map((e) => e.to.id)).size >= 2);
    return orch.length
      ? filled(andList(orch.map((n) => `${nodeName(n)} calls ${andList([...new Set(c.outOf(n.id).filter((e) => ['http', 'grpc', 'graphql'].includes(e.protocol ?? '')).map((e) => code(e.to.id)))])} `)), `orchestration in ${andList(orch.map((n) => code(n.id)))}`)
      : open('no service coordinates calls to two or more others', 'decide whether a service (or an engine such as Temporal) coordinates multi-step flows');
  },

  QUALITY_OF_SERVICE: (c) => {
    const parts: string[] = [];
    for (const k of c.ofKind('kafka')) parts.push(`${md(str(k.props, 'delivery'))} on ${code(k.id)}`);
    for (const r of c.ofKind('rabbitmq')) parts.push(`${str(r.props, 'ack') === 'auto' ? 'at-most-once' : 'at-least-once'} on ${code(r.id)}`);
    for (const m of c.ofKind('mqtt-broker')) parts.push(`QoS ${md(str(m.props, 'qos'))} on ${code(m.id)}`);
    for (const q of c.ofKind('ibm-mq')) parts.push(`guaranteed delivery on ${code(q.id)}`);
    return parts.length ? filled(parts.join('; ')) : open('no broker in the design sets a delivery guarantee', 'add a broker and choose its delivery guarantee');
  },

  GOVERNANCE_FRAMEWORK: (c) => {
    const parts: string[] = [];
    if (c.ofCategory('gateway').length) parts.push(`API governance at ${andList(c.ofCategory('gateway').map((g) => code(g.id)))}`);
    if (c.ofKind('schema-registry').length) parts.push(`event governance through ${andList(c.ofKind('schema-registry').map((g) => code(g.id)))}`);
    return parts.length ? filled(parts.join('; ')) : open('no gateway or schema registry to enforce rules', 'add a gateway or a Schema Registry, or name the governance process in the requirements');
  },
};
