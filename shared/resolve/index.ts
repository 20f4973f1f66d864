import type { KindDef } from '../catalog';
import { edgePropDefs, pairFacts, getKind } from '../catalog';
import { edgeIds } from '../model/ids';
import type { Group, Protocol, TopoEdge, TopoNode, Topology, TrustLevel } from '../model/types';
import { ID_PATTERN, MAX_ID_LENGTH, TRUST_LEVELS } from '../model/types';
import { connectionEnds, flowKind, protocolOf, resilienceOf, sourceIsFrom } from './flows';
import { messagingPlans } from './messaging';
import { dnsName, NameTaker, upperSnake } from './names';
import { oneLine as line } from '../text';
import { alertRules } from './alerts';
import { gatewayPlans } from './gateways';
import { observabilityOf } from './observability';
import { assignPorts, portRequests } from './ports';
import type { PortRequest } from './ports';
import { cleanProps, num } from './props';
import type { Props } from './props';
import type { BrokerPlan, Component, Credential, Flow, FlowKind, GatewayPlan, Network, Observability, Resilience, ResolvedDesign, ResolvedPort, Zone } from './types';

export type * from './types';
export { cleanProps } from './props';
export type { Props } from './props';
export { dnsName, upperSnake } from './names';
export { backoutName, canDeadLetter, capturedTables, cdcPrefix, cdcReadsOf, deadLettersOf, defaultJmsQueue, natsCovers, RABBIT_DLX } from './messaging';
export type { CapturedTable, MessagingProtocol } from './messaging';
export { isProtocol, protocolOf } from './flows';
export { API_KEY_HEADER, DEFAULT_RATE_LIMIT_PER_MINUTE, rateFromText, routesTo, safePath, versionOf } from './gateways';
export { alertThresholds } from './alerts';
export { hasReaders, readsAsReader } from './logins';

/**
 * `resolve(design)`: what a design means, computed once and read by validation, every
 * generator and the inspector (see `types.ts`). Pure and deterministic. Entries that are not
 * well-formed (an invalid or repeated id, an unknown kind, a connection to nowhere) are left out
 * with a note: validation reports them; generators never see them.
 *
 * `createResolver()` keeps the per-component and per-connection work (settings checked against
 * the catalog, protocols) between calls for unchanged objects, as the editor's store replaces
 * what it edits; the design-wide parts (names, ports, networks, channels) are linear passes.
 */
export function resolve(doc: Topology): ResolvedDesign {
  return resolveWith(doc, undefined);
}

export interface Resolver {
  resolve(doc: Topology): ResolvedDesign;
}

/** A resolver that reuses its work for node and edge objects it has seen (treat them as immutable). */
export function createResolver(): Resolver {
  const cache: Cache = { nodes: new WeakMap(), edges: new WeakMap(), prefixes: new Map() };
  let last: { doc: Topology; result: ResolvedDesign } | undefined;
  return {
    resolve(doc: Topology): ResolvedDesign {
      if (last && last.doc === doc) return last.result;
      const result = resolveWith(doc, cache);
      last = { doc, result };
      return result;
    },
  };
}

interface NodeWork {
  kind: KindDef;
  props: Props;
  ignored: string[];
  label: string;
  /** The base of its service name (`dnsName` of the label, or the id). */
  base: string;
}
interface EdgeWork {
  from: KindDef;
  to: KindDef;
  protocol: Protocol | undefined;
  explicit: boolean;
  props: Props;
  ignored: string[];
}
interface Cache {
  nodes: WeakMap<TopoNode, NodeWork>;
  edges: WeakMap<TopoEdge, EdgeWork>;
  /** `.env` prefixes by service name. */
  prefixes: Map<string, string>;
}

function prefixOf(cache: Cache | undefined, service: string): string {
  if (!cache) return upperSnake(service);
  let p = cache.prefixes.get(service);
  if (p === undefined) {
    if (cache.prefixes.size > 100_000) cache.prefixes.clear();
    cache.prefixes.set(service, (p = upperSnake(service)));
  }
  return p;
}

/** A label as every generated file shows it (shared/text.ts); nothing for what is not a string. */
const oneLine = (s: unknown, max = 200): string => (typeof s === 'string' ? line(s, max) : '');

function arrayOf<T>(v: unknown): T[] {
  return Array.isArray(v) ? (v as T[]) : [];
}

/**
 * An empty list made to hold objects. A `[]` starts as a list of small integers; the connection
 * loop's pushes turned each of 30,000 such lists (made before any connection is read) into a list
 * of objects, and the optimised loop was thrown away three times over it at 10k components
 * (`node --trace-deopt`: "not a Smi"), to be compiled again each time.
 */
function flowList(): Flow[] {
  const list: Flow[] = [FLOW_KIND];
  list.length = 0;
  return list;
}
const FLOW_KIND = Object.freeze({}) as Flow;

/**
 * A component. What depends on the whole design (entry point, host ports, networks,
 * credentials) is worked out on first use, for every component at once, by its design: a
 * check that reads only kinds and connections pays for nothing else.
 */
class ComponentRecord implements Component {
  readonly out: Flow[] = flowList();
  readonly in: Flow[] = flowList();
  readonly at: Flow[] = flowList();
  readonly roles: Component['roles'];
  readonly display: string;
  readonly trust: TrustLevel;
  readonly containerised: boolean;
  readonly listenPort: number;
  readonly healthcheck: Component['healthcheck'];
  /** Set by the design's lazy passes. */
  isEntry = false;
  isExposed = false;
  portList: readonly ResolvedPort[] = [];
  networkList: readonly string[] = [];
  private creds: Record<string, Credential> | undefined;

  constructor(
    private readonly design: DesignRecord,
    readonly id: string,
    readonly index: number,
    readonly node: TopoNode,
    readonly kind: KindDef,
    readonly label: string,
    readonly props: Props,
    readonly zone: Zone | undefined,
    readonly service: string,
    readonly envPrefix: string,
  ) {
    this.roles = kind.roles;
    this.display = `${label} (${kind.name})`;
    this.trust = zone?.trust ?? 'internal';
    this.containerised = !kind.external;
    this.listenPort = listenPortOf(kind, props);
    this.healthcheck = kind.healthcheck;
  }

  get entry(): boolean {
    this.design.entries();
    return this.isEntry;
  }

  get exposed(): boolean {
    this.design.entries();
    return this.isExposed;
  }

  get ports(): readonly ResolvedPort[] {
    this.design.ports();
    return this.portList;
  }

  get published(): ResolvedPort | undefined {
    return this.ports.find((p) => p.container === this.listenPort && p.host !== null);
  }

  get networks(): readonly string[] {
    this.design.networkPlan();
    return this.networkList;
  }

  get credentials(): Readonly<Record<string, Credential>> {
    return (this.creds ??= credentialsOf(this.kind, this.props, this.service, this.envPrefix));
  }
}

class DesignRecord implements ResolvedDesign {
  readonly components: ComponentRecord[] = [];
  readonly byId = new Map<string, ComponentRecord>();
  readonly flows: Flow[] = [];
  readonly zones: Zone[] = [];
  readonly ignored: string[] = [];
  private readonly noteList: string[] = [];
  private entriesDone = false;
  private portsDone = false;
  private networksDone: readonly Network[] | undefined;
  private messagingDone: readonly BrokerPlan[] | undefined;
  private observabilityDone: Observability | undefined;
  private gatewaysDone: readonly GatewayPlan[] | undefined;
  private targetsDone: Map<Flow, { host: string; port: number }> | undefined;

  constructor(readonly doc: Topology) {}

  note(text: string): void {
    this.noteList.push(text);
  }

  /** Every note, the design-wide passes' included (so they are all run). */
  get notes(): readonly string[] {
    this.ports();
    void this.observability;
    return this.noteList;
  }

  get networks(): readonly Network[] {
    return this.networkPlan();
  }

  get messaging(): readonly BrokerPlan[] {
    return (this.messagingDone ??= messagingPlans(this.components));
  }

  get gateways(): readonly GatewayPlan[] {
    return (this.gatewaysDone ??= gatewayPlans(this.components, this.requirements));
  }

  get observability(): Observability {
    if (this.observabilityDone) return this.observabilityDone;
    const wiring = observabilityOf(this.components, this.flows, this.noteList);
    return (this.observabilityDone = { ...wiring, alerts: alertRules(wiring.scrapes, this.messaging, this.requirements) });
  }

  private get requirements(): Record<string, unknown> {
    const req: unknown = this.doc.requirements;
    return req && typeof req === 'object' ? (req as Record<string, unknown>) : {};
  }


  /** Where the client of `f` connects (`Flow.host`, `Flow.port`). */
  target(f: Flow): { host: string; port: number } | undefined {
    return (this.targetsDone ??= connectionTargets(this.flows, this.observability)).get(f);
  }

  /** Entry points: gateways, front ends, what serves on an entry port, APIs nothing calls. */
  entries(): void {
    if (this.entriesDone) return;
    this.entriesDone = true;
    for (const c of this.components) {
      if (!c.containerised) continue;
      const called = c.in.some((f) => f.kind === 'call' && f.server === c && f.client !== c);
      // A gateway that a component of the stack calls (a front proxy's sidecar, an internal API
      // gateway behind the edge one) is inside; a front end's calls come from browsers, outside.
      const calledInside = c.in.some((f) => f.kind === 'call' && f.server === c && f.client !== undefined && f.client !== c && f.client.containerised && !f.client.roles.includes('frontend'));
      const set = c.node.props?.['exposure'];
      const gateway = c.roles.includes('gateway');
      c.isEntry = gateway ? set === 'internet' || !calledInside : c.roles.includes('frontend') || (c.kind.ports ?? []).some((p) => p.publish === 'entry') || (c.roles.includes('api') && !called);
      c.isExposed = c.trust === 'internet' || c.trust === 'dmz' || (gateway && (set === 'internet' || (set !== 'internal' && !calledInside)));
    }
  }

  ports(): void {
    if (this.portsDone) return;
    this.portsDone = true;
    this.entries();
    const requests: PortRequest[] = [];
    for (const c of this.components) for (const r of portRequests(c)) requests.push(r);
    const assigned = assignPorts(requests, this.noteList);
    for (const c of this.components) c.portList = assigned.get(c) ?? NO_PORTS;
  }

  /**
   * Networks: each component lives on its zone's network (or the default one) and joins the
   * network of every component it opens a connection to. One that publishes a port or calls
   * something outside the stack also joins the default network when its own is internal.
   */
  networkPlan(): readonly Network[] {
    if (this.networksDone) return this.networksDone;
    this.ports();
    const networkOf = (c: Component) => c.zone?.network ?? 'default';
    const internalNet = new Set(this.zones.filter((z) => z.trust === 'internal' || z.trust === 'restricted').map((z) => z.network));
    const joined = new Map<Component, Set<string>>();
    for (const c of this.components) if (c.containerised) joined.set(c, new Set([networkOf(c)]));
    for (const f of this.flows) {
      const { client, server } = f;
      if (!client || !server || client === server || !client.containerised) continue;
      if (server.containerised) joined.get(client)!.add(networkOf(server));
    }
    for (const c of this.components) {
      const nets = joined.get(c);
      if (!nets) continue;
      const reachesOut = c.at.some((f) => f.client === c && f.server !== undefined && !f.server.containerised);
      const publishes = c.portList.some((p) => p.host !== null);
      if ((reachesOut || publishes) && [...nets].every((n) => internalNet.has(n))) nets.add('default');
    }
    const order = ['default', ...this.zones.map((z) => z.network)];
    const members = new Map<string, string[]>(order.map((n) => [n, []]));
    for (const c of this.components) {
      const nets = joined.get(c);
      if (!nets) continue;
      c.networkList = order.filter((n) => nets.has(n));
      for (const n of c.networkList) members.get(n)!.push(c.id);
    }
    const networks: Network[] = [];
    for (const name of order) {
      const list = members.get(name)!;
      if (list.length > 0) networks.push({ name, zone: this.zones.find((z) => z.network === name), internal: internalNet.has(name), members: list });
    }
    return (this.networksDone = networks);
  }
}

const NO_PORTS: readonly ResolvedPort[] = Object.freeze([]);

/** A connection. Where its client connects needs the observability wiring (a scrape may go to an exporter): worked out on first use. */
class FlowRecord implements Flow {
  constructor(
    private readonly design: DesignRecord,
    readonly id: string,
    readonly index: number,
    readonly edge: TopoEdge,
    readonly from: ComponentRecord,
    readonly to: ComponentRecord,
    readonly protocol: Protocol | undefined,
    readonly explicit: boolean,
    readonly props: Props,
    readonly source: Component,
    readonly sink: Component,
    readonly client: Component | undefined,
    readonly server: Component | undefined,
    readonly kind: FlowKind | undefined,
    readonly resilience: Resilience | undefined,
  ) {}

  get host(): string | undefined {
    return this.design.target(this)?.host;
  }

  get port(): number | undefined {
    return this.design.target(this)?.port;
  }
}

/** What cleanProps reported for the component or connection at hand (`reported()` takes it): no list and no callback made per item. */
const reports: string[] = [];
const report = (m: string): void => {
  reports.push(m);
};
const NO_REPORTS: readonly string[] = Object.freeze([]);
function reported(): string[] {
  return reports.length === 0 ? (NO_REPORTS as string[]) : reports.splice(0);
}

function resolveWith(doc: Topology, cache: Cache | undefined): ResolvedDesign {
  reports.length = 0; // nothing left over from a resolve that threw
  const design = new DesignRecord(doc);
  const { zones } = design;

  // ── Zones
  const zoneById = new Map<string, Zone>();
  const netNames = new NameTaker(['default']);
  for (const g of arrayOf<Group>(doc.groups)) {
    if (!g || typeof g !== 'object' || typeof g.id !== 'string' || !ID_PATTERN.test(g.id) || zoneById.has(g.id)) continue;
    const trust: TrustLevel = (TRUST_LEVELS as readonly string[]).includes(g.trust as string) ? (g.trust as TrustLevel) : 'internal';
    const label = oneLine(g.label) || g.id;
    const z: Zone = { id: g.id, group: g, label, trust, network: netNames.take(dnsName(label) || g.id) };
    zones.push(z);
    zoneById.set(g.id, z);
  }

  readComponents(design, zoneById, cache);
  readFlows(design, cache);
  return design;
}

/**
 * The components, in document order. (Each loop over the design is a function of its own: V8
 * optimises a long loop while it runs, and code after it that has not run yet is then thrown
 * away when reached, with the next loop left to run slowly until compiled again.)
 */
function readComponents(design: DesignRecord, zoneById: ReadonlyMap<string, Zone>, cache: Cache | undefined): void {
  const { doc, components, byId, ignored } = design;
  const services = new NameTaker();
  const nodes = arrayOf<TopoNode>(doc.nodes);
  for (let index = 0; index < nodes.length; index++) {
    const n = nodes[index];
    if (!n || typeof n !== 'object' || typeof n.id !== 'string' || !ID_PATTERN.test(n.id) || n.id.length > MAX_ID_LENGTH) {
      design.note(`A node with the id ${JSON.stringify(oneLine(String(n?.id ?? ''), 40))} was left out: ids are lower-case letters, digits and dashes.`);
      continue;
    }
    if (byId.has(n.id)) {
      design.note(`A second node with the id \`${n.id}\` was left out: ids must be unique.`);
      continue;
    }
    let work = cache?.nodes.get(n);
    if (!work) {
      const kind = getKind(n.kind);
      if (!kind) {
        design.note(`Node \`${n.id}\` has an unknown kind ${JSON.stringify(oneLine(String(n.kind), 40))} and was left out.`);
        continue;
      }
      const label = oneLine(n.label) || n.id;
      const props = cleanProps(kind.props, n.props, `Node ${n.id}`, report);
      work = { kind, props, ignored: reported(), label, base: dnsName(label) || n.id };
      cache?.nodes.set(n, work);
    }
    for (const m of work.ignored) ignored.push(m);
    const zone = typeof n.group === 'string' ? zoneById.get(n.group) : undefined;
    const service = services.take(work.base);
    const c = new ComponentRecord(design, n.id, index, n, work.kind, work.label, work.props, zone, service, prefixOf(cache, service));
    components.push(c);
    byId.set(c.id, c);
  }
}

/** The connections between components, in document order, each in its ends' lists. */
function readFlows(design: DesignRecord, cache: Cache | undefined): void {
  const { doc, byId, flows, ignored } = design;
  const rawEdges = arrayOf<TopoEdge>(doc.edges);
  const ids = edgeIds(rawEdges);
  const req = doc.requirements && typeof doc.requirements === 'object' ? doc.requirements : {};
  for (let index = 0; index < rawEdges.length; index++) {
    const e = rawEdges[index];
    if (!e || typeof e !== 'object') continue;
    const from = byId.get(String(e.from));
    const to = byId.get(String(e.to));
    const id = ids[index]!;
    if (!from || !to) {
      design.note(`The connection ${JSON.stringify(oneLine(id, 80))} was left out: one of its ends is not in the design.`);
      continue;
    }
    let work = cache?.edges.get(e);
    if (!work || work.from !== from.kind || work.to !== to.kind) {
      const { protocol, explicit } = protocolOf(e.protocol, from.kind, to.kind);
      let props = cleanProps(edgePropDefs(protocol), e.props, `Connection ${id}`, report);
      const bad = reported();
      // A store drawn the way its data flows (Orders DB → Nightly ETL) is read by the other end;
      // a dashboard (Grafana) only ever reads the store it is a data source of.
      const rawProps = e.props && typeof e.props === 'object' ? (e.props as Record<string, unknown>) : {};
      const readOnly = (protocol && pairFacts(from.kind, to.kind).readBack === protocol) || (from.kind.roles.includes('dashboard') && to.kind.category === 'store');
      if (readOnly && 'access' in props && rawProps.access === undefined) props = { ...props, access: 'read' };
      work = { from: from.kind, to: to.kind, protocol, explicit, props, ignored: bad };
      cache?.edges.set(e, work);
    }
    for (const m of work.ignored) ignored.push(m);
    const { protocol } = work;
    const forward = sourceIsFrom(from.kind, to.kind, protocol);
    const source = forward ? from : to;
    const sink = forward ? to : from;
    const kind = flowKind(protocol, from.kind, to.kind);
    const ends = connectionEnds(kind, protocol, from, to, source, sink);
    const f = new FlowRecord(design, id, index, e, from, to, protocol, work.explicit, work.props, source, sink, ends?.client, ends?.server, kind, resilienceOf(kind, work.props, req));
    flows.push(f);
    from.out.push(f);
    to.in.push(f);
    from.at.push(f);
    if (to !== from) to.at.push(f);
  }
}

/**
 * Where each client connects (`Flow.host`, `Flow.port`): a scrape goes to the endpoint the
 * observability wiring chose (the component's own or its exporter's), a dashboard to the port
 * of its data source, anything else to the server's port that serves the protocol, else to its
 * listen port.
 */
function connectionTargets(flows: readonly Flow[], observability: Observability): Map<Flow, { host: string; port: number }> {
  const out = new Map<Flow, { host: string; port: number }>();
  const scrapes = new Map(observability.scrapes.map((s) => [s.flow, s]));
  for (const f of flows) {
    const server = f.server;
    if (!f.client || !server || !server.containerised || f.client === server) continue;
    if (f.kind === 'scrape') {
      const scrape = scrapes.get(f) ?? observability.scrapes.find((s) => s.scraper === f.client && s.target === server);
      if (scrape) out.set(f, { host: scrape.service, port: scrape.port });
      continue;
    }
    const port =
      f.kind === 'datasource' && server.kind.dataSource
        ? server.kind.dataSource.port
        : ((server.kind.ports ?? []).find((p) => f.protocol !== undefined && (p.serves ?? []).includes(f.protocol))?.container ?? server.listenPort);
    out.set(f, { host: server.service, port });
  }
  return out;
}

/** The port a component listens on inside the stack. */
function listenPortOf(kind: KindDef, props: Props): number {
  if (kind.clientPort !== undefined) return kind.clientPort;
  if (kind.ports && kind.ports.length > 0) return kind.ports[0]!.container;
  const p = num(props, 'port');
  return p > 0 ? p : 8080;
}

function credentialsOf(kind: KindDef, props: Props, service: string, prefix: string): Record<string, Credential> {
  const out: Record<string, Credential> = {};
  for (const c of kind.credentials ?? []) {
    const variable = `${prefix}_${c.key}`;
    const fromProp = c.exampleProp && typeof props[c.exampleProp] === 'string' && props[c.exampleProp] !== '' ? (props[c.exampleProp] as string) : undefined;
    out[c.key] = { variable, ref: `\${${variable}}`, comment: c.about.replace('{}', service), example: c.secret ? '' : (fromProp ?? c.example ?? ''), secret: c.secret };
  }
  return out;
}

export type { ResolvedPort };
