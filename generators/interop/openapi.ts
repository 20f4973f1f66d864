import type { Protocol, Topology } from '../../shared/model/types';
import type { KEdge, KNode } from './util';
import { edgesAt, edgesFrom, int, oneLine, readDesign, safeKey, str, toYaml } from './util';
import { redactSecrets } from '../../shared/validation/rules/secrets';
import { derived } from '../derived';

/**
 * `openapi.yaml` (OpenAPI 3.1): the routes the design's gateways expose. A server per gateway
 * (its port on the host), a path per gateway → service connection (the connection's `path`, or
 * `/<target id>` as the stack's gateway configs use), its methods, the gateway's authentication
 * as a security scheme, and its rate limit as `x-ratelimit`.
 */

const GATEWAYS = new Set(['kong', 'nginx', 'envoy']);
const ROUTED: readonly Protocol[] = ['http', 'grpc', 'graphql', 'websocket'];
const ALL_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const PATH_RE = /^\/[A-Za-z0-9._~/-]*$/;
const SAFE_URL = /^https?:\/\/[A-Za-z0-9.-]+(:[0-9]{1,5})?(\/[A-Za-z0-9._~/%-]*)?$/;

export interface GatewayRoute {
  gateway: KNode;
  target: KNode;
  edge: KEdge;
  path: string;
  protocol: Protocol;
  /** Lower-case HTTP methods documented for the route. */
  methods: string[];
}

/** A path a user typed, only when it is a plain URL path with no `.`/`..` segment. */
function safePath(p: string): string | undefined {
  if (!PATH_RE.test(p) || p.split('/').some((s) => s === '.' || s === '..')) return undefined;
  return p;
}

/** The routes of every gateway, as the starter stack configures them (repeated paths and unreachable external targets left out). */
export function gatewayRoutes(doc: Topology): GatewayRoute[] {
  const design = readDesign(doc);
  const out: GatewayRoute[] = [];
  for (const gw of design.nodes.filter((n) => GATEWAYS.has(n.kind.id))) {
    const paths = new Set<string>();
    for (const e of edgesFrom(design, gw)) {
      if (e.from !== gw || e.to === gw || !e.protocol || !ROUTED.includes(e.protocol) || e.to.kind.id === 'keycloak') continue;
      if (e.to.kind.external && !SAFE_URL.test(str(e.to.props, 'baseUrl'))) continue;
      const path = safePath(str(e.props, 'path')) ?? `/${e.to.id}`;
      if (paths.has(path)) continue;
      paths.add(path);
      const method = str(e.props, 'method').toLowerCase();
      const methods =
        e.protocol === 'http'
          ? method && method !== 'any' && (ALL_METHODS as readonly string[]).includes(method)
            ? [method]
            : [...ALL_METHODS]
          : e.protocol === 'graphql'
            ? ['get', 'post']
            : e.protocol === 'grpc'
              ? ['post']
              : ['get'];
      out.push({ gateway: gw, target: e.to, edge: e, path, protocol: e.protocol, methods });
    }
  }
  return out;
}

interface Scheme {
  key: string;
  body: Record<string, unknown>;
}

function securityScheme(gw: KNode, keycloak: KNode | undefined, keys: Set<string>): Scheme | undefined {
  const auth = str(gw.props, 'auth') || 'none';
  const key = (suffix: string) => safeKey(`${gw.id}-${suffix}`, keys);
  switch (auth) {
    case 'key-auth':
      // Kong's key-auth plugin reads `apikey` (as the stack configures it); the others take X-API-Key.
      return { key: key('api-key'), body: { type: 'apiKey', in: 'header', name: gw.kind.id === 'kong' ? 'apikey' : 'X-API-Key', description: `API key checked by ${gw.id}.` } };
    case 'jwt':
      return { key: key('jwt'), body: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: `JWT bearer token checked by ${gw.id}.` } };
    case 'oidc': {
      const realm = keycloak ? str(keycloak.props, 'realm') || 'topoforge' : 'topoforge';
      const port = keycloak ? int(keycloak.props, 'port') || 8180 : 8180;
      const url = keycloak
        ? `http://localhost:${port}/realms/${encodeURIComponent(realm)}/.well-known/openid-configuration`
        : 'https://idp.example.invalid/.well-known/openid-configuration';
      return {
        key: key('oidc'),
        body: {
          type: 'openIdConnect',
          openIdConnectUrl: url,
          description: keycloak
            ? `OpenID Connect through Keycloak ${keycloak.id}, realm ${realm} (address from the host).`
            : `OpenID Connect: no Keycloak is wired to ${gw.id}; replace this URL with your identity provider's.`,
        },
      };
    }
    case 'basic':
      return { key: key('basic'), body: { type: 'http', scheme: 'basic', description: `HTTP basic authentication at ${gw.id}.` } };
    case 'mtls':
      return { key: key('mtls'), body: { type: 'mutualTLS', description: `Client certificates (mutual TLS) checked by ${gw.id}.` } };
    default:
      return undefined;
  }
}

export function generateOpenApi(design: Topology): string {
  // Credentials typed into the design are written as ${VARIABLE} references (TF509).
  const doc = derived(design, redactSecrets, () => redactSecrets(design)).doc;
  const read = readDesign(doc);
  const { nodes } = read;
  const routes = gatewayRoutes(doc);
  const routing = new Set(routes.map((r) => r.gateway.id));
  const gateways = nodes.filter((n) => GATEWAYS.has(n.kind.id) && routing.has(n.id));
  // The only Keycloak of the design, for a gateway wired to none.
  const keycloaks = nodes.filter((n) => n.kind.id === 'keycloak');
  const onlyKeycloak = keycloaks.length === 1 ? keycloaks[0] : undefined;
  const servers: Array<Record<string, unknown>> = [];
  const serverOf = new Map<string, Record<string, unknown>>();
  const schemeKeys = new Set<string>();
  const schemes: Record<string, unknown> = {};
  const schemeOf = new Map<string, string>();
  const tags: Array<Record<string, unknown>> = [];
  for (const gw of gateways) {
    const port = int(gw.props, 'port') || gw.kind.ports?.[0]?.host || 8080;
    const server = { url: `http://localhost:${port}`, description: `${oneLine(gw.label, 100)} (${gw.kind.name} ${gw.id}, ${str(gw.props, 'exposure') || 'internet'}), from the host` };
    servers.push(server);
    serverOf.set(gw.id, server);
    const keycloak = edgesAt(read, gw).find((e) => (e.from === gw && e.to.kind.id === 'keycloak') || (e.to === gw && e.from.kind.id === 'keycloak'));
    const kc = keycloak ? (keycloak.from === gw ? keycloak.to : keycloak.from) : onlyKeycloak;
    const scheme = securityScheme(gw, kc, schemeKeys);
    if (scheme) {
      schemes[scheme.key] = scheme.body;
      schemeOf.set(gw.id, scheme.key);
    }
    tags.push({ name: gw.id, description: `Routes of ${oneLine(gw.label, 100)} (${gw.kind.name})` });
  }

  const paths: Record<string, Record<string, unknown>> = {};
  const opIds = new Set<string>();
  const skipped: string[] = [];
  for (const r of routes) {
    const item = (paths[r.path] ??= {});
    const gw = r.gateway;
    const rate = int(gw.props, 'rateLimitPerMinute');
    const scheme = schemeOf.get(gw.id);
    const conflict = r.methods.filter((m) => item[m] !== undefined);
    if (conflict.length > 0) {
      skipped.push(`${r.edge.id} (${conflict.map((m) => m.toUpperCase()).join(', ')} ${r.path} is already routed by another gateway)`);
      continue;
    }
    const existingServers = (item.servers as unknown[] | undefined) ?? [];
    item.servers = [...existingServers, serverOf.get(gw.id)!];
    for (const m of r.methods) {
      const responses: Record<string, unknown> = {
        '200': { description: `Answered by ${oneLine(r.target.label, 100)} (${r.target.kind.name}).` },
      };
      if (r.protocol === 'websocket') {
        delete responses['200'];
        responses['101'] = { description: `Switching protocols: a WebSocket to ${oneLine(r.target.label, 100)}.` };
      }
      if (scheme) responses['401'] = { description: `Rejected by ${gw.id}: missing or invalid credentials.` };
      if (rate > 0) responses['429'] = { description: `Rejected by ${gw.id}: more than ${rate} requests per minute.` };
      responses['502'] = { description: `${gw.id} could not reach ${r.target.id}.` };
      const op: Record<string, unknown> = {
        operationId: safeKey(`${gw.id}.${r.target.id}.${m}`, opIds),
        summary: `${m.toUpperCase()} ${r.path} → ${oneLine(r.target.label, 80)}`,
        description: routeDescription(r),
        tags: [gw.id],
        ...(r.protocol === 'grpc' || r.protocol === 'graphql' || m === 'post' || m === 'put' || m === 'patch'
          ? { requestBody: { required: false, content: { [contentType(r.protocol)]: { schema: { description: 'Placeholder: describe the request body.' } } } } }
          : {}),
        responses,
        ...(scheme ? { security: [{ [scheme]: [] }] } : {}),
        ...(rate > 0 ? { 'x-ratelimit': { limit: rate, window: '1m', by: str(gw.props, 'rateLimitBy') || 'consumer' } } : {}),
        'x-topoforge-edge': r.edge.id,
        'x-upstream': r.target.id,
      };
      item[m] = op;
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
  const strip = str(r.edge.props, 'path') ? '' : ` The ${r.path} prefix is removed before the request reaches it.`;
  return `${r.gateway.id} routes ${what} on ${r.path} and below to ${r.target.id}.${strip}`;
}
