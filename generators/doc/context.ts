import { PROTOCOL_NAMES } from '../../shared/catalog';
import type { Role } from '../../shared/catalog';
import type { Diagnostic, Protocol, Requirements, Topology } from '../../shared/model/types';
import type { BrokerPlan, Component, Flow, FlowKind, ResolvedDesign } from '../../shared/resolve';
import { dnsName, resolve } from '../../shared/resolve';
import { kindModule } from '../kinds';
import type { DocFacet } from '../kinds/types';
import type { KindId } from '../../shared/catalog';
import { andListOf, code, md } from './markdown';

/**
 * What the document reads: the resolved model of the design (`shared/resolve`), never the raw
 * drawing. Every statement about a component, a connection, a channel, a route, a port or an
 * alert is made from it, so the document says what the generated stack does.
 */
export class Ctx {
  readonly doc: Topology;
  readonly r: ResolvedDesign;
  readonly req: Requirements;
  readonly diagnostics: readonly Diagnostic[];

  constructor(doc: Topology, diagnostics: readonly Diagnostic[], resolved: ResolvedDesign = resolve(doc)) {
    this.doc = doc;
    this.r = resolved;
    this.req = doc.requirements && typeof doc.requirements === 'object' ? doc.requirements : {};
    this.diagnostics = diagnostics;
  }

  #memo = new Map<string, unknown>();
  /** A design-wide fact computed once per document (sections ask the same ones many times). */
  memo<T>(key: string, compute: () => T): T {
    if (this.#memo.has(key)) return this.#memo.get(key) as T;
    const v = compute();
    this.#memo.set(key, v);
    return v;
  }

  #byRole = new Map<Role, Component[]>();
  /** Components with any of the roles, in document order. */
  withRole(...roles: Role[]): Component[] {
    if (roles.length === 1) {
      const hit = this.#byRole.get(roles[0]!);
      if (hit) return hit;
      const list = this.r.components.filter((c) => c.roles.includes(roles[0]!));
      this.#byRole.set(roles[0]!, list);
      return list;
    }
    return this.r.components.filter((c) => roles.some((x) => c.roles.includes(x)));
  }

  has(...roles: Role[]): boolean {
    return this.withRole(...roles).length > 0;
  }

  #byKind = new Map<FlowKind, Flow[]>();
  /** Flows of the given kinds (call, message, query, ...), in document order. */
  flows(...kinds: FlowKind[]): Flow[] {
    if (kinds.length === 1) {
      const hit = this.#byKind.get(kinds[0]!);
      if (hit) return hit;
      const list = this.r.flows.filter((f) => f.kind === kinds[0]);
      this.#byKind.set(kinds[0]!, list);
      return list;
    }
    return this.r.flows.filter((f) => f.kind !== undefined && kinds.includes(f.kind));
  }

  /** Flows carrying one of the protocols. */
  flowsOver(...protocols: Protocol[]): Flow[] {
    return this.r.flows.filter((f) => f.protocol !== undefined && protocols.includes(f.protocol));
  }

  /** Flows that carry data or calls (not telemetry, scrapes or dashboard reads). */
  dataFlows(): Flow[] {
    return this.r.flows.filter((f) => f.kind !== undefined && f.kind !== 'telemetry' && f.kind !== 'scrape' && f.kind !== 'datasource');
  }

  /** Components the stack runs. */
  containers(): Component[] {
    return this.r.components.filter((c) => c.containerised);
  }

  external(): Component[] {
    return this.r.components.filter((c) => !c.containerised);
  }

  /** The document facet of a component's kind. */
  facet(c: Component): DocFacet {
    return kindModule(c.kind.id as KindId).doc ?? NO_FACET;
  }

  /** Messaging plans (one per broker and protocol), in document order. */
  plans(): readonly BrokerPlan[] {
    return this.r.messaging;
  }

  /** Dead-letter channels of the design (not RabbitMQ's dead-letter exchange), with their plan. */
  deadLetters(): { plan: BrokerPlan; name: string; serves: string }[] {
    const out: { plan: BrokerPlan; name: string; serves: string }[] = [];
    for (const p of this.r.messaging) for (const c of p.channels) if (c.role === 'dead-letter' && c.kind !== 'exchange') out.push({ plan: p, name: c.name, serves: c.serves ?? '' });
    return out;
  }

  /** Stores kept as event stores (event sourcing). */
  eventStores(): Component[] {
    return this.r.components.filter((x) => this.facet(x).eventStore?.(x) === true);
  }

  /** A requirement as text ('' when unset). */
  reqText(key: string): string {
    const v = this.req[key];
    return typeof v === 'string' ? v.trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : '';
  }

  reqList(key: string): string[] {
    const v = this.req[key];
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.trim()) : typeof v === 'string' && v.trim() ? [v.trim()] : [];
  }

  reqNumber(key: string): number | undefined {
    const v = this.req[key];
    return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined;
  }
}

const NO_FACET: DocFacet = {};

// ── Wording ──────────────────────────────────────────────────────────────

/**
 * A component by its service name, the name the stack gives it ("`orders-api`"); with its label
 * first when the service name is not simply the label ("Orders API (`orders-api-2`)").
 */
export function name(c: Component): string {
  return dnsName(c.label) === c.service ? code(c.service) : `${md(c.label, 80)} (${code(c.service)})`;
}

/** Its product with the parentheses flattened: "Apache Kafka 3.x, KRaft". */
export function productFlat(c: Component): string {
  return md(productText(c).replace(/ \(([^()]*)\)$/, ', $1'));
}

/** The catalog's product, as the kind's doc facet words it for this component's settings. */
function productText(c: Component): string {
  return kindModule(c.kind.id as KindId).doc?.product?.(c) ?? c.kind.product;
}

/** A component and what it is: "`kafka` (Apache Kafka 3.x, KRaft)". */
export function described(c: Component): string {
  return `${name(c)} (${productFlat(c)})`;
}

/** Its service name in code: "`orders-api`". */
export function svc(c: Component): string {
  return code(c.service);
}

/** "a, b and c" of component names. */
export function names(cs: readonly Component[], max = 12): string {
  return andListOf(cs, name, max);
}

export function svcs(cs: readonly Component[], max = 12): string {
  return andListOf(cs, svc, max);
}

/** What it is: "Apache Kafka 3.x (KRaft)". */
export function product(c: Component): string {
  return md(productText(c));
}

export function protocolName(p: Protocol): string {
  return PROTOCOL_NAMES[p];
}

/** Distinct protocols of some flows, in order of appearance. */
export function protocolsOf(flows: readonly Flow[]): Protocol[] {
  return [...new Set(flows.map((f) => f.protocol).filter((p): p is Protocol => !!p))];
}

/** "`a` → `b`" by service names, client to server for calls, source to sink otherwise. */
export function arrow(f: Flow): string {
  return f.kind === 'call' || f.kind === 'query' ? `${svc(f.client ?? f.from)} → ${svc(f.server ?? f.to)}` : `${svc(f.source)} → ${svc(f.sink)}`;
}

export function plural(n: number, one: string, many = one + 's'): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** `n.toLocaleString('en-US')` ("12,345"); integers without Intl, which costs microseconds a call (the tables call it per row). */
export function count(n: number): string {
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) return n.toLocaleString('en-US');
  const digits = String(n < 0 ? -n : n);
  const grouped = digits.length <= 3 ? digits : digits.replace(/\B(?=(\d{3})+$)/g, ',');
  return n < 0 ? `-${grouped}` : grouped;
}

/** Milliseconds in words: 1500 → "1.5 s", 200 → "200 ms". */
export function ms(v: number): string {
  return v >= 1000 && v % 100 === 0 ? `${count(v / 1000)} s` : `${count(v)} ms`;
}

/** Hours in words: 168 → "7 days". */
export function hours(h: number): string {
  return h % 24 === 0 ? `${h / 24} ${h === 24 ? 'day' : 'days'}` : `${h} ${h === 1 ? 'hour' : 'hours'}`;
}

/** Unique values, in order. */
export function uniq<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}

/** Sentence-case the first letter. */
export function cap(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}
