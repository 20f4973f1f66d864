import { edgePropDefs, flowOf, meantProtocol, pairFacts } from '../catalog';
import type { KindDef } from '../catalog';
import type { Protocol, Requirements } from '../model/types';
import { MESSAGING_PROTOCOLS, PROTOCOLS, SYNC_PROTOCOLS } from '../model/types';
import { num } from './props';
import type { Component, FlowKind, Resilience } from './types';

/**
 * Per connection: the protocol it carries, which end produces and consumes, which end opens it
 * and which serves it. The one place these are decided: validation, the stack, the document and
 * the exports all take them from the resolved flows.
 */

export function isProtocol(p: unknown): p is Protocol {
  return typeof p === 'string' && (PROTOCOLS as readonly string[]).includes(p);
}

/** The protocol of a connection: the one set on it, else the one its two kinds imply (if a single one). */
export function protocolOf(raw: unknown, from: KindDef, to: KindDef): { protocol: Protocol | undefined; explicit: boolean } {
  if (isProtocol(raw)) return { protocol: meantProtocol(raw, from, to), explicit: true };
  const facts = pairFacts(from, to);
  return { protocol: facts.implicit ?? facts.readBack, explicit: false };
}

const isDashboard = (k: KindDef) => k.roles.includes('dashboard');

/** Which end produces (`source`) and which consumes, in the data-flow sense. */
export function sourceIsFrom(from: KindDef, to: KindDef, protocol: Protocol | undefined): boolean {
  return protocol ? flowOf(from, to, protocol).source === 'from' : true;
}

/** How a connection is used. */
export function flowKind(protocol: Protocol | undefined, from: KindDef, to: KindDef): FlowKind | undefined {
  if (!protocol) return undefined;
  if (isDashboard(from) !== isDashboard(to) && (isDashboard(from) ? to : from).dataSource) return 'datasource';
  if ((SYNC_PROTOCOLS as readonly Protocol[]).includes(protocol)) return 'call';
  if ((MESSAGING_PROTOCOLS as readonly Protocol[]).includes(protocol)) return 'message';
  switch (protocol) {
    case 'sql':
    case 'mongodb':
    case 'redis':
      return 'query';
    case 'cdc':
      return 'cdc';
    case 'sftp':
      return 'file';
    case 's3':
      return 'object';
    case 'otlp':
      return 'telemetry';
    case 'metrics':
      return 'scrape';
    default:
      return undefined;
  }
}

/**
 * The end that opens the connection (client) and the one that serves it. A dashboard opens its
 * data sources; a scraper opens its targets; a CDC connector opens its database; over a
 * protocol that needs a host in the middle (a broker, an SFTP server, object storage), the host
 * serves; otherwise the producer or caller opens the connection.
 */
export function connectionEnds(kind: FlowKind | undefined, protocol: Protocol | undefined, from: Component, to: Component, source: Component, sink: Component): { client: Component; server: Component } | undefined {
  if (!kind || !protocol) return undefined;
  switch (kind) {
    case 'datasource':
      return isDashboard(from.kind) ? { client: from, server: to } : { client: to, server: from };
    case 'scrape':
    case 'cdc':
      return { client: sink, server: source };
    case 'message':
    case 'file':
    case 'object': {
      const toHosts = (to.kind.hosts ?? []).includes(protocol);
      const fromHosts = (from.kind.hosts ?? []).includes(protocol);
      if (toHosts) return { client: from, server: to };
      if (fromHosts) return { client: to, server: from };
      return { client: from, server: to };
    }
    default:
      return { client: source, server: sink };
  }
}

/**
 * Timeout, retries and circuit breaking of a call or a query: as set on the connection; a call
 * with no timeout set gets the design's latency budget (`requirements.latencyP99Ms`) as its
 * timeout, so that no caller waits longer than the whole request may take.
 */
export function resilienceOf(kind: FlowKind | undefined, props: Record<string, unknown>, req: Requirements): Resilience | undefined {
  if (kind !== 'call' && kind !== 'query') return undefined;
  const set = num(props, 'timeoutMs');
  const budget = typeof req.latencyP99Ms === 'number' && Number.isFinite(req.latencyP99Ms) && req.latencyP99Ms > 0 ? Math.round(req.latencyP99Ms) : 0;
  return {
    timeoutMs: set > 0 ? set : budget,
    timeoutFrom: set > 0 ? 'connection' : budget > 0 ? 'latency-budget' : 'none',
    retries: num(props, 'retries'),
    circuitBreaker: props.circuitBreaker === true,
  };
}

export { edgePropDefs };
