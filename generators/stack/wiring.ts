import type { RNode, ServiceSpec, StackContext } from './context';
import { connectionOf, hosts } from './context';
import { moduleOf } from '../kinds/registry';
import type { ClientLink } from '../kinds/types';
import { num, str } from '../../shared/resolve/props';
import { composeLiteral, upperSnake } from './text';

/**
 * The environment a component gets for everything it connects to: URLs built from variables,
 * topics, queues, subjects. User services read these; the README lists them.
 */


/** `host:port` of a node inside the stack network. */
export function addr(ctx: StackContext, n: RNode): string {
  return `${n.id}:${ctx.internalPort(n)}`;
}

/** The Kafka a node is wired to (by a kafka edge either way), or the only Kafka of the design. */
export function kafkaFor(ctx: StackContext, n: RNode): RNode | undefined {
  const linked = ctx.linked(n, hosts('kafka'));
  if (linked.length > 0) return linked[0];
  const all = ctx.nodes.filter(hosts('kafka'));
  return all.length === 1 ? all[0] : undefined;
}

const SAFE_URL = /^https?:\/\/[A-Za-z0-9.-]+(:[0-9]{1,5})?(\/[A-Za-z0-9._~/%-]*)?$/;

/** A base URL from the design only if it holds nothing but a plain scheme://host[:port][/path]. */
export function safeBaseUrl(url: string): string | undefined {
  return SAFE_URL.test(url) ? url : undefined;
}

export function wireClient(ctx: StackContext, n: RNode): Record<string, string> {
  const env: Record<string, string> = {};
  const set = (k: string, v: string) => {
    if (!(k in env)) env[k] = v;
  };
  // The client is one end of the edge: only the edges at `n` can make it one (in design order).
  for (const e of ctx.edgesAt(n)) {
    const c = connectionOf(e);
    if (!c || c.client !== n || c.server === n) continue;
    moduleOf(c.server).clientEnv?.({ ctx, flow: e, client: n, server: c.server, set });
  }
  return env;
}

/** `${T}_URL` of a component served over HTTP, GraphQL or WebSocket inside the stack. */
export function httpEnv(link: ClientLink, path = ''): void {
  const { ctx, flow: e, server: s, set } = link;
  const p = e.protocol;
  if (p === 'http' || p === 'graphql' || p === 'websocket') {
    set(`${upperSnake(s.id)}_URL`, `${p === 'websocket' ? 'ws' : 'http'}://${addr(ctx, s)}${composeLiteral(path)}`);
  } else if (p === 'grpc') set(`${upperSnake(s.id)}_ADDRESS`, addr(ctx, s));
}

/** Where a component sends OTLP. */
export function otlpEnv(link: ClientLink): void {
  const { flow: e, client: n, server: s, set } = link;
  if (e.protocol !== 'otlp' || s.kind.external) return;
  set('OTEL_EXPORTER_OTLP_ENDPOINT', `http://${s.id}:4317`);
  set('OTEL_EXPORTER_OTLP_PROTOCOL', 'grpc');
  set('OTEL_SERVICE_NAME', n.id);
  set('OTEL_SIGNALS', str(e.props, 'signals') || 'traces');
}

/** Timeouts and retries a caller was given on its connections, for the README. */
export function resilienceOf(ctx: StackContext, n: RNode): string[] {
  const out: string[] = [];
  for (const e of ctx.edgesFrom(n)) {
    const t = num(e.props, 'timeoutMs');
    const r = num(e.props, 'retries');
    if (t > 0 || r > 0 || e.props.circuitBreaker === true) out.push(e.id);
  }
  return out;
}

export function mergeEnv(spec: ServiceSpec, env: Record<string, string>): void {
  for (const [k, v] of Object.entries(env)) if (!(k in spec.environment)) spec.environment[k] = v;
}
