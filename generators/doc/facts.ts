import type { Role } from '../../shared/catalog';
import type { Protocol } from '../../shared/model/types';
import type { AlertRule, BrokerPlan, Component, Flow } from '../../shared/resolve';
import { canDeadLetter } from '../../shared/resolve';
import type { Claim } from './answer';
import type { Ctx } from './context';
import { arrow, count, ms, name, plural, protocolName, svc, uniq } from './context';
import { andList, code, md } from './markdown';

/** Facts several sections share, computed from the resolved model. */

/** Roles of components that carry or watch the integration rather than being one of its systems. */
const INFRA: readonly Role[] = ['gateway', 'broker', 'connector', 'cdc-connector', 'schema-registry', 'stream-processor', 'metrics-store', 'dashboard', 'trace-store', 'log-store', 'telemetry-pipeline', 'identity-provider', 'secrets'];

export const isSystem = (c: Component): boolean => !c.roles.some((r) => INFRA.includes(r));

/** Flows that carry data or calls, in or out of a component (telemetry left out). */
function dataAt(c: Component): Flow[] {
  return c.at.filter((f) => f.kind !== undefined && f.kind !== 'telemetry' && f.kind !== 'scrape' && f.kind !== 'datasource');
}

/** Systems where data starts: they send and receive nothing (calls count from the caller). */
export function sourceSystems(c: Ctx): Component[] {
  return c.r.components.filter((x) => isSystem(x) && dataAt(x).some((f) => f.source === x && f.sink !== x) && !dataAt(x).some((f) => f.sink === x && f.source !== x));
}

/** Systems where data ends: they receive and send nothing on (a database read by CDC still ends data). */
export function targetSystems(c: Ctx): Component[] {
  return c.r.components.filter((x) => isSystem(x) && dataAt(x).some((f) => f.sink === x && f.source !== x) && !dataAt(x).some((f) => f.source === x && f.sink !== x && f.kind !== 'cdc'));
}

/** The format each component states for what it writes, for components on the data path. */
export function formats(c: Ctx): Map<string, Component[]> {
  const m = new Map<string, Component[]>();
  for (const x of c.r.components) {
    const f = c.facet(x).format?.(x);
    if (!f || dataAt(x).length === 0) continue;
    const list = m.get(f);
    if (list) list.push(x);
    else m.set(f, [x]);
  }
  return m;
}

/** Calls and queries with their resilience. */
export function resilient(c: Ctx): { timeouts: Flow[]; budget: Flow[]; retries: Flow[]; breakers: Flow[] } {
  const calls = c.flows('call', 'query');
  return {
    timeouts: calls.filter((f) => f.resilience?.timeoutFrom === 'connection'),
    budget: calls.filter((f) => f.resilience?.timeoutFrom === 'latency-budget'),
    retries: calls.filter((f) => (f.resilience?.retries ?? 0) > 0),
    breakers: calls.filter((f) => f.resilience?.circuitBreaker === true),
  };
}

/** "`a` → `b` 500 ms" items for calls with their own timeout. */
export function timeoutList(fs: readonly Flow[], max = 6): string {
  return andList(fs.map((f) => `${arrow(f)} ${ms(f.resilience!.timeoutMs)}`), max);
}

/** Consumers (clients of subscriptions), in order. */
export function consumers(c: Ctx): Component[] {
  return c.memo('consumers', () => uniq(c.plans().flatMap((p) => p.subscriptions.map((s) => s.client))));
}

/** Producers (clients of publications), in order. */
export function producers(c: Ctx): Component[] {
  return c.memo('producers', () => uniq(c.plans().flatMap((p) => p.publications.map((s) => s.client))));
}

/** Brokers (one entry per component, even when it hosts several protocols). */
export function brokers(c: Ctx): Component[] {
  return c.memo('brokers', () => uniq(c.plans().map((p) => p.broker)));
}

/** Main channels of a plan, in order. */
export function mainChannels(p: BrokerPlan): string[] {
  return p.channels.filter((x) => x.role === 'main').map((x) => x.name);
}

/** What a plan's channels are called: topics, queues, subjects. */
export function channelWord(p: BrokerPlan, n = 2): string {
  const kind = p.protocol === 'nats' ? 'subject' : p.protocol === 'amqp' || p.protocol === 'jms' ? 'queue' : 'topic';
  return n === 1 ? kind : `${kind}s`;
}

/** "4 topics". */
export function channelCount(p: BrokerPlan, n: number): string {
  return `${n} ${channelWord(p, n)}`;
}

/** Claims that a plan's channels exist on its broker. */
export function channelClaims(p: BrokerPlan, text: string): Claim[] {
  return p.channels.filter((x) => x.role === 'main' && x.kind !== 'exchange').map((x) => ({ type: 'channel', text, broker: p.broker.service, protocol: p.protocol, channel: x.name, channelKind: x.kind }));
}

/** Dead-letter claims of a plan. */
export function deadLetterClaims(p: BrokerPlan, text: string): Claim[] {
  return p.channels.filter((x) => x.role === 'dead-letter' && x.kind !== 'exchange').map((x) => ({ type: 'dead-letter', text, broker: p.broker.service, protocol: p.protocol, channel: x.name, serves: x.serves ?? '' }));
}

/** How many times each dead-lettering consumer of a plan retries a message first (its client's setting in the stack). */
export function retriesClaims(p: BrokerPlan, text: string): Claim[] {
  const out: Claim[] = [];
  const clients = uniq(p.subscriptions.filter((s) => s.deadLetter.length > 0 && s.client.containerised).map((s) => s.client));
  for (const client of clients) {
    const subs = p.subscriptions.filter((s) => s.client === client && s.deadLetter.length > 0);
    out.push({ type: 'retries', text, broker: p.broker.service, protocol: p.protocol, client: client.service, channels: uniq(subs.flatMap((s) => s.channels)), retries: Math.max(...subs.map((s) => s.retries)) });
  }
  return out;
}

/** A sentence per broker about its dead letters: "dead-letter topics orders.events.dlt and ... on `kafka`, after 3 retries". */
export function deadLetterSentences(c: Ctx): { text: string; claims: Claim[] }[] {
  const out: { text: string; claims: Claim[] }[] = [];
  for (const p of c.plans()) {
    const words = c.facet(p.broker).broker;
    const dead = p.channels.filter((x) => x.role === 'dead-letter' && x.kind !== 'exchange').map((x) => x.name);
    if (dead.length === 0 || !words) continue;
    const consumed = p.subscriptions.length;
    const every = consumed > 0 && p.subscriptions.every((s) => s.deadLetter.length > 0);
    const retries = retriesText(p);
    const text = `${every ? `${words.deadLetterWord}s on every consumed ${channelWord(p, 1)}` : `${words.deadLetterWord}s`} of ${svc(p.broker)}: ${andList(dead.map((d) => md(d, 100)), 12)}${retries ? `, ${retries}` : ''}`;
    out.push({ text, claims: [...deadLetterClaims(p, text), ...retriesClaims(p, text)] });
  }
  return out;
}

/** "after 3 retries"; '' when no consumer dead-letters. */
export function retriesText(p: BrokerPlan): string {
  const dead = p.subscriptions.filter((s) => s.deadLetter.length > 0);
  const rs = uniq(dead.map((s) => s.retries));
  if (rs.length === 0) return '';
  // The pace of the retries is stated only where the stack sets it: a retry queue's delay.
  // Elsewhere the consumer is told how many times to retry, not how long to wait.
  const delays = uniq(dead.flatMap((s) => s.retry).map((q) => p.channels.find((x) => x.name === q)?.messageTtlMs ?? 0));
  const pace = delays.length === 1 && delays[0]! > 0 && dead.every((s) => s.retry.length > 0) ? `, each ${ms(delays[0]!)} later through a retry queue` : '';
  if (rs.length === 1) return rs[0] === 0 ? 'at the first failure' : `after ${rs[0]} ${rs[0] === 1 ? 'retry' : 'retries'}${pace}`;
  return `after ${Math.min(...rs)} to ${Math.max(...rs)} retries (per consumer)${pace}`;
}

/**
 * Consumers without dead-lettering: switched off on the connection (`off`), consumers that read
 * the broker with an ingestion engine of their own and cannot park a message (`ingests`), or
 * on a broker that keeps no message to park (`unkept`: core NATS without JetStream).
 */
export function noDeadLetter(c: Ctx): { plan: BrokerPlan; client: Component; why: 'off' | 'ingests' | 'unkept' }[] {
  const out: { plan: BrokerPlan; client: Component; why: 'off' | 'ingests' | 'unkept' }[] = [];
  for (const p of c.plans()) {
    const words = c.facet(p.broker).broker;
    if (p.protocol === 'mqtt' || !words) continue;
    for (const s of p.subscriptions) {
      if (s.deadLetter.length > 0) continue;
      out.push({ plan: p, client: s.client, why: s.flow.props.deadLetter === false ? 'off' : !canDeadLetter(s.client) ? 'ingests' : 'unkept' });
    }
  }
  return out;
}

/** "`olap` on `kafka`" for each. */
export const consumerOn = (list: readonly { plan: BrokerPlan; client: Component }[]): string => andList(list.map((o) => `${svc(o.client)} on ${svc(o.plan.broker)}`), 6);

/** Scrapers with their targets. */
export function scrapers(c: Ctx): { scraper: Component; targets: Component[] }[] {
  const out: { scraper: Component; targets: Component[] }[] = [];
  for (const s of c.r.observability.scrapes) {
    const hit = out.find((x) => x.scraper === s.scraper);
    if (hit) hit.targets.push(s.target);
    else out.push({ scraper: s.scraper, targets: [s.target] });
  }
  for (const m of c.withRole('metrics-store')) if (!out.some((x) => x.scraper === m)) out.push({ scraper: m, targets: [] });
  return out;
}

/** Alert rules in words, with claims: "error rate above 5% on `orders-api`". */
export function alertPhrase(a: AlertRule): string {
  const on = a.target ? ` on ${code(a.target.job)}` : '';
  switch (a.kind) {
    case 'target-down':
      return 'a scrape target down for 2 minutes';
    case 'error-rate':
      return `error rate above ${Math.round(a.threshold * 1000) / 10}%${on}`;
    case 'latency-p95':
      return `p95 latency above ${ms(a.threshold)}${on}`;
    case 'latency-p99':
      return `p99 latency above ${ms(a.threshold)}${on}`;
    case 'consumer-lag':
      return `consumer lag above ${count(a.threshold)} records${on}`;
    case 'queue-backlog':
      return `a queue backlog above ${count(a.threshold)} messages${on}`;
    case 'dead-letters':
      return `${a.threshold === 0 ? 'any message in a dead-letter' : `more than ${count(a.threshold)} ${a.unit} in a dead-letter`} ${a.unit === 'records' ? 'topic' : 'queue'}${on}`;
  }
}

export function alertClaim(a: AlertRule, text: string): Claim {
  return { type: 'alert', text, scraper: a.scraper.service, alert: a.name, family: a.family };
}

/** The slowest chain of calls and queries (by the components' expected latency), if any. */
export function slowestPath(c: Ctx): { path: Component[]; ms: number } | undefined {
  const calls = c.flows('call', 'query').filter((f) => f.client && f.server);
  if (calls.length === 0) return undefined;
  const out = new Map<Component, Component[]>();
  const called = new Set<Component>();
  for (const f of calls) {
    const list = out.get(f.client!);
    if (list) list.push(f.server!);
    else out.set(f.client!, [f.server!]);
    called.add(f.server!);
  }
  const latency = (x: Component) => (typeof x.props.latencyMs === 'number' ? x.props.latencyMs : 0);
  const memo = new Map<Component, { path: Component[]; ms: number }>();
  const visiting = new Set<Component>();
  const best = (n: Component): { path: Component[]; ms: number } => {
    const hit = memo.get(n);
    if (hit) return hit;
    visiting.add(n);
    let tail = { path: [] as Component[], ms: 0 };
    for (const next of out.get(n) ?? []) {
      if (visiting.has(next)) continue;
      const t = best(next);
      if (t.ms > tail.ms || (t.ms === tail.ms && t.path.length > tail.path.length)) tail = t;
    }
    visiting.delete(n);
    const r = { path: [n, ...tail.path], ms: latency(n) + tail.ms };
    memo.set(n, r);
    return r;
  };
  const entries = [...out.keys()].filter((n) => !called.has(n));
  let worst: { path: Component[]; ms: number } | undefined;
  for (const n of entries.length ? entries : [...out.keys()]) {
    const r = best(n);
    if (!worst || r.ms > worst.ms) worst = r;
  }
  return worst && worst.path.length > 1 ? worst : undefined;
}

export type Shape = { shape: 'hub'; hub: Component; share: number } | { shape: 'pipeline'; chain: Component[] } | { shape: 'point-to-point'; edges: number } | { shape: 'mesh'; edges: number; nodes: number };

/** What the wiring looks like, for "Integration Topology". */
export function topologyShape(c: Ctx): Shape | undefined {
  const flows = c.dataFlows();
  if (flows.length === 0) return undefined;
  const degree = new Map<Component, number>();
  const ins = new Map<Component, number>();
  const outs = new Map<Component, number>();
  for (const f of flows) {
    degree.set(f.from, (degree.get(f.from) ?? 0) + 1);
    degree.set(f.to, (degree.get(f.to) ?? 0) + 1);
    outs.set(f.source, (outs.get(f.source) ?? 0) + 1);
    ins.set(f.sink, (ins.get(f.sink) ?? 0) + 1);
  }
  const ranked = [...degree].sort((a, b) => b[1] - a[1] || a[0].index - b[0].index);
  const [hub, top] = ranked[0]!;
  const second = ranked[1]?.[1] ?? 0;
  if (top >= 3 && top / flows.length >= 0.4 && top > second) return { shape: 'hub', hub, share: top / flows.length };
  const involved = [...degree.keys()];
  if (involved.length >= 3 && flows.length === involved.length - 1 && involved.every((x) => (ins.get(x) ?? 0) <= 1 && (outs.get(x) ?? 0) <= 1)) {
    const start = involved.find((x) => !ins.has(x));
    if (start) {
      const chain: Component[] = [];
      let cur: Component | undefined = start;
      while (cur && chain.length <= involved.length) {
        chain.push(cur);
        const here: Component = cur;
        cur = flows.find((f) => f.source === here)?.sink;
      }
      return { shape: 'pipeline', chain };
    }
  }
  if (flows.length <= involved.length) return { shape: 'point-to-point', edges: flows.length };
  return { shape: 'mesh', edges: flows.length, nodes: involved.length };
}

/** The messaging patterns the flows imply, in words. */
export function messagePatterns(c: Ctx): string[] {
  const out: string[] = [];
  const calls = uniq(c.flows('call').map((f) => f.protocol).filter((p): p is Protocol => !!p));
  if (calls.length) out.push(`request-reply over ${andList(calls.map(protocolName))}`);
  for (const p of c.plans()) {
    const words = c.facet(p.broker).broker;
    if (!words || (p.publications.length === 0 && p.subscriptions.length === 0)) continue;
    out.push(`${words.paradigm(p)} over ${protocolName(p.protocol)} (${svc(p.broker)})`);
  }
  if (c.flows('cdc').length) out.push('change data capture');
  const files = uniq(c.flows('file', 'object').map((f) => f.protocol).filter((p): p is Protocol => !!p));
  if (files.length) out.push(`file transfer over ${andList(files.map(protocolName))}`);
  for (const e of c.eventStores()) out.push(`event sourcing into ${svc(e)}`);
  return uniq(out);
}

/** A list of calls by arrow, for the document: "`a` → `b` (HTTP)". */
export function callList(fs: readonly Flow[], max = 8): string {
  return andList(fs.map((f) => `${arrow(f)}${f.protocol ? ` (${protocolName(f.protocol)})` : ''}`), max);
}

/** Components by name, with a phrase each. */
export function each(cs: readonly Component[], phrase: (c: Component) => string, max = 8): string {
  return andList(cs.map((x) => `${name(x)} ${phrase(x)}`), max);
}

export { plural };
