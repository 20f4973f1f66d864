import type { KindDef } from '../../catalog';
import type { Diagnostic, Protocol } from '../../model/types';
import { MAX_UNGUARDED_HOPS, SYNC_TPS_MAX } from '../assumptions';
import type { EdgeInfo, Index, NodeInfo } from '../context';
import { edgeBool, edgeNum, edgePath, edgesWith, makeDiagnostic, nodeNum, nodePath } from '../context';
import { fewText, listText, num } from '../format';
import { API_PROTOCOLS, REQUEST_REPLY } from '../../catalog';
import { requiredTps } from './messaging';
import { carriesData } from './structure';

/**
 * Synchronous paths: call loops, unguarded call chains, the slowest path against the latency
 * requirement, and synchronous calls asked to carry too much. Paths are found with one
 * strongly-connected-components pass and dynamic programming over the resulting DAG, so each
 * rule is linear in the size of the design.
 */
export function pathRules(index: Index, out: Diagnostic[]): void {
  const rr = buildGraph(index, edgesWith(index, REQUEST_REPLY), isRequestReply);
  callLoops(index, rr, out);
  slowestPath(index, rr, out);

  const unguarded = buildGraph(index, edgesWith(index, API_PROTOCOLS), isUnguardedCall);
  unguardedChains(unguarded, out);

  syncThroughput(index, out);
}

function isRequestReply(e: EdgeInfo): boolean {
  return REQUEST_REPLY.has(e.protocol!);
}

/** An API call with neither a timeout nor a circuit breaker. */
function isUnguardedCall(e: EdgeInfo): boolean {
  return API_PROTOCOLS.has(e.protocol!) && edgeNum(e, 'timeoutMs') <= 0 && !edgeBool(e, 'circuitBreaker');
}

/** A directed graph over node positions (`NodeInfo.pos`), in compressed rows, with its strongly connected components. */
interface Graph {
  /** Edges of node v are the slots start[v] .. start[v + 1] - 1. */
  start: Int32Array;
  /** Sink position of each slot. */
  target: Int32Array;
  edge: EdgeInfo[];
  /** Component of each node. */
  comp: Int32Array;
  /** Members of component c are compNodes[compStart[c] .. compStart[c + 1] - 1], ascending; components in completion order (each after those it reaches). */
  compStart: Int32Array;
  compNodes: Int32Array;
  count: number;
}

/** The graph of the edges of `candidates` (valid connections, in document order) that `keep` takes. */
function buildGraph(index: Index, candidates: EdgeInfo[], keep: (e: EdgeInfo) => boolean): Graph {
  const n = index.nodes.length;
  const start = new Int32Array(n + 1);
  const kept: EdgeInfo[] = [];
  for (let eI = 0, eL = candidates; eI < eL.length; eI++) {
    const e = eL[eI]!;
    if (!e.protocol || !e.source || !keep(e)) continue;
    kept.push(e);
    start[e.source.pos + 1]!++;
  }
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, n);
  const target = new Int32Array(kept.length);
  const edge: EdgeInfo[] = new Array(kept.length);
  for (let eI = 0, eL = kept; eI < eL.length; eI++) {
    const e = eL[eI]!;
    const slot = fill[e.source!.pos]!++;
    target[slot] = e.sink!.pos;
    edge[slot] = e;
  }
  const g: Graph = { start, target, edge, comp: new Int32Array(n), compStart: new Int32Array(n + 1), compNodes: new Int32Array(n), count: 0 };
  tarjan(g, n);
  return g;
}

/** Tarjan's strongly connected components, iterative (no recursion limit on long chains). */
function tarjan(g: Graph, n: number): void {
  const { start, target, comp, compStart, compNodes } = g;
  const order = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  let sp = 0;
  const frameNode = new Int32Array(n);
  const frameNext = new Int32Array(n);
  let fp = 0;
  let counter = 0;
  let c = 0;
  let filled = 0;
  for (let s = 0; s < n; s++) {
    if (order[s] !== -1) continue;
    order[s] = low[s] = counter++;
    stack[sp++] = s;
    onStack[s] = 1;
    frameNode[fp] = s;
    frameNext[fp++] = start[s]!;
    while (fp > 0) {
      const v = frameNode[fp - 1]!;
      const slot = frameNext[fp - 1]!;
      if (slot < start[v + 1]!) {
        frameNext[fp - 1] = slot + 1;
        const w = target[slot]!;
        if (order[w] === -1) {
          order[w] = low[w] = counter++;
          stack[sp++] = w;
          onStack[w] = 1;
          frameNode[fp] = w;
          frameNext[fp++] = start[w]!;
        } else if (onStack[w] && order[w]! < low[v]!) {
          low[v] = order[w]!;
        }
        continue;
      }
      fp--;
      if (low[v] === order[v]) {
        const from = filled;
        let w: number;
        do {
          w = stack[--sp]!;
          onStack[w] = 0;
          comp[w] = c;
          compNodes[filled++] = w;
        } while (w !== v);
        if (filled - from > 1) compNodes.subarray(from, filled).sort();
        compStart[++c] = filled;
      }
      if (fp > 0) {
        const p = frameNode[fp - 1]!;
        if (low[v]! < low[p]!) low[p] = low[v]!;
      }
    }
  }
  g.count = c;
}

function pathText(nodes: NodeInfo[]): string {
  return nodes.map((n) => n.name).join(' → ');
}

// ── Call loops ──────────────────────────────────────────────────────────────────────────

function callLoops(index: Index, g: Graph, out: Diagnostic[]): void {
  for (let c = 0; c < g.count; c++) {
    const size = g.compStart[c + 1]! - g.compStart[c]!;
    if (size < 2) continue;
    const members = Array.from(g.compNodes.subarray(g.compStart[c]!, g.compStart[c + 1]!));
    const cycle = findCycle(g, c, members[0]!);
    const nodes = cycle.map((e) => e.source!);
    out.push(
      makeDiagnostic(
        'TF310',
        `Synchronous calls go round in a loop: ${pathText([...nodes, nodes[0]!])}${size > nodes.length ? ` (${size} components call each other)` : ''}`,
        'A call loop can recurse without end and deadlocks when every thread waits on the next. Break it: make one of these calls asynchronous (publish an event instead), or move the shared logic into one service.',
        members.map((i) => index.nodes[i]!.id),
        cycle.map((e) => e.id),
        edgePath(cycle[0]!),
      ),
    );
  }
}

/** The edges of a shortest cycle through `start` inside component `c` (breadth-first). */
function findCycle(g: Graph, c: number, start: number): EdgeInfo[] {
  const via = new Map<number, number>();
  const queue = [start];
  let closing = -1;
  for (let qi = 0; qi < queue.length && closing < 0; qi++) {
    const v = queue[qi]!;
    for (let slot = g.start[v]!; slot < g.start[v + 1]!; slot++) {
      const w = g.target[slot]!;
      if (g.comp[w] !== c) continue;
      if (w === start) {
        closing = slot;
        break;
      }
      if (!via.has(w)) {
        via.set(w, slot);
        queue.push(w);
      }
    }
  }
  const edges: EdgeInfo[] = [];
  for (let slot = closing; slot >= 0; ) {
    const e = g.edge[slot]!;
    edges.push(e);
    const from = e.source!.pos;
    slot = from === start ? -1 : via.get(from)!;
  }
  return edges.reverse();
}

// ── Slowest synchronous path ───────────────────────────────────────────────────────────

/** Kinds whose work is triggered by messages, changes or a schedule, not by a waiting user. */
function isBackground(k: KindDef | undefined): boolean {
  if (!k) return false;
  const r = k.roles;
  return r.includes('stream-processor') || r.includes('connector') || r.includes('scheduled') || (r.includes('built') && !r.includes('api') && !r.includes('frontend'));
}

function slowestPath(index: Index, g: Graph, out: Diagnostic[]): void {
  const req = index.doc.requirements?.latencyP99Ms;
  if (typeof req !== 'number' || !Number.isFinite(req) || req <= 0) return;
  const C = g.count;
  const best = new Float64Array(C);
  const next = new Int32Array(C).fill(-1);
  // A component alone, with no call in or out, is on no path: its latency is never read.
  const called = new Uint8Array(index.nodes.length);
  for (let slot = 0; slot < g.target.length; slot++) called[g.target[slot]!] = 1;
  for (let c = 0; c < C; c++) {
    let weight = 0;
    let tail = 0;
    let chosen = -1;
    const first = g.compStart[c]!;
    if (first + 1 === g.compStart[c + 1]! && !called[g.compNodes[first]!] && g.start[g.compNodes[first]!] === g.start[g.compNodes[first]! + 1]) continue;
    for (let k = first; k < g.compStart[c + 1]!; k++) {
      const m = g.compNodes[k]!;
      weight += Math.max(0, nodeNum(index.nodes[m]!, 'latencyMs'));
      for (let slot = g.start[m]!; slot < g.start[m + 1]!; slot++) {
        const d = g.comp[g.target[slot]!]!;
        if (d === c) continue;
        if (chosen < 0 || best[d]! > tail) {
          tail = best[d]!;
          chosen = slot;
        }
      }
    }
    best[c] = weight + tail;
    next[c] = chosen;
  }

  // Entry points: start request-reply calls and are not themselves fed by anything (not a
  // callee, not a consumer): user-facing requests, not asynchronous or scheduled work.
  let worst = -1;
  let worstTotal = -1;
  for (let i = 0; i < index.nodes.length; i++) {
    if (g.start[i] === g.start[i + 1]) continue;
    const n = index.nodes[i]!;
    if (isBackground(n.kind)) continue;
    if (n.flowIn.some(carriesData)) continue;
    const total = best[g.comp[i]!]!;
    if (total > worstTotal) {
      worstTotal = total;
      worst = i;
    }
  }
  if (worst < 0 || worstTotal <= req) return;

  const nodes: NodeInfo[] = [];
  const edges: EdgeInfo[] = [];
  let enter = worst;
  for (;;) {
    const c = g.comp[enter]!;
    nodes.push(index.nodes[enter]!);
    for (let k = g.compStart[c]!; k < g.compStart[c + 1]!; k++) if (g.compNodes[k] !== enter) nodes.push(index.nodes[g.compNodes[k]!]!);
    const slot = next[c]!;
    if (slot < 0) break;
    edges.push(g.edge[slot]!);
    enter = g.target[slot]!;
  }
  const steps = nodes
    .map((n) => ({ n, ms: Math.max(0, nodeNum(n, 'latencyMs')) }))
    .filter((s) => s.ms > 0)
    .sort((a, b) => b.ms - a.ms || a.n.index - b.n.index);
  const slowest = steps[0]?.n ?? nodes[0]!;
  out.push(
    makeDiagnostic(
      'TF401',
      `The slowest synchronous path adds up to ${num(worstTotal)} ms, over the ${num(req)} ms p99 requirement: ${pathText(nodes)}`,
      `The biggest shares: ${fewText(steps.slice(0, 3).map((s) => `${s.n.name} ${num(s.ms)} ms`))}. Cache or parallelise those calls, make some asynchronous, or revisit the requirement; each component's share is its Expected p99 latency setting.`,
      nodes.map((n) => n.id),
      edges.map((e) => e.id),
      nodePath(slowest, 'props.latencyMs'),
    ),
  );
}

// ── Unguarded call chains ───────────────────────────────────────────────────────────────

function unguardedChains(g: Graph, out: Diagnostic[]): void {
  const C = g.count;
  const depth = new Int32Array(C);
  const next = new Int32Array(C).fill(-1);
  const hasIncoming = new Uint8Array(C);
  for (let c = 0; c < C; c++) {
    let d = 0;
    let chosen = -1;
    for (let k = g.compStart[c]!; k < g.compStart[c + 1]!; k++) {
      const m = g.compNodes[k]!;
      for (let slot = g.start[m]!; slot < g.start[m + 1]!; slot++) {
        const t = g.comp[g.target[slot]!]!;
        if (t === c) continue;
        hasIncoming[t] = 1;
        if (chosen < 0 || depth[t]! + 1 > d) {
          d = depth[t]! + 1;
          chosen = slot;
        }
      }
    }
    depth[c] = d;
    next[c] = chosen;
  }
  for (let c = 0; c < C; c++) {
    if (hasIncoming[c] || depth[c]! <= MAX_UNGUARDED_HOPS) continue;
    const edges: EdgeInfo[] = [];
    for (let slot = next[c]!; slot >= 0; slot = next[g.comp[g.target[slot]!]!]!) edges.push(g.edge[slot]!);
    const nodes = [edges[0]!.source!, ...edges.map((x) => x.sink!)];
    const suggest = edges[1] ?? edges[0]!;
    out.push(
      makeDiagnostic(
        'TF305',
        `${edges.length} synchronous calls in a row have no timeout or circuit breaker: ${pathText(nodes)}`,
        `Set a timeout (or turn on the circuit breaker) on at least one of these calls, e.g. ${suggest.source!.name} → ${suggest.sink!.name}, so one slow service can't stall the whole chain; past ${MAX_UNGUARDED_HOPS} hops every caller waits on every callee.`,
        nodes.map((n) => n.id),
        edges.map((x) => x.id),
        edgePath(suggest, 'props.timeoutMs'),
      ),
    );
  }
}

// ── Throughput of synchronous calls ─────────────────────────────────────────────────────

const TPS_PROTOCOLS: ReadonlySet<Protocol> = new Set<Protocol>(['http', 'grpc', 'graphql']);

function syncThroughput(index: Index, out: Diagnostic[]): void {
  const required = requiredTps(index);
  const byRequirement: EdgeInfo[] = [];
  for (let eI = 0, eL = edgesWith(index, TPS_PROTOCOLS); eI < eL.length; eI++) {
    const e = eL[eI]!;
    if (!e.protocol || !TPS_PROTOCOLS.has(e.protocol)) continue;
    const tps = edgeNum(e, 'tps');
    if (tps <= 0) {
      if (required !== undefined && required > SYNC_TPS_MAX) byRequirement.push(e);
      continue;
    }
    if (tps <= SYNC_TPS_MAX) continue;
    out.push(
      makeDiagnostic(
        'TF404',
        `${e.source!.name} → ${e.sink!.name} is expected to carry ${num(tps)} TPS synchronously; above ${num(SYNC_TPS_MAX)} TPS the template's rule is to go asynchronous`,
        'Publish the work to a broker (Kafka, RabbitMQ) and process it asynchronously, or batch the calls; if it must stay synchronous, scale the callee out and say why in the design.',
        [e.source!.id, e.sink!.id],
        [e.id],
        edgePath(e, 'props.tps'),
      ),
    );
  }
  if (byRequirement.length && required !== undefined) {
    const ids: string[] = [];
    const seen = new Set<string>();
    for (let eI = 0, eL = byRequirement; eI < eL.length; eI++) {
      const e = eL[eI]!;
      for (const n of [e.source!, e.sink!]) {
        if (!seen.has(n.id)) ids.push(n.id);
        seen.add(n.id);
      }
    }
    const first = byRequirement[0]!;
    const count = byRequirement.length;
    out.push(
      makeDiagnostic(
        'TF404',
        `The requirements ask for ${num(required)} TPS, and ${count} synchronous call${count === 1 ? '' : 's'} (${listText([`${first.source!.name} → ${first.sink!.name}`])}${count > 1 ? ' and others' : ''}) would carry it; above ${num(SYNC_TPS_MAX)} TPS the template's rule is to go asynchronous`,
        'Move the high-volume flows to a broker and process them asynchronously; where a call carries less than the total, set its Expected load (TPS).',
        ids,
        byRequirement.map((e) => e.id),
        'requirements.throughputTps',
      ),
    );
  }
}
