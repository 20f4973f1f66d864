import { flowOf, isScrapable } from '../../shared/catalog';
import { MESSAGING_PROTOCOLS, SYNC_PROTOCOLS } from '../../shared/model/types';
import type { Ctx, EdgeInfo, NodeInfo } from './context';
import { num, str } from './context';

/** Facts several sections share, derived once from the design. */

export interface DeadLetter {
  broker: NodeInfo;
  /** Topic, queue or folder name. */
  name: string;
  what: 'topic' | 'queue' | 'folder' | 'backout queue';
  /** The consumer edge or topic setting it comes from. */
  via?: EdgeInfo;
}

/** Topics written into a Kafka broker: declared ones and those named (or implied) by producer edges. */
export function kafkaTopics(ctx: Ctx, broker: NodeInfo): string[] {
  const out: string[] = [];
  const list = Array.isArray(broker.props.topics) ? (broker.props.topics as Record<string, unknown>[]) : [];
  for (const t of list) if (t && typeof t.name === 'string' && t.name) out.push(t.name);
  for (const e of ctx.into(broker.id)) {
    if (e.protocol !== 'kafka') continue;
    const explicit = str(e.props, 'topic');
    // Debezium and the schema registry name their own topics.
    if (!explicit && (e.from.node.kind === 'debezium' || e.from.node.kind === 'schema-registry')) continue;
    out.push(explicit || `${e.from.id}.events`);
  }
  return [...new Set(out)];
}

/** Dead-letter topics, queues and folders of the design, as the starter stack creates them (from the resolved model). */
export function deadLetters(ctx: Ctx): DeadLetter[] {
  const out: DeadLetter[] = [];
  for (const plan of ctx.resolved.messaging) {
    const broker = ctx.byId.get(plan.broker.id);
    if (!broker) continue;
    for (const c of plan.channels) {
      if (c.role !== 'dead-letter' || (plan.protocol === 'amqp' && c.kind === 'exchange')) continue;
      const sub = plan.subscriptions.find((s) => s.deadLetter.includes(c.name));
      const via = sub ? ctx.edges.find((e) => e.id === sub.flow.id) : undefined;
      out.push({ broker, name: c.name, what: plan.protocol === 'jms' ? 'backout queue' : c.kind === 'queue' ? 'queue' : 'topic', ...(via ? { via } : {}) });
    }
  }
  for (const s of ctx.ofKind('sftp-server')) {
    for (const e of ctx.edgesAt(s.id)) if (e.protocol === 'sftp' && e.props.deadLetter === true) out.push({ broker: s, name: `${str(e.props, 'path') || '/upload'}/failed`, what: 'folder', via: e });
  }
  return out;
}

/** Whether a connection is a consumer's that dead-letters what it cannot process. */
export function deadLettering(ctx: Ctx, e: EdgeInfo): boolean {
  return ctx.resolved.messaging.some((p) => p.subscriptions.some((s) => s.flow.id === e.id && s.deadLetter.length > 0));
}

/** Prometheus servers and the nodes each scrapes (metrics links, whichever way drawn). */
export function scrapes(ctx: Ctx): { prometheus: NodeInfo; targets: NodeInfo[] }[] {
  return ctx.ofKind('prometheus').map((p) => {
    const targets: NodeInfo[] = [];
    const listed = new Set<NodeInfo>();
    for (const e of ctx.edgesAt(p.id)) {
      if (e.protocol !== 'metrics' || !e.from.kind || !e.to.kind) continue;
      const source = flowOf(e.from.kind, e.to.kind, 'metrics').source === 'from' ? e.from : e.to;
      if (source !== p && source.kind && source.kind.id !== 'grafana' && (isScrapable(source.kind) || source.kind.id === 'otel-collector') && !listed.has(source)) {
        listed.add(source);
        targets.push(source);
      }
    }
    return { prometheus: p, targets };
  });
}

/** Grafana servers wired to a Prometheus. */
export function dashboards(ctx: Ctx): NodeInfo[] {
  return ctx.ofKind('grafana');
}

/** Services and tracing backends linked by OTLP. */
export function traced(ctx: Ctx): { senders: NodeInfo[]; backends: NodeInfo[] } {
  const senders = new Set<NodeInfo>();
  const backends = new Set<NodeInfo>();
  for (const e of ctx.edgesOf('otlp')) {
    const [src, dst] = e.from.kind && e.to.kind && flowOf(e.from.kind, e.to.kind, 'otlp').source === 'to' ? [e.to, e.from] : [e.from, e.to];
    if (src.kind?.id !== 'otel-collector') senders.add(src);
    backends.add(dst);
  }
  return { senders: [...senders], backends: [...backends] };
}

/** Kinds whose component a user builds (the ones that emit or consume data as applications). */
export const APP_KINDS = ['rest-service', 'grpc-service', 'graphql-service', 'web-app', 'worker', 'batch-job', 'iot-device'];

/** Latency a node adds to a synchronous call (its `latencyMs` setting). */
function latencyOf(n: NodeInfo): number {
  return num(n.props, 'latencyMs') ?? 0;
}

/** The slowest chain of request-reply calls (by the components' expected latencies), if any. */
export function slowestSyncPath(ctx: Ctx): { path: NodeInfo[]; ms: number } | undefined {
  const sync = ctx.edges.filter((e) => e.protocol && (SYNC_PROTOCOLS.includes(e.protocol) || e.protocol === 'sql' || e.protocol === 'mongodb' || e.protocol === 'redis'));
  if (!sync.length) return undefined;
  const out = new Map<string, EdgeInfo[]>();
  const called = new Set<string>();
  for (const e of sync) {
    const list = out.get(e.from.id);
    if (list) list.push(e);
    else out.set(e.from.id, [e]);
    called.add(e.to.id);
  }
  const memo = new Map<string, { path: NodeInfo[]; ms: number }>();
  const visiting = new Set<string>();
  const best = (n: NodeInfo): { path: NodeInfo[]; ms: number } => {
    const hit = memo.get(n.id);
    if (hit) return hit;
    visiting.add(n.id);
    let tail: { path: NodeInfo[]; ms: number } = { path: [], ms: 0 };
    for (const e of out.get(n.id) ?? []) {
      if (visiting.has(e.to.id)) continue; // a cycle: stop there
      const t = best(e.to);
      if (t.ms > tail.ms || (t.ms === tail.ms && t.path.length > tail.path.length)) tail = t;
    }
    visiting.delete(n.id);
    const r = { path: [n, ...tail.path], ms: latencyOf(n) + tail.ms };
    memo.set(n.id, r);
    return r;
  };
  const entries = ctx.nodes.filter((n) => out.has(n.id) && !called.has(n.id));
  let worst: { path: NodeInfo[]; ms: number } | undefined;
  for (const n of entries.length ? entries : ctx.nodes.filter((x) => out.has(x.id))) {
    const r = best(n);
    if (!worst || r.ms > worst.ms) worst = r;
  }
  return worst && worst.path.length > 1 ? worst : undefined;
}

export type TopologyShape =
  | { shape: 'hub'; hub: NodeInfo; share: number }
  | { shape: 'pipeline'; chain: NodeInfo[] }
  | { shape: 'point-to-point'; edges: number }
  | { shape: 'mesh'; edges: number; nodes: number };

/** What the wiring looks like, for "Integration Topology". */
export function topologyShape(ctx: Ctx): TopologyShape | undefined {
  const edges = ctx.dataEdges();
  if (!edges.length) return undefined;
  const degree = new Map<string, number>();
  for (const e of edges) {
    degree.set(e.from.id, (degree.get(e.from.id) ?? 0) + 1);
    degree.set(e.to.id, (degree.get(e.to.id) ?? 0) + 1);
  }
  const ranked = [...degree].sort((a, b) => b[1] - a[1] || ctx.orderOf(a[0]) - ctx.orderOf(b[0]));
  const [topId, top] = ranked[0]!;
  const second = ranked[1]?.[1] ?? 0;
  if (top >= 3 && top / edges.length >= 0.4 && top > second) return { shape: 'hub', hub: ctx.byId.get(topId)!, share: top / edges.length };
  const ins = new Map<string, number>();
  const outs = new Map<string, number>();
  for (const e of edges) {
    outs.set(e.from.id, (outs.get(e.from.id) ?? 0) + 1);
    ins.set(e.to.id, (ins.get(e.to.id) ?? 0) + 1);
  }
  const involved = [...degree.keys()];
  if (involved.length >= 3 && involved.every((id) => (ins.get(id) ?? 0) <= 1 && (outs.get(id) ?? 0) <= 1)) {
    const start = involved.find((id) => !ins.has(id));
    if (start && edges.length === involved.length - 1) {
      const chain: NodeInfo[] = [];
      let cur: string | undefined = start;
      while (cur && chain.length <= involved.length) {
        chain.push(ctx.byId.get(cur)!);
        cur = edges.find((e) => e.from.id === cur)?.to.id;
      }
      return { shape: 'pipeline', chain };
    }
  }
  if (edges.length <= involved.length) return { shape: 'point-to-point', edges: edges.length };
  return { shape: 'mesh', edges: edges.length, nodes: involved.length };
}

/** Nodes that read from a messaging broker (consumers), with the edges they read. */
export function consumers(ctx: Ctx): NodeInfo[] {
  return [...new Set(ctx.edgesOf(...MESSAGING_PROTOCOLS).filter((e) => e.from.kind?.category === 'broker').map((e) => e.to))];
}

/** Nodes that write to a messaging broker (producers). */
export function producers(ctx: Ctx): NodeInfo[] {
  return [...new Set(ctx.edgesOf(...MESSAGING_PROTOCOLS).filter((e) => e.to.kind?.category === 'broker').map((e) => e.from))];
}
