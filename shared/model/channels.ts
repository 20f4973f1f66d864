import { defaultProtocol, edgePropDefs, getKind } from '../catalog';
import type { KindDef } from '../catalog';
import { edgeIds } from './ids';
import type { Protocol, TopoEdge, Topology } from './types';
import { PROTOCOLS } from './types';

/**
 * What flows through each broker of a design: its topics, exchanges, queues and subjects, who
 * sends to which and who receives from which. Names left empty on a connection take the defaults
 * documented in `shared/catalog/edges.ts`:
 *
 * - Kafka: a producer writes `<producer id>.events`; a consumer reads every topic written into the
 *   broker (the broker's own `topics` first). Debezium and the schema registry name their own topics.
 * - RabbitMQ: a publisher sends to exchange `<producer id>.events` with routing key `#`; a consumer
 *   binds queue `<consumer id>.<exchange>` to every exchange (or one queue, when named, to all).
 * - MQTT: a publisher writes `<device id>/telemetry`; a subscriber reads every topic written, or `#`.
 * - NATS: a publisher writes `<producer id>.events`; a subscriber reads every subject written.
 * - IBM MQ (JMS): a producer puts to `<PRODUCER ID>.EVENTS`; a consumer gets every queue written.
 *
 * Pure: the stack generator (broker init, client environment), the AsyncAPI export and the
 * document all read names from here so that they agree.
 */

export type ChannelKind = 'topic' | 'exchange' | 'queue' | 'subject';
export type MessagingProtocolId = 'kafka' | 'amqp' | 'mqtt' | 'nats' | 'jms';

export const BROKER_PROTOCOL: Readonly<Record<string, MessagingProtocolId>> = {
  kafka: 'kafka',
  rabbitmq: 'amqp',
  'mqtt-broker': 'mqtt',
  nats: 'nats',
  'ibm-mq': 'jms',
};

export interface ChannelDef {
  name: string;
  kind: ChannelKind;
  /** RabbitMQ exchanges: topic, direct, fanout or headers. */
  exchangeType?: string;
  /** Declared in the broker's own settings (rather than only named on a connection). */
  listed: boolean;
}

export interface SendFlow {
  /** Edge id (`from->to`). */
  edge: string;
  /** Node id of the producer. */
  client: string;
  channel: string;
  /** RabbitMQ: the routing key published with. */
  routingKey?: string;
}

export interface ReceiveFlow {
  edge: string;
  /** Node id of the consumer. */
  client: string;
  /** Channels read: Kafka topics, NATS subjects, MQTT topics, JMS queues, or one RabbitMQ queue. */
  channels: string[];
  /** Kafka consumer group. */
  group?: string;
  /** RabbitMQ: the exchanges the queue is bound to, and the binding key. */
  boundTo?: string[];
  routingKey?: string;
}

export interface BrokerFlows {
  broker: string;
  kind: string;
  protocol: MessagingProtocolId;
  channels: ChannelDef[];
  sends: SendFlow[];
  receives: ReceiveFlow[];
}

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const SUBJECT_RE = /^[A-Za-z0-9_>*-]+(\.[A-Za-z0-9_>*-]+)*$/;
const MQ_RE = /^[A-Z0-9._]{1,48}$/;
const MQTT_RE = /^[A-Za-z0-9/_+#.-]{1,200}$/;

interface ResolvedEdge {
  id: string;
  from: string;
  to: string;
  fromKind: KindDef;
  toKind: KindDef;
  protocol: Protocol | undefined;
  raw: TopoEdge;
}

function isProtocol(p: unknown): p is Protocol {
  return typeof p === 'string' && (PROTOCOLS as readonly string[]).includes(p);
}

/** A string prop of an edge, only when it is valid for its catalog definition ('' otherwise). */
export function edgeText(edge: Pick<TopoEdge, 'props'>, protocol: Protocol | undefined, key: string): string {
  const v = edge.props && typeof edge.props === 'object' ? (edge.props as Record<string, unknown>)[key] : undefined;
  if (typeof v !== 'string' || v === '') return '';
  const def = edgePropDefs(protocol).find((d) => d.key === key);
  if (!def) return '';
  if (def.maxLength !== undefined && v.length > def.maxLength) return '';
  if (def.pattern !== undefined && !new RegExp(def.pattern).test(v)) return '';
  return v;
}

function listOf(props: unknown, key: string): Record<string, unknown>[] {
  const v = props && typeof props === 'object' ? (props as Record<string, unknown>)[key] : undefined;
  return Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x)) : [];
}

function stringsOf(props: unknown, key: string, re: RegExp): string[] {
  const v = props && typeof props === 'object' ? (props as Record<string, unknown>)[key] : undefined;
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && re.test(x)) : [];
}

function resolveEdges(doc: Topology): { edges: ResolvedEdge[]; kinds: Map<string, KindDef> } {
  const kinds = new Map<string, KindDef>();
  for (const n of Array.isArray(doc.nodes) ? doc.nodes : []) {
    if (!n || typeof n.id !== 'string' || kinds.has(n.id)) continue;
    const k = getKind(n.kind);
    if (k) kinds.set(n.id, k);
  }
  const raw = Array.isArray(doc.edges) ? doc.edges.filter((e) => e && typeof e === 'object') : [];
  const ids = edgeIds(raw);
  const edges: ResolvedEdge[] = [];
  raw.forEach((e, i) => {
    const fromKind = kinds.get(String(e.from));
    const toKind = kinds.get(String(e.to));
    if (!fromKind || !toKind) return;
    const protocol = isProtocol(e.protocol) ? e.protocol : defaultProtocol(fromKind, toKind);
    edges.push({ id: ids[i]!, from: String(e.from), to: String(e.to), fromKind, toKind, protocol, raw: e });
  });
  return { edges, kinds };
}

/** Upper-case JMS queue name derived from a node id, as IBM MQ wants it. */
export function defaultJmsQueue(producer: string): string {
  return `${producer.toUpperCase().replace(/-/g, '_')}.EVENTS`.slice(0, 48);
}

/** Flows of every broker of the design, in document order. */
export function messagingFlows(doc: Topology): BrokerFlows[] {
  const { edges } = resolveEdges(doc);
  // Edges into and out of each node (no self-loops), in document order: one pass, so the flows
  // of all brokers cost the number of edges, not brokers × edges.
  const intoNode = new Map<string, ResolvedEdge[]>();
  const outOfNode = new Map<string, ResolvedEdge[]>();
  const put = (m: Map<string, ResolvedEdge[]>, k: string, e: ResolvedEdge) => {
    const list = m.get(k);
    if (list) list.push(e);
    else m.set(k, [e]);
  };
  for (const e of edges) {
    if (e.from === e.to) continue;
    put(intoNode, e.to, e);
    put(outOfNode, e.from, e);
  }
  const out: BrokerFlows[] = [];
  const seen = new Set<string>();
  for (const n of Array.isArray(doc.nodes) ? doc.nodes : []) {
    if (!n || typeof n.id !== 'string' || seen.has(n.id)) continue;
    seen.add(n.id);
    const protocol = BROKER_PROTOCOL[n.kind];
    if (!protocol || !getKind(n.kind)) continue;
    const into = (intoNode.get(n.id) ?? []).filter((e) => e.protocol === protocol);
    const outOf = (outOfNode.get(n.id) ?? []).filter((e) => e.protocol === protocol);
    const flows: BrokerFlows = { broker: n.id, kind: n.kind, protocol, channels: [], sends: [], receives: [] };
    const add = (name: string, kind: ChannelKind, re: RegExp, listed = false, exchangeType?: string) => {
      if (!re.test(name) || flows.channels.some((c) => c.name === name && c.kind === kind)) return;
      flows.channels.push({ name, kind, listed, ...(exchangeType ? { exchangeType } : {}) });
    };
    const names = (kind: ChannelKind) => flows.channels.filter((c) => c.kind === kind).map((c) => c.name);
    switch (protocol) {
      case 'kafka': {
        for (const t of listOf(n.props, 'topics')) if (typeof t.name === 'string') add(t.name, 'topic', NAME_RE, true);
        for (const e of into) {
          const explicit = edgeText(e.raw, 'kafka', 'topic');
          if (!explicit && (e.fromKind.id === 'debezium' || e.fromKind.id === 'schema-registry')) continue;
          const topic = explicit || `${e.from}.events`;
          add(topic, 'topic', NAME_RE);
          if (NAME_RE.test(topic)) flows.sends.push({ edge: e.id, client: e.from, channel: topic });
        }
        const written = names('topic');
        for (const e of outOf) {
          const explicit = edgeText(e.raw, 'kafka', 'topic');
          if (explicit) add(explicit, 'topic', NAME_RE);
          flows.receives.push({ edge: e.id, client: e.to, channels: explicit ? [explicit] : [...written], group: edgeText(e.raw, 'kafka', 'consumerGroup') || e.to });
        }
        break;
      }
      case 'amqp': {
        for (const x of listOf(n.props, 'exchanges')) if (typeof x.name === 'string') add(x.name, 'exchange', NAME_RE, true, typeof x.type === 'string' ? x.type : 'topic');
        for (const q of listOf(n.props, 'queues')) if (typeof q.name === 'string') add(q.name, 'queue', NAME_RE, true);
        for (const e of into) {
          const ex = edgeText(e.raw, 'amqp', 'exchange') || `${e.from}.events`;
          add(ex, 'exchange', NAME_RE, false, 'topic');
          if (NAME_RE.test(ex)) flows.sends.push({ edge: e.id, client: e.from, channel: ex, routingKey: edgeText(e.raw, 'amqp', 'routingKey') || '#' });
        }
        for (const e of outOf) {
          const explicitEx = edgeText(e.raw, 'amqp', 'exchange');
          if (explicitEx) add(explicitEx, 'exchange', NAME_RE, false, 'topic');
          const sources = explicitEx ? [explicitEx] : names('exchange');
          const explicitQ = edgeText(e.raw, 'amqp', 'queue');
          const routingKey = edgeText(e.raw, 'amqp', 'routingKey') || '#';
          const pairs = explicitQ
            ? [{ queue: explicitQ, exchanges: sources }]
            : sources.length > 0
              ? sources.map((x) => ({ queue: `${e.to}.${x}`, exchanges: [x] }))
              : [{ queue: e.to, exchanges: [] as string[] }];
          for (const p of pairs) {
            if (!NAME_RE.test(p.queue)) continue;
            add(p.queue, 'queue', NAME_RE);
            flows.receives.push({ edge: e.id, client: e.to, channels: [p.queue], boundTo: p.exchanges, routingKey });
          }
        }
        break;
      }
      case 'mqtt': {
        for (const e of into) {
          const t = edgeText(e.raw, 'mqtt', 'topic') || `${e.from}/telemetry`;
          add(t, 'topic', MQTT_RE);
          if (MQTT_RE.test(t)) flows.sends.push({ edge: e.id, client: e.from, channel: t });
        }
        const written = names('topic');
        for (const e of outOf) {
          const t = edgeText(e.raw, 'mqtt', 'topic');
          const list = t ? [t] : written.length > 0 ? [...written] : ['#'];
          for (const x of list) add(x, 'topic', MQTT_RE);
          flows.receives.push({ edge: e.id, client: e.to, channels: list });
        }
        break;
      }
      case 'nats': {
        for (const s of stringsOf(n.props, 'subjects', SUBJECT_RE)) add(s, 'subject', SUBJECT_RE, true);
        for (const e of into) {
          const s = edgeText(e.raw, 'nats', 'subject') || `${e.from}.events`;
          add(s, 'subject', SUBJECT_RE);
          if (SUBJECT_RE.test(s)) flows.sends.push({ edge: e.id, client: e.from, channel: s });
        }
        const written = names('subject');
        for (const e of outOf) {
          const s = edgeText(e.raw, 'nats', 'subject');
          if (s) add(s, 'subject', SUBJECT_RE);
          flows.receives.push({ edge: e.id, client: e.to, channels: s ? [s] : [...written] });
        }
        break;
      }
      case 'jms': {
        for (const q of stringsOf(n.props, 'queues', MQ_RE)) add(q, 'queue', MQ_RE, true);
        for (const e of into) {
          const q = edgeText(e.raw, 'jms', 'queue') || defaultJmsQueue(e.from);
          add(q, 'queue', MQ_RE);
          if (MQ_RE.test(q)) flows.sends.push({ edge: e.id, client: e.from, channel: q });
        }
        const written = names('queue');
        for (const e of outOf) {
          const q = edgeText(e.raw, 'jms', 'queue');
          if (q) add(q, 'queue', MQ_RE);
          flows.receives.push({ edge: e.id, client: e.to, channels: q ? [q] : [...written] });
        }
        break;
      }
    }
    out.push(flows);
  }
  return out;
}
