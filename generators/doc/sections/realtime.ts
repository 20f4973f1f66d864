import type { Ctx, Resolver } from '../context';
import { components, filled, names, nodeName, num, open, str } from '../context';
import { consumers, scrapes, slowestSyncPath } from '../facts';
import { andList, code, md } from '../markdown';

/** Real-time Integration: stream processing, state, backpressure, latency. */

const flink = (c: Ctx) => c.ofKind('flink');
const streams = (c: Ctx) => c.ofKind('kafka', 'nats', 'mqtt-broker');
const noStream = (what: string) => open('no streaming broker or stream processor in the design', `add Kafka and a Flink job to decide ${what}`);
const noFlink = (what: string) => open('no stream processor in the design', `add a Flink node to decide ${what}`);

export const realtime: Record<string, Resolver> = {
  STREAMING_ARCHITECTURE: (c) => {
    const s = streams(c);
    if (!s.length) return noStream('the architecture');
    const f = flink(c);
    return filled(`${components(s)}${f.length ? ` with ${components(f)}` : ' consumed by services'}`, f.length ? `${names(s, 2)} with Flink` : names(s, 2));
  },

  STREAM_PROCESSING: (c) => {
    const f = flink(c);
    if (f.length) return filled(andList(f.map((n) => `${nodeName(n)}, parallelism ${num(n.props, 'parallelism')}`)), 'Apache Flink');
    const cons = consumers(c);
    return cons.length ? filled(`per-message processing in ${names(cons, 6)}`, 'consumer services') : noStream('stream processing');
  },

  REALTIME_ANALYTICS: (c) => {
    const a = c.ofKind('clickhouse', 'elasticsearch').filter((n) => c.into(n.id).some((e) => e.from.kind?.category === 'broker' || e.from.node.kind === 'flink' || e.from.kind?.category === 'plumbing'));
    return a.length ? filled(`${components(a)}, fed from the streams`, names(a, 2)) : open('no analytics store is fed from a stream', 'connect ClickHouse or Elasticsearch to the broker or stream processor');
  },

  COMPLEX_EVENT_PROCESSING: (c) => {
    const cep = flink(c).filter((n) => n.props.cep === true);
    return cep.length ? filled(`Flink CEP patterns in ${andList(cep.map((n) => code(n.id)))}`, 'Apache Flink CEP') : flink(c).length ? open('CEP is off on the Flink jobs', 'turn on Complex event processing on the Flink node') : noFlink('complex event processing');
  },

  TIME_WINDOW_PROCESSING: (c) => {
    const w = flink(c).filter((n) => str(n.props, 'window') && str(n.props, 'window') !== 'none');
    return w.length ? filled(andList(w.map((n) => `${num(n.props, 'windowMinutes')}-minute ${md(str(n.props, 'window'))} windows in ${code(n.id)}`)), `${num(w[0]!.props, 'windowMinutes')}-minute ${md(str(w[0]!.props, 'window'))} windows`) : flink(c).length ? open('the Flink jobs use no windows', 'set Windowing on the Flink node') : noFlink('windowing');
  },

  STATE_MANAGEMENT: (c) => {
    const parts = flink(c).map((n) => `${str(n.props, 'stateBackend') === 'rocksdb' ? 'RocksDB' : 'heap (hashmap)'} state in ${code(n.id)}`);
    const redis = c.edgesOf('redis').filter((e) => ['session', 'lock', 'stream'].includes(str(e.props, 'usage')));
    if (redis.length) parts.push(`shared state in Redis (${andList(redis.map((e) => `${md(str(e.props, 'usage'))} for ${code(e.from.id)}`))})`);
    return parts.length ? filled(parts.join('; ')) : noFlink('state management');
  },

  BACKPRESSURE_HANDLING: (c) => {
    const parts: string[] = [];
    const prom = scrapes(c).find((s) => s.targets.some((t) => t.node.kind === 'kafka'));
    if (prom) parts.push(`consumer-lag alert above ${num(prom.prometheus.props, 'consumerLagMax')} records`);
    for (const e of c.edgesOf('amqp')) if (e.from.kind?.id === 'rabbitmq') parts.push(`prefetch ${num(e.props, 'prefetch')} for ${code(e.to.id)}`);
    if (flink(c).length) parts.push('Flink’s built-in backpressure');
    if (c.ofKind('kafka').length && !prom) parts.push('consumers pull from Kafka at their own pace (lag is not alerted on)');
    return parts.length ? filled(parts.join('; ')) : noStream('backpressure handling');
  },

  FAULT_TOLERANCE: (c) => {
    const parts = flink(c).map((n) => `checkpoints every ${((num(n.props, 'checkpointIntervalMs') ?? 0) / 1000).toLocaleString('en-US')} s in ${code(n.id)}`);
    for (const k of c.ofKind('kafka')) parts.push(`${md(str(k.props, 'delivery'))} with replication factor ${num(k.props, 'replicationFactor')} on ${code(k.id)}`);
    return parts.length ? filled(parts.join('; ')) : noStream('fault tolerance');
  },

  EXACTLY_ONCE_PROCESSING: (c) => {
    const parts: string[] = [];
    for (const n of flink(c)) if (n.props.exactlyOnce === true) parts.push(`exactly-once checkpoints in ${code(n.id)}`);
    for (const k of c.ofKind('kafka')) if (str(k.props, 'delivery') === 'exactly-once') parts.push(`Kafka transactions on ${code(k.id)}`);
    const readers = new Set(consumers(c));
    const idem = c.ofKind('worker').filter((w) => w.props.idempotent === true && readers.has(w));
    if (idem.length) parts.push(`idempotent ${idem.length === 1 ? 'consumer' : 'consumers'} ${andList(idem.map((w) => code(w.id)))}`);
    if (parts.length) return filled(parts.join('; '));
    return streams(c).length ? open('neither exactly-once delivery nor idempotent consumers are set', 'turn on Idempotent on the workers or Exactly-once on Flink/Kafka') : noStream('exactly-once processing');
  },

  LATENCY_REQUIREMENTS: (c) => {
    const p99 = c.req.latencyP99Ms;
    const path = slowestSyncPath(c);
    const parts: string[] = [];
    if (typeof p99 === 'number') parts.push(`p99 under ${p99} ms`);
    if (path) parts.push(`slowest request path ${path.path.map((n) => code(n.id)).join(' → ')} adds about ${path.ms} ms${typeof p99 === 'number' ? (path.ms > p99 ? ' (over the budget)' : ' (within the budget)') : ''}`);
    return parts.length ? filled(parts.join('; '), typeof p99 === 'number' ? `<${p99} ms p99` : undefined) : open('no latency requirement and no request path', 'set the p99 latency requirement');
  },
};
