import { Document, isMap, isScalar } from 'yaml';
import type { Condition, ServiceSpec, StackContext } from './context';
import { CONTAINERISED, connectionOf, dependencyOf } from './context';
import { oneLine } from './text';
import { emitYaml } from '../yamlEmit';

/**
 * Assembles `docker-compose.yml` from the services the component generators declared: host
 * ports (no two on the same host port), networks per zone, `depends_on` following the edges
 * without cycles, named volumes. Built as an object and written by the YAML library.
 */

export interface PublishedPort {
  service: string;
  /** The `.env` variable that can move it to another host port. */
  variable?: string;
  node: string;
  name: string;
  container: number;
  /** null when not published (internal only, or its host port was taken). */
  host: number | null;
  hostIp?: string;
  protocol: 'tcp' | 'udp';
}

export interface ComposeResult {
  text: string;
  ports: PublishedPort[];
  /** Services in file order. */
  services: ServiceSpec[];
  networks: Map<string, string[]>;
  depends: Map<string, Map<string, Condition>>;
}

/** Services ordered by their node in the design, each node's own service before its helpers. */
export function orderedServices(ctx: StackContext): ServiceSpec[] {
  const out: ServiceSpec[] = [];
  const all = [...ctx.services.values()];
  const ofNode = new Map<string, ServiceSpec[]>();
  for (const s of all) {
    const list = ofNode.get(s.node);
    if (list) list.push(s);
    else ofNode.set(s.node, [s]);
  }
  const placed = new Set<ServiceSpec>();
  for (const n of ctx.nodes) {
    const main = ctx.services.get(n.id);
    if (main && main.node === n.id && !placed.has(main)) {
      out.push(main);
      placed.add(main);
    }
    for (const s of ofNode.get(n.id) ?? []) {
      if (s === main) continue;
      out.push(s);
      placed.add(s);
    }
  }
  for (const s of all) if (!placed.has(s)) out.push(s);
  return out;
}

export const zoneNetwork = (group: string): string => `zone-${group}`;

/** The `.env` variable holding the host port a node's port `name` is published on. */
export function hostPortVar(ctx: StackContext, node: string, name: string, port: number): string {
  return ctx.env.define(node, `${name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_PORT`, { comment: `Host port of ${node} (${name})`, example: String(port) });
}

export function buildCompose(ctx: StackContext): ComposeResult {
  const services = orderedServices(ctx);
  const byName = new Map(services.map((s) => [s.name, s]));

  // ── Ports: the first service to ask for a host port gets it.
  const taken = new Map<number, string>();
  const ports: PublishedPort[] = [];
  for (const s of services) {
    for (const p of s.ports) {
      let host = p.host;
      if (host !== null) {
        const owner = taken.get(host);
        if (owner !== undefined) {
          ctx.note(`Host port ${host} is wanted by both \`${owner}\` and \`${s.name}\` (${p.name}); \`${s.name}\` keeps port ${p.container} inside the stack but is not published. Give it another port in the design.`);
          host = null;
        } else taken.set(host, s.name);
      }
      const variable = host !== null && s.node ? hostPortVar(ctx, s.node, p.name, host) : undefined;
      ports.push({ service: s.name, node: s.node, name: p.name, container: p.container, host, ...(variable ? { variable } : {}), ...(p.hostIp ? { hostIp: p.hostIp } : {}), protocol: p.protocol ?? 'tcp' });
    }
  }

  // ── depends_on: explicit needs first, then the edges; an edge that would close a cycle is dropped.
  const depends = new Map<string, Map<string, Condition>>();
  const reaches = (from: string, to: string): boolean => {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length > 0) {
      const cur = stack.pop()!;
      if (cur === to) return true;
      if (seen.has(cur)) continue;
      seen.add(cur);
      for (const d of depends.get(cur)?.keys() ?? []) stack.push(d);
    }
    return false;
  };
  const conditionFor = (dep: ServiceSpec): Condition => (dep.oneShot ? 'service_completed_successfully' : dep.healthcheck ? 'service_healthy' : 'service_started');
  const addDep = (from: string, to: string, why?: string): boolean => {
    const a = byName.get(from);
    const b = byName.get(to);
    if (!a || !b || from === to) return false;
    if (depends.get(from)?.has(to)) return true;
    if (reaches(to, from)) {
      if (why) ctx.note(`\`${from}\` does not wait for \`${to}\` (${why}): that would close a start-up cycle. Make sure \`${from}\` retries until \`${to}\` is up.`);
      return false;
    }
    let m = depends.get(from);
    if (!m) depends.set(from, (m = new Map()));
    m.set(to, conditionFor(b));
    return true;
  };
  for (const s of services) for (const need of s.needs) addDep(s.name, need.service);
  const gates = new Map<string, string[]>();
  for (const s of services) if (s.gate && s.attachedTo) gates.set(s.attachedTo, [...(gates.get(s.attachedTo) ?? []), s.name]);
  for (const e of ctx.edges) {
    const d = dependencyOf(e);
    if (!d || !CONTAINERISED(d.dependent) || !CONTAINERISED(d.dependency) || d.dependent === d.dependency) continue;
    if (!byName.has(d.dependent.id) || !byName.has(d.dependency.id)) continue;
    if (addDep(d.dependent.id, d.dependency.id, `connection ${e.id}`)) {
      for (const g of gates.get(d.dependency.id) ?? []) addDep(d.dependent.id, g);
    }
  }

  // ── Networks: each node lives in its zone (or the default network); whoever opens a
  // connection joins the network of the other end. Helpers share their node's networks.
  const order: string[] = ['default', ...(Array.isArray(ctx.doc.groups) ? ctx.doc.groups : []).map((g) => zoneNetwork(String(g?.id)))];
  const home = (name: string): string => {
    const s = byName.get(name);
    const node = s ? ctx.node(s.node) : undefined;
    return node?.zone ? zoneNetwork(node.zone.id) : 'default';
  };
  const nets = new Map<string, Set<string>>();
  for (const s of services) nets.set(s.name, new Set([home(s.attachedTo ?? s.name)]));
  const join = (client: string, server: string) => {
    const c = byName.get(client);
    const target = byName.get(server);
    if (!c || !target) return;
    const clientMain = c.attachedTo ?? c.name;
    nets.get(clientMain)?.add(home(target.attachedTo ?? target.name));
  };
  for (const e of ctx.edges) {
    const c = connectionOf(e);
    if (c && CONTAINERISED(c.client) && CONTAINERISED(c.server)) join(c.client.id, c.server.id);
  }
  for (const l of ctx.links) join(l.client, l.server);
  for (const s of services) if (s.attachedTo && nets.has(s.attachedTo)) for (const n of nets.get(s.attachedTo)!) nets.get(s.name)!.add(n);
  const networks = new Map<string, string[]>();
  for (const s of services) networks.set(s.name, [...nets.get(s.name)!].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
  const usedNetworks = order.filter((n) => services.some((s) => networks.get(s.name)!.includes(n)));

  // ── The file.
  const svcObj: Record<string, unknown> = {};
  const volumes = new Set<string>();
  const portsOf = new Map<string, PublishedPort[]>();
  for (const p of ports) {
    const list = portsOf.get(p.service);
    if (list) list.push(p);
    else portsOf.set(p.service, [p]);
  }
  for (const s of services) {
    const o: Record<string, unknown> = { image: s.image };
    if (s.entrypoint) o.entrypoint = s.entrypoint;
    if (s.command) o.command = s.command;
    o.restart = s.oneShot ? 'no' : 'unless-stopped';
    if (s.capAdd) o.cap_add = s.capAdd;
    if (Object.keys(s.environment).length > 0) o.environment = { ...s.environment };
    const own = portsOf.get(s.name) ?? [];
    const published = own.filter((p) => p.host !== null);
    // The host side comes from .env (with the design's port as the default), e.g. ${ORDERS_HTTP_PORT:-8080}:8080.
    if (published.length > 0) o.ports = published.map((p) => `${p.hostIp ? `${p.hostIp}:` : ''}${p.variable ? `\${${p.variable}:-${p.host}}` : p.host}:${p.container}${p.protocol === 'udp' ? '/udp' : ''}`);
    const internal = own.filter((p) => p.host === null);
    if (internal.length > 0) o.expose = internal.map((p) => String(p.container));
    const mounts = [...s.binds.map((b) => `./${b.source}:${b.target}${b.readOnly ? ':ro' : ''}`), ...s.volumes.map((v) => `${v.name}:${v.target}`)];
    for (const v of s.volumes) volumes.add(v.name);
    if (mounts.length > 0) o.volumes = mounts;
    o.networks = networks.get(s.name);
    const deps = depends.get(s.name);
    if (deps && deps.size > 0) o.depends_on = Object.fromEntries([...deps].map(([k, c]) => [k, { condition: c }]));
    if (s.healthcheck) {
      const h = s.healthcheck;
      o.healthcheck = {
        test: [...h.test],
        ...(h.interval ? { interval: h.interval } : {}),
        ...(h.timeout ? { timeout: h.timeout } : {}),
        ...(h.retries !== undefined ? { retries: h.retries } : {}),
        ...(h.startPeriod ? { start_period: h.startPeriod } : {}),
      };
    }
    svcObj[s.name] = o;
  }
  const top: Record<string, unknown> = { services: svcObj };
  top.networks = Object.fromEntries(usedNetworks.map((n) => [n, { driver: 'bridge' }]));
  if (volumes.size > 0) top.volumes = Object.fromEntries([...volumes].map((v) => [v, {}]));

  const header = [
    ` ${oneLine(ctx.doc.name, 100) || 'Design'}: starter stack generated by Topoforge.`,
    ' Start: cp .env.example .env (then set every change-me), and docker compose up -d',
    ' (docker-compose up -d with Compose v1). README.md lists the services and ports.',
  ].join('\n');
  // Each service is introduced by a comment naming its component.
  const serviceComments = new Map<string, string>();
  for (const name of Object.keys(svcObj)) {
    const s = byName.get(name);
    if (!s) continue;
    const node = ctx.node(s.node);
    const text = s.attachedTo ? s.description : node ? `${node.label} (${node.kind.name})` : s.description;
    serviceComments.set(name, ` ${oneLine(text, 160)}`);
  }
  const text = emitYaml(top, { version: '1.1', header, keyComments: new Map([[svcObj, serviceComments]]) }) ?? libraryCompose(top, header, serviceComments);
  return { text, ports, services, networks, depends };
}

/** The same file through the yaml library's Document model (for values the direct writer leaves to it). */
function libraryCompose(top: Record<string, unknown>, header: string, serviceComments: Map<string, string>): string {
  const doc = new Document(top, { version: '1.1', aliasDuplicateObjects: false });
  doc.commentBefore = header;
  const svcMap = doc.get('services', true);
  if (isMap(svcMap)) {
    for (const pair of svcMap.items) {
      if (!isScalar(pair.key)) continue;
      const comment = serviceComments.get(String(pair.key.value));
      if (comment) pair.key.commentBefore = comment;
    }
  }
  return doc.toString({ lineWidth: 0, minContentWidth: 0, indentSeq: true });
}
