import type { KindDef } from '../../catalog';
import type { Component, ResolvedPort } from '../../resolve';
import type { Diagnostic } from '../../model/types';
import type { EdgeInfo, Index, NodeInfo } from '../context';
import { edgeBool, edgeNum, edgePath, edgeStr, edgesWith, makeDiagnostic, nodePath, nodesWhere, repeatedEdges } from '../context';
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

/**
 * Host ports set by hand that clash (TF204). The stack publishes only entry points, consoles and
 * the ports a user sets by hand, and gives each a free host port (`shared/resolve/ports.ts`): only
 * two hand-set ports asking for one number are a problem, since one of them can't have it.
 */
function hostPorts(index: Index, out: Diagnostic[]): void {
  const byPort = new Map<number, Array<{ c: Component; port: ResolvedPort }>>();
  for (const c of index.resolved.components) {
    for (const port of c.ports) {
      if (!port.byHand) continue;
      const wanted = port.wanted ?? port.host;
      if (wanted === null) continue;
      const list = byPort.get(wanted);
      if (list) list.push({ c, port });
      else byPort.set(wanted, [{ c, port }]);
    }
  }
  const taken = new Set<number>();
  for (const c of index.resolved.components) for (const p of c.ports) if (p.host !== null) taken.add(p.host);
  for (const [port, uses] of [...byPort].sort((a, b) => a[0] - b[0])) {
    if (uses.length < 2) continue;
    const moved = uses[uses.length - 1]!;
    const label = (u: { c: Component; port: ResolvedPort }) => u.c.kind.props.find((d) => d.key === u.port.prop)?.label ?? `${u.port.name} port`;
    const nodes = [...new Set(uses.map((u) => u.c))];
    const names = nodes.map((c) => index.byId.get(c.id)?.name ?? c.display);
    // A free port for the one to move (the port the stack gave it in the meantime counts as free).
    let free = port + 1;
    while (taken.has(free) && free !== moved.port.host && free < 65535) free++;
    out.push(
      makeDiagnostic(
        'TF204',
        nodes.length === 1
          ? `${names[0]} sets host port ${port} for two of its ports (${listText(uses.map(label))})`
          : `${listText(names)} ${names.length === 2 ? 'both' : 'all'} set host port ${port} by hand; only one of them can be published on it`,
        `Change the ${label(moved)} of ${names[names.length - 1]} to a free port, e.g. ${free}, or clear it to let the stack pick one.`,
        nodes.map((c) => c.id),
        [],
        `nodes[${moved.c.index}].props.${moved.port.prop ?? 'port'}`,
      ),
    );
  }
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
