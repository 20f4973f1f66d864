import { natsCovers as covers } from '../../shared/resolve';
import type { BrokerPlan, Component, ResolvedDesign } from '../../shared/resolve';

type RNode = Component;

export { backoutName, natsCovers, RABBIT_DLX } from '../../shared/resolve';

/**
 * What flows through each broker, as the stack's broker configs and client environments use it:
 * views of the resolved model's messaging plans (`shared/resolve/messaging.ts`), so the stack,
 * the document and the AsyncAPI export name the same topics, queues and subjects and the same
 * dead-letter and retry companions.
 */

/** The resolved plan of broker `b` for `protocol` (an empty one when nothing flows there). */
export function planOf(r: ResolvedDesign, b: RNode, protocol: BrokerPlan['protocol']): BrokerPlan {
  return r.messaging.find((p) => p.broker === b && p.protocol === protocol) ?? { broker: b, protocol, channels: [], publications: [], subscriptions: [] };
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) {
    if (!l.includes(v)) l.push(v);
  } else m.set(k, [v]);
}

function byClient(plan: BrokerPlan): Map<RNode, string[]> {
  const out = new Map<RNode, string[]>();
  for (const p of plan.publications) push(out, p.client, p.channel);
  return out;
}

function readBy(plan: BrokerPlan): Map<RNode, string[]> {
  const out = new Map<RNode, string[]>();
  for (const s of plan.subscriptions) for (const c of s.channels) push(out, s.client, c);
  return out;
}

// ── Kafka ─────────────────────────────────────────────────────────────────

export interface KafkaTopic {
  name: string;
  partitions: number;
  retentionHours: number;
  cleanupPolicy: 'delete' | 'compact';
  /** For a dead-letter topic: the topic it serves. */
  deadLetterOf?: string;
}

export interface KafkaConsumer {
  client: RNode;
  group: string;
  topics: string[];
  deadLetterTopics: string[];
  retries: number;
}

export interface KafkaPlan {
  broker: RNode;
  topics: KafkaTopic[];
  produce: Map<RNode, string[]>;
  consumers: KafkaConsumer[];
}

export function kafkaPlan(r: ResolvedDesign, k: RNode): KafkaPlan {
  const plan = planOf(r, k, 'kafka');
  const topics: KafkaTopic[] = plan.channels
    .filter((c) => c.kind === 'topic')
    .map((c) => ({ name: c.name, partitions: c.partitions ?? 3, retentionHours: c.retentionHours ?? 168, cleanupPolicy: c.cleanupPolicy ?? 'delete', ...(c.role === 'dead-letter' && c.serves ? { deadLetterOf: c.serves } : {}) }));
  const consumers: KafkaConsumer[] = [];
  for (const s of plan.subscriptions) {
    const group = s.group ?? s.client.service;
    const same = consumers.find((x) => x.client === s.client && x.group === group);
    if (same) {
      for (const t of s.channels) if (!same.topics.includes(t)) same.topics.push(t);
      for (const t of s.deadLetter) if (!same.deadLetterTopics.includes(t)) same.deadLetterTopics.push(t);
      same.retries = Math.max(same.retries, s.retries);
    } else consumers.push({ client: s.client, group, topics: [...s.channels], deadLetterTopics: [...s.deadLetter], retries: s.retries });
  }
  return { broker: k, topics, produce: byClient(plan), consumers };
}

// ── RabbitMQ ──────────────────────────────────────────────────────────────

export interface RabbitQueue {
  name: string;
  durable: boolean;
  arguments: Record<string, string | number>;
  /** dead-letter queue or retry queue of another queue */
  role: 'main' | 'dlq' | 'retry';
}

export interface RabbitPlan {
  broker: RNode;
  vhost: string;
  exchanges: Array<{ name: string; type: string; durable: boolean }>;
  queues: RabbitQueue[];
  bindings: Array<{ source: string; destination: string; routingKey: string }>;
  publish: Map<RNode, Array<{ exchange: string; routingKey: string }>>;
  consume: Map<RNode, Array<{ queue: string; prefetch: number; retries: number; retryQueue?: string; deadLetterQueue?: string }>>;
}

export function rabbitPlan(r: ResolvedDesign, b: RNode): RabbitPlan {
  const plan = planOf(r, b, 'amqp');
  const exchanges = plan.channels.filter((c) => c.kind === 'exchange').map((c) => ({ name: c.name, type: c.exchangeType ?? 'topic', durable: c.durable !== false }));
  const deadLettered = new Set(plan.channels.filter((c) => c.kind === 'queue' && c.role === 'dead-letter' && c.serves).map((c) => c.serves!));
  const queues: RabbitQueue[] = plan.channels
    .filter((c) => c.kind === 'queue')
    .map((c) => {
      const args: Record<string, string | number> = { 'x-queue-type': 'classic' };
      if (c.role === 'retry') Object.assign(args, { 'x-message-ttl': c.messageTtlMs ?? 5000, 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': c.serves ?? '' });
      else {
        if (c.messageTtlMs) args['x-message-ttl'] = c.messageTtlMs;
        if (c.maxLength) args['x-max-length'] = c.maxLength;
        if (c.role === 'main' && deadLettered.has(c.name) && plan.deadLetterExchange) {
          args['x-dead-letter-exchange'] = plan.deadLetterExchange;
          args['x-dead-letter-routing-key'] = c.name;
        }
      }
      return { name: c.name, durable: c.durable !== false, arguments: args, role: c.role === 'dead-letter' ? 'dlq' : c.role === 'retry' ? 'retry' : 'main' };
    });
  const publish: RabbitPlan['publish'] = new Map();
  for (const p of plan.publications) {
    const l = publish.get(p.client) ?? [];
    l.push({ exchange: p.channel, routingKey: p.routingKey ?? '#' });
    publish.set(p.client, l);
  }
  const consume: RabbitPlan['consume'] = new Map();
  for (const s of plan.subscriptions) {
    const queue = s.channels[0];
    if (!queue) continue;
    const l = consume.get(s.client) ?? [];
    if (!l.some((x) => x.queue === queue)) l.push({ queue, prefetch: s.prefetch ?? 10, retries: s.retries, ...(s.retry[0] ? { retryQueue: s.retry[0] } : {}), ...(s.deadLetter[0] ? { deadLetterQueue: s.deadLetter[0] } : {}) });
    consume.set(s.client, l);
  }
  return { broker: b, vhost: plan.vhost ?? '/', exchanges, queues, bindings: [...(plan.bindings ?? [])], publish, consume };
}

// ── NATS ──────────────────────────────────────────────────────────────────

export interface NatsPlan {
  broker: RNode;
  /** Subjects of the stream (none covered by another). */
  subjects: string[];
  subscriptions: BrokerPlan['subscriptions'];
  publish: Map<RNode, string[]>;
  subscribe: Map<RNode, string[]>;
}

export function natsPlan(r: ResolvedDesign, n: RNode): NatsPlan {
  const plan = planOf(r, n, 'nats');
  const subjects = plan.channels.filter((c) => c.kind === 'subject').map((c) => c.name);
  // A stream may not list a subject twice nor one covered by another of its wildcards.
  const stream = subjects.filter((s, i) => !subjects.some((o, j) => j !== i && covers(o, s) && (!covers(s, o) || j < i)));
  return { broker: n, subjects: stream, subscriptions: plan.subscriptions, publish: byClient(plan), subscribe: readBy(plan) };
}

// ── MQTT ──────────────────────────────────────────────────────────────────

export interface MqttPlan {
  broker: RNode;
  publish: Map<RNode, string[]>;
  subscribe: Map<RNode, string[]>;
}

export function mqttPlan(r: ResolvedDesign, b: RNode): MqttPlan {
  const plan = planOf(r, b, 'mqtt');
  return { broker: b, publish: byClient(plan), subscribe: readBy(plan) };
}

// ── IBM MQ (JMS) ──────────────────────────────────────────────────────────

export interface MqPlan {
  broker: RNode;
  queues: Array<{ name: string; backout: string }>;
  put: Map<RNode, string[]>;
  get: Map<RNode, string[]>;
}

export function mqPlan(r: ResolvedDesign, m: RNode): MqPlan {
  const plan = planOf(r, m, 'jms');
  const backouts = new Map(plan.channels.filter((c) => c.role === 'dead-letter' && c.serves).map((c) => [c.serves!, c.name]));
  const queues = plan.channels.filter((c) => c.kind === 'queue' && c.role === 'main' && backouts.has(c.name)).map((c) => ({ name: c.name, backout: backouts.get(c.name)! }));
  return { broker: m, queues, put: byClient(plan), get: readBy(plan) };
}
