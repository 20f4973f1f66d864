import type { Protocol } from '../../shared/model/types';
import type { REdge, RNode, StackContext } from './context';
import { hasRole } from './context';
import { num, str } from '../../shared/resolve/props';
import { addr, safeBaseUrl } from './wiring';
import { safePath } from './built';

/**
 * Gateways: a route per downstream connection (path from the connection, else /<target id>),
 * with the gateway's plugins (auth, rate limit, CORS, metrics, tracing) from its settings.
 */

const ROUTED: readonly Protocol[] = ['http', 'grpc', 'graphql', 'websocket'];

export interface Upstream {
  scheme: 'http' | 'https' | 'grpc';
  host: string;
  port: number;
  /** Path prefix of the upstream itself (external base URLs), no trailing slash. */
  basePath: string;
}

export interface Route {
  edge: REdge;
  target: RNode;
  /** Unique among this gateway's routes; safe as a Kong/Envoy name and an nginx variable suffix. */
  name: string;
  path: string;
  /** The default /<target id> prefix is removed before the request goes upstream. */
  stripPath: boolean;
  protocol: Protocol;
  upstream: Upstream;
  methods: string[];
  timeoutMs: number;
  retries: number;
  circuitBreaker: boolean;
}

function upstreamOf(ctx: StackContext, target: RNode, protocol: Protocol): Upstream | undefined {
  if (!target.kind.external) {
    return { scheme: protocol === 'grpc' ? 'grpc' : 'http', host: target.id, port: ctx.internalPort(target), basePath: '' };
  }
  const base = safeBaseUrl(str(target.props, 'baseUrl'));
  if (!base) return undefined;
  const m = /^(https?):\/\/([A-Za-z0-9.-]+)(?::([0-9]+))?(\/.*)?$/.exec(base);
  if (!m) return undefined;
  const scheme = m[1] as 'http' | 'https';
  const port = m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80;
  if (!(port >= 1 && port <= 65535)) return undefined;
  return { scheme, host: m[2]!, port, basePath: (m[4] ?? '').replace(/\/+$/, '') };
}

/** The routes of gateway `gw`, one per downstream connection it can reach. */
export function routesOf(ctx: StackContext, gw: RNode): Route[] {
  const routes: Route[] = [];
  const names = new Set<string>();
  for (const e of ctx.edgesFrom(gw, ROUTED)) {
    const target = e.to;
    if (target === gw || target.roles.includes('identity-provider')) continue;
    const explicit = safePath(str(e.props, 'path'));
    const path = explicit ?? `/${target.id}`;
    if (routes.some((r) => r.path === path)) {
      ctx.note(`\`${gw.id}\`: the route ${path} to \`${target.id}\` repeats an earlier route and was left out; give the connection its own path.`);
      continue;
    }
    const upstream = upstreamOf(ctx, target, e.protocol!);
    if (!upstream) {
      ctx.note(`\`${gw.id}\`: no route to \`${target.id}\` was generated: it is external and has no base URL; set its Base URL and generate again.`);
      continue;
    }
    let name = target.id;
    for (let i = 2; names.has(name); i++) name = `${target.id}-${i}`;
    names.add(name);
    const method = str(e.props, 'method');
    routes.push({
      edge: e,
      target,
      name,
      path,
      stripPath: explicit === undefined,
      protocol: e.protocol!,
      upstream,
      methods: method && method !== 'ANY' ? [method] : [],
      timeoutMs: num(e.props, 'timeoutMs') || num(gw.props, 'timeoutMs') || 60000,
      retries: num(e.props, 'retries'),
      circuitBreaker: e.props.circuitBreaker === true,
    });
  }
  return routes;
}

/** The Keycloak a gateway is wired to, if any. */
export function keycloakOf(ctx: StackContext, gw: RNode): RNode | undefined {
  return ctx.linked(gw, hasRole('identity-provider'))[0];
}

export function issuerOf(kc: RNode): string {
  return `http://${kc.id}:8080/realms/${str(kc.props, 'realm') || 'topoforge'}`;
}

/** Wired to Prometheus by a metrics connection. */
export function scrapedBy(ctx: StackContext, n: RNode): boolean {
  return ctx.linked(n, hasRole('metrics-store')).some((p) => ctx.edgesAt(n, ['metrics']).some((e) => ctx.other(e, n) === p));
}

export function tracingSink(ctx: StackContext, n: RNode): RNode | undefined {
  return ctx.edgesAt(n, ['otlp']).find((e) => e.source === n && !e.sink.kind.external)?.sink;
}


export function durationMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}






export { addr };

