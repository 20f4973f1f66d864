import type { KindDef } from '../../catalog';
import type { Diagnostic, Protocol } from '../../model/types';
import type { BrokerPlan, Subscription } from '../../resolve';
import { KAFKA_MSGS_PER_PARTITION, RABBITMQ_QUEUE_MAX_MSGS } from '../assumptions';
import type { EdgeInfo, Index, NodeInfo } from '../context';
import { edgeBool, edgeNum, edgePath, edgeStr, edgesWith, makeDiagnostic, nodePath, nodeProp, nodesWhere, nodeStr } from '../context';
import { fewText, listText, num } from '../format';
import { MESSAGING } from '../../catalog';

/** Brokers, topics and queues: who publishes, who consumes, dead letters, capacity. */
export function messagingRules(index: Index, out: Diagnostic[]): void {
  const throughput = requiredTps(index);
  const registryNeighbours = schemaRegistryNeighbourhood(index);
  for (let bI = 0, bL = nodesWhere(index, isBrokerKind); bI < bL.length; bI++) {
    const b = bL[bI]!;
    if (b.kind?.category !== 'broker') continue;
    const proto = b.kind.accepts[0];
    if (!proto || !MESSAGING.has(proto)) continue;
    const producers = b.flowIn.filter((e) => e.protocol === proto && !e.source!.kind?.roles.includes('schema-registry'));
    const consumers = b.flowOut.filter((e) => e.protocol === proto);
    channels(index, b, proto, producers, consumers, out);
    consumerGroups(b, proto, consumers, out);
    if (proto === 'kafka') {
      kafkaCapacity(index, b, producers, throughput, out);
      schemaRegistry(b, registryNeighbours, out);
    }
    if (proto === 'amqp') {
      rabbitCapacity(index, b, producers, consumers, throughput, out);
      rabbitQueueRetries(index, b, out);
    }
  }
  consumerRetries(index, out);
  idempotentConsumers(index, out);
  debeziumOutput(index, out);
}

function isBrokerKind(k: KindDef): boolean {
  return k.category === 'broker';
}

export function requiredTps(index: Index): number | undefined {
  const t = index.doc.requirements?.throughputTps;
  return typeof t === 'number' && Number.isFinite(t) && t > 0 ? t : undefined;
}

// ── Channels: topics, exchanges, subjects, queues ─────────────────────────────────────────

const WORD: Partial<Record<Protocol, { one: string; field: string; key: string }>> = {
  kafka: { one: 'topic', field: 'Topic', key: 'topic' },
  amqp: { one: 'exchange', field: 'Exchange', key: 'exchange' },
  nats: { one: 'subject', field: 'Subject', key: 'subject' },
  mqtt: { one: 'topic', field: 'Topic', key: 'topic' },
  jms: { one: 'queue', field: 'Queue', key: 'queue' },
};

/** A broker's resolved plan for one protocol, with what each of its connections publishes and reads. */
interface PlanOf {
  plan: BrokerPlan;
  /** Channels written, by connection (index in the document), in the plan's order. */
  published: Map<number, string[]>;
  /** The first subscription of each consumer connection. */
  subscription: Map<number, Subscription>;
}

const planLookups = new WeakMap<Index, Map<Protocol, Map<string, PlanOf>>>();

/**
 * The resolved messaging plan of broker `brokerId` for `proto` (the first one, as a search of the
 * list in order finds it). The plans are looked up by broker once per validation: a search of
 * every plan for each broker and producer grew with the square of the design.
 */
function planOf(index: Index, brokerId: string | undefined, proto: Protocol): PlanOf | undefined {
  let byProtocol = planLookups.get(index);
  if (!byProtocol) {
    byProtocol = new Map();
    for (const plan of index.resolved.messaging) {
      let byBroker = byProtocol.get(plan.protocol);
      if (!byBroker) byProtocol.set(plan.protocol, (byBroker = new Map()));
      if (byBroker.has(plan.broker.id)) continue;
      const published = new Map<number, string[]>();
      for (const pub of plan.publications) {
        const list = published.get(pub.flow.index);
        if (list) list.push(pub.channel);
        else published.set(pub.flow.index, [pub.channel]);
      }
      const subscription = new Map<number, Subscription>();
      for (const sub of plan.subscriptions) if (!subscription.has(sub.flow.index)) subscription.set(sub.flow.index, sub);
      byBroker.set(plan.broker.id, { plan, published, subscription });
    }
    planLookups.set(index, byProtocol);
  }
  return brokerId === undefined ? undefined : byProtocol.get(proto)?.get(brokerId);
}

/** The channels a producer connection writes on broker `b`, as the resolved model names them. */
function published(index: Index, b: NodeInfo, proto: Protocol, e: EdgeInfo): readonly string[] {
  return planOf(index, b.id, proto)?.published.get(e.index) ?? [];
}

function isPattern(proto: Protocol, filter: string): boolean {
  if (proto === 'nats') return /(^|\.)(\*|>)(\.|$)/.test(filter);
  if (proto === 'mqtt') return /(^|\/)(\+|#)(\/|$)/.test(filter);
  return false;
}

/** Whether a subscription filter takes a published name (NATS `*` `>`, MQTT `+` `#`). */
function matches(proto: Protocol, filter: string, name: string): boolean {
  if (proto === 'nats') return tokensMatch(filter.split('.'), name.split('.'), '*', '>');
  if (proto === 'mqtt') return tokensMatch(filter.split('/'), name.split('/'), '+', '#');
  return filter === name;
}

function tokensMatch(f: string[], n: string[], one: string, rest: string): boolean {
  for (let i = 0; i < f.length; i++) {
    if (f[i] === rest) return n.length >= (rest === '#' ? i : i + 1);
    if (i >= n.length) return false;
    if (f[i] !== one && f[i] !== n[i]) return false;
  }
  return f.length === n.length;
}

function channels(index: Index, b: NodeInfo, proto: Protocol, producers: EdgeInfo[], consumers: EdgeInfo[], out: Diagnostic[]): void {
  if (producers.length === 0 && consumers.length === 0) return;
  const w = WORD[proto]!;
  const mirrorIn = producers.some((e) => e.source!.kind?.category === 'broker');

  if (consumers.length === 0) {
    const names = uniqueNodes(producers.map((e) => e.source!));
    out.push(
      makeDiagnostic(
        'TF302',
        `${b.name} receives messages from ${fewText(names.map((n) => n.name))}, but nothing consumes from it`,
        `Draw ${b.name} → the component that should read them (e.g. a Worker); unread messages pile up until retention drops them.`,
        [b.id, ...names.map((n) => n.id)],
        producers.map((e) => e.id),
        nodePath(b),
      ),
    );
    return;
  }
  if (producers.length === 0) {
    const names = uniqueNodes(consumers.map((e) => e.sink!));
    out.push(
      makeDiagnostic(
        'TF303',
        `${b.name} has consumers (${fewText(names.map((n) => n.name))}) but nothing publishes to it`,
        `Draw the component that produces the messages → ${b.name}, or remove the consumers' connections.`,
        [b.id, ...names.map((n) => n.id)],
        consumers.map((e) => e.id),
        nodePath(b),
      ),
    );
    return;
  }

  // What each producer writes: the resolved model's publications (the names the stack creates).
  const plan = planOf(index, b.id, proto)?.plan;
  const producerByIndex = new Map<number, EdgeInfo>();
  for (const e of producers) producerByIndex.set(e.index, e);
  const produced = new Map<string, { name: string; edges: EdgeInfo[] }>();
  for (const pub of plan?.publications ?? []) {
    const e = producerByIndex.get(pub.flow.index);
    if (!e || e.source!.kind?.category === 'broker') continue; // a mirror publishes everything
    const p = produced.get(pub.channel);
    if (p) {
      if (!p.edges.includes(e)) p.edges.push(e);
    } else produced.set(pub.channel, { name: pub.channel, edges: [e] });
  }

  let allConsumed = false;
  const exact = new Set<string>();
  const patterns: string[] = [];
  for (let eI = 0, eL = consumers; eI < eL.length; eI++) {
    const e = eL[eI]!;
    const f = e.sink!.kind?.category === 'broker' ? '' : edgeStr(e, w.key);
    if (!f) allConsumed = true;
    else if (isPattern(proto, f)) patterns.push(f);
    else exact.add(f);
  }

  if (!allConsumed) {
    for (const p of produced.values()) {
      const read = exact.has(p.name) || patterns.some((f) => matches(proto, f, p.name));
      if (read) continue;
      const who = uniqueNodes(p.edges.map((e) => e.source!));
      const label = `${w.one} ${p.name}`;
      out.push(
        makeDiagnostic(
          'TF302',
          `${capital(label)} on ${b.name} gets messages from ${fewText(who.map((n) => n.name))}, but no consumer reads it`,
          `Add a consumer: draw ${b.name} → the reader and set its ${w.field} to ${p.name} (or leave it empty to read everything), or point the producer at a ${w.one} that is read.`,
          [b.id, ...who.map((n) => n.id)],
          p.edges.map((e) => e.id),
          edgePath(p.edges[0]!, `props.${w.key}`),
        ),
      );
    }
  }

  if (mirrorIn) return;
  const names = [...produced.keys()];
  const nameSet = new Set(names);
  for (let eI = 0, eL = consumers; eI < eL.length; eI++) {
    const e = eL[eI]!;
    if (e.sink!.kind?.category === 'broker') continue;
    const f = edgeStr(e, w.key);
    if (!f) continue;
    const fed = nameSet.has(f) || (isPattern(proto, f) && names.some((n) => matches(proto, f, n)));
    if (fed) continue;
    out.push(
      makeDiagnostic(
        'TF303',
        `${e.sink!.name} reads ${w.one} ${f} on ${b.name}, but nothing publishes to it`,
        `Publish to ${f} (draw the producer → ${b.name} with ${w.field} ${f}), or set this connection's ${w.field} to one that is published${names.length ? `: ${fewText(names)}` : ''}.`,
        [e.sink!.id, b.id],
        [e.id],
        edgePath(e, `props.${w.key}`),
      ),
    );
  }
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function uniqueNodes(list: NodeInfo[]): NodeInfo[] {
  const seen = new Set<NodeInfo>();
  const outList: NodeInfo[] = [];
  for (let nI = 0, nL = list; nI < nL.length; nI++) {
    const n = nL[nI]!;
    if (!seen.has(n)) outList.push(n);
    seen.add(n);
  }
  return outList;
}

// ── Consumer groups ─────────────────────────────────────────────────────────────────────

function consumerGroups(b: NodeInfo, proto: Protocol, consumers: EdgeInfo[], out: Diagnostic[]): void {
  if (proto !== 'kafka') return;
  const groups = new Map<string, EdgeInfo[]>();
  for (let eI = 0, eL = consumers; eI < eL.length; eI++) {
    const e = eL[eI]!;
    const g = edgeStr(e, 'consumerGroup');
    if (!g) continue;
    const list = groups.get(g);
    if (list) list.push(e);
    else groups.set(g, [e]);
  }
  for (const [g, edges] of groups) {
    const who = uniqueNodes(edges.map((e) => e.sink!));
    if (who.length < 2) continue;
    out.push(
      makeDiagnostic(
        'TF307',
        `${listText(who.map((n) => n.name))} share the consumer group ${g} on ${b.name}: each message goes to only one of them`,
        'Give each consumer its own group (leave it empty to use the consumer\'s id). A group is shared only by instances of one service; use Replicas for that.',
        who.map((n) => n.id).concat(b.id),
        edges.map((e) => e.id),
        edgePath(edges[1]!, 'props.consumerGroup'),
      ),
    );
  }
}

// ── Dead letters ────────────────────────────────────────────────────────────────────────

/** Protocols whose consumer side has retries and a dead-letter switch. */
const CONSUMER_SIDE = new Set<Protocol>(['kafka', 'amqp', 'nats', 'jms', 'sftp']);

function listItems(n: NodeInfo, key: string): Record<string, unknown>[] {
  const v = nodeProp(n, key);
  return Array.isArray(v) ? (v.filter((x) => x && typeof x === 'object' && !Array.isArray(x)) as Record<string, unknown>[]) : [];
}

/** The connection's consumer has dead-letter channels in the resolved messaging plan. */
function deadLettered(index: Index, e: EdgeInfo): boolean {
  const sub = e.protocol ? planOf(index, e.source?.id, e.protocol)?.subscription.get(e.index) : undefined;
  return sub !== undefined && sub.deadLetter.length > 0;
}

function consumerRetries(index: Index, out: Diagnostic[]): void {
  for (let eI = 0, eL = edgesWith(index, CONSUMER_SIDE); eI < eL.length; eI++) {
    const e = eL[eI]!;
    if (!e.protocol || !CONSUMER_SIDE.has(e.protocol)) continue;
    const from = e.source!;
    const isConsumerSide = e.protocol === 'sftp' ? (from.kind?.hosts ?? []).includes('sftp') : from.kind?.category === 'broker';
    if (!isConsumerSide || e.sink!.kind?.category === 'broker') continue;
    const retries = edgeNum(e, 'retries');
    if (retries <= 0 || edgeBool(e, 'deadLetter')) continue;
    // Dead-lettering is on unless switched off: what the stack sets aside is the resolved model's.
    const sub = e.protocol === 'sftp' ? undefined : deadLettered(index, e);
    if (sub) continue;
    let where = 'dead-letter queue';
    if (e.protocol === 'kafka') {
      const topic = edgeStr(e, 'topic');
      if (topic && listItems(from, 'topics').some((t) => t.name === topic && t.deadLetter === true)) continue;
      where = 'dead-letter topic';
    } else if (e.protocol === 'amqp') {
      const queue = edgeStr(e, 'queue') || `${e.sink!.id}.${edgeStr(e, 'exchange') || 'events'}`;
      if (listItems(from, 'queues').some((q) => q.name === queue && q.deadLetter === true)) continue;
    } else if (e.protocol === 'sftp') {
      where = 'dead-letter folder';
    }
    out.push(
      makeDiagnostic(
        'TF304',
        `${e.sink!.name} retries messages from ${from.name} ${retries} time${retries === 1 ? '' : 's'}, but a message that keeps failing has nowhere to go (no ${where})`,
        `Turn on Dead-letter on this connection${e.protocol === 'kafka' ? ' (or on the topic under Kafka → Topics)' : e.protocol === 'amqp' ? ' (or on the queue under RabbitMQ → Queues)' : ''}, so a poison message is set aside instead of blocking the ${e.protocol === 'kafka' ? 'partition' : 'queue'} or being lost.`,
        [e.sink!.id, from.id],
        [e.id],
        edgePath(e, 'props.deadLetter'),
      ),
    );
  }
}

function rabbitQueueRetries(index: Index, b: NodeInfo, out: Diagnostic[]): void {
  const raw = b.node.props?.queues;
  if (!Array.isArray(raw)) return;
  raw.forEach((q: unknown, i: number) => {
    if (!q || typeof q !== 'object') return;
    const item = q as Record<string, unknown>;
    const delay = typeof item.retryDelayMs === 'number' ? item.retryDelayMs : 0;
    if (delay <= 0 || item.deadLetter === true) return;
    // A consumer of the queue dead-letters it (the default): the stack binds its dead-letter queue.
    const name = typeof item.name === 'string' ? item.name : undefined;
    if (name && planOf(index, b.id, 'amqp')?.plan.subscriptions.some((s) => s.channels.includes(name) && s.deadLetter.length > 0)) return;
    out.push(
      makeDiagnostic(
        'TF304',
        `Queue ${typeof item.name === 'string' ? item.name : i + 1} on ${b.name} redelivers failed messages after ${num(delay)} ms, but has no dead-letter queue`,
        'Turn on Dead-letter queue for it, so a message that keeps failing is set aside instead of cycling forever.',
        [b.id],
        [],
        nodePath(b, `props.queues[${i}].deadLetter`),
      ),
    );
  });
}

// ── Idempotency ─────────────────────────────────────────────────────────────────────────

function redelivers(broker: NodeInfo, e: EdgeInfo): boolean {
  // A broker with a delivery guarantee of its own (Kafka's) redelivers unless it is at most once.
  const delivery = nodeStr(broker, 'delivery');
  if (delivery) return delivery !== 'at-most-once';
  if (e.protocol === 'mqtt') return (edgeStr(e, 'qos') || nodeStr(broker, 'qos')) !== '0';
  return true;
}

function idempotentConsumers(index: Index, out: Diagnostic[]): void {
  // Only a component fed over a messaging protocol can be told off: look at those.
  const fed: NodeInfo[] = [];
  const seen = new Set<NodeInfo>();
  for (const e of edgesWith(index, MESSAGING)) {
    const n = e.sink;
    if (!n || seen.has(n) || n.node.props?.idempotent !== false) continue;
    seen.add(n);
    fed.push(n);
  }
  fed.sort((a, b) => a.pos - b.pos);
  for (let nI = 0, nL = fed; nI < nL.length; nI++) {
    const n = nL[nI]!;
    if (n.node.props?.idempotent !== false) continue;
    const from = n.flowIn.filter((e) => e.protocol && MESSAGING.has(e.protocol) && e.source!.kind?.category === 'broker' && redelivers(e.source!, e));
    if (from.length === 0) continue;
    const brokers = uniqueNodes(from.map((e) => e.source!));
    out.push(
      makeDiagnostic(
        'TF311',
        `${n.name} isn't idempotent, but ${listText(brokers.map((x) => x.name))} may deliver a message twice (at-least-once)`,
        `Make ${n.name} safe to run twice on the same message (e.g. remember processed message ids) and turn Idempotent on, or choose at-most-once delivery if losing a message is acceptable.`,
        [n.id, ...brokers.map((x) => x.id)],
        from.map((e) => e.id),
        nodePath(n, 'props.idempotent'),
      ),
    );
  }
}

// ── Debezium ────────────────────────────────────────────────────────────────────────────

function isCdcConnector(k: KindDef): boolean {
  return k.roles.includes('cdc-connector');
}

function isSchemaRegistry(k: KindDef): boolean {
  return k.roles.includes('schema-registry');
}

function debeziumOutput(index: Index, out: Diagnostic[]): void {
  for (let nI = 0, nL = nodesWhere(index, isCdcConnector); nI < nL.length; nI++) {
    const n = nL[nI]!;
    if (!n.kind || !isCdcConnector(n.kind)) continue;
    const sources = n.flowIn.filter((e) => e.protocol === 'cdc');
    if (sources.length === 0) continue; // nothing captured: TF308
    if (n.flowOut.some((e) => e.protocol === 'kafka') || n.out.some((e) => e.protocol === undefined)) continue;
    out.push(
      makeDiagnostic(
        'TF313',
        `${n.name} captures changes from ${listText(uniqueNodes(sources.map((e) => e.source!)).map((s) => s.name))} but writes them nowhere: it needs a Kafka`,
        `Draw ${n.name} → Kafka; the change topics are named ${nodeStr(n, 'topicPrefix') || 'cdc'}.<schema>.<table>.`,
        [n.id],
        sources.map((e) => e.id),
        nodePath(n),
      ),
    );
  }
}

// ── Schema registry ─────────────────────────────────────────────────────────────────────

function schemaRegistryNeighbourhood(index: Index): Set<NodeInfo> {
  const near = new Set<NodeInfo>();
  for (let nI = 0, nL = nodesWhere(index, isSchemaRegistry); nI < nL.length; nI++) {
    const n = nL[nI]!;
    if (!n.kind || !isSchemaRegistry(n.kind)) continue;
    near.add(n);
    for (const e of n.out) if (e.to) near.add(e.to);
    for (const e of n.in) if (e.from) near.add(e.from);
  }
  return near;
}

function schemaRegistry(b: NodeInfo, near: Set<NodeInfo>, out: Diagnostic[]): void {
  const format = nodeStr(b, 'serialization');
  if (format !== 'avro' && format !== 'protobuf') return;
  if (near.has(b)) return;
  for (const e of b.out) if (e.to && near.has(e.to)) return;
  for (const e of b.in) if (e.from && near.has(e.from)) return;
  const formatName = format === 'avro' ? 'Avro' : 'Protobuf';
  out.push(
    makeDiagnostic(
      'TF505',
      `${b.name} carries ${formatName} records, but no Schema Registry is wired to it or its clients`,
      `Add a Schema Registry and connect it to ${b.name} (Schema Registry → Kafka), so producers and consumers share the schemas and incompatible changes are refused; or set Serialization to json.`,
      [b.id],
      [],
      nodePath(b, 'props.serialization'),
    ),
  );
}

// ── Capacity ────────────────────────────────────────────────────────────────────────────

function kafkaCapacity(index: Index, b: NodeInfo, producers: EdgeInfo[], required: number | undefined, out: Diagnostic[]): void {
  const defaultPartitions = nodeProp(b, 'defaultPartitions');
  const defParts = typeof defaultPartitions === 'number' && defaultPartitions >= 1 ? defaultPartitions : 1;
  const declared = new Map<string, { partitions: number; index: number }>();
  const raw = b.node.props?.topics;
  if (Array.isArray(raw)) {
    raw.forEach((t: unknown, i: number) => {
      if (!t || typeof t !== 'object') return;
      const item = t as Record<string, unknown>;
      if (typeof item.name !== 'string' || !item.name || declared.has(item.name)) return;
      const p = typeof item.partitions === 'number' && item.partitions >= 1 ? item.partitions : defParts;
      declared.set(item.name, { partitions: p, index: i });
    });
  }
  const topics = new Map<string, EdgeInfo[]>();
  for (let eI = 0, eL = producers; eI < eL.length; eI++) {
    const e = eL[eI]!;
    if (e.source!.kind?.category === 'broker') continue;
    for (const name of published(index, b, 'kafka', e)) {
      const list = topics.get(name);
      if (list) list.push(e);
      else topics.set(name, [e]);
    }
  }
  for (const name of declared.keys()) if (!topics.has(name)) topics.set(name, []);

  for (const [name, edges] of topics) {
    let load = 0;
    for (const e of edges) load += edgeNum(e, 'tps');
    const fromEdges = load > 0;
    if (!fromEdges) load = required ?? 0;
    if (load <= 0) continue;
    const item = declared.get(name);
    const partitions = item ? item.partitions : defParts;
    const capacity = partitions * KAFKA_MSGS_PER_PARTITION;
    if (load <= capacity) continue;
    const need = Math.ceil(load / KAFKA_MSGS_PER_PARTITION);
    const who = uniqueNodes(edges.map((e) => e.source!));
    out.push(
      makeDiagnostic(
        'TF402',
        `Topic ${name} on ${b.name} has ${partitions} partition${partitions === 1 ? '' : 's'}: about ${num(capacity)} msg/s for a consumer group (at ~${num(KAFKA_MSGS_PER_PARTITION)} msg/s per partition), under the ${num(load)} TPS ${fromEdges ? 'its producers send' : 'the requirements ask for'}`,
        `Raise its partitions to at least ${need} (${item ? 'Kafka → Topics' : 'add it under Kafka → Topics, or raise Default partitions'}) and run up to that many consumer instances.`,
        [b.id, ...who.map((n) => n.id)],
        edges.map((e) => e.id),
        item ? nodePath(b, `props.topics[${item.index}].partitions`) : nodePath(b, 'props.defaultPartitions'),
      ),
    );
  }
}

function rabbitCapacity(index: Index, b: NodeInfo, producers: EdgeInfo[], consumers: EdgeInfo[], required: number | undefined, out: Diagnostic[]): void {
  if (consumers.length === 0) return;
  const byExchange = new Map<string, number>();
  for (let eI = 0, eL = producers; eI < eL.length; eI++) {
    const e = eL[eI]!;
    for (const name of published(index, b, 'amqp', e)) byExchange.set(name, (byExchange.get(name) ?? 0) + edgeNum(e, 'tps'));
  }
  const exchangeLoad = (x: string): number => {
    const v = byExchange.get(x);
    if (v === undefined) return 0;
    return v > 0 ? v : (required ?? 0);
  };
  let total = 0;
  for (const x of byExchange.keys()) total += exchangeLoad(x);

  const queues = new Map<string, { load: number; edges: EdgeInfo[] }>();
  for (let eI = 0, eL = consumers; eI < eL.length; eI++) {
    const e = eL[eI]!;
    if (e.sink!.kind?.category === 'broker') continue;
    const x = edgeStr(e, 'exchange');
    const q = edgeStr(e, 'queue') || `${e.sink!.id}.${x || 'events'}`;
    const load = x ? exchangeLoad(x) : total;
    const entry = queues.get(q);
    if (entry) {
      entry.load = Math.max(entry.load, load);
      entry.edges.push(e);
    } else queues.set(q, { load, edges: [e] });
  }
  for (const [q, { load, edges }] of queues) {
    if (load <= RABBITMQ_QUEUE_MAX_MSGS) continue;
    const who = uniqueNodes(edges.map((e) => e.sink!));
    out.push(
      makeDiagnostic(
        'TF403',
        `Queue ${q} on ${b.name} would carry about ${num(load)} msg/s; a single RabbitMQ queue tops out around ${num(RABBITMQ_QUEUE_MAX_MSGS)} msg/s`,
        'Spread the load over several queues (a consistent-hash exchange, or a queue per consumer instance), use a RabbitMQ stream, or carry this flow on Kafka with enough partitions.',
        [b.id, ...who.map((n) => n.id)],
        edges.map((e) => e.id),
        edgePath(edges[0]!, 'props.queue'),
      ),
    );
  }
}

