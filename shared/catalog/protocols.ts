import type { KindDef } from './types';
import { compatibleProtocols, defaultProtocol } from './compat';
import { KINDS } from './kinds';
import type { Protocol } from '../model/types';
import { MESSAGING_PROTOCOLS, SYNC_PROTOCOLS } from '../model/types';

/**
 * Protocol facts beyond the compatibility table, memoised per kind pair: which protocols make
 * sense between two kinds and which one a connection that names none carries. Validation, the
 * resolved model and every generator take a connection's protocol from here, so they agree.
 */

/** Request-reply protocols: the caller waits for the answer (API calls and database queries). */
export const REQUEST_REPLY: ReadonlySet<Protocol> = new Set<Protocol>([...SYNC_PROTOCOLS, 'sql', 'mongodb', 'redis']);
/** API calls: what gateways route and what call-chain and TPS checks look at. */
export const API_PROTOCOLS: ReadonlySet<Protocol> = new Set<Protocol>(SYNC_PROTOCOLS);
export const MESSAGING: ReadonlySet<Protocol> = new Set<Protocol>(MESSAGING_PROTOCOLS);

/**
 * Protocols that need a server in the middle: two services can't exchange Kafka messages, SFTP
 * files or S3 objects without a broker, SFTP server or object store between them. An edge over
 * one of these must have such a host at one end: a kind whose catalog entry `hosts` it (legacy
 * systems count as their own queue manager and file server). Hosts of a protocol in catalog
 * order, containerised kinds first (the one a message suggests).
 */
const HOSTS = new Map<Protocol, KindDef[]>();
for (const k of [...KINDS.filter((k) => !k.external), ...KINDS.filter((k) => k.external)]) {
  for (const p of k.hosts ?? []) HOSTS.set(p, [...(HOSTS.get(p) ?? []), k]);
}

/** `what (Product, Product)`: the kinds of the catalog that host `p`, so a broker added to the catalog is named too. */
const hostedBy = (what: string, p: Protocol): string => `${what} (${(HOSTS.get(p) ?? []).map((k) => k.name).join(', ')})`;

/** How a message names the host a protocol needs. */
export const HOST_PHRASE: Partial<Record<Protocol, string>> = {
  kafka: 'a Kafka broker',
  amqp: hostedBy('an AMQP broker', 'amqp'),
  mqtt: 'an MQTT broker',
  nats: 'a NATS server',
  jms: hostedBy('a JMS broker', 'jms'),
  sftp: 'an SFTP server',
  s3: 'object storage (S3)',
};

export function isMediated(p: Protocol): boolean {
  return HOSTS.has(p);
}

export function hostsProtocol(k: KindDef, p: Protocol): boolean {
  return !isMediated(p) || (k.hosts ?? []).includes(p);
}

/** The catalog kind a message suggests as the host of `p`. */
export function hostKind(p: Protocol): KindDef | undefined {
  return HOSTS.get(p)?.[0];
}

export interface PairFacts {
  /** Everything the catalog allows, in the target's order of preference. */
  compatible: readonly Protocol[];
  /** The compatible protocols that make sense here (a mediated protocol needs its host at one end). */
  viable: readonly Protocol[];
  /** The protocol taken when the edge sets none, or undefined when there is no single answer. */
  implicit: Protocol | undefined;
  /**
   * A store drawn the way its data flows (`Orders DB → Nightly ETL`, `Cache → API`): nothing
   * goes that way, but the other end reads it over this request-reply protocol, which is what the
   * drawing means. Undefined for anything else.
   */
  readBack: Protocol | undefined;
}

const pairCache = new WeakMap<KindDef, Map<KindDef, PairFacts>>();

/**
 * What a protocol written on a connection means between these two kinds, when it is not one they
 * carry but names the same connection another way: \`sql\` (or \`mongodb\`) from a database into
 * its change-data-capture connector is that connector's CDC read of the database.
 */
export function meantProtocol(p: Protocol, from: KindDef, to: KindDef): Protocol {
  const f = pairFacts(from, to);
  if (f.viable.includes(p)) return p;
  if ((p === 'sql' || p === 'mongodb') && f.viable.length === 1 && f.viable[0] === 'cdc' && from.accepts.includes(p)) return 'cdc';
  return p;
}

/** The request-reply protocol `to` reads store `from` over, when `from → to` is drawn the way the data flows. */
export function readBackOf(from: KindDef, to: KindDef): Protocol | undefined {
  if (from.category !== 'store' || to.category === 'store') return undefined;
  const back = compatibleProtocols(to, from).filter((p) => REQUEST_REPLY.has(p) && (!isMediated(p) || hostsProtocol(to, p) || hostsProtocol(from, p)));
  if (back.length === 0) return undefined;
  const d = defaultProtocol(to, from);
  return d !== undefined && back.includes(d) ? d : back.length === 1 ? back[0] : from.defaultIn && back.includes(from.defaultIn) ? from.defaultIn : back[0];
}

export function pairFacts(from: KindDef, to: KindDef): PairFacts {
  let row = pairCache.get(from);
  if (!row) {
    row = new Map();
    pairCache.set(from, row);
  }
  let f = row.get(to);
  if (!f) {
    const compatible = compatibleProtocols(from, to);
    const viable = compatible.filter((p) => !isMediated(p) || hostsProtocol(from, p) || hostsProtocol(to, p));
    const d = defaultProtocol(from, to);
    let implicit: Protocol | undefined;
    if (d !== undefined && viable.includes(d)) implicit = d;
    else if (viable.length === 1) implicit = viable[0];
    else if (viable.length > 1 && to.defaultIn && viable.includes(to.defaultIn)) implicit = to.defaultIn;
    f = { compatible, viable, implicit, readBack: viable.length === 0 ? readBackOf(from, to) : undefined };
    row.set(to, f);
  }
  return f;
}

const bridgeCache = new Map<string, KindDef[]>();

/** Kinds that could sit between `from` and `to` (take from one, send to the other), most useful first. */
export function bridges(from: KindDef, to: KindDef): KindDef[] {
  const key = `${from.id}>${to.id}`;
  let b = bridgeCache.get(key);
  if (!b) {
    const order = ['plumbing', 'service', 'broker', 'gateway', 'store', 'observability', 'security'];
    b = KINDS.filter((k) => !k.external && k.id !== from.id && k.id !== to.id && pairFacts(from, k).viable.length > 0 && pairFacts(k, to).viable.length > 0)
      .filter((k) => !k.roles.includes('schema-registry'))
      .sort((x, y) => preference(x) - preference(y) || order.indexOf(x.category) - order.indexOf(y.category) || (x.id < y.id ? -1 : 1));
    bridgeCache.set(key, b);
  }
  return b;
}

/**
 * Workers first: they are what people usually put between two things that don't fit; then
 * stream processors, API services, CDC connectors and brokers.
 */
function preference(k: KindDef): number {
  const r = k.roles;
  if (r.includes('built') && !r.includes('api') && !r.includes('frontend') && !r.includes('scheduled')) return 0;
  if (r.includes('stream-processor')) return 1;
  if (r.includes('built') && r.includes('api')) return 2 + KINDS.indexOf(k) / 1000;
  if (r.includes('cdc-connector')) return 3;
  if (r.includes('broker')) return 4 + KINDS.indexOf(k) / 1000;
  return 10;
}

/** Kinds that can be the source of change data capture (from the catalog: those emitting `cdc`). */
export const CDC_SOURCES: readonly KindDef[] = KINDS.filter((k) => k.emits.includes('cdc'));
export const CDC_SINKS: readonly KindDef[] = KINDS.filter((k) => k.accepts.includes('cdc'));
