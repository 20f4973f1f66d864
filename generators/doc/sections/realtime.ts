import type { Claim, Section } from '../answer';
import { fact, open } from '../answer';
import type { Ctx } from '../context';
import { count, ms, name, names, svc, svcs, uniq } from '../context';
import { alertClaim, alertPhrase, brokers, consumers, slowestPath } from '../facts';
import { andList, md } from '../markdown';

/** Real-time Integration: stream processing, state, backpressure, latency. */

const procs = (c: Ctx) => c.withRole('stream-processor').filter((x) => c.facet(x).stream);
const streamBrokers = (c: Ctx) => brokers(c).filter((b) => c.plans().some((p) => p.broker === b && p.subscriptions.length));

export const realtime: Section = {
  title: 'Real-time Integration',
  unused: (c) => (procs(c).length === 0 && streamBrokers(c).length === 0 ? 'no real-time path: nothing consumes a stream' : undefined),
  fields: {
    STREAMING_ARCHITECTURE: (c) => {
      const s = streamBrokers(c);
      const p = procs(c);
      return fact(`${names(s)}${p.length ? ` with ${names(p)} processing the streams` : ` consumed by ${svcs(consumers(c), 8)}`}`, { short: p.length ? `${andList(s.map((b) => md(b.kind.name)))} with ${andList(uniq(p.map((x) => md(x.kind.name))))}` : `${andList(s.map((b) => md(b.kind.name)))} consumers` });
    },

    STREAM_PROCESSING: (c) => {
      const p = procs(c);
      if (p.length) return fact(andList(p.map((x) => `${name(x)} with parallelism ${c.facet(x).stream!.parallelism(x)}`)), { short: andList(uniq(p.map((x) => md(x.kind.product)))) });
      return fact(`message by message in ${svcs(consumers(c), 8)}`, { short: 'per-message consumers' });
    },

    REALTIME_ANALYTICS: (c) => {
      const a = c.r.components.filter((x) => (x.roles.includes('search') || x.roles.includes('database')) && x.in.some((f) => f.client && (f.client.roles.includes('stream-processor') || f.client.roles.includes('connector'))) && !x.roles.includes('cache'));
      return a.length ? fact(`${names(a)}, fed from the streams`, { short: andList(a.map((x) => md(x.kind.name))) }) : fact('none: no analytics store is fed from the streams', { short: '' });
    },

    COMPLEX_EVENT_PROCESSING: (c) => {
      const p = procs(c);
      const cep = p.filter((x) => c.facet(x).stream!.cep(x));
      if (cep.length) return fact(`pattern matching (CEP) in ${svcs(cep)}`, { short: 'Flink CEP' });
      return fact(p.length ? `none: ${svcs(p)} ${p.length === 1 ? 'runs' : 'run'} without CEP patterns` : 'none: no stream processor is drawn; consumers handle one message at a time', { short: '' });
    },

    TIME_WINDOW_PROCESSING: (c) => {
      const p = procs(c).map((x) => [x, c.facet(x).stream!.windows(x)] as const).filter((x) => x[1]);
      if (p.length) return fact(andList(p.map(([x, w]) => `${w} in ${svc(x)}`)), { short: p[0]![1]! });
      return fact(procs(c).length ? 'none: the jobs keep no windows' : 'none: no stream processor is drawn', { short: '' });
    },

    STATE_MANAGEMENT: (c) => {
      const parts = procs(c).map((x) => `${c.facet(x).stream!.state(x)} in ${svc(x)}, checkpointed every ${ms(c.facet(x).stream!.checkpointMs(x))}`);
      const redis = c.flowsOver('redis').filter((f) => ['session', 'lock', 'stream'].includes(String(f.props.usage)));
      if (redis.length) parts.push(`shared state in ${svcs(uniq(redis.map((f) => f.server ?? f.to)))} (${andList(uniq(redis.map((f) => String(f.props.usage))))})`);
      return parts.length ? fact(parts.join('; '), { short: andList(uniq(procs(c).map((x) => c.facet(x).stream!.state(x)))) }) : fact(`none in the stream path: consumers keep their state in their own stores`, { short: '' });
    },

    BACKPRESSURE_HANDLING: (c) => {
      const parts: string[] = [];
      const claims: Claim[] = [];
      for (const a of c.r.observability.alerts.filter((x) => x.kind === 'consumer-lag' || x.kind === 'queue-backlog')) {
        parts.push(`alert \`${a.name}\` on ${alertPhrase(a)}`);
        claims.push(alertClaim(a, `\`${a.name}\``));
      }
      for (const p of c.plans()) for (const s of p.subscriptions) if (s.prefetch) parts.push(`prefetch ${s.prefetch} for ${svc(s.client)}`);
      if (procs(c).length) parts.push(`${svcs(procs(c))} slow${procs(c).length === 1 ? 's' : ''} its sources when downstream is slow`);
      if (c.plans().some((p) => p.protocol === 'kafka' && p.subscriptions.length)) parts.push('Kafka consumers pull at their own pace');
      return parts.length ? fact(uniq(parts).join('; '), { short: claims.length ? 'consumer lag alerting' : 'pull-based consumers', claims }) : open('nothing bounds what consumers take', { value: 'consumer lag alerting', because: 'lag shows a slow consumer before it fails' });
    },

    FAULT_TOLERANCE: (c) => {
      const parts = procs(c).map((x) => `${svc(x)} restarts from checkpoints taken every ${ms(c.facet(x).stream!.checkpointMs(x))}`);
      for (const p of c.plans()) {
        const w = c.facet(p.broker).broker;
        if (w && p.subscriptions.length) parts.push(`${w.guarantee(p)} delivery on ${svc(p.broker)}`);
      }
      if (c.deadLetters().length) parts.push('messages that keep failing are parked in dead-letter channels');
      return parts.length ? fact(uniq(parts).join('; '), { short: uniq(c.plans().map((p) => c.facet(p.broker).broker?.guarantee(p)).filter((x): x is string => !!x)).join(', ') || undefined }) : open('nothing restarts or redelivers');
    },

    EXACTLY_ONCE_PROCESSING: (c) => {
      const parts: string[] = [];
      for (const x of procs(c)) if (c.facet(x).stream!.exactlyOnce(x)) parts.push(`exactly-once checkpoints in ${svc(x)}`);
      for (const p of c.plans()) if (c.facet(p.broker).broker?.guarantee(p) === 'exactly-once') parts.push(`exactly-once delivery on ${svc(p.broker)}`);
      const idem = consumers(c).filter((x) => c.facet(x).worker?.(x).idempotent);
      if (idem.length) parts.push(`${svcs(idem)} ${idem.length === 1 ? 'is' : 'are'} idempotent, so a redelivered message does no harm`);
      return parts.length ? fact(parts.join('; '), { short: idem.length ? 'idempotent consumers' : 'exactly-once' }) : open('neither exactly-once delivery nor idempotent consumers', { value: 'deduplication', because: 'at-least-once delivery can repeat a message' });
    },

    LATENCY_REQUIREMENTS: (c) => {
      const p99 = c.reqNumber('latencyP99Ms');
      const path = slowestPath(c);
      const parts: string[] = [];
      if (p99 !== undefined) parts.push(`p99 under ${count(p99)} ms`);
      if (path) parts.push(`the slowest synchronous chain (calls and queries) ${path.path.map(svc).join(' → ')} adds about ${ms(path.ms)}${p99 !== undefined ? (path.ms > p99 ? ', over the budget' : ', within the budget') : ''}`);
      return parts.length ? fact(parts.join('; '), { short: p99 !== undefined ? `p99 under ${count(p99)} ms` : '' }) : open('no latency target is set', { value: '<100ms end-to-end', because: 'the template’s example' });
    },
  },
};
