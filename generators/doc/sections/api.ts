import type { Ctx, EdgeInfo, Resolver } from '../context';
import { component, components, edgeText, filled, names, nodeName, num, open, plural, protocolName, protocolsOf, str } from '../context';
import { andList, code, md } from '../markdown';

/** API Integration Patterns: the request-reply side of the design. */

const STYLE: Record<string, string> = { 'rest-service': 'RESTful (HTTP/JSON)', 'grpc-service': 'gRPC', 'graphql-service': 'GraphQL' };
const AUTH: Record<string, string> = { 'key-auth': 'API keys', jwt: 'JWT bearer tokens', oidc: 'OAuth 2.0 / OpenID Connect', basic: 'HTTP basic auth', mtls: 'mutual TLS', 'api-key': 'API key', oauth2: 'OAuth 2.0' };
const VERSIONING: Record<string, string> = { 'url-path': 'URL path versioning', header: 'header versioning', query: 'query-parameter versioning' };

const apiServices = (c: Ctx) => c.ofKind('rest-service', 'grpc-service', 'graphql-service').filter((n) => c.into(n.id).some((e) => ['http', 'grpc', 'graphql', 'websocket'].includes(e.protocol ?? '')) || !c.edgesAt(n.id).length);
const noApi = () => open('no API service (REST, gRPC or GraphQL) in the design', 'add an API service to decide it');
const noGateway = () => open('no API gateway in the design', 'add Kong, NGINX or Envoy in front of the APIs to decide it');

/** Resilience settings of request-reply calls: timeouts, retries, circuit breakers. */
export function resilience(c: Ctx): { timeouts: EdgeInfo[]; retries: EdgeInfo[]; breakers: EdgeInfo[] } {
  const calls = c.edgesOf('http', 'grpc', 'graphql', 'sql');
  return {
    timeouts: calls.filter((e) => (num(e.props, 'timeoutMs') ?? 0) > 0),
    retries: calls.filter((e) => (num(e.props, 'retries') ?? 0) > 0),
    breakers: calls.filter((e) => e.props.circuitBreaker === true),
  };
}

export const api: Record<string, Resolver> = {
  API_DESIGN_STYLE: (c) => {
    const styles = [...new Set(apiServices(c).map((n) => STYLE[n.node.kind]!))];
    if (c.edgesOf('websocket').length) styles.push('WebSocket streams');
    return styles.length ? filled(andList(styles)) : noApi();
  },

  API_PROTOCOL: (c) => {
    const ps = protocolsOf(c.syncEdges());
    if (!ps.length) return open('no request-reply connection in the design', 'draw an HTTP, gRPC or GraphQL call');
    const wire: Record<string, string> = { http: 'HTTP/1.1', grpc: 'gRPC over HTTP/2', graphql: 'GraphQL over HTTP', websocket: 'WebSocket' };
    return filled(andList(ps.map((p) => `${wire[p] ?? protocolName(p)} (${plural(c.edgesOf(p).length, 'call')})`)), andList(ps.map((p) => wire[p] ?? protocolName(p))));
  },

  API_GATEWAY: (c) => {
    const gws = c.ofCategory('gateway');
    if (!gws.length) return noGateway();
    const routes = gws.map((g) => `${plural(c.outOf(g.id).filter((e) => e.protocol && ['http', 'grpc', 'graphql', 'websocket'].includes(e.protocol)).length, 'route')} on ${code(g.id)}`);
    return filled(`${components(gws)}: ${andList(routes)}`, names(gws, 3));
  },

  AUTHENTICATION_METHOD: (c) => {
    const gws = c.ofCategory('gateway');
    const set = gws.filter((g) => str(g.props, 'auth') && str(g.props, 'auth') !== 'none');
    const parts = set.map((g) => `${AUTH[str(g.props, 'auth')] ?? md(str(g.props, 'auth'))} at ${nodeName(g)}`);
    const idp = c.ofKind('keycloak');
    if (idp.length && set.some((g) => str(g.props, 'auth') === 'oidc')) parts.push(`tokens issued by ${andList(idp.map(component))}`);
    const saas = c.ofKind('saas-app').filter((s) => str(s.props, 'auth') && str(s.props, 'auth') !== 'none');
    if (saas.length) parts.push(`to external APIs: ${andList(saas.map((s) => `${AUTH[str(s.props, 'auth')] ?? md(str(s.props, 'auth'))} (${code(s.id)})`))}`);
    if (parts.length) return filled(parts.join('; '), set.length ? andList([...new Set(set.map((g) => AUTH[str(g.props, 'auth')] ?? md(str(g.props, 'auth'))))]) : undefined);
    if (gws.length) return open(`no gateway checks its callers (Authentication is “none” on ${andList(gws.map((g) => code(g.id)))})`, 'set Authentication on the gateway (jwt, oidc with a Keycloak, key-auth or mtls)');
    return noGateway();
  },

  AUTHORIZATION_MODEL: (c) => {
    const idp = c.ofKind('keycloak');
    if (!idp.length) return open('no identity provider in the design', 'add Keycloak and choose its authorization model');
    const model: Record<string, string> = { rbac: 'RBAC', abac: 'ABAC', 'oauth-scopes': 'OAuth scopes', 'policy-based': 'policy-based' };
    return filled(
      andList(idp.map((k) => `${model[str(k.props, 'authorization')] ?? md(str(k.props, 'authorization'))} in ${nodeName(k)}${Array.isArray(k.props.roles) && k.props.roles.length ? ` (roles: ${andList((k.props.roles as unknown[]).map((r) => md(r, 40)))})` : ''}`)),
      andList([...new Set(idp.map((k) => model[str(k.props, 'authorization')] ?? md(str(k.props, 'authorization'))))]),
    );
  },

  RATE_LIMITING: (c) => {
    const gws = c.ofCategory('gateway');
    const limited = gws.filter((g) => (num(g.props, 'rateLimitPerMinute') ?? 0) > 0);
    const redis = c.edgesOf('redis').filter((e) => str(e.props, 'usage') === 'rate-limit');
    const parts = limited.map((g) => {
      const paths = c.outOf(g.id).map((e) => str(e.props, 'path') || `/${e.to.id}`);
      return `${(num(g.props, 'rateLimitPerMinute') ?? 0).toLocaleString('en-US')} req/min per ${md(str(g.props, 'rateLimitBy') || 'consumer')} at ${nodeName(g)}${paths.length ? ` on ${andList(paths.map((p) => md(p, 60)), 6)}` : ''}`;
    });
    if (redis.length) parts.push(`counters in Redis for ${andList(redis.map((e) => code(e.from.id)))}`);
    if (parts.length) return filled(parts.join('; '), limited.length ? `${(num(limited[0]!.props, 'rateLimitPerMinute') ?? 0).toLocaleString('en-US')} req/min per ${md(str(limited[0]!.props, 'rateLimitBy') || 'consumer')}` : undefined);
    return gws.length ? open(`no rate limit set on ${andList(gws.map((g) => code(g.id)))}`, 'set Rate limit (req/min) on the gateway') : noGateway();
  },

  API_VERSIONING: (c) => {
    const gws = c.ofCategory('gateway').filter((g) => str(g.props, 'apiVersioning') && str(g.props, 'apiVersioning') !== 'none');
    if (gws.length) return filled(andList(gws.map((g) => `${VERSIONING[str(g.props, 'apiVersioning')] ?? md(str(g.props, 'apiVersioning'))} at ${nodeName(g)}`)), VERSIONING[str(gws[0]!.props, 'apiVersioning')]);
    return c.ofCategory('gateway').length ? open('API versioning is “none” on the gateways', 'set API versioning on the gateway') : noGateway();
  },

  REQUEST_RESPONSE_FORMAT: (c) => {
    const svcs = apiServices(c);
    if (!svcs.length) return noApi();
    const by = new Map<string, string[]>();
    for (const s of svcs) {
      const raw = str(s.props, 'dataFormat') || 'json';
      const f = ({ json: 'JSON', avro: 'Avro', protobuf: 'Protocol Buffers', xml: 'XML', csv: 'CSV', parquet: 'Parquet' } as Record<string, string>)[raw] ?? md(raw);
      const list = by.get(f);
      if (list) list.push(code(s.id));
      else by.set(f, [code(s.id)]);
    }
    return filled([...by].map(([f, ids]) => `${f} (${andList(ids, 6)})`).join(', '), [...by.keys()].join(', '));
  },

  API_ERROR_HANDLING: (c) => {
    const r = resilience(c);
    const parts: string[] = [];
    if (r.timeouts.length) parts.push(`timeouts on ${andList(r.timeouts.map((e) => `${edgeText(e)} ${num(e.props, 'timeoutMs')} ms`), 5)}`);
    if (r.retries.length) parts.push(`retries with exponential backoff on ${andList(r.retries.map((e) => `${edgeText(e)} ×${num(e.props, 'retries')}`), 5)}`);
    if (r.breakers.length) parts.push(`circuit breakers on ${andList(r.breakers.map(edgeText), 5)}`);
    const gw = c.ofCategory('gateway');
    if (parts.length) {
      if (gw.length) parts.push(`upstream timeout ${andList(gw.map((g) => `${(num(g.props, 'timeoutMs') ?? 0).toLocaleString('en-US')} ms at ${code(g.id)}`))}`);
      return filled(parts.join('; '), 'timeouts, retries with backoff' + (r.breakers.length ? ' and circuit breakers' : ''));
    }
    return c.syncEdges().length ? open('no timeout, retry or circuit breaker is set on the calls', 'set Timeout, Retries and Circuit breaker on the HTTP/gRPC connections') : open('no request-reply connection in the design', 'draw an HTTP, gRPC or GraphQL call');
  },

  DOCUMENTATION_STANDARD: (c) => {
    const std: string[] = [];
    const kinds = new Set(apiServices(c).map((n) => n.node.kind));
    if (kinds.has('rest-service')) std.push('OpenAPI 3 for the REST APIs');
    if (kinds.has('grpc-service')) std.push('Protobuf service definitions for gRPC');
    if (kinds.has('graphql-service')) std.push('GraphQL SDL');
    if (c.messagingEdges().length) std.push('AsyncAPI for the topics and queues');
    return std.length ? filled(`${andList(std)} (the standards of the API styles drawn)`, andList(std)) : noApi();
  },
};
