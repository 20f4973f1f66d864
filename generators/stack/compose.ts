import { Document, isMap, isScalar } from 'yaml';
import type { Condition, RNode, ServiceSpec, StackContext } from './context';
import { CONTAINERISED, dependencyOf } from './context';
import { composeRef, composeValue } from './env';
import { oneLine } from './text';
import { emitYaml } from '../yamlEmit';

/**
 * Assembles `docker-compose.yml` from the services the kind modules declared, as the resolved
 * model says: service names, host ports (only entry points, consoles and ports set by hand, on
 * 127.0.0.1 unless a component says otherwise), networks per zone (internal where the zone is),
 * `depends_on` following the connections without cycles, named volumes.
 */

export interface PublishedPort {
  service: string;
  /** The `.env` variable that can move it to another host port. */
  variable?: string;
  node: string;
  name: string;
  container: number;
  /** null when not published (internal only). */
  host: number | null;
  hostIp?: string;
  protocol: 'tcp' | 'udp';
  /** Why it is published (the resolved model's reason). */
  reason: 'entry' | 'admin' | 'by-hand' | 'internal';
}

export interface ComposeResult {
  text: string;
  ports: PublishedPort[];
  /** Services in file order. */
  services: ServiceSpec[];
  networks: Map<string, string[]>;
  depends: Map<string, Map<string, Condition>>;
}

/** Services ordered by their component in the design, each component's own service before its helpers. */
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
    const main = ctx.services.get(n.service);
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

export function buildCompose(ctx: StackContext): ComposeResult {
  const services = orderedServices(ctx);
  const byName = new Map(services.map((s) => [s.name, s]));
  const mainOf = (c: RNode): ServiceSpec | undefined => {
    const s = ctx.services.get(c.service);
    return s && s.node === c.id ? s : undefined;
  };

  // ── Ports: the component's resolved ports, on its main service; helpers publish nothing.
  const ports: PublishedPort[] = [];
  for (const s of services) {
    const c = s.publishes ? ctx.node(s.node) : undefined;
    for (const p of c?.ports ?? []) {
      ports.push({ service: s.name, node: s.node, name: p.name, container: p.container, host: p.host, ...(p.variable ? { variable: p.variable } : {}), ...(p.host !== null ? { hostIp: p.hostIp } : {}), protocol: p.protocol, reason: p.reason });
    }
  }

  // ── depends_on: explicit needs first, then the connections (the client waits for the server);
  // a dependency that would close a cycle is dropped.
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
    const a = mainOf(d.dependent);
    const b = mainOf(d.dependency);
    if (!a || !b) continue;
    if (addDep(a.name, b.name, `connection ${e.id}`)) {
      for (const g of gates.get(b.name) ?? []) addDep(a.name, g);
    }
  }

  // ── Networks: the resolved model's (zone networks, internal where the zone's trust says so);
  // helpers share the networks of the component they serve.
  const networks = new Map<string, string[]>();
  const netsOf = (s: ServiceSpec): string[] => {
    const c = ctx.node(s.node);
    return c && c.networks.length > 0 ? [...c.networks] : ['default'];
  };
  for (const s of services) networks.set(s.name, netsOf(s));
  const used = new Set([...networks.values()].flat());
  const netDefs: Record<string, unknown> = {};
  for (const n of ctx.resolved.networks) if (used.has(n.name)) netDefs[n.name] = n.internal ? { driver: 'bridge', internal: true } : { driver: 'bridge' };
  if (used.has('default') && !('default' in netDefs)) netDefs.default = { driver: 'bridge' };

  // ── The file.
  const svcObj = record<unknown>([]);
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
    if (s.user) o.user = s.user;
    const envKeys = Object.keys(s.environment);
    if (envKeys.length > 0) {
      const environment = record<string>([]);
      for (const k of envKeys) environment[k] = composeValue(s.environment[k]!);
      o.environment = environment;
    }
    const own = portsOf.get(s.name) ?? [];
    const published = own.filter((p) => p.host !== null);
    // The host side comes from .env (with the design's port as the default), bound to 127.0.0.1
    // unless the component says all-interfaces: e.g. 127.0.0.1:${ORDERS_HTTP_PORT:-8080}:8080.
    if (published.length > 0) o.ports = published.map((p) => `${p.hostIp}:${p.variable ? composeRef(p.variable, String(p.host)) : p.host}:${p.container}${p.protocol === 'udp' ? '/udp' : ''}`);
    const internal = own.filter((p) => p.host === null);
    if (internal.length > 0) o.expose = internal.map((p) => `${p.container}${p.protocol === 'udp' ? '/udp' : ''}`);
    const mounts = [...s.binds.map((b) => `./${b.source}:${b.target}${b.readOnly ? ':ro' : ''}`), ...s.volumes.map((v) => `${v.name}:${v.target}`)];
    for (const v of s.volumes) volumes.add(v.name);
    if (mounts.length > 0) o.volumes = mounts;
    o.networks = networks.get(s.name);
    const deps = depends.get(s.name);
    if (deps && deps.size > 0) o.depends_on = record([...deps].map(([k, c]) => [k, { condition: c }] as const));
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
  top.networks = netDefs;
  if (volumes.size > 0) top.volumes = record([...volumes].map((v) => [v, {}] as const));

  const header = [
    ` ${oneLine(ctx.doc.name, 100) || 'Design'}: starter stack generated by Topoforge.`,
    ' Start: cp .env.example .env (then set every change-me), and docker compose up -d',
    ' (docker-compose up -d with Compose v1); it refuses to start while a credential is unset.',
    ' README.md lists the services and ports.',
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

/**
 * An object made key by key without a prototype: V8 keeps it as a dictionary, where a plain
 * object gets a new hidden class for every new key (service names and variable names are new
 * keys for every service: 10,000s of hidden classes at 10k components). Read the same way by the
 * YAML writers (`Object.keys` in insertion order).
 */
function record<V>(entries: Iterable<readonly [string, V]>): Record<string, V> {
  const o = Object.create(null) as Record<string, V>;
  for (const [k, v] of entries) o[k] = v;
  return o;
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
