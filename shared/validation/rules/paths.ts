import type { Diagnostic } from '../../model/types';
import { MAX_UNGUARDED_HOPS, SYNC_TPS_MAX } from '../assumptions';
import type { EdgeInfo, Index, NodeInfo } from '../context';
import { edgeBool, edgeNum, edgePath, makeDiagnostic, nodeNum, nodePath } from '../context';
import { fewText, listText, num } from '../format';
import { API_PROTOCOLS, REQUEST_REPLY } from '../protocols';
import { requiredTps } from './messaging';

/**
 * Synchronous paths: call loops, unguarded call chains, the slowest path against the latency
 * requirement, and synchronous calls asked to carry too much. Paths are found with one
 * strongly-connected-components pass and dynamic programming over the resulting DAG, so each
 * rule is linear in the size of the design.
 */
export function pathRules(index: Index, out: Diagnostic[]): void {
  const pos = new Map<NodeInfo, number>();
  index.nodes.forEach((n, i) => pos.set(n, i));

  const rr = buildGraph(index, pos, (e) => REQUEST_REPLY.has(e.protocol!));
  callLoops(index, rr, out);
  slowestPath(index, rr, pos, out);

  const unguarded = buildGraph(index, pos, (e) => API_PROTOCOLS.has(e.protocol!) && edgeNum(e, 'timeoutMs') <= 0 && !edgeBool(e, 'circuitBreaker'));
  unguardedChains(unguarded, pos, out);

  syncThroughput(index, out);
}

interface Graph {
  /** Per node position: its outgoing edges in this graph. */
  adj: EdgeInfo[][];
  comp: Int32Array;
  /** Components in completion order: every component comes after those it reaches. */
  members: number[][];
}

function buildGraph(index: Index, pos: Map<NodeInfo, number>, keep: (e: EdgeInfo) => boolean): Graph {
  const n = index.nodes.length;
  const adj: EdgeInfo[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const list: EdgeInfo[] = [];
    for (const e of index.nodes[i]!.flowOut) if (e.protocol && keep(e)) list.push(e);
    adj[i] = list;
  }
  const { comp, members } = tarjan(n, adj, pos);
  return { adj, comp, members };
}

/** Tarjan's strongly connected components, iterative (no recursion limit on long chains). */
function tarjan(n: number, adj: EdgeInfo[][], pos: Map<NodeInfo, number>): { comp: Int32Array; members: number[][] } {
  const order = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const comp = new Int32Array(n).fill(-1);
  const stack: number[] = [];
  const members: number[][] = [];
  const frameNode: number[] = [];
  const frameNext: number[] = [];
  let counter = 0;
  for (let s = 0; s < n; s++) {
    if (order[s] !== -1) continue;
    order[s] = low[s] = counter++;
    stack.push(s);
    onStack[s] = 1;
    frameNode.push(s);
    frameNext.push(0);
    while (frameNode.length) {
      const top = frameNode.length - 1;
      const v = frameNode[top]!;
      const edges = adj[v]!;
      const i = frameNext[top]!;
      if (i < edges.length) {
        frameNext[top] = i + 1;
        const w = pos.get(edges[i]!.sink!)!;
        if (order[w] === -1) {
          order[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          frameNode.push(w);
          frameNext.push(0);
        } else if (onStack[w]) {
          if (order[w]! < low[v]!) low[v] = order[w]!;
        }
        continue;
      }
      frameNode.pop();
      frameNext.pop();
      if (low[v] === order[v]) {
        const c = members.length;
        const list: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          comp[w] = c;
          list.push(w);
        } while (w !== v);
        list.sort((a, b) => a - b);
        members.push(list);
      }
      if (frameNode.length) {
        const p = frameNode[frameNode.length - 1]!;
        if (low[v]! < low[p]!) low[p] = low[v]!;
      }
    }
  }
  return { comp, members };
}

function pathText(nodes: NodeInfo[]): string {
  return nodes.map((n) => n.name).join(' → ');
}

// ── Call loops ──────────────────────────────────────────────────────────────────────────

function callLoops(index: Index, g: Graph, out: Diagnostic[]): void {
  for (let c = 0; c < g.members.length; c++) {
    const list = g.members[c]!;
    if (list.length < 2) continue;
    const cycle = findCycle(index, g, c, list[0]!);
    const nodes = cycle.nodes;
    out.push(
      makeDiagnostic(
        'TF310',
        `Synchronous calls go round in a loop: ${pathText([...nodes, nodes[0]!])}${list.length > nodes.length ? ` (${list.length} components call each other)` : ''}`,
        'A call loop can recurse without end and deadlocks when every thread waits on the next. Break it: make one of these calls asynchronous (publish an event instead), or move the shared logic into one service.',
        list.map((i) => index.nodes[i]!.id),
        cycle.edges.map((e) => e.id),
        edgePath(cycle.edges[0]!),
      ),
    );
  }
}

/** A shortest cycle through `start` inside its component (breadth-first). */
function findCycle(index: Index, g: Graph, c: number, start: number): { nodes: NodeInfo[]; edges: EdgeInfo[] } {
  const via = new Map<number, EdgeInfo>();
  const queue = [start];
  const seen = new Set<number>([start]);
  let closing: EdgeInfo | undefined;
  const idx = new Map<NodeInfo, number>();
  for (const m of g.members[c]!) idx.set(index.nodes[m]!, m);
  for (let qi = 0; qi < queue.length && !closing; qi++) {
    const v = queue[qi]!;
    for (const e of g.adj[v]!) {
      const w = idx.get(e.sink!);
      if (w === undefined) continue;
      if (w === start) {
        closing = e;
        break;
      }
      if (!seen.has(w)) {
        seen.add(w);
        via.set(w, e);
        queue.push(w);
      }
    }
  }
  const edges: EdgeInfo[] = [];
  if (closing) {
    edges.push(closing);
    let cur = idx.get(closing.source!)!;
    while (cur !== start) {
      const e = via.get(cur)!;
      edges.push(e);
      cur = idx.get(e.source!)!;
    }
    edges.reverse();
  }
  return { nodes: edges.map((e) => e.source!), edges };
}

// ── Slowest synchronous path ───────────────────────────────────────────────────────────

/** Kinds whose work is triggered by messages, changes or a schedule, not by a waiting user. */
const BACKGROUND_KINDS = new Set(['worker', 'batch-job', 'flink', 'debezium']);

function slowestPath(index: Index, g: Graph, pos: Map<NodeInfo, number>, out: Diagnostic[]): void {
  const req = index.doc.requirements?.latencyP99Ms;
  if (typeof req !== 'number' || !Number.isFinite(req) || req <= 0) return;
  const C = g.members.length;
  const best = new Float64Array(C);
  const next: (EdgeInfo | undefined)[] = new Array(C);
  for (let c = 0; c < C; c++) {
    let weight = 0;
    let tail = 0;
    let chosen: EdgeInfo | undefined;
    for (const m of g.members[c]!) {
      weight += Math.max(0, nodeNum(index.nodes[m]!, 'latencyMs'));
      for (const e of g.adj[m]!) {
        const d = g.comp[pos.get(e.sink!)!]!;
        if (d === c) continue;
        if (chosen === undefined || best[d]! > tail) {
          tail = best[d]!;
          chosen = e;
        }
      }
    }
    best[c] = weight + tail;
    next[c] = chosen;
  }

  // Entry points: start request-reply calls and are not themselves fed by anything (not a
  // callee, not a consumer): user-facing requests, not asynchronous or scheduled work.
  let worst: number | undefined;
  let worstTotal = -1;
  for (let i = 0; i < index.nodes.length; i++) {
    const n = index.nodes[i]!;
    if (g.adj[i]!.length === 0) continue;
    if (n.kind && BACKGROUND_KINDS.has(n.kind.id)) continue;
    if (n.flowIn.some((e) => e.protocol !== 'metrics' && e.protocol !== 'otlp')) continue;
    const total = best[g.comp[i]!]!;
    if (total > worstTotal) {
      worstTotal = total;
      worst = i;
    }
  }
  if (worst === undefined || worstTotal <= req) return;

  const nodes: NodeInfo[] = [];
  const edges: EdgeInfo[] = [];
  let c = g.comp[worst]!;
  let enter = worst;
  for (;;) {
    nodes.push(index.nodes[enter]!);
    for (const m of g.members[c]!) if (m !== enter) nodes.push(index.nodes[m]!);
    const e = next[c];
    if (!e) break;
    edges.push(e);
    enter = pos.get(e.sink!)!;
    c = g.comp[enter]!;
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

function unguardedChains(g: Graph, posMap: Map<NodeInfo, number>, out: Diagnostic[]): void {
  const C = g.members.length;
  const depth = new Int32Array(C);
  const next: (EdgeInfo | undefined)[] = new Array(C);
  const hasIncoming = new Uint8Array(C);
  for (let c = 0; c < C; c++) {
    let d = 0;
    let chosen: EdgeInfo | undefined;
    for (const m of g.members[c]!) {
      for (const e of g.adj[m]!) {
        const t = g.comp[posMap.get(e.sink!)!]!;
        if (t === c) continue;
        hasIncoming[t] = 1;
        if (chosen === undefined || depth[t]! + 1 > d) {
          d = depth[t]! + 1;
          chosen = e;
        }
      }
    }
    depth[c] = d;
    next[c] = chosen;
  }
  for (let c = 0; c < C; c++) {
    if (hasIncoming[c] || depth[c]! <= MAX_UNGUARDED_HOPS) continue;
    const edges: EdgeInfo[] = [];
    let e = next[c];
    while (e) {
      edges.push(e);
      e = next[g.comp[posMap.get(e.sink!)!]!];
    }
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

const TPS_PROTOCOLS = new Set(['http', 'grpc', 'graphql']);

function syncThroughput(index: Index, out: Diagnostic[]): void {
  const required = requiredTps(index);
  const byRequirement: EdgeInfo[] = [];
  for (const e of index.edges) {
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
    for (const e of byRequirement) {
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
