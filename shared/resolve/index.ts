import type { KindDef } from '../catalog';
import { edgePropDefs, getKind } from '../catalog';
import { edgeIds } from '../model/ids';
import type { Group, Protocol, TopoEdge, TopoNode, Topology, TrustLevel } from '../model/types';
import { ID_PATTERN, MAX_ID_LENGTH, TRUST_LEVELS } from '../model/types';
import { connectionEnds, flowKind, protocolOf, resilienceOf, sourceIsFrom } from './flows';
import { messagingPlans } from './messaging';
import { dnsName, NameTaker, upperSnake } from './names';
import { alertRules } from './alerts';
import { gatewayPlans } from './gateways';
import { observabilityOf } from './observability';
import { assignPorts, portRequests } from './ports';
import { cleanProps, num } from './props';
import type { Props } from './props';
import type { Component, Credential, Flow, Network, ResolvedDesign, ResolvedPort, Zone } from './types';

export type * from './types';
export { cleanProps } from './props';
export type { Props } from './props';
export { dnsName, upperSnake } from './names';
export { backoutName, capturedTables, cdcPrefix, deadLettersOf, defaultJmsQueue, natsCovers, RABBIT_DLX } from './messaging';
export type { CapturedTable, MessagingProtocol } from './messaging';
export { isProtocol, protocolOf } from './flows';
export { routesTo, safePath, versionOf } from './gateways';
export { alertThresholds } from './alerts';

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
  const cache: Cache = { nodes: new WeakMap(), edges: new WeakMap() };
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
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type MComponent = Mutable<Component> & { out: Flow[]; in: Flow[]; at: Flow[] };

const oneLine = (s: unknown, max = 200): string =>
  (typeof s === 'string' ? s : '')
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max);

function arrayOf<T>(v: unknown): T[] {
  return Array.isArray(v) ? (v as T[]) : [];
}

function resolveWith(doc: Topology, cache: Cache | undefined): ResolvedDesign {
  const notes: string[] = [];
  const ignored: string[] = [];

  // ── Zones
  const zones: Zone[] = [];
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

  // ── Components
  const components: MComponent[] = [];
  const byId = new Map<string, MComponent>();
  const services = new NameTaker();
  arrayOf<TopoNode>(doc.nodes).forEach((n, index) => {
    if (!n || typeof n !== 'object' || typeof n.id !== 'string' || !ID_PATTERN.test(n.id) || n.id.length > MAX_ID_LENGTH) {
      notes.push(`A node with the id ${JSON.stringify(oneLine(String(n?.id ?? ''), 40))} was left out: ids are lower-case letters, digits and dashes.`);
      return;
    }
    if (byId.has(n.id)) {
      notes.push(`A second node with the id \`${n.id}\` was left out: ids must be unique.`);
      return;
    }
    let work = cache?.nodes.get(n);
    if (!work) {
      const kind = getKind(n.kind);
      if (!kind) {
        notes.push(`Node \`${n.id}\` has an unknown kind ${JSON.stringify(oneLine(String(n.kind), 40))} and was left out.`);
        return;
      }
      const bad: string[] = [];
      work = { kind, props: cleanProps(kind.props, n.props, `Node ${n.id}`, (m) => bad.push(m)), ignored: bad, label: oneLine(n.label) || n.id };
      cache?.nodes.set(n, work);
    }
    ignored.push(...work.ignored);
    const { kind } = work;
    const zone = typeof n.group === 'string' ? zoneById.get(n.group) : undefined;
    const service = services.take(dnsName(work.label) || n.id);
    const envPrefix = upperSnake(service);
    const c: MComponent = {
      id: n.id,
      index,
      node: n,
      kind,
      roles: kind.roles,
      label: work.label,
      display: `${work.label} (${kind.name})`,
      props: work.props,
      zone,
      trust: zone?.trust ?? 'internal',
      containerised: !kind.external,
      service,
      envPrefix,
      listenPort: listenPortOf(kind, work.props),
      ports: [],
      networks: [],
      entry: false,
      credentials: credentialsOf(kind, work.props, service, envPrefix),
      healthcheck: kind.healthcheck,
      out: [],
      in: [],
      at: [],
    };
    components.push(c);
    byId.set(c.id, c);
  });

  // ── Flows
  const flows: Flow[] = [];
  const rawEdges = arrayOf<TopoEdge>(doc.edges);
  const ids = edgeIds(rawEdges);
  const req = doc.requirements && typeof doc.requirements === 'object' ? doc.requirements : {};
  rawEdges.forEach((e, index) => {
    if (!e || typeof e !== 'object') return;
    const from = byId.get(String(e.from));
    const to = byId.get(String(e.to));
    const id = ids[index]!;
    if (!from || !to) {
      notes.push(`The connection ${JSON.stringify(oneLine(id, 80))} was left out: one of its ends is not in the design.`);
      return;
    }
    let work = cache?.edges.get(e);
    if (!work || work.from !== from.kind || work.to !== to.kind) {
      const { protocol, explicit } = protocolOf(e.protocol, from.kind, to.kind);
      const bad: string[] = [];
      work = { from: from.kind, to: to.kind, protocol, explicit, props: cleanProps(edgePropDefs(protocol), e.props, `Connection ${id}`, (m) => bad.push(m)), ignored: bad };
      cache?.edges.set(e, work);
    }
    ignored.push(...work.ignored);
    const { protocol } = work;
    const forward = sourceIsFrom(from.kind, to.kind, protocol);
    const source = forward ? from : to;
    const sink = forward ? to : from;
    const kind = flowKind(protocol, from.kind, to.kind);
    const ends = connectionEnds(kind, protocol, from, to, source, sink);
    const f: Flow = {
      id,
      index,
      edge: e,
      from,
      to,
      protocol,
      explicit: work.explicit,
      props: work.props,
      source,
      sink,
      client: ends?.client,
      server: ends?.server,
      kind,
      resilience: resilienceOf(kind, work.props, req),
    };
    flows.push(f);
    from.out.push(f);
    to.in.push(f);
    from.at.push(f);
    if (to !== from) to.at.push(f);
  });

  // ── Entry points: gateways, front ends, what serves on an entry port, APIs nothing calls.
  for (const c of components) {
    if (!c.containerised) continue;
    const called = c.in.some((f) => f.kind === 'call' && f.server === c && f.client !== c);
    c.entry =
      c.roles.includes('gateway') ||
      c.roles.includes('frontend') ||
      (c.kind.ports ?? []).some((p) => p.publish === 'entry') ||
      (c.roles.includes('api') && !called);
  }

  // ── Ports
  const requests = components.flatMap((c) => portRequests(c));
  const assigned = assignPorts(requests, notes);
  for (const c of components) c.ports = assigned.get(c) ?? [];

  // ── Networks: each component lives on its zone's network (or the default one) and joins the
  // network of every component it opens a connection to. One that publishes a port or calls
  // something outside the stack also joins the default network when its own is internal.
  const networkOf = (c: Component) => c.zone?.network ?? 'default';
  const internalNet = new Set(zones.filter((z) => z.trust === 'internal' || z.trust === 'restricted').map((z) => z.network));
  const joined = new Map<MComponent, Set<string>>();
  for (const c of components) if (c.containerised) joined.set(c, new Set([networkOf(c)]));
  for (const f of flows) {
    const { client, server } = f;
    if (!client || !server || client === server || !client.containerised) continue;
    if (server.containerised) joined.get(client as MComponent)!.add(networkOf(server));
  }
  for (const c of components) {
    const nets = joined.get(c);
    if (!nets) continue;
    const reachesOut = c.out.some((f) => f.client === c && f.server && !f.server.containerised) || c.in.some((f) => f.client === c && f.server && !f.server.containerised);
    const publishes = c.ports.some((p) => p.host !== null);
    if ((reachesOut || publishes) && [...nets].every((n) => internalNet.has(n))) nets.add('default');
  }
  const order = ['default', ...zones.map((z) => z.network)];
  const networks: Network[] = [];
  for (const name of order) {
    const members = components.filter((c) => joined.get(c)?.has(name)).map((c) => c.id);
    if (members.length === 0) continue;
    networks.push({ name, zone: zones.find((z) => z.network === name), internal: internalNet.has(name), members });
  }
  for (const c of components) {
    const nets = joined.get(c);
    c.networks = nets ? order.filter((n) => nets.has(n)) : [];
  }

  const messaging = messagingPlans(components);
  const gateways = gatewayPlans(components);
  const wiring = observabilityOf(components, flows, notes);
  const observability = { ...wiring, alerts: alertRules(wiring.scrapes, messaging, req) };

  return { doc, components, byId, flows, zones, networks, messaging, gateways, observability, notes, ignored };
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
