import type { Role } from '../catalog';
import type { Protocol } from '../model/types';
import { MESSAGING_PROTOCOLS } from '../model/types';
import { bool, items, num, str } from './props';
import type { Props } from './props';
import type { BrokerPlan, Channel, ChannelKind, Component, Flow, Publication, Subscription } from './types';

/**
 * What flows through each broker of a design, per protocol it hosts: its topics, exchanges,
 * queues and subjects (with their settings and their dead-letter and retry companions), who
 * publishes to which and who subscribes to which. Names left empty on a connection take the
 * defaults documented in `shared/catalog/edges.ts`, from the ends' service names:
 *
 * - Kafka: a producer writes `<producer>.events`; a CDC connector writes
 *   `<prefix>.<schema>.<table>` for every table it captures; a consumer reads every topic
 *   written into the broker (the broker's own `topics` first).
 * - RabbitMQ: a publisher sends to exchange `<producer>.events` with routing key `#`; a consumer
 *   binds queue `<consumer>.<exchange>` to every exchange (or one queue, when named, to all).
 * - MQTT: a publisher writes `<device>/telemetry`; a subscriber reads every topic written, or `#`.
 * - NATS: a publisher writes `<producer>.events`; a subscriber reads every subject written.
 * - JMS (IBM MQ): a producer puts to `<PRODUCER>.EVENTS`; a consumer gets every queue written.
 *
 * Consumers dead-letter by default (the connection's `deadLetter`, on unless switched off):
 * Kafka `<topic>.dlt`, RabbitMQ `<queue>.dlq` through the dead-letter exchange, NATS
 * `dlq.<subject>` (with JetStream only: core NATS keeps nothing), IBM MQ the backout queue
 * `<QUEUE>.BACKOUT`.
 */

export type MessagingProtocol = 'kafka' | 'amqp' | 'mqtt' | 'nats' | 'jms';

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const SUBJECT_RE = /^[A-Za-z0-9_>*-]+(\.[A-Za-z0-9_>*-]+)*$/;
const MQ_RE = /^[A-Z0-9._]{1,48}$/;
const MQTT_RE = /^[A-Za-z0-9/_+#.-]{1,200}$/;

/** Name of the dead-letter exchange of a RabbitMQ broker. */
export const RABBIT_DLX = 'topoforge.dlx';

/** Upper-case JMS queue name derived from a service name, as IBM MQ wants it. */
export function defaultJmsQueue(service: string): string {
  return `${service.toUpperCase().replace(/-/g, '_')}.EVENTS`.slice(0, 48);
}

/** IBM MQ's backout queue of `q` (at most 48 characters). */
export function backoutName(q: string): string {
  const suffix = '.BACKOUT';
  return q.length + suffix.length <= 48 ? `${q}${suffix}` : `${q.slice(0, 48 - suffix.length)}${suffix}`;
}

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

/** The tables a CDC connection captures, as `schema.table` (or `db.collection`). */
export interface CapturedTable {
  schema: string;
  table: string;
}

/** The change-data-capture connections that read database `db` (to its connector). */
export function cdcReadsOf(db: Component): Flow[] {
  return db.out.filter((f) => f.kind === 'cdc' && f.server === db && f.client !== undefined);
}

/**
 * Tables captured over a CDC connection from database `db`: those named on the connection, else
 * the database's own list, else those whose change topics consumers read by name (`hinted`),
 * else its transactional outbox table (which the stack creates).
 */
export function capturedTables(db: Component, cdc: Flow, hinted: readonly CapturedTable[] = []): CapturedTable[] {
  const defaultSchema = db.kind.tableNamespace === 'database' ? str(db.props, 'database') || 'app' : 'public';
  const parse = (s: string): CapturedTable | undefined => {
    const t = s.trim();
    if (!t || t.includes('*')) return undefined;
    const dot = t.indexOf('.');
    return dot > 0 ? { schema: t.slice(0, dot), table: t.slice(dot + 1) } : { schema: defaultSchema, table: t };
  };
  const fromEdge = str(cdc.props, 'tables')
    .split(',')
    .map(parse)
    .filter((t): t is CapturedTable => !!t);
  if (fromEdge.length > 0) return unique(fromEdge);
  const listed = [...(Array.isArray(db.props.tables) ? (db.props.tables as string[]) : []), ...(Array.isArray(db.props.collections) ? (db.props.collections as string[]) : [])]
    .map(parse)
    .filter((t): t is CapturedTable => !!t);
  if (listed.length > 0) return unique(listed);
  if (hinted.length > 0) return unique([...hinted]);
  return [{ schema: defaultSchema, table: 'outbox' }];
}

function unique(ts: CapturedTable[]): CapturedTable[] {
  const seen = new Set<string>();
  return ts.filter((t) => {
    const k = `${t.schema}.${t.table}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The topic prefix a CDC connector uses for database `db` among its `sources`. */
export function cdcPrefix(connector: Component, db: Component, sources: readonly Component[]): string {
  const base = str(connector.props, 'topicPrefix') || 'cdc';
  return sources.length <= 1 ? base : `${base}.${db.service}`;
}

/**
 * Roles of consumers that read a broker with an ingestion engine of their own (ClickHouse's
 * Kafka engine tables, Jaeger's Kafka ingester, the OTel Collector's Kafka receiver): they have no
 * hook to retry a message or park it in another channel, so they get no dead-letter channel.
 */
const INGESTS: readonly Role[] = ['database', 'trace-store', 'telemetry-pipeline'];

/** Whether a consumer can park what it fails to process: a consumer that runs code of its own can. */
export function canDeadLetter(consumer: Component): boolean {
  return !consumer.roles.some((r) => INGESTS.includes(r));
}

/** Whether a consumer connection keeps failed messages apart: on unless switched off, for consumers that can. */
export function deadLettersOf(f: Flow): boolean {
  return f.props.deadLetter !== false && canDeadLetter(f.to);
}

type MutableChannel = { -readonly [K in keyof Channel]: Channel[K] };

/** Plans of every broker of the design, in document order, one per protocol it hosts. */
export function messagingPlans(components: readonly Component[]): BrokerPlan[] {
  const out: BrokerPlan[] = [];
  for (const b of components) {
    if (!b.roles.includes('broker')) continue;
    for (const p of b.kind.hosts ?? []) if ((MESSAGING_PROTOCOLS as readonly Protocol[]).includes(p)) out.push(planOf(b, p as MessagingProtocol));
  }
  return out;
}

function planOf(b: Component, protocol: MessagingProtocol): BrokerPlan {
  // Flows into the broker carry what producers write; flows out of it what consumers read.
  const into = b.in.filter((f) => f.protocol === protocol && f.from !== b);
  const outOf = b.out.filter((f) => f.protocol === protocol && f.to !== b);
  const channels: MutableChannel[] = [];
  const byKey = new Map<string, MutableChannel>();
  const publications: Publication[] = [];
  const subscriptions: Subscription[] = [];
  const has = (name: string, kind: ChannelKind) => byKey.has(`${kind}\u0000${name}`);
  const add = (name: string, kind: ChannelKind, re: RegExp, extra: Partial<MutableChannel> = {}): boolean => {
    if (!re.test(name)) return false;
    const key = `${kind}\u0000${name}`;
    if (!byKey.has(key)) {
      const c: MutableChannel = { name, kind, listed: false, role: 'main', ...extra };
      channels.push(c);
      byKey.set(key, c);
    }
    return true;
  };
  const names = (kind: ChannelKind) => channels.filter((c) => c.kind === kind && c.role === 'main').map((c) => c.name);
  const text = (f: Flow, key: string) => str(f.props, key);
  const consumerBits = (f: Flow) => ({ retries: num(f.props, 'retries'), dead: deadLettersOf(f) });

  switch (protocol) {
    case 'kafka': {
      const defPartitions = num(b.props, 'defaultPartitions') || 3;
      const defRetention = num(b.props, 'retentionHours') || 168;
      const settings = (t?: Props): Partial<MutableChannel> => ({
        partitions: t ? num(t, 'partitions') || defPartitions : defPartitions,
        retentionHours: t ? num(t, 'retentionHours') || defRetention : defRetention,
        cleanupPolicy: t && str(t, 'cleanupPolicy') === 'compact' ? 'compact' : 'delete',
      });
      const listed = new Map<string, Props>();
      for (const t of items(b.props, 'topics')) {
        listed.set(str(t, 'name'), t);
        add(str(t, 'name'), 'topic', NAME_RE, { listed: true, ...settings(t) });
      }
      for (const f of into) {
        const explicit = text(f, 'topic');
        if (!explicit && f.from.roles.includes('cdc-connector')) {
          // A CDC connector writes one topic per captured table of each database it reads.
          const sources = f.from.in.filter((c) => c.protocol === 'cdc' && c.to === f.from).map((c) => c.from);
          for (const cdc of f.from.in.filter((c) => c.protocol === 'cdc' && c.to === f.from)) {
            const prefix = cdcPrefix(f.from, cdc.from, sources);
            // Topics consumers read by name tell which tables are captured when nothing else does.
            const hinted = outOf
              .map((o) => text(o, 'topic'))
              .filter((t) => t.startsWith(`${prefix}.`) && t.slice(prefix.length + 1).includes('.'))
              .map((t) => {
                const rest = t.slice(prefix.length + 1);
                const dot = rest.indexOf('.');
                return { schema: rest.slice(0, dot), table: rest.slice(dot + 1) };
              });
            for (const t of capturedTables(cdc.from, cdc, hinted)) {
              const topic = `${prefix}.${t.schema}.${t.table}`;
              if (add(topic, 'topic', NAME_RE, settings(listed.get(topic)))) publications.push({ flow: f, client: f.from, channel: topic, cdc: { database: cdc.from, table: `${t.schema}.${t.table}` } });
            }
          }
          continue;
        }
        // A schema registry names its own topic; a broker mirroring into this one writes every topic.
        if (!explicit && (f.from.roles.includes('schema-registry') || f.from.roles.includes('broker'))) continue;
        const topic = explicit || `${f.from.service}.events`;
        if (add(topic, 'topic', NAME_RE, settings(listed.get(topic)))) publications.push({ flow: f, client: f.from, channel: topic });
      }
      const written = names('topic');
      for (const f of outOf) {
        const explicit = text(f, 'topic');
        if (explicit) add(explicit, 'topic', NAME_RE, settings(listed.get(explicit)));
        const read = explicit ? [explicit] : [...written];
        const { retries, dead } = consumerBits(f);
        subscriptions.push({ flow: f, client: f.to, channels: read, group: text(f, 'consumerGroup') || f.to.service, deadLetter: dead ? read.map((t) => `${t}.dlt`) : [], retries, retry: [] });
      }
      // Dead-letter topics: asked by a consumer, or by the topic's own setting.
      const asked = new Set<string>();
      for (const sub of subscriptions) for (const d of sub.deadLetter) asked.add(d);
      for (const c of [...channels]) {
        const wanted = asked.has(`${c.name}.dlt`) || (listed.get(c.name) !== undefined && bool(listed.get(c.name)!, 'deadLetter'));
        if (!wanted || has(`${c.name}.dlt`, 'topic')) continue;
        add(`${c.name}.dlt`, 'topic', NAME_RE, { partitions: c.partitions, retentionHours: Math.max(c.retentionHours ?? defRetention, defRetention), cleanupPolicy: 'delete', role: 'dead-letter', serves: c.name });
      }
      return { broker: b, protocol, channels, publications, subscriptions };
    }
    case 'amqp': {
      const listedEx = new Map<string, Props>();
      for (const x of items(b.props, 'exchanges')) {
        listedEx.set(str(x, 'name'), x);
        add(str(x, 'name'), 'exchange', NAME_RE, { listed: true, exchangeType: str(x, 'type') || 'topic', durable: x.durable !== false });
      }
      const listedQ = new Map<string, Props>();
      for (const q of items(b.props, 'queues')) listedQ.set(str(q, 'name'), q);
      for (const [name, q] of listedQ) add(name, 'queue', NAME_RE, queueSettings(q, true));
      for (const f of into) {
        const ex = text(f, 'exchange') || `${f.from.service}.events`;
        if (add(ex, 'exchange', NAME_RE, { exchangeType: 'topic', durable: true })) publications.push({ flow: f, client: f.from, channel: ex, routingKey: text(f, 'routingKey') || '#' });
      }
      const bindings: Array<{ source: string; destination: string; routingKey: string }> = [];
      const want = new Map<string, { dead: boolean; retryDelayMs: number }>();
      for (const [name, q] of listedQ) want.set(name, { dead: bool(q, 'deadLetter'), retryDelayMs: num(q, 'retryDelayMs') });
      const pending: Array<{ f: Flow; queue: string; exchanges: string[]; routingKey: string }> = [];
      for (const f of outOf) {
        const explicitEx = text(f, 'exchange');
        if (explicitEx) add(explicitEx, 'exchange', NAME_RE, { exchangeType: 'topic', durable: true });
        const sources = explicitEx ? [explicitEx] : names('exchange');
        const explicitQ = text(f, 'queue');
        const routingKey = text(f, 'routingKey') || '#';
        const pairs = explicitQ ? [{ queue: explicitQ, exchanges: sources }] : sources.length > 0 ? sources.map((x) => ({ queue: `${f.to.service}.${x}`, exchanges: [x] })) : [{ queue: f.to.service, exchanges: [] as string[] }];
        for (const p of pairs) {
          if (!add(p.queue, 'queue', NAME_RE, queueSettings(listedQ.get(p.queue), false))) continue;
          const w = want.get(p.queue) ?? { dead: false, retryDelayMs: 0 };
          if (deadLettersOf(f)) w.dead = true;
          if (num(f.props, 'retries') > 0 && w.retryDelayMs === 0) w.retryDelayMs = 5000;
          want.set(p.queue, w);
          pending.push({ f, queue: p.queue, exchanges: p.exchanges, routingKey });
        }
      }
      for (const p of pending) {
        for (const x of p.exchanges) {
          // '#' means "everything" only to topic exchanges: on a direct exchange, bind the keys its publishers use.
          let keys = [p.routingKey];
          if (keys[0] === '#' && byKey.get(`exchange\u0000${x}`)?.exchangeType === 'direct') {
            const published = publications.filter((s) => s.channel === x && s.routingKey && s.routingKey !== '#').map((s) => s.routingKey!);
            if (published.length > 0) keys = [...new Set(published)];
          }
          for (const key of keys) if (!bindings.some((bd) => bd.source === x && bd.destination === p.queue && bd.routingKey === key)) bindings.push({ source: x, destination: p.queue, routingKey: key });
        }
        const w = want.get(p.queue)!;
        subscriptions.push({
          flow: p.f,
          client: p.f.to,
          channels: [p.queue],
          boundTo: p.exchanges,
          routingKey: p.routingKey,
          prefetch: num(p.f.props, 'prefetch') || 10,
          deadLetter: w.dead ? [`${p.queue}.dlq`] : [],
          retries: num(p.f.props, 'retries'),
          retry: w.retryDelayMs > 0 ? [`${p.queue}.retry`] : [],
        });
      }
      let dlx = false;
      for (const q of channels.filter((c) => c.kind === 'queue' && c.role === 'main')) {
        const w = want.get(q.name);
        if (w?.dead) {
          dlx = true;
          if (!has(`${q.name}.dlq`, 'queue')) {
            add(`${q.name}.dlq`, 'queue', NAME_RE, { durable: true, role: 'dead-letter', serves: q.name });
            bindings.push({ source: RABBIT_DLX, destination: `${q.name}.dlq`, routingKey: q.name });
          }
        }
        if (w && w.retryDelayMs > 0 && !has(`${q.name}.retry`, 'queue')) add(`${q.name}.retry`, 'queue', NAME_RE, { durable: true, role: 'retry', serves: q.name, messageTtlMs: w.retryDelayMs });
      }
      if (dlx && !has(RABBIT_DLX, 'exchange')) add(RABBIT_DLX, 'exchange', NAME_RE, { exchangeType: 'direct', durable: true, role: 'dead-letter' });
      return { broker: b, protocol, channels, publications, subscriptions, vhost: str(b.props, 'vhost') || '/', bindings, ...(dlx ? { deadLetterExchange: RABBIT_DLX } : {}) };
    }
    case 'mqtt': {
      for (const f of into) {
        const t = text(f, 'topic') || `${f.from.service}/telemetry`;
        if (add(t, 'topic', MQTT_RE)) publications.push({ flow: f, client: f.from, channel: t });
      }
      const written = names('topic');
      for (const f of outOf) {
        const t = text(f, 'topic');
        const list = t ? [t] : written.length > 0 ? [...written] : ['#'];
        for (const x of list) add(x, 'topic', MQTT_RE);
        // MQTT has no dead-letter of its own: a consumer that cannot process a message logs it.
        subscriptions.push({ flow: f, client: f.to, channels: list, deadLetter: [], retries: 0, retry: [] });
      }
      return { broker: b, protocol, channels, publications, subscriptions };
    }
    case 'nats': {
      for (const s of Array.isArray(b.props.subjects) ? (b.props.subjects as string[]) : []) add(s, 'subject', SUBJECT_RE, { listed: true });
      for (const f of into) {
        const s = text(f, 'subject') || `${f.from.service}.events`;
        if (add(s, 'subject', SUBJECT_RE)) publications.push({ flow: f, client: f.from, channel: s });
      }
      const written = names('subject');
      for (const f of outOf) {
        const s = text(f, 'subject');
        if (s) add(s, 'subject', SUBJECT_RE);
        const read = s ? [s] : [...written];
        const { retries, dead: asked } = consumerBits(f);
        // Core NATS (JetStream off) keeps nothing: a failed message cannot be set aside, so no
        // dead-letter subject is claimed (nothing would hold what is published there).
        const dead = asked && b.props.jetstream !== false;
        // `dlq.<subject>` (a prefix, not a suffix): a consumer of a wildcard such as `prices.>`
        // must not read its own dead letters back. A wildcard read gets a wildcard dead-letter
        // subject (`dlq.prices.>`), which the stream captures.
        const dlq = dead ? read.map((x) => `dlq.${x}`).filter((x) => SUBJECT_RE.test(x)) : [];
        for (const d of dlq) add(d, 'subject', SUBJECT_RE, { role: 'dead-letter', serves: d.slice(4) });
        subscriptions.push({ flow: f, client: f.to, channels: read, group: f.to.service, deadLetter: dlq, retries, retry: [] });
      }
      return { broker: b, protocol, channels, publications, subscriptions };
    }
    case 'jms': {
      for (const q of Array.isArray(b.props.queues) ? (b.props.queues as string[]) : []) add(q, 'queue', MQ_RE, { listed: true });
      for (const f of into) {
        const q = text(f, 'queue') || defaultJmsQueue(f.from.service);
        if (add(q, 'queue', MQ_RE)) publications.push({ flow: f, client: f.from, channel: q });
      }
      const written = names('queue');
      for (const f of outOf) {
        const q = text(f, 'queue');
        if (q) add(q, 'queue', MQ_RE);
        const read = q ? [q] : [...written];
        const { retries, dead } = consumerBits(f);
        subscriptions.push({ flow: f, client: f.to, channels: read, deadLetter: dead ? read.map(backoutName) : [], retries: retries || Math.max(0, num(b.props, 'backoutThreshold') - 1), retry: [] });
      }
      // Every queue gets its backout queue (a queue named like another's backout queue is not given one).
      const mains = names('queue');
      for (const q of mains) {
        if (mains.some((o) => o !== q && backoutName(o) === q)) continue;
        add(backoutName(q), 'queue', MQ_RE, { role: 'dead-letter', serves: q });
      }
      return { broker: b, protocol, channels, publications, subscriptions };
    }
  }
}

function queueSettings(q: Props | undefined, listed: boolean): Partial<MutableChannel> {
  return {
    listed,
    durable: q ? q.durable !== false : true,
    ...(q && num(q, 'messageTtlMs') > 0 ? { messageTtlMs: num(q, 'messageTtlMs') } : {}),
    ...(q && num(q, 'maxLength') > 0 ? { maxLength: num(q, 'maxLength') } : {}),
  };
}
