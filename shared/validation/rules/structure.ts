import type { KindDef } from '../../catalog';
import type { Diagnostic } from '../../model/types';
import type { EdgeInfo, Index, NodeInfo } from '../context';
import { edgeBool, edgeNum, edgePath, edgeStr, edgesWith, makeDiagnostic, nodePath, nodeProp, nodesWhere, repeatedEdges } from '../context';
import { fewText, listText, num, protocolName, shown } from '../format';
import { API_PROTOCOLS } from '../../catalog';

/** Structure of the design: ids, zones, unconnected parts, duplicates, ports, ownership. */
export function structureRules(index: Index, out: Diagnostic[]): void {
  // The checks every component needs, in one pass.
  for (let nI = 0, nL = index.nodes; nI < nL.length; nI++) {
    const n = nL[nI]!;
    duplicateId(index, n, out);
    unknownGroup(index, n, out);
    orphan(index, n, out);
  }
  duplicateEdges(index, out);
  hostPorts(index, out);
  gatewaysWithoutRoutes(index, out);
  processorsWithoutInput(index, out);
  sharedDatabases(index, out);
  externalCallsWithoutTimeout(index, out);
}

function duplicateId(index: Index, n: NodeInfo, out: Diagnostic[]): void {
  const first = index.byId.get(n.id)!;
  if (first === n) return;
  out.push(
    makeDiagnostic(
      'TF206',
      `Two components have the id ${shown(n.id)}: ${first.name} and ${n.name}`,
      'Give the second one its own id; ids name the compose services and the connections.',
      [n.id],
      [],
      nodePath(n, 'id'),
    ),
  );
}

function unknownGroup(index: Index, n: NodeInfo, out: Diagnostic[]): void {
  const g = n.node.group;
  if (g === undefined || g === null) return;
  if (typeof g === 'string' && index.groups.has(g)) return;
  const known = [...index.groups.keys()];
  out.push(
    makeDiagnostic(
      'TF205',
      `${n.name} is in the zone ${shown(g)}, which doesn't exist`,
      known.length
        ? `Move it to one of the zones (${fewText(known.map((k) => `"${k}"`), 5)}), add a zone with that id, or take it out of any zone.`
        : 'Add a zone with that id under groups, or take the component out of the zone.',
      [n.id],
      [],
      nodePath(n, 'group'),
    ),
  );
}

function orphan(index: Index, n: NodeInfo, out: Diagnostic[]): void {
  if (n.out.length > 0 || n.in.length > 0) return;
  if (index.byId.get(n.id) !== n) return; // a duplicate id is its own problem
  out.push(
    makeDiagnostic(
      'TF301',
      `${n.name} isn't connected to anything`,
      'Connect it to what calls it or what it sends data to, or remove it; an unconnected component still gets a container and a place in the document.',
      [n.id],
      [],
      nodePath(n),
    ),
  );
}

/** The settings that tell two connections between the same ends apart (a second topic, route, bucket...). */
const DETAIL_KEYS = ['topic', 'exchange', 'queue', 'subject', 'routingKey', 'path', 'method', 'bucket', 'prefix', 'tables', 'usage', 'consumerGroup', 'access'];

function duplicateEdges(index: Index, out: Diagnostic[]): void {
  // Only a second (third...) connection between the same two ends can repeat an earlier one.
  for (let eI = 0, eL = repeatedEdges(index); eI < eL.length; eI++) {
    const e = eL[eI]!;
    if (e.nth < 2 || !e.from || !e.to) continue;
    const proto = protocolOf(e);
    const first = e.from.out.find((f) => f.index < e.index && f.to === e.to && f.edge.to === e.edge.to && protocolOf(f) === proto && sameDetails(f, e));
    if (!first) continue;
    out.push(
      makeDiagnostic(
        'TF306',
        `${e.from.name} → ${e.to.name} is drawn twice${proto ? ` (${protocolName(proto)})` : ''} with the same settings`,
        'Remove one of them. To carry a second topic, queue or route, give the second connection its own name in its settings.',
        [e.from.id, e.to.id],
        [e.id, first.id],
        edgePath(e),
      ),
    );
  }
}

function protocolOf(e: EdgeInfo): string {
  return e.protocol ?? (typeof e.edge.protocol === 'string' ? e.edge.protocol : '');
}

function sameDetails(a: EdgeInfo, b: EdgeInfo): boolean {
  for (const k of DETAIL_KEYS) if (edgeStr(a, k) !== edgeStr(b, k)) return false;
  return true;
}

interface PortUse {
  node: NodeInfo;
  /** The setting that moves it, when it can be moved. */
  rel: string | undefined;
  label: string;
}

function hostPorts(index: Index, out: Diagnostic[]): void {
  // First count the ports (in a table by port number, reset afterwards), then look closer only
  // at the ones used twice.
  const publishing = nodesWhere(index, publishesPorts);
  const counted: number[] = [];
  let repeated = false;
  try {
    forEachHostPort(publishing, (_n, _spec, host) => {
      const before = portCount(host);
      if (before === 0) counted.push(host);
      else repeated = true;
      setPortCount(host, before + 1);
    });
    if (repeated) portClashes(publishing, out);
  } finally {
    for (let i = 0; i < counted.length; i++) setPortCount(counted[i]!, 0);
  }
}

/** Each host port the components publish (in order; a setting that is not a valid port is reported apart). */
function forEachHostPort(publishing: NodeInfo[], visit: (n: NodeInfo, spec: PortSpec, host: number) => void): void {
  for (let nI = 0, nL = publishing; nI < nL.length; nI++) {
    const n = nL[nI]!;
    const k = n.kind;
    if (!k || k.external) continue;
    for (const spec of portSpecs(k)) {
      const host = spec.prop ? portValue(n, spec.prop, spec.host) : spec.host;
      if (host !== undefined) visit(n, spec, host);
    }
  }
}

/** Uses of each host port while `hostPorts` runs (zero outside it); ports that aren't 0-65535 in `otherPorts`. */
const portTable = new Uint32Array(65536);
const otherPorts = new Map<number, number>();

function portCount(port: number): number {
  return Number.isInteger(port) && port >= 0 && port < 65536 ? portTable[port]! : (otherPorts.get(port) ?? 0);
}

function setPortCount(port: number, n: number): void {
  if (Number.isInteger(port) && port >= 0 && port < 65536) portTable[port] = n;
  else if (n === 0) otherPorts.delete(port);
  else otherPorts.set(port, n);
}

function portClashes(publishing: NodeInfo[], out: Diagnostic[]): void {
  const uses = new Map<number, PortUse[]>();
  forEachHostPort(publishing, (n, spec, host) => {
    if (portCount(host) < 2) return;
    const use = { node: n, rel: spec.prop ? `props.${spec.prop}` : undefined, label: spec.label };
    const list = uses.get(host);
    if (list) list.push(use);
    else uses.set(host, [use]);
  });
  const ports = [...uses.keys()].sort((a, b) => a - b);
  for (let portI = 0, portL = ports; portI < portL.length; portI++) {
    const port = portL[portI]!;
    const list = uses.get(port)!;
    const names: string[] = [];
    const seenNodes = new Set<NodeInfo>();
    for (let uI = 0, uL = list; uI < uL.length; uI++) {
      const u = uL[uI]!;
      if (!seenNodes.has(u.node)) names.push(u.node.name);
      seenNodes.add(u.node);
    }
    // Suggest moving the last movable one: the first keeps the port.
    const movable = [...list.slice(1)].reverse().find((u) => u.rel !== undefined) ?? list.find((u) => u.rel !== undefined);
    let hint: string;
    if (movable) {
      let free = port + 1;
      while (portCount(free) > 0 && free < 65535) free++;
      hint = `Change the ${movable.label} of ${movable.node.name} to a free port, e.g. ${free}; each published port must be unique on the host.`;
    } else {
      hint = `These ports are fixed for these components; keep only one of them in the design (the starter stack runs one of each).`;
    }
    const sameNode = seenNodes.size === 1;
    out.push(
      makeDiagnostic(
        'TF204',
        sameNode
          ? `${names[0]} publishes host port ${port} twice (${listText(list.map((u) => u.label))})`
          : `${listText(names)} ${names.length === 2 ? 'both' : 'all'} publish host port ${port}; the starter stack can't start two containers on one port`,
        hint,
        [...seenNodes].map((n) => n.id),
        [],
        movable ? nodePath(movable.node, movable.rel) : nodePath(list[1]!.node),
      ),
    );
  }
}

interface PortSpec {
  host: number | undefined;
  prop: string | undefined;
  label: string;
}

const portSpecCache = new WeakMap<KindDef, PortSpec[]>();

function publishesPorts(k: KindDef): boolean {
  return !k.external && portSpecs(k).length > 0;
}

/** The host ports a kind publishes: its catalog ports, or the `port` setting of the services you build. */
function portSpecs(k: KindDef): PortSpec[] {
  let specs = portSpecCache.get(k);
  if (!specs) {
    specs = [];
    if (k.ports) {
      for (let pI = 0, pL = k.ports; pI < pL.length; pI++) {
        const p = pL[pI]!;
        if (p.host === null) continue;
        const def = p.prop ? k.props.find((d) => d.key === p.prop) : undefined;
        specs.push({ host: p.host, prop: p.prop, label: def?.label ?? `${p.name} port` });
      }
    } else {
      const def = k.props.find((d) => d.key === 'port');
      if (def) specs.push({ host: undefined, prop: 'port', label: def.label });
    }
    portSpecCache.set(k, specs);
  }
  return specs;
}

/** A node's host port from its setting, or the default; undefined when the setting is not a valid port (reported apart). */
function portValue(n: NodeInfo, key: string, fallback: number | undefined): number | undefined {
  const raw = n.node.props?.[key];
  if (raw === undefined || raw === null) {
    const d = nodeProp(n, key);
    return typeof d === 'number' ? d : fallback;
  }
  return typeof raw === 'number' && Number.isInteger(raw) && raw >= 1 && raw <= 65535 ? raw : undefined;
}

/** An API route, or a connection that is broken (and reported as such). */
function mayRoute(e: EdgeInfo): boolean {
  return e.protocol === undefined || API_PROTOCOLS.has(e.protocol);
}

export function isGatewayKind(k: KindDef): boolean {
  return k.category === 'gateway';
}

function gatewaysWithoutRoutes(index: Index, out: Diagnostic[]): void {
  for (let nI = 0, nL = nodesWhere(index, isGatewayKind); nI < nL.length; nI++) {
    const n = nL[nI]!;
    if (n.kind?.category !== 'gateway') continue;
    if (n.in.length === 0 && n.out.length === 0) continue;
    if (n.out.some(mayRoute)) continue;
    out.push(
      makeDiagnostic(
        'TF312',
        `${n.name} routes to nothing: no connection goes from it to a service`,
        `Draw ${n.name} → each service it should route to (HTTP, gRPC or GraphQL); the routes are generated from those connections.`,
        [n.id],
        n.in.map((e) => e.id),
        nodePath(n),
      ),
    );
  }
}

const PROCESSOR_HINTS: Record<string, (name: string) => string> = {
  worker: (name) => `Draw the broker or file source it consumes from → ${name} (e.g. Kafka → ${name}). If it runs on a schedule, make it a Batch job; if it serves requests, make it a REST service.`,
  flink: (name) => `Draw the stream it reads → ${name} (e.g. Kafka → ${name}).`,
  debezium: (name) => `Draw the database it captures → ${name} (PostgreSQL, MySQL or MongoDB, over CDC).`,
};

/** A valid connection carrying data, not telemetry. */
export function carriesData(e: EdgeInfo): boolean {
  return e.protocol !== undefined && e.protocol !== 'metrics' && e.protocol !== 'otlp';
}

function isBroken(e: EdgeInfo): boolean {
  return e.protocol === undefined;
}

function isProcessorKind(k: KindDef): boolean {
  return Object.prototype.hasOwnProperty.call(PROCESSOR_HINTS, k.id);
}

function processorsWithoutInput(index: Index, out: Diagnostic[]): void {
  for (let nI = 0, nL = nodesWhere(index, isProcessorKind); nI < nL.length; nI++) {
    const n = nL[nI]!;
    const k = n.kind;
    if (!k || !PROCESSOR_HINTS[k.id]) continue;
    if (n.in.length === 0 && n.out.length === 0) continue; // orphan
    const fed = n.flowIn.some(carriesData) || n.in.some(isBroken);
    if (fed) continue;
    out.push(
      makeDiagnostic(
        'TF308',
        k.id === 'debezium' ? `${n.name} captures no database: nothing feeds it` : `${n.name} consumes from nothing: no broker, stream or file source feeds it`,
        PROCESSOR_HINTS[k.id]!(n.name),
        [n.id],
        [],
        nodePath(n),
      ),
    );
  }
}

/** Operational databases a service should own alone. */
const OWNED_STORES = new Set(['postgres', 'mysql', 'mongodb']);

function isOwnedStore(k: KindDef): boolean {
  return OWNED_STORES.has(k.id);
}

function sharedDatabases(index: Index, out: Diagnostic[]): void {
  for (let nI = 0, nL = nodesWhere(index, isOwnedStore); nI < nL.length; nI++) {
    const n = nL[nI]!;
    if (!n.kind || !OWNED_STORES.has(n.kind.id)) continue;
    const writers: NodeInfo[] = [];
    const edges: string[] = [];
    const seen = new Set<NodeInfo>();
    for (let eI = 0, eL = n.flowIn; eI < eL.length; eI++) {
      const e = eL[eI]!;
      if (e.protocol !== 'sql' && e.protocol !== 'mongodb') continue;
      if (edgeStr(e, 'access') === 'read') continue;
      edges.push(e.id);
      if (!seen.has(e.source!)) writers.push(e.source!);
      seen.add(e.source!);
    }
    if (writers.length < 2) continue;
    out.push(
      makeDiagnostic(
        'TF309',
        `${n.name} is written by ${writers.length} components (${fewText(writers.map((w) => w.name), 4)}): a shared database couples them`,
        'Give each service its own database, or keep one owner and have the others call its API or follow its changes (CDC or events). If some only read, set Access to read on their connections.',
        [n.id, ...writers.map((w) => w.id)],
        edges,
        nodePath(n),
      ),
    );
  }
}

function externalCallsWithoutTimeout(index: Index, out: Diagnostic[]): void {
  for (let eI = 0, eL = edgesWith(index, API_PROTOCOLS); eI < eL.length; eI++) {
    const e = eL[eI]!;
    if (!e.protocol || !API_PROTOCOLS.has(e.protocol) || e.protocol === 'websocket') continue;
    const callee = e.sink!;
    const caller = e.source!;
    if (!callee.kind?.external || caller.kind?.category === 'gateway') continue;
    if (edgeNum(e, 'timeoutMs') > 0 || edgeBool(e, 'circuitBreaker')) continue;
    out.push(
      makeDiagnostic(
        'TF314',
        `${caller.name} calls ${callee.name} with no timeout or circuit breaker`,
        `Set a timeout (e.g. ${num(2000)} ms) and turn on the circuit breaker on this connection: a service you don't run can hang and hold your threads.`,
        [caller.id, callee.id],
        [e.id],
        edgePath(e, 'props.timeoutMs'),
      ),
    );
  }
}
