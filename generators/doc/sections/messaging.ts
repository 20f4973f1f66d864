import type { Ctx, NodeInfo, Resolver } from '../context';
import { components, filled, names, nodeName, num, open, str } from '../context';
import { deadLetters, kafkaTopics } from '../facts';
import { andList, code, md } from '../markdown';

/** Messaging Patterns: the brokers and how messages move through them. */

const brokers = (c: Ctx) => c.ofCategory('broker');
const noBroker = (what: string) => open('no message broker in the design', `add Kafka, RabbitMQ, NATS, an MQTT broker or IBM MQ to decide ${what}`);
const hours = (h: number | undefined) => (h === undefined ? '?' : h % 24 === 0 ? `${h / 24} ${h === 24 ? 'day' : 'days'}` : `${h} hours`);

/** Per broker, one phrase. */
function perBroker(c: Ctx, what: string, f: (b: NodeInfo) => string | undefined) {
  const bs = brokers(c);
  if (!bs.length) return noBroker(what);
  const phrases = bs.map((b) => [b, f(b)] as const).filter((x): x is readonly [NodeInfo, string] => !!x[1]);
  if (!phrases.length) return undefined;
  // In the Prompt Template sentence: the phrases up to their first detail, once each.
  const short = andList([...new Set(phrases.map(([, t]) => t.split(/[:;(,]/)[0]!.trim()))]);
  return filled(phrases.map(([b, t]) => `${t} (${code(b.id)})`).join('; '), short);
}

const list = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]).filter((x) => x && typeof x === 'object') : []);

export const messaging: Record<string, Resolver> = {
  MESSAGE_BROKER: (c) => {
    const bs = brokers(c);
    return bs.length ? filled(components(bs), names(bs, 3)) : noBroker('the broker');
  },

  MESSAGING_PARADIGM: (c) =>
    perBroker(c, 'the paradigm', (b) => {
      switch (b.node.kind) {
        case 'kafka': return 'publish-subscribe with consumer groups (competing consumers within a group)';
        case 'rabbitmq': {
          const types = [...new Set(list<{ type?: unknown }>(b.props.exchanges).map((x) => String(x.type ?? 'topic')))];
          return `${types.includes('direct') && types.length === 1 ? 'point-to-point' : 'publish-subscribe'} through ${types.length ? andList(types.map((t) => md(t))) : 'topic'} exchanges, competing consumers per queue`;
        }
        case 'nats': return 'publish-subscribe on subjects, queue groups for competing consumers';
        case 'mqtt-broker': return 'publish-subscribe on MQTT topics';
        case 'ibm-mq': return 'point-to-point queues (JMS)';
        default: return undefined;
      }
    }) ?? noBroker('the paradigm'),

  MESSAGE_ROUTING: (c) =>
    perBroker(c, 'routing', (b) => {
      const outs = c.outOf(b.id);
      switch (b.node.kind) {
        case 'kafka': return `topic-based, partitioned by record key; topics ${andList(kafkaTopics(c, b).map((t) => md(t, 80)), 8) || 'named per producer'}`;
        case 'rabbitmq': {
          const keys = [...c.into(b.id), ...outs].map((e) => str(e.props, 'routingKey')).filter((k) => k && k !== '#');
          return keys.length ? `routing keys ${andList([...new Set(keys)].map((k) => md(k, 60)), 6)}` : 'topic exchanges with catch-all bindings (#)';
        }
        case 'nats': return 'subject-based';
        case 'mqtt-broker': return 'MQTT topic filters';
        case 'ibm-mq': return 'one queue per flow';
        default: return undefined;
      }
    }) ?? noBroker('routing'),

  MESSAGE_TRANSFORMATION: (c) => {
    const tx = c.nodes.filter((n) => n.kind && ['flink', 'worker'].includes(n.kind.id) && c.into(n.id).some((e) => e.from.kind?.category === 'broker') && c.outOf(n.id).some((e) => e.to.kind?.category === 'broker' || e.to.kind?.category === 'store'));
    if (tx.length) return filled(`${components(tx)} read messages and write them on transformed`, names(tx, 3));
    return brokers(c).length ? open('no component reads from a broker and writes on transformed messages', 'add a Flink job or a worker between the topics') : noBroker('transformation');
  },

  MESSAGE_SERIALIZATION: (c) => {
    const parts: string[] = [];
    for (const k of c.ofKind('kafka')) parts.push(`${md(str(k.props, 'serialization').toUpperCase().replace('JSON-SCHEMA', 'JSON Schema'))} on ${code(k.id)}`);
    for (const s of c.ofKind('schema-registry')) parts.push(`schemas registered in ${nodeName(s)} as ${md(str(s.props, 'format'))}`);
    const producers = c.messagingEdges().filter((e) => e.to.kind?.category === 'broker' && str(e.from.props, 'dataFormat'));
    const fmts = [...new Set(producers.map((e) => str(e.from.props, 'dataFormat').toUpperCase()))];
    if (fmts.length) parts.push(`producers write ${andList(fmts.map((f) => md(f)))}`);
    if (parts.length) return filled(parts.join('; '));
    return brokers(c).length ? open('no broker or producer states a format', 'set Serialization on Kafka or Data format on the producers') : noBroker('serialization');
  },

  MESSAGE_ORDERING: (c) =>
    perBroker(c, 'ordering', (b) => {
      switch (b.node.kind) {
        case 'kafka': {
          const own = list<{ name?: unknown; partitions?: unknown }>(b.props.topics).filter((t) => typeof t.partitions === 'number');
          return `per partition only, same key same order (${own.length ? `${andList(own.map((t) => `${md(t.name, 60)}: ${String(t.partitions)}`), 4)} partitions; ` : ''}${num(b.props, 'defaultPartitions')} ${own.length ? '' : 'partitions per topic '}by default)`;
        }
        case 'rabbitmq': return 'FIFO per queue with one consumer; no order across competing consumers';
        case 'ibm-mq': return 'FIFO per queue';
        case 'nats': return 'per subject, in publish order';
        case 'mqtt-broker': return `per topic and client at QoS ${md(str(b.props, 'qos'))}`;
        default: return undefined;
      }
    }) ?? noBroker('ordering'),

  MESSAGE_DURABILITY: (c) =>
    perBroker(c, 'durability', (b) => {
      switch (b.node.kind) {
        case 'kafka': return `persistent log, replication factor ${num(b.props, 'replicationFactor')}`;
        case 'rabbitmq': {
          const qs = list<{ durable?: unknown }>(b.props.queues);
          return qs.length && qs.some((q) => q.durable === false) ? 'durable queues except those marked transient' : 'durable queues (survive a broker restart)';
        }
        case 'nats': return b.props.jetstream === true ? 'JetStream streams on disk' : 'in memory only (JetStream off)';
        case 'mqtt-broker': return b.props.persistence === true ? 'retained messages and sessions persisted to disk' : 'in memory only';
        case 'ibm-mq': return 'persistent queues';
        default: return undefined;
      }
    }) ?? noBroker('durability'),

  MESSAGE_ACKNOWLEDGMENT: (c) =>
    perBroker(c, 'acknowledgement', (b) => {
      switch (b.node.kind) {
        case 'kafka': return `${md(str(b.props, 'delivery'))}: offsets committed after processing`;
        case 'rabbitmq': return str(b.props, 'ack') === 'auto' ? 'automatic acknowledgement (at-most-once)' : 'manual acknowledgement after processing (at-least-once)';
        case 'mqtt-broker': return `QoS ${md(str(b.props, 'qos'))} (${({ '0': 'at most once', '1': 'at least once', '2': 'exactly once' } as Record<string, string>)[str(b.props, 'qos')] ?? 'unknown'})`;
        case 'nats': return b.props.jetstream === true ? 'explicit acks on JetStream consumers' : 'none (core NATS is fire-and-forget)';
        case 'ibm-mq': return 'JMS client acknowledgement';
        default: return undefined;
      }
    }) ?? noBroker('acknowledgement'),

  DEAD_LETTER_HANDLING: (c) => {
    const dl = deadLetters(c);
    if (dl.length) return filled(`${andList(dl.map((d) => `${d.what} ${md(d.name, 100)} on ${code(d.broker.id)}`), 10)}; redelivered messages that still fail are parked there`, `dead-letter ${dl.some((d) => d.what === 'topic') ? 'topics' : 'queues'}`);
    return brokers(c).length ? open('no consumer or topic has dead-lettering on', 'turn on Dead-letter on the consumer connections or topics') : noBroker('dead-letter handling');
  },

  MESSAGE_RETENTION: (c) =>
    perBroker(c, 'retention', (b) => {
      switch (b.node.kind) {
        case 'kafka': {
          const own = list<{ name?: unknown; retentionHours?: unknown }>(b.props.topics).filter((t) => typeof t.retentionHours === 'number');
          const extra = own.length ? `; ${andList(own.map((t) => `${md(t.name, 60)} ${hours(t.retentionHours as number)}`), 5)}` : '';
          return `${hours(num(b.props, 'retentionHours'))} by default${extra}`;
        }
        case 'nats': return b.props.jetstream === true ? `${hours(num(b.props, 'maxAgeHours'))} in JetStream` : 'none (not persisted)';
        case 'rabbitmq': {
          const ttl = list<{ name?: unknown; messageTtlMs?: unknown }>(b.props.queues).filter((q) => typeof q.messageTtlMs === 'number' && q.messageTtlMs > 0);
          return ttl.length ? `until consumed; TTL on ${andList(ttl.map((q) => `${md(q.name, 60)} ${String(q.messageTtlMs)} ms`))}` : 'until consumed (no TTL)';
        }
        case 'mqtt-broker': return 'retained messages only';
        case 'ibm-mq': return 'until consumed';
        default: return undefined;
      }
    }) ?? noBroker('retention'),
};

