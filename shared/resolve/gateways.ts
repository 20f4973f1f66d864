import type { Protocol } from '../model/types';
import { num, str, strs } from './props';
import type { Component, Flow, GatewayAuth, GatewayPlan, GatewayRoute, RouteUpstream } from './types';

/**
 * What each gateway does: one route per call it makes (HTTP, gRPC, GraphQL, WebSocket) to a
 * component other than its identity provider, with the path, the upstream, the timeouts and
 * retries; the authentication it enforces, its rate limit, CORS and API versioning. The stack
 * configures exactly these routes and plugins; the document and the OpenAPI export describe them.
 *
 * - Path: the connection's `path` when it is a plain URL path (no `.`/`..` segment), else
 *   `/<target service>`, which is stripped before the request goes upstream.
 * - A path already routed by the same gateway, or an external target without a usable base URL,
 *   gets no route (`skipped` says why, for the stack's README).
 * - Timeout: the call's (set on the connection, else the latency budget), else the gateway's.
 * - Version: a path segment `v<N>` (`/v1/orders`, `/api/v2`), or the `v<N>` of a gRPC package
 *   (`/catalog.v1.CatalogService`), is the version the route carries.
 */

const ROUTED: readonly Protocol[] = ['http', 'grpc', 'graphql', 'websocket'];
const SAFE_URL = /^(https?):\/\/([A-Za-z0-9.-]+)(?::([0-9]{1,5}))?(\/[A-Za-z0-9._~/%-]*)?$/;
const AUTH: readonly GatewayAuth[] = ['none', 'key-auth', 'jwt', 'oidc', 'basic', 'mtls'];

/** A path a user typed, when it is a plain URL path with no `.`/`..` segment. */
export function safePath(p: string): string | undefined {
  if (!/^\/[A-Za-z0-9._~/-]*$/.test(p)) return undefined;
  if (p.split('/').some((s) => s === '.' || s === '..')) return undefined;
  return p;
}

/**
 * The API version a route path carries: its first `v<N>` segment (`/v2/orders`), or the `v<N>`
 * part of a gRPC package (`/catalog.v1.CatalogService`).
 */
export function versionOf(path: string): string | undefined {
  for (const segment of path.split('/')) for (const part of segment.split('.')) if (/^v[0-9]+$/.test(part)) return part;
  return undefined;
}

function upstreamOf(target: Component, protocol: Protocol): RouteUpstream | undefined {
  if (target.containerised) return { scheme: protocol === 'grpc' ? 'grpc' : 'http', host: target.service, port: target.listenPort, basePath: '', external: false };
  const m = SAFE_URL.exec(str(target.props, 'baseUrl'));
  if (!m) return undefined;
  const scheme = m[1] as 'http' | 'https';
  const port = m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80;
  if (!(port >= 1 && port <= 65535)) return undefined;
  return { scheme, host: m[2]!, port, basePath: (m[4] ?? '').replace(/\/+$/, ''), external: true };
}

/** The plan of every gateway of the design, in document order. */
export function gatewayPlans(components: readonly Component[]): GatewayPlan[] {
  const out: GatewayPlan[] = [];
  for (const gw of components) {
    if (!gw.roles.includes('gateway')) continue;
    const identity = gw.out.find((f) => f.to !== gw && f.to.roles.includes('identity-provider') && f.kind === 'call')?.to;
    const routes: GatewayRoute[] = [];
    const names = new Set<string>();
    const skipped: string[] = [];
    for (const f of gw.out) {
      if (f.to === gw || f.kind !== 'call' || f.client !== gw || !f.protocol || !ROUTED.includes(f.protocol)) continue;
      const target = f.to;
      if (target === identity || target.roles.includes('identity-provider')) continue;
      const explicit = safePath(str(f.props, 'path'));
      const path = explicit ?? `/${target.service}`;
      if (routes.some((r) => r.path === path)) {
        skipped.push(`\`${gw.service}\`: the route ${path} to \`${target.service}\` repeats an earlier route and was left out; give the connection its own path.`);
        continue;
      }
      const upstream = upstreamOf(target, f.protocol);
      if (!upstream) {
        skipped.push(`\`${gw.service}\`: no route to \`${target.service}\` was generated: it is external and has no base URL; set its Base URL and generate again.`);
        continue;
      }
      let name = target.service;
      for (let i = 2; names.has(name); i++) name = `${target.service}-${i}`;
      names.add(name);
      const method = str(f.props, 'method');
      const version = versionOf(path);
      routes.push({
        gateway: gw,
        flow: f,
        target,
        name,
        path,
        stripPath: explicit === undefined,
        protocol: f.protocol as GatewayRoute['protocol'],
        upstream,
        methods: method && method !== 'ANY' ? [method] : [],
        timeoutMs: f.resilience?.timeoutMs || num(gw.props, 'timeoutMs') || 60000,
        retries: f.resilience?.retries ?? 0,
        circuitBreaker: f.resilience?.circuitBreaker ?? false,
        ...(version ? { version } : {}),
      });
    }
    const rawAuth = str(gw.props, 'auth');
    const auth = (AUTH as readonly string[]).includes(rawAuth) ? (rawAuth as GatewayAuth) : 'none';
    const limit = num(gw.props, 'rateLimitPerMinute');
    const versioning = str(gw.props, 'apiVersioning');
    out.push({
      gateway: gw,
      routes,
      skipped,
      auth,
      ...(identity && (auth === 'oidc' || auth === 'jwt') ? { identityProvider: identity } : {}),
      ...(limit > 0 ? { rateLimit: { perMinute: limit, by: str(gw.props, 'rateLimitBy') === 'ip' ? 'ip' : 'consumer' } } : {}),
      ...(gw.props.cors === true ? { cors: { origins: strs(gw.props, 'corsOrigins').length > 0 ? strs(gw.props, 'corsOrigins') : ['*'] } } : {}),
      versioning: versioning === 'url-path' || versioning === 'header' || versioning === 'query' ? versioning : 'none',
      internetFacing: str(gw.props, 'exposure') !== 'internal',
    });
  }
  return out;
}

/** The routes that reach a component, from every gateway. */
export function routesTo(plans: readonly GatewayPlan[], c: Component): GatewayRoute[] {
  return plans.flatMap((p) => p.routes.filter((r) => r.target === c));
}

export type { Flow };
