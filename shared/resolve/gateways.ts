import type { Protocol, Requirements } from '../model/types';
import type { Role } from '../catalog';
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
 * - gRPC paths (`/package.Service/Method`) are never rewritten: a gRPC route keeps its prefix.
 *
 * Authentication and the rate limit follow the gateway's settings when they are set
 * (`auth: none` and `rateLimitPerMinute: 0` switch them off explicitly); unset, they default to
 * what the Integration Patterns template recommends: OAuth 2.0 / OpenID Connect with the
 * identity provider wired to the gateway (or the design's only one), else what the requirements
 * name that the gateway can check alone, else API keys; 1000 requests per minute, or the rate
 * the requirements state (`rateLimiting: 600 requests per minute`).
 */

const ROUTED: readonly Protocol[] = ['http', 'grpc', 'graphql', 'websocket'];
const SAFE_URL = /^(https?):\/\/([A-Za-z0-9.-]+)(?::([0-9]{1,5}))?(\/[A-Za-z0-9._~/%-]*)?$/;
const AUTH: readonly GatewayAuth[] = ['none', 'key-auth', 'jwt', 'oidc', 'basic', 'mtls'];

/** The request header that carries the API key at every gateway the stack configures (Kong's key-auth default). */
export const API_KEY_HEADER = 'apikey';

/** The rate limit the template recommends when neither the gateway nor the requirements say one (requests per minute). */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 1000;

/** A requirement by its key, whatever its spelling (`rateLimiting`, `RATE_LIMITING`, `rate-limiting`). */
function requirement(req: Requirements, name: string): string {
  const want = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  const out: string[] = [];
  for (const [k, v] of Object.entries(req ?? {})) {
    if (k.toLowerCase().replace(/[^a-z0-9]/g, '') !== want) continue;
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) out.push(...v.filter((x): x is string => typeof x === 'string'));
  }
  return out.join('; ');
}

/** The authentication the requirements name, if any. */
function authAsked(req: Requirements): GatewayAuth | undefined {
  const text = [requirement(req, 'authenticationMethod'), requirement(req, 'security'), requirement(req, 'integrationAuthentication')].join(' ').toLowerCase();
  if (/o?auth ?2|openid|oidc/.test(text)) return 'oidc';
  if (/\bjwt\b/.test(text)) return 'jwt';
  if (/api[ -]?keys?/.test(text)) return 'key-auth';
  if (/mtls|mutual tls/.test(text)) return 'mtls';
  if (/basic auth/.test(text)) return 'basic';
  return undefined;
}

/** "600 requests per minute", "10 req/s", "10K req/hour" -> requests per minute (undefined when none is stated). */
export function rateFromText(text: string): number | undefined {
  const m = /(\d+(?:[.,]\d+)?)\s*(k)?\s*(?:requests?|req|calls?)?\s*(?:\/|per\s+)\s*(s|sec|second|m|min|minute|h|hr|hour)\b/i.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]!.replace(',', '.')) * (m[2] ? 1000 : 1);
  const unit = m[3]!.toLowerCase();
  const r = Math.round(unit.startsWith('s') ? n * 60 : unit.startsWith('h') ? n / 60 : n);
  return r >= 1 && r <= 10_000_000 ? r : undefined;
}

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
export function gatewayPlans(components: readonly Component[], req: Requirements = {}): GatewayPlan[] {
  const out: GatewayPlan[] = [];
  const idps = components.filter((c) => c.roles.includes('identity-provider') && c.containerised);
  for (const gw of components) {
    if (!gw.roles.includes('gateway')) continue;
    // The identity provider wired to the gateway, else the only one of the design.
    const identity = gw.out.find((f) => f.to !== gw && f.to.roles.includes('identity-provider') && f.kind === 'call')?.to ?? (idps.length === 1 ? idps[0] : undefined);
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
        stripPath: explicit === undefined && f.protocol !== 'grpc',
        protocol: f.protocol as GatewayRoute['protocol'],
        upstream,
        methods: method && method !== 'ANY' ? [method] : [],
        timeoutMs: f.resilience?.timeoutMs || num(gw.props, 'timeoutMs') || 60000,
        retries: f.resilience?.retries ?? 0,
        circuitBreaker: f.resilience?.circuitBreaker ?? false,
        ...(version ? { version } : {}),
      });
    }
    const raw = gw.node.props && typeof gw.node.props === 'object' ? (gw.node.props as Record<string, unknown>) : {};
    let auth: GatewayAuth;
    let authFrom: GatewayPlan['authFrom'];
    const asked = authAsked(req);
    if (typeof raw.auth === 'string' && (AUTH as readonly string[]).includes(raw.auth)) {
      auth = raw.auth as GatewayAuth;
      authFrom = 'setting';
    } else if (!gw.exposed || onlySelfAuthenticating(gw)) {
      // Inside the stack (a sidecar, a gateway behind the edge one), or in front of what logs its
      // users in itself (an identity provider, a console, object storage): a second check at the
      // gateway would only break the backend's own (token flows, S3 signatures).
      auth = 'none';
      authFrom = 'default';
    } else if (identity) {
      auth = 'oidc';
      authFrom = 'identity-provider';
    } else if (asked && asked !== 'oidc' && asked !== 'jwt') {
      auth = asked;
      authFrom = 'requirements';
    } else {
      // OAuth 2.0 / JWT need someone to issue the tokens: without an identity provider the
      // gateway checks API keys, which it can do alone.
      auth = 'key-auth';
      authFrom = 'default';
      if (asked) skipped.push(`\`${gw.service}\` checks API keys: the requirements ask for ${asked === 'jwt' ? 'JWT' : 'OAuth 2.0 / OpenID Connect'}, which needs an identity provider; draw a Keycloak and connect the gateway to it.`);
    }
    const limitSet = typeof raw.rateLimitPerMinute === 'number' && raw.rateLimitPerMinute === gw.props.rateLimitPerMinute;
    const fromReq = rateFromText(requirement(req, 'rateLimiting'));
    const limit = limitSet ? num(gw.props, 'rateLimitPerMinute') : (fromReq ?? DEFAULT_RATE_LIMIT_PER_MINUTE);
    const limitFrom: NonNullable<GatewayPlan['rateLimit']>['from'] = limitSet ? 'setting' : fromReq !== undefined ? 'requirements' : 'default';
    // Counters kept in a cache the gateway is wired to (shared by every gateway node), else in memory.
    const store = gw.out.find((f) => f.protocol === 'redis' && f.client === gw && f.server !== gw && f.server?.containerised)?.server;
    const versioning = str(gw.props, 'apiVersioning');
    out.push({
      gateway: gw,
      routes,
      skipped,
      auth,
      authFrom,
      apiKeyHeader: API_KEY_HEADER,
      ...(identity && (auth === 'oidc' || auth === 'jwt') ? { identityProvider: identity } : {}),
      ...(limit > 0 ? { rateLimit: { perMinute: limit, by: gw.kind.rateLimitPerInstance ? 'instance' : str(gw.props, 'rateLimitBy') === 'ip' ? 'ip' : 'consumer', from: limitFrom, ...(store ? { store } : {}) } } : {}),
      ...(gw.props.cors === true ? { cors: { origins: strs(gw.props, 'corsOrigins').length > 0 ? strs(gw.props, 'corsOrigins') : ['*'] } } : {}),
      versioning: versioning === 'url-path' || versioning === 'header' || versioning === 'query' ? versioning : 'none',
      internetFacing: gw.exposed,
    });
  }
  return out;
}

/**
 * Backends that authenticate their own users or serve public content: an identity provider, a
 * dashboard or console with its own login, object storage (S3 signs every request), secrets, a
 * front end's static files.
 */
export const SELF_AUTHENTICATING: readonly Role[] = ['identity-provider', 'dashboard', 'metrics-store', 'trace-store', 'log-store', 'secrets', 'frontend', 'object-store'];

/** Everything the gateway forwards to (calls and S3 requests) authenticates its users itself. */
export function onlySelfAuthenticating(gw: Component): boolean {
  const backends = gw.out.filter((f) => f.client === gw && f.server !== undefined && f.server !== gw && (f.kind === 'call' || f.kind === 'object')).map((f) => f.server!);
  return backends.length > 0 && backends.every((b) => b.roles.some((r) => SELF_AUTHENTICATING.includes(r)));
}

/** The routes that reach a component, from every gateway. */
export function routesTo(plans: readonly GatewayPlan[], c: Component): GatewayRoute[] {
  return plans.flatMap((p) => p.routes.filter((r) => r.target === c));
}

export type { Flow };
