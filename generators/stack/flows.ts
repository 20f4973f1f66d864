import { messagingFlows } from '../../shared/model/channels';
import type { BrokerFlows } from '../../shared/model/channels';
import type { RNode, REdge, StackContext } from './context';
import { bool, items, num, str } from './props';
import type { Props } from './props';
import { derived } from '../derived';

/**
 * What flows through each broker: topics, exchanges, queues and subjects. Names come from the
 * shared channels helper (`shared/model/channels.ts`, the catalog's defaults), so the stack, the
 * document and the AsyncAPI export agree; this file adds what only the stack needs: partitions
 * and retention, dead-letter topics and queues, retry queues, backout queues.
 */

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

const flowCache = new WeakMap<StackContext, Map<string, BrokerFlows | null>>();

/** The shared helper's flows of broker `b`, with their edges and clients resolved in `ctx`. */
function flowsOf(ctx: StackContext, b: RNode): BrokerFlows {
  let all = flowCache.get(ctx);
  if (!all) {
    all = new Map();
    for (const f of derived(ctx.doc, messagingFlows, () => messagingFlows(ctx.doc))) all.set(f.broker, f);
    flowCache.set(ctx, all);
  }
  return all.get(b.id) ?? { broker: b.id, kind: b.kind.id, protocol: 'kafka', channels: [], sends: [], receives: [] };
}

function resolve(ctx: StackContext, edgeId: string, client: string): { edge: REdge; client: RNode } | undefined {
  const edge = ctx.edge(edgeId);
  const node = ctx.node(client);
  return edge && node ? { edge, client: node } : undefined;
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
    const flows = flowsOf(ctx, k);
    const listed = new Map<string, Props>();
    for (const t of items(k.props, 'topics')) listed.set(str(t, 'name'), t);
    const order = flows.channels.filter((c) => c.kind === 'topic').map((c) => c.name);
    const produce = new Map<RNode, string[]>();
    for (const f of flows.sends) {
      const r = resolve(ctx, f.edge, f.client);
      if (r) push(produce, r.client, f.channel);
    }
    const consumers: KafkaConsumer[] = [];
    for (const f of flows.receives) {
      const r = resolve(ctx, f.edge, f.client);
      if (!r) continue;
      if (f.channels.length === 0) ctx.note(`\`${r.client.id}\` reads from \`${k.id}\` but no topic is written there and none is named on the connection; set a topic on it.`);
      const c: KafkaConsumer = {
        client: r.client,
        group: f.group ?? r.client.id,
        topics: [...f.channels],
        deadLetterTopics: wantsDeadLetter(r.edge) ? f.channels.map((t) => `${t}.dlt`) : [],
        retries: num(r.edge.props, 'retries'),
      };
      const same = consumers.find((x) => x.client === c.client && x.group === c.group);
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
    const flows = flowsOf(ctx, r);
    const vhost = str(r.props, 'vhost') || '/';
    const listedEx = new Map<string, Props>();
    for (const x of items(r.props, 'exchanges')) listedEx.set(str(x, 'name'), x);
    const exchanges: RabbitPlan['exchanges'] = flows.channels
      .filter((c) => c.kind === 'exchange')
      .map((c) => ({ name: c.name, type: c.exchangeType ?? 'topic', durable: listedEx.get(c.name)?.durable !== false }));
    const listedQueues = new Map<string, Props>();
    for (const q of items(r.props, 'queues')) listedQueues.set(str(q, 'name'), q);
    const queueOrder = flows.channels.filter((c) => c.kind === 'queue').map((c) => c.name);
    const publish: RabbitPlan['publish'] = new Map();
    for (const f of flows.sends) {
      const res = resolve(ctx, f.edge, f.client);
      if (!res) continue;
      const l = publish.get(res.client) ?? [];
      l.push({ exchange: f.channel, routingKey: f.routingKey ?? '#' });
      publish.set(res.client, l);
    }
    const want = new Map<string, { deadLetter: boolean; retryDelayMs: number }>();
    for (const [name, q] of listedQueues) want.set(name, { deadLetter: bool(q, 'deadLetter'), retryDelayMs: num(q, 'retryDelayMs') });
    const bindings: RabbitPlan['bindings'] = [];
    const consumed: Array<{ client: RNode; queue: string; prefetch: number }> = [];
    for (const f of flows.receives) {
      const res = resolve(ctx, f.edge, f.client);
      const queue = f.channels[0];
      if (!res || !queue) continue;
      const w = want.get(queue) ?? { deadLetter: false, retryDelayMs: 0 };
      if (wantsDeadLetter(res.edge)) w.deadLetter = true;
      if (num(res.edge.props, 'retries') > 0 && w.retryDelayMs === 0) w.retryDelayMs = 5000;
      want.set(queue, w);
      for (const x of f.boundTo ?? []) {
        // '#' means "everything" only to topic exchanges: on a direct exchange, bind the keys its publishers use.
        let keys = [f.routingKey ?? '#'];
        if (keys[0] === '#' && exchanges.find((e) => e.name === x)?.type === 'direct') {
          const published = flows.sends.filter((s2) => s2.channel === x && s2.routingKey && s2.routingKey !== '#').map((s2) => s2.routingKey!);
          if (published.length > 0) keys = [...new Set(published)];
        }
        for (const key of keys) if (!bindings.some((b) => b.source === x && b.destination === queue && b.routingKey === key)) bindings.push({ source: x, destination: queue, routingKey: key });
      }
      consumed.push({ client: res.client, queue, prefetch: num(res.edge.props, 'prefetch') || 10 });
    }
    const consume: RabbitPlan['consume'] = new Map();
    for (const c of consumed) {
      const w = want.get(c.queue)!;
      const l = consume.get(c.client) ?? [];
      if (!l.some((x) => x.queue === c.queue)) {
        l.push({
          queue: c.queue,
          prefetch: c.prefetch,
          ...(w.retryDelayMs > 0 ? { retryQueue: `${c.queue}.retry` } : {}),
          ...(w.deadLetter ? { deadLetterQueue: `${c.queue}.dlq` } : {}),
        });
      }
      consume.set(c.client, l);
    }
    const queues: RabbitQueue[] = [];
    let needsDlx = false;
    const taken = new Set(queueOrder);
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
      if (w.deadLetter && !taken.has(`${name}.dlq`)) {
        taken.add(`${name}.dlq`);
        queues.push({ name: `${name}.dlq`, durable: true, arguments: { 'x-queue-type': 'classic' }, role: 'dlq' });
        bindings.push({ source: RABBIT_DLX, destination: `${name}.dlq`, routingKey: name });
      }
      if (w.retryDelayMs > 0 && !taken.has(`${name}.retry`)) {
        taken.add(`${name}.retry`);
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
    const flows = flowsOf(ctx, n);
    const subjects = flows.channels.filter((c) => c.kind === 'subject').map((c) => c.name);
    const publish = new Map<RNode, string[]>();
    for (const f of flows.sends) {
      const r = resolve(ctx, f.edge, f.client);
      if (r) push(publish, r.client, f.channel);
    }
    const subscribe = new Map<RNode, string[]>();
    for (const f of flows.receives) {
      const r = resolve(ctx, f.edge, f.client);
      if (!r) continue;
      for (const x of f.channels) push(subscribe, r.client, x);
      if (wantsDeadLetter(r.edge)) for (const x of f.channels) if (!x.includes('*') && !x.includes('>') && SUBJECT_RE.test(`${x}.dlq`) && !subjects.includes(`${x}.dlq`)) subjects.push(`${x}.dlq`);
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
    const flows = flowsOf(ctx, b);
    const publish = new Map<RNode, string[]>();
    for (const f of flows.sends) {
      const r = resolve(ctx, f.edge, f.client);
      if (r) push(publish, r.client, f.channel);
    }
    const subscribe = new Map<RNode, string[]>();
    for (const f of flows.receives) {
      const r = resolve(ctx, f.edge, f.client);
      if (r) for (const x of f.channels) push(subscribe, r.client, x);
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

export function backoutName(q: string): string {
  const suffix = '.BACKOUT';
  return q.length + suffix.length <= 48 ? `${q}${suffix}` : `${q.slice(0, 48 - suffix.length)}${suffix}`;
}

const mqCache = new WeakMap<StackContext, Map<string, MqPlan>>();

export function mqPlan(ctx: StackContext, m: RNode): MqPlan {
  return memo(mqCache, ctx, m.id, () => {
    const flows = flowsOf(ctx, m);
    const names = flows.channels.filter((c) => c.kind === 'queue').map((c) => c.name);
    const put = new Map<RNode, string[]>();
    for (const f of flows.sends) {
      const r = resolve(ctx, f.edge, f.client);
      if (r) push(put, r.client, f.channel);
    }
    const get = new Map<RNode, string[]>();
    for (const f of flows.receives) {
      const r = resolve(ctx, f.edge, f.client);
      if (r) for (const x of f.channels) push(get, r.client, x);
    }
    // A queue named like another queue's backout queue is not given one of its own.
    const queues = names.filter((q) => !names.some((o) => o !== q && backoutName(o) === q)).map((q) => ({ name: q, backout: backoutName(q) }));
    return { broker: m, queues, put, get };
  });
}
