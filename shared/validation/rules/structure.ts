import type { KindDef } from '../../catalog';
import type { Component, ResolvedPort } from '../../resolve';
import type { Diagnostic } from '../../model/types';
import type { EdgeInfo, Index, NodeInfo } from '../context';
import { edgeBool, edgeNum, edgePath, edgeStr, edgesWith, makeDiagnostic, nodePath, nodesWhere, repeatedEdges } from '../context';
import { fewText, listText, num, protocolName, shown } from '../format';
import { CDC_SOURCES } from '../../catalog';
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
  // The host ports in use, for suggesting a free one: gathered only when two ports clash.
  let taken: Set<number> | undefined;
  const clashes = [...byPort].filter(([, uses]) => uses.length > 1).sort((a, b) => a[0] - b[0]);
  for (const [port, uses] of clashes) {
    if (!taken) {
      taken = new Set();
      for (const c of index.resolved.components) for (const p of c.ports) if (p.host !== null) taken.add(p.host);
    }
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

/** What feeds a processor, by what it is: a worker, a stream processor or a CDC connector. */
function processorHint(k: KindDef, name: string): string | undefined {
  const r = k.roles;
  if (r.includes('cdc-connector')) return `Draw the database it captures → ${name} (${CDC_SOURCES.map((s) => s.name).join(', ')}, over CDC).`;
  if (r.includes('stream-processor')) return `Draw the stream it reads → ${name} (e.g. Kafka → ${name}).`;
  if (r.includes('built') && !r.includes('api') && !r.includes('frontend') && !r.includes('scheduled'))
    return `Draw the broker or file source it consumes from → ${name} (e.g. Kafka → ${name}). If it runs on a schedule, make it a Batch job; if it serves requests, make it a REST service.`;
  return undefined;
}

/** A valid connection carrying data, not telemetry. */
export function carriesData(e: EdgeInfo): boolean {
  return e.protocol !== undefined && e.protocol !== 'metrics' && e.protocol !== 'otlp';
}

function isBroken(e: EdgeInfo): boolean {
  return e.protocol === undefined;
}

function isProcessorKind(k: KindDef): boolean {
  return processorHint(k, '') !== undefined;
}

/**
 * A stream processor or CDC connector that nothing feeds, or a worker that neither takes nor
 * sends any data (a worker that polls an API or writes a store on its own is doing its job).
 */
function processorsWithoutInput(index: Index, out: Diagnostic[]): void {
  for (let nI = 0, nL = nodesWhere(index, isProcessorKind); nI < nL.length; nI++) {
    const n = nL[nI]!;
    const k = n.kind;
    const hint = k && processorHint(k, n.name);
    if (!k || !hint) continue;
    if (n.in.length === 0 && n.out.length === 0) continue; // orphan
    const fed = n.flowIn.some(carriesData) || n.in.some(isBroken);
    if (fed) continue;
    const worker = k.roles.includes('built');
    if (worker && (n.flowOut.some(carriesData) || n.out.some(isBroken))) continue;
    const cdc = k.roles.includes('cdc-connector');
    out.push(
      makeDiagnostic(
        'TF308',
        cdc ? `${n.name} captures no database: nothing feeds it` : worker ? `${n.name} consumes from nothing and sends nothing: no broker, stream or file source feeds it` : `${n.name} consumes from nothing: no broker, stream or file source feeds it`,
        hint,
        [n.id],
        [],
        nodePath(n),
      ),
    );
  }
}

/** Operational databases a service should own its part of (not analytics or search stores). */
function isOwnedStore(k: KindDef): boolean {
  return k.roles.includes('database') && !k.ingestVerb;
}

/**
 * Several components writing one schema of a database (TF309). Each writer gets a schema of its
 * own by default (named after it, or the Schema of its connection), so one database server
 * shared by services, each in its own schema, is no warning; two writers naming one schema are.
 */
function sharedDatabases(index: Index, out: Diagnostic[]): void {
  for (let nI = 0, nL = nodesWhere(index, isOwnedStore); nI < nL.length; nI++) {
    const n = nL[nI]!;
    if (!n.kind || !isOwnedStore(n.kind)) continue;
    const bySchema = new Map<string, { writers: NodeInfo[]; edges: string[] }>();
    for (let eI = 0, eL = n.flowIn; eI < eL.length; eI++) {
      const e = eL[eI]!;
      if (e.protocol !== 'sql' && e.protocol !== 'mongodb') continue;
      if (edgeStr(e, 'access') === 'read') continue;
      const schema = edgeStr(e, 'schema') || `\u0000${e.source!.id}`;
      let g = bySchema.get(schema);
      if (!g) bySchema.set(schema, (g = { writers: [], edges: [] }));
      g.edges.push(e.id);
      if (!g.writers.includes(e.source!)) g.writers.push(e.source!);
    }
    for (const [schema, { writers, edges }] of bySchema) {
    if (writers.length < 2) continue;
    out.push(
      makeDiagnostic(
        'TF309',
        `${n.name} is written by ${writers.length} components in one schema ${shown(schema)} (${fewText(writers.map((w) => w.name), 4)}): a shared schema couples them`,
        'Give each service its own schema (clear the Schema of the connections: each writer then gets one named after it), or keep one owner and have the others call its API or follow its changes (CDC or events). If some only read, set Access to read on their connections.',
        [n.id, ...writers.map((w) => w.id)],
        edges,
        nodePath(n),
      ),
    );
    }
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
