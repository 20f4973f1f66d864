import type { RNode, REdge, StackContext } from './context';
import { bool, items, num, str, strs } from './props';
import type { Props } from './props';

/**
 * What flows through each broker: topics, exchanges, queues and subjects, derived from the
 * broker's own lists and from the connections drawn to and from it. Names left empty on an
 * edge take the defaults documented in `shared/catalog/edges.ts`.
 */

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

function memo<T>(cache: WeakMap<StackContext, Map<string, T>>, ctx: StackContext, key: string, make: () => T): T {
  let m = cache.get(ctx);
  if (!m) cache.set(ctx, (m = new Map()));
  let v = m.get(key);
  if (v === undefined) m.set(key, (v = make()));
  return v;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) {
    if (!l.includes(v)) l.push(v);
  } else m.set(k, [v]);
}

/** Whether a consumer edge asks for failed messages to be kept apart. */
export function wantsDeadLetter(e: REdge): boolean {
  return bool(e.props, 'deadLetter') || num(e.props, 'retries') > 0;
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

const kafkaCache = new WeakMap<StackContext, Map<string, KafkaPlan>>();

export function kafkaPlan(ctx: StackContext, k: RNode): KafkaPlan {
  return memo(kafkaCache, ctx, k.id, () => {
    const listed = new Map<string, Props>();
    for (const t of items(k.props, 'topics')) listed.set(str(t, 'name'), t);
    const order: string[] = [...listed.keys()];
    const add = (name: string) => {
      if (NAME_RE.test(name) && !order.includes(name)) order.push(name);
    };
    const produce = new Map<RNode, string[]>();
    for (const e of ctx.edgesTo(k, ['kafka'])) {
      if (e.from === k) continue;
      const explicit = str(e.props, 'topic');
      // Debezium and the schema registry name their own topics.
      if (!explicit && (e.from.kind.id === 'debezium' || e.from.kind.id === 'schema-registry')) continue;
      const topic = explicit || `${e.from.id}.events`;
      add(topic);
      push(produce, e.from, topic);
    }
    const written = [...order];
    const consumers: KafkaConsumer[] = [];
    for (const e of ctx.edgesFrom(k, ['kafka'])) {
      if (e.to === k) continue;
      const explicit = str(e.props, 'topic');
      const topics = explicit ? [explicit] : written.filter((t) => t !== '');
      if (explicit) add(explicit);
      if (topics.length === 0) ctx.note(`\`${e.to.id}\` reads from \`${k.id}\` but no topic is written there and none is named on the connection; set a topic on it.`);
      const c: KafkaConsumer = {
        client: e.to,
        group: str(e.props, 'consumerGroup') || e.to.id,
        topics,
        deadLetterTopics: wantsDeadLetter(e) ? topics.map((t) => `${t}.dlt`) : [],
        retries: num(e.props, 'retries'),
      };
      const same = consumers.find((x) => x.client === e.to && x.group === c.group);
      if (same) {
        for (const t of c.topics) if (!same.topics.includes(t)) same.topics.push(t);
        for (const t of c.deadLetterTopics) if (!same.deadLetterTopics.includes(t)) same.deadLetterTopics.push(t);
        same.retries = Math.max(same.retries, c.retries);
      } else consumers.push(c);
    }
    const topics: KafkaTopic[] = [];
    const defPartitions = num(k.props, 'defaultPartitions') || 3;
    const defRetention = num(k.props, 'retentionHours') || 168;
    const dlts = new Set<string>();
    for (const name of order) {
      const t = listed.get(name);
      topics.push({
        name,
        partitions: t ? num(t, 'partitions') || defPartitions : defPartitions,
        retentionHours: t ? num(t, 'retentionHours') || defRetention : defRetention,
        cleanupPolicy: t && str(t, 'cleanupPolicy') === 'compact' ? 'compact' : 'delete',
      });
      if (t && bool(t, 'deadLetter')) dlts.add(name);
    }
    for (const c of consumers) for (const t of c.deadLetterTopics) dlts.add(t.slice(0, -'.dlt'.length));
    for (const name of order) {
      if (!dlts.has(name) || order.includes(`${name}.dlt`)) continue;
      const src = topics.find((t) => t.name === name)!;
      topics.push({ name: `${name}.dlt`, partitions: src.partitions, retentionHours: Math.max(src.retentionHours, defRetention), cleanupPolicy: 'delete', deadLetterOf: name });
    }
    return { broker: k, topics, produce, consumers };
  });
}

// ── RabbitMQ ──────────────────────────────────────────────────────────────

export const RABBIT_DLX = 'topoforge.dlx';

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
  consume: Map<RNode, Array<{ queue: string; prefetch: number; retryQueue?: string; deadLetterQueue?: string }>>;
}

const rabbitCache = new WeakMap<StackContext, Map<string, RabbitPlan>>();

export function rabbitPlan(ctx: StackContext, r: RNode): RabbitPlan {
  return memo(rabbitCache, ctx, r.id, () => {
    const vhost = str(r.props, 'vhost') || '/';
    const exchanges: RabbitPlan['exchanges'] = items(r.props, 'exchanges').map((x) => ({ name: str(x, 'name'), type: str(x, 'type') || 'topic', durable: x.durable !== false }));
    const addExchange = (name: string) => {
      if (NAME_RE.test(name) && !exchanges.some((x) => x.name === name)) exchanges.push({ name, type: 'topic', durable: true });
    };
    const listedQueues = new Map<string, Props>();
    for (const q of items(r.props, 'queues')) listedQueues.set(str(q, 'name'), q);
    const publish: RabbitPlan['publish'] = new Map();
    for (const e of ctx.edgesTo(r, ['amqp'])) {
      if (e.from === r) continue;
      const ex = str(e.props, 'exchange') || `${e.from.id}.events`;
      addExchange(ex);
      const l = publish.get(e.from) ?? [];
      l.push({ exchange: ex, routingKey: str(e.props, 'routingKey') || '#' });
      publish.set(e.from, l);
    }
    const queueOrder: string[] = [...listedQueues.keys()];
    const want = new Map<string, { deadLetter: boolean; retryDelayMs: number }>();
    for (const [name, q] of listedQueues) want.set(name, { deadLetter: bool(q, 'deadLetter'), retryDelayMs: num(q, 'retryDelayMs') });
    const bindings: RabbitPlan['bindings'] = [];
    const consume: RabbitPlan['consume'] = new Map();
    for (const e of ctx.edgesFrom(r, ['amqp'])) {
      if (e.to === r) continue;
      const explicitEx = str(e.props, 'exchange');
      if (explicitEx) addExchange(explicitEx);
      const sources = explicitEx ? [explicitEx] : exchanges.map((x) => x.name);
      const explicitQ = str(e.props, 'queue');
      const pairs: Array<{ queue: string; exchanges: string[] }> = explicitQ
        ? [{ queue: explicitQ, exchanges: sources }]
        : sources.length > 0
          ? sources.map((x) => ({ queue: `${e.to.id}.${x}`, exchanges: [x] }))
          : [{ queue: e.to.id, exchanges: [] }];
      for (const p of pairs) {
        if (!NAME_RE.test(p.queue)) continue;
        if (!queueOrder.includes(p.queue)) queueOrder.push(p.queue);
        const w = want.get(p.queue) ?? { deadLetter: false, retryDelayMs: 0 };
        if (wantsDeadLetter(e)) w.deadLetter = true;
        if (num(e.props, 'retries') > 0 && w.retryDelayMs === 0) w.retryDelayMs = 5000;
        want.set(p.queue, w);
        for (const x of p.exchanges) {
          const key = str(e.props, 'routingKey') || '#';
          if (!bindings.some((b) => b.source === x && b.destination === p.queue && b.routingKey === key)) bindings.push({ source: x, destination: p.queue, routingKey: key });
        }
        const l = consume.get(e.to) ?? [];
        if (!l.some((c) => c.queue === p.queue)) {
          l.push({
            queue: p.queue,
            prefetch: num(e.props, 'prefetch') || 10,
            ...(w.retryDelayMs > 0 ? { retryQueue: `${p.queue}.retry` } : {}),
            ...(w.deadLetter ? { deadLetterQueue: `${p.queue}.dlq` } : {}),
          });
        }
        consume.set(e.to, l);
      }
    }
    const queues: RabbitQueue[] = [];
    let needsDlx = false;
    for (const name of queueOrder) {
      const q = listedQueues.get(name);
      const w = want.get(name) ?? { deadLetter: false, retryDelayMs: 0 };
      const args: Record<string, string | number> = { 'x-queue-type': 'classic' };
      if (q && num(q, 'messageTtlMs') > 0) args['x-message-ttl'] = num(q, 'messageTtlMs');
      if (q && num(q, 'maxLength') > 0) args['x-max-length'] = num(q, 'maxLength');
      if (w.deadLetter) {
        needsDlx = true;
        args['x-dead-letter-exchange'] = RABBIT_DLX;
        args['x-dead-letter-routing-key'] = name;
      }
      queues.push({ name, durable: q ? q.durable !== false : true, arguments: args, role: 'main' });
      if (w.deadLetter) {
        queues.push({ name: `${name}.dlq`, durable: true, arguments: { 'x-queue-type': 'classic' }, role: 'dlq' });
        bindings.push({ source: RABBIT_DLX, destination: `${name}.dlq`, routingKey: name });
      }
      if (w.retryDelayMs > 0) {
        queues.push({
          name: `${name}.retry`,
          durable: true,
          arguments: { 'x-queue-type': 'classic', 'x-message-ttl': w.retryDelayMs, 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': name },
          role: 'retry',
        });
      }
    }
    if (needsDlx && !exchanges.some((x) => x.name === RABBIT_DLX)) exchanges.push({ name: RABBIT_DLX, type: 'direct', durable: true });
    return { broker: r, vhost, exchanges, queues, bindings, publish, consume };
  });
}

// ── NATS ──────────────────────────────────────────────────────────────────

export interface NatsPlan {
  broker: RNode;
  subjects: string[];
  publish: Map<RNode, string[]>;
  subscribe: Map<RNode, string[]>;
}

const SUBJECT_RE = /^[A-Za-z0-9_>*-]+(\.[A-Za-z0-9_>*-]+)*$/;

/** Whether NATS subject pattern `p` matches every subject `s` matches. */
export function natsCovers(p: string, s: string): boolean {
  const a = p.split('.');
  const b = s.split('.');
  for (let i = 0; i < a.length; i++) {
    if (a[i] === '>') return b.length > i;
    if (i >= b.length) return false;
    if (a[i] === '*') {
      if (b[i] === '>') return false;
      continue;
    }
    if (a[i] !== b[i]) return false;
  }
  return a.length === b.length;
}

const natsCache = new WeakMap<StackContext, Map<string, NatsPlan>>();

export function natsPlan(ctx: StackContext, n: RNode): NatsPlan {
  return memo(natsCache, ctx, n.id, () => {
    const subjects: string[] = [...strs(n.props, 'subjects')];
    const add = (s: string) => {
      if (SUBJECT_RE.test(s) && !subjects.includes(s)) subjects.push(s);
    };
    const publish = new Map<RNode, string[]>();
    for (const e of ctx.edgesTo(n, ['nats'])) {
      if (e.from === n) continue;
      const s = str(e.props, 'subject') || `${e.from.id}.events`;
      add(s);
      push(publish, e.from, s);
    }
    const written = [...subjects];
    const subscribe = new Map<RNode, string[]>();
    for (const e of ctx.edgesFrom(n, ['nats'])) {
      if (e.to === n) continue;
      const s = str(e.props, 'subject');
      const list = s ? [s] : written;
      if (s) add(s);
      for (const x of list) push(subscribe, e.to, x);
      if (wantsDeadLetter(e)) for (const x of list) if (!x.includes('*') && !x.includes('>')) add(`${x}.dlq`);
    }
    // A stream may not list a subject twice nor one covered by another of its wildcards.
    const stream = subjects.filter((s, i) => !subjects.some((o, j) => j !== i && natsCovers(o, s) && (!natsCovers(s, o) || j < i)));
    return { broker: n, subjects: stream, publish, subscribe };
  });
}

// ── MQTT ──────────────────────────────────────────────────────────────────

export interface MqttPlan {
  broker: RNode;
  publish: Map<RNode, string[]>;
  subscribe: Map<RNode, string[]>;
}

const mqttCache = new WeakMap<StackContext, Map<string, MqttPlan>>();

export function mqttPlan(ctx: StackContext, b: RNode): MqttPlan {
  return memo(mqttCache, ctx, b.id, () => {
    const publish = new Map<RNode, string[]>();
    const written: string[] = [];
    for (const e of ctx.edgesTo(b, ['mqtt'])) {
      if (e.from === b) continue;
      const t = str(e.props, 'topic') || `${e.from.id}/telemetry`;
      push(publish, e.from, t);
      if (!written.includes(t)) written.push(t);
    }
    const subscribe = new Map<RNode, string[]>();
    for (const e of ctx.edgesFrom(b, ['mqtt'])) {
      if (e.to === b) continue;
      const t = str(e.props, 'topic');
      for (const x of t ? [t] : written.length > 0 ? written : ['#']) push(subscribe, e.to, x);
    }
    return { broker: b, publish, subscribe };
  });
}

// ── IBM MQ (JMS) ──────────────────────────────────────────────────────────

export interface MqPlan {
  broker: RNode;
  queues: Array<{ name: string; backout: string }>;
  put: Map<RNode, string[]>;
  get: Map<RNode, string[]>;
}

const MQ_RE = /^[A-Z0-9._]{1,48}$/;

export function backoutName(q: string): string {
  const suffix = '.BACKOUT';
  return q.length + suffix.length <= 48 ? `${q}${suffix}` : `${q.slice(0, 48 - suffix.length)}${suffix}`;
}

const mqCache = new WeakMap<StackContext, Map<string, MqPlan>>();

export function mqPlan(ctx: StackContext, m: RNode): MqPlan {
  return memo(mqCache, ctx, m.id, () => {
    const names: string[] = [...strs(m.props, 'queues')];
    const add = (q: string) => {
      if (MQ_RE.test(q) && !names.includes(q)) names.push(q);
    };
    const put = new Map<RNode, string[]>();
    for (const e of ctx.edgesTo(m, ['jms'])) {
      if (e.from === m) continue;
      const q = str(e.props, 'queue') || `${e.from.id.toUpperCase().replace(/-/g, '_')}.EVENTS`.slice(0, 48);
      add(q);
      push(put, e.from, q);
    }
    const written = [...names];
    const get = new Map<RNode, string[]>();
    for (const e of ctx.edgesFrom(m, ['jms'])) {
      if (e.to === m) continue;
      const q = str(e.props, 'queue');
      if (q) add(q);
      for (const x of q ? [q] : written) push(get, e.to, x);
    }
    // A queue named like another queue's backout queue is not given one of its own.
    const queues = names.filter((q) => !names.some((o) => o !== q && backoutName(o) === q)).map((q) => ({ name: q, backout: backoutName(q) }));
    return { broker: m, queues, put, get };
  });
}
