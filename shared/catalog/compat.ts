import type { Protocol } from '../model/types';
import { OBSERVABILITY_PROTOCOLS } from '../model/types';
import type { KindDef } from './types';

/**
 * Which protocols a connection between two kinds can carry, and which end produces. Read from
 * the catalog entries only (their `emits`, `accepts`, roles, metrics endpoint and data source),
 * so a new kind needs no change here.
 */

/** Whether a kind's metrics can be scraped: it exposes an endpoint, or the stack adds an exporter. */
export function isScrapable(kind: KindDef): boolean {
  return !kind.external && (kind.metricsPath !== undefined || kind.exporter !== undefined);
}

/** Kinds that receive Prometheus metrics (scrapers and telemetry pipelines). */
function scrapes(kind: KindDef): boolean {
  return kind.roles.includes('metrics-store') || kind.roles.includes('telemetry-pipeline');
}

const isDashboard = (k: KindDef): boolean => k.roles.includes('dashboard');
const QUERY: ReadonlySet<Protocol> = new Set<Protocol>(['http', 'grpc', 'graphql', 'sql', 'mongodb', 'redis']);

/**
 * Protocols an edge `from -> to` can carry, in the target's order of preference.
 * Observability links (`metrics` to Prometheus, Grafana and its data sources, `otlp` to a
 * collector) are understood whichever way they are drawn.
 */
export function compatibleProtocols(from: KindDef, to: KindDef): Protocol[] {
  const out: Protocol[] = [];
  // A dashboard and one of its data sources (whichever way drawn); anything else meets a dashboard as any kind.
  if (isDashboard(from) !== isDashboard(to) && (isDashboard(from) ? to : from).dataSource) return dataSourceProtocols(isDashboard(from) ? to : from, isDashboard(from) ? from : to);
  for (const p of to.accepts) if (from.emits.includes(p) && !OBSERVABILITY_PROTOCOLS.includes(p)) out.push(p);
  for (const p of OBSERVABILITY_PROTOCOLS) {
    if (!out.includes(p) && (observabilityLink(from, to, p) || observabilityLink(to, from, p))) out.push(p);
  }
  return out;
}

/**
 * A dashboard reads its data sources: over `metrics` from a metrics store (Grafana's usual
 * drawing), or over what the source serves (SQL, HTTP), whichever way the line is drawn.
 */
function dataSourceProtocols(source: KindDef, dashboard: KindDef): Protocol[] {
  if (isDashboard(source) || !source.dataSource) return [];
  const out: Protocol[] = [];
  if (source.roles.includes('metrics-store')) out.push('metrics');
  // Queries only: what a dashboard asks a store over (not its messaging or telemetry intake).
  for (const p of source.accepts) if (QUERY.has(p) && !out.includes(p) && dashboard !== source) out.push(p);
  if (!out.includes('http')) out.push('http');
  return out;
}

/** `source` sends `p` telemetry to `sink` (in the data-flow sense). */
function observabilityLink(source: KindDef, sink: KindDef, p: Protocol): boolean {
  // Two of a kind chain too: an agent collector forwarding to a gateway collector, Prometheus federation.
  if (p === 'metrics') return scrapes(sink) && (isScrapable(source) || scrapes(source));
  if (p === 'otlp') return sink.accepts.includes('otlp') && source.emits.includes('otlp');
  return false;
}

/** For an edge `from -> to` over `p`: which end produces and which consumes, in the data-flow sense. */
export function flowOf(from: KindDef, to: KindDef, p: Protocol): { readonly source: 'from' | 'to' } {
  // A dashboard is the consumer of its data sources, whichever way the line is drawn.
  if (isDashboard(from) !== isDashboard(to) && (isDashboard(from) ? to : from).dataSource) return isDashboard(to) ? FLOW_FROM : FLOW_TO;
  if (p === 'metrics' || p === 'otlp') return observabilityLink(from, to, p) ? FLOW_FROM : FLOW_TO;
  // A store drawn the way its data flows (Orders DB → Nightly ETL): the other end reads it.
  if (from.category === 'store' && to.category !== 'store' && !from.emits.includes(p) && to.emits.includes(p) && from.accepts.includes(p)) return FLOW_TO;
  return FLOW_FROM;
}

// Shared answers: validation asks once per connection, and nothing to collect afterwards.
const FLOW_FROM = Object.freeze({ source: 'from' as const });
const FLOW_TO = Object.freeze({ source: 'to' as const });

/** Whether an edge of kind pair and protocol is allowed. */
export function canConnect(from: KindDef, to: KindDef, p: Protocol): boolean {
  return compatibleProtocols(from, to).includes(p);
}

/** The protocol the catalog prefers for an edge with none set, or undefined when there is no single answer. */
export function defaultProtocol(from: KindDef, to: KindDef): Protocol | undefined {
  // Asked once per connection by validation, layout and every generator: kept per kind pair.
  let row = defaults.get(from);
  if (!row) defaults.set(from, (row = new Map()));
  if (row.has(to)) return row.get(to);
  const options = compatibleProtocols(from, to);
  let p: Protocol | undefined;
  if (options.length === 1) p = options[0];
  else if (options.length > 1 && to.defaultIn && options.includes(to.defaultIn)) p = to.defaultIn;
  // Out of a broker: what it takes in by default is what it delivers (ActiveMQ Artemis: JMS).
  else if (options.length > 1 && from.defaultIn && (from.hosts ?? []).includes(from.defaultIn) && options.includes(from.defaultIn)) p = from.defaultIn;
  else if (options.length > 1 && isDashboard(from) !== isDashboard(to) && (isDashboard(from) ? to : from).dataSource) p = options[0];
  row.set(to, p);
  return p;
}

const defaults = new WeakMap<KindDef, Map<KindDef, Protocol | undefined>>();
