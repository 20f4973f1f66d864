import type { Protocol, Topology } from '../../shared/model/types';
import type { Component, GatewayPlan, GatewayRoute, ResolvedDesign } from '../../shared/resolve';
import { oneLine, readDesign, safeKey, toYaml } from './util';
import { realmOf } from '../stack/gateways';
import { outputModel } from '../output-model';

/**
 * `openapi.yaml` (OpenAPI 3.1): the routes the design's gateways expose, read from the resolved
 * gateway plans the stack configures, so the two never disagree: a server per gateway (its
 * published port on the host, else its address inside the stack), a path per route (the
 * connection's `path`, else `/<target service>`), its methods, the authentication the gateway
 * enforces (its setting, else the default the plan gives) as a security scheme, and its rate
 * limit as `x-ratelimit`.
 */

const ALL_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

export type { GatewayRoute };

/** The routes of every gateway, as the starter stack configures them. */
export function gatewayRoutes(doc: Topology | ResolvedDesign): GatewayRoute[] {
  return readDesign(doc).resolved.gateways.flatMap((p) => p.routes);
}

/** The methods a route answers, as OpenAPI operations. */
function methodsOf(r: GatewayRoute): string[] {
  if (r.protocol === 'http') {
    const set = r.methods.map((m) => m.toLowerCase()).filter((m) => (ALL_METHODS as readonly string[]).includes(m));
    return set.length > 0 ? set : [...ALL_METHODS];
  }
  return r.protocol === 'graphql' ? ['get', 'post'] : r.protocol === 'grpc' ? ['post'] : ['get'];
}

/** Where callers reach the gateway: its published port on localhost, else its address inside the stack. */
function serverOf(gw: Component): { url: string; from: string } {
  const p = gw.published ?? gw.ports.find((x) => x.host !== null);
  return p ? { url: `http://localhost:${p.host}`, from: 'from the host' } : { url: `http://${gw.service}:${gw.listenPort}`, from: 'inside the stack' };
}

interface Scheme {
  key: string;
  body: Record<string, unknown>;
}

/** The OpenID Connect discovery URL of the identity provider's realm, as a browser on the host reaches it. */
function discoveryUrl(idp: Component): string {
  const p = idp.published;
  const base = p ? `http://localhost:${p.host}` : `http://${idp.service}:${idp.listenPort}`;
  return `${base}/realms/${encodeURIComponent(realmOf(idp))}/.well-known/openid-configuration`;
}

function securityScheme(plan: GatewayPlan, keys: Set<string>): Scheme | undefined {
  const gw = plan.gateway;
  const key = (suffix: string) => safeKey(`${gw.service}-${suffix}`, keys);
  const idp = plan.identityProvider;
  switch (plan.auth) {
    case 'key-auth':
      return { key: key('api-key'), body: { type: 'apiKey', in: 'header', name: plan.apiKeyHeader, description: `API key checked by ${gw.service}.` } };
    case 'jwt':
      return {
        key: key('jwt'),
        body: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: `JWT bearer token checked by ${gw.service}${idp ? `, issued by ${idp.service}` : ''}.` },
      };
    case 'oidc':
      return {
        key: key('oidc'),
        body: {
          type: 'openIdConnect',
          openIdConnectUrl: idp ? discoveryUrl(idp) : 'https://idp.example.invalid/.well-known/openid-configuration',
          description: idp
            ? `OpenID Connect through ${idp.kind.name} ${idp.service}, realm ${realmOf(idp)}.`
            : `OpenID Connect: no identity provider is wired to ${gw.service}; replace this URL with your identity provider's.`,
        },
      };
    case 'basic':
      return { key: key('basic'), body: { type: 'http', scheme: 'basic', description: `HTTP basic authentication at ${gw.service}.` } };
    case 'mtls':
      return { key: key('mtls'), body: { type: 'mutualTLS', description: `Client certificates (mutual TLS) checked by ${gw.service}.` } };
    default:
      return undefined;
  }
}

export function generateOpenApi(design: Topology | ResolvedDesign): string {
  // Credentials typed into the design are written as ${VARIABLE} references (TF509).
  const { resolved } = readDesign(outputModel(design));
  const doc = resolved.doc;
  const plans = resolved.gateways.filter((p) => p.routes.length > 0);
  const servers: Array<Record<string, unknown>> = [];
  const serverFor = new Map<GatewayPlan, Record<string, unknown>>();
  const schemeKeys = new Set<string>();
  const schemes: Record<string, unknown> = {};
  const schemeFor = new Map<GatewayPlan, string>();
  const tags: Array<Record<string, unknown>> = [];
  for (const plan of plans) {
    const gw = plan.gateway;
    const where = serverOf(gw);
    const server = { url: where.url, description: `${oneLine(gw.label, 100)} (${gw.kind.name} ${gw.service}, ${gw.exposed ? 'internet-facing' : 'internal'}), ${where.from}` };
    servers.push(server);
    serverFor.set(plan, server);
    const scheme = securityScheme(plan, schemeKeys);
    if (scheme) {
      schemes[scheme.key] = scheme.body;
      schemeFor.set(plan, scheme.key);
    }
    tags.push({ name: gw.service, description: `Routes of ${oneLine(gw.label, 100)} (${gw.kind.name})` });
  }

  const paths: Record<string, Record<string, unknown>> = {};
  const opIds = new Set<string>();
  const skipped: string[] = [];
  for (const plan of plans) {
    const gw = plan.gateway;
    const rate = plan.rateLimit;
    const scheme = schemeFor.get(plan);
    for (const r of plan.routes) {
      const item = (paths[r.path] ??= {});
      const methods = methodsOf(r);
      const conflict = methods.filter((m) => item[m] !== undefined);
      if (conflict.length > 0) {
        skipped.push(`${r.flow.id} (${conflict.map((m) => m.toUpperCase()).join(', ')} ${r.path} is already routed by another gateway)`);
        continue;
      }
      const existingServers = (item.servers as unknown[] | undefined) ?? [];
      item.servers = [...existingServers, serverFor.get(plan)!];
      for (const m of methods) {
        const responses: Record<string, unknown> = {
          '200': { description: `Answered by ${oneLine(r.target.label, 100)} (${r.target.kind.name}).` },
        };
        if (r.protocol === 'websocket') {
          delete responses['200'];
          responses['101'] = { description: `Switching protocols: a WebSocket to ${oneLine(r.target.label, 100)}.` };
        }
        if (scheme) responses['401'] = { description: `Rejected by ${gw.service}: missing or invalid credentials.` };
        if (rate) responses['429'] = { description: `Rejected by ${gw.service}: more than ${rate.perMinute} requests per minute.` };
        responses['502'] = { description: `${gw.service} could not reach ${r.target.service}.` };
        const op: Record<string, unknown> = {
          operationId: safeKey(`${gw.service}.${r.target.service}.${m}`, opIds),
          summary: `${m.toUpperCase()} ${r.path} → ${oneLine(r.target.label, 80)}`,
          description: routeDescription(r),
          tags: [gw.service],
          ...(r.protocol === 'grpc' || r.protocol === 'graphql' || m === 'post' || m === 'put' || m === 'patch'
            ? { requestBody: { required: false, content: { [contentType(r.protocol)]: { schema: { description: 'Placeholder: describe the request body.' } } } } }
            : {}),
          responses,
          ...(scheme ? { security: [{ [scheme]: [] }] } : {}),
          ...(rate ? { 'x-ratelimit': { limit: rate.perMinute, window: '1m', by: rate.by } } : {}),
          'x-topoforge-edge': r.flow.id,
          'x-upstream': r.upstream.external ? `${r.upstream.scheme}://${r.upstream.host}:${r.upstream.port}${r.upstream.basePath}` : r.target.service,
        };
        item[m] = op;
      }
    }
  }

  const out: Record<string, unknown> = {
    openapi: '3.1.0',
    info: {
      title: oneLine(doc.name, 200) || 'Untitled design',
      version: '1.0.0',
      description: [
        oneLine(doc.description ?? '', 2000),
        'Generated by Topoforge from the design: the routes each gateway exposes, with their authentication and rate limits. Request and response bodies are placeholders to fill in.',
        skipped.length > 0 ? `Left out: ${skipped.join('; ')}.` : '',
      ]
        .filter(Boolean)
        .join('\n\n'),
    },
    servers,
    tags,
    paths,
    components: { securitySchemes: schemes },
  };
  return toYaml(out, ['OpenAPI 3.1 description of the routes the design\'s gateways expose, generated by Topoforge.']);
}

function contentType(p: Protocol): string {
  return p === 'grpc' ? 'application/grpc' : 'application/json';
}

function routeDescription(r: GatewayRoute): string {
  const what =
    r.protocol === 'grpc' ? 'gRPC calls' : r.protocol === 'graphql' ? 'GraphQL queries' : r.protocol === 'websocket' ? 'WebSocket connections' : 'requests';
  const strip = r.stripPath ? ` The ${r.path} prefix is removed before the request reaches it.` : '';
  return `${r.gateway.service} routes ${what} on ${r.path} and below to ${r.target.service}.${strip}`;
}
