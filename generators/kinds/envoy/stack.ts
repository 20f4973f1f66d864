import type { StackFacet } from '../types';
import type { RNode, StackContext } from '../../stack/context';
import { cfg, mainService } from '../../stack/base';
import { num } from '../../../shared/resolve/props';
import { oneLine, regexEscape, toYaml } from '../../stack/text';
import { gatewayPlan, inStackIssuer, seconds, tracingSink } from '../../stack/gateways';
import { cred } from '../env';

/** The static configuration of gateway `n`, with `__TOPOFORGE_...__` placeholders the start script fills from the environment. */
export function envoyConfig(ctx: StackContext, n: RNode): Record<string, unknown> {
  const plan = gatewayPlan(ctx, n);
  const routes = plan.routes;
  const maxRequests = num(n.props, 'circuitBreakerMaxRequests') || 1024;
  const kc = plan.identityProvider;
  const auth = plan.auth;
  const limit = plan.rateLimit;
  const cors = plan.cors;
  const clusters: unknown[] = [];
  const envoyRoutes: unknown[] = [{ match: { path: '/healthz' }, direct_response: { status: 200, body: { inline_string: 'ok\n' } } }];
  for (const r of routes) {
    const u = r.upstream;
    const route: Record<string, unknown> = { cluster: r.name, timeout: seconds(r.timeoutMs) };
    if (r.stripPath) route.regex_rewrite = { pattern: { regex: `^${regexEscape(r.path)}/?(.*)$` }, substitution: `${u.basePath}/\\1` };
    else if (u.basePath) route.prefix_rewrite = `${u.basePath}${r.path}`;
    if (r.retries > 0) route.retry_policy = { retry_on: '5xx,connect-failure,reset', num_retries: r.retries };
    if (r.protocol === 'websocket') route.upgrade_configs = [{ upgrade_type: 'websocket' }];
    const match: Record<string, unknown> = { prefix: r.path };
    if (r.protocol === 'grpc') match.grpc = {};
    if (r.methods.length > 0) match.headers = [{ name: ':method', string_match: { exact: r.methods[0] } }];
    envoyRoutes.push({ name: r.name, match, route });
    const cluster: Record<string, unknown> = {
      name: r.name,
      type: 'STRICT_DNS',
      connect_timeout: seconds(Math.min(r.timeoutMs, 5000)),
      lb_policy: 'ROUND_ROBIN',
      dns_lookup_family: 'V4_ONLY',
      circuit_breakers: { thresholds: [{ priority: 'DEFAULT', max_connections: maxRequests, max_pending_requests: maxRequests, max_requests: maxRequests, max_retries: 3 }] },
    };
    if (r.circuitBreaker) cluster.outlier_detection = { consecutive_5xx: 5, interval: '10s', base_ejection_time: '30s', max_ejection_percent: 100 };
    if (u.scheme === 'grpc') {
      cluster.typed_extension_protocol_options = {
        'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': {
          '@type': 'type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions',
          explicit_http_config: { http2_protocol_options: {} },
        },
      };
    }
    if (u.scheme === 'https') {
      cluster.transport_socket = {
        name: 'envoy.transport_sockets.tls',
        typed_config: { '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext', sni: u.host },
      };
    }
    cluster.load_assignment = { cluster_name: r.name, endpoints: [{ lb_endpoints: [{ endpoint: { address: { socket_address: { address: u.host, port_value: u.port } } } }] }] };
    clusters.push(cluster);
  }
  const filters: unknown[] = [];
  const healthOnly = [{ match: { path: '/healthz' } }];
  if ((auth === 'jwt' || auth === 'oidc') && kc) {
    // Tokens of the identity provider's realm, checked against its keys (JWKS).
    const jwks = `${kc.service}-jwks`;
    filters.push({
      name: 'envoy.filters.http.jwt_authn',
      typed_config: {
        '@type': 'type.googleapis.com/envoy.extensions.filters.http.jwt_authn.v3.JwtAuthentication',
        providers: {
          [kc.service]: {
            remote_jwks: { http_uri: { uri: `${inStackIssuer(kc)}/protocol/openid-connect/certs`, cluster: jwks, timeout: '5s' }, cache_duration: '300s' },
            forward: true,
          },
        },
        rules: [...healthOnly, { match: { prefix: '/' }, requires: { provider_name: kc.service } }],
      },
    });
    clusters.push({
      name: jwks,
      type: 'STRICT_DNS',
      connect_timeout: '5s',
      dns_lookup_family: 'V4_ONLY',
      load_assignment: { cluster_name: jwks, endpoints: [{ lb_endpoints: [{ endpoint: { address: { socket_address: { address: kc.service, port_value: kc.listenPort } } } }] }] },
    });
  } else if (auth === 'jwt' || auth === 'oidc') {
    // No identity provider: HS256 tokens signed with the gateway's JWT secret (filled in at start).
    filters.push({
      name: 'envoy.filters.http.jwt_authn',
      typed_config: {
        '@type': 'type.googleapis.com/envoy.extensions.filters.http.jwt_authn.v3.JwtAuthentication',
        providers: { [n.service]: { issuer: n.service, local_jwks: { inline_string: '{"keys":[{"kty":"oct","alg":"HS256","k":"__TOPOFORGE_JWT_KEY__"}]}' }, forward: true } },
        rules: [...healthOnly, { match: { prefix: '/' }, requires: { provider_name: n.service } }],
      },
    });
  } else if (auth === 'key-auth' || auth === 'basic' || auth === 'mtls') {
    // key-auth: the apikey header must equal the gateway's API key (filled in at start). Basic and
    // mTLS are not checked by this starter configuration: every request but /healthz is refused.
    const allow = auth === 'key-auth' ? { header: { name: 'apikey', string_match: { exact: '__TOPOFORGE_API_KEY__' } } } : { not_id: { any: true } };
    filters.push({
      name: 'envoy.filters.http.rbac',
      typed_config: {
        '@type': 'type.googleapis.com/envoy.extensions.filters.http.rbac.v3.RBAC',
        rules: { action: 'ALLOW', policies: { health: { permissions: [{ url_path: { path: { exact: '/healthz' } } }], principals: [{ any: true }] }, callers: { permissions: [{ any: true }], principals: [allow] } } },
      },
    });
  }
  if (limit) {
    // One token bucket for the gateway (Envoy's local rate limit counts per instance, not per consumer); answers 429.
    filters.push({
      name: 'envoy.filters.http.local_ratelimit',
      typed_config: {
        '@type': 'type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit',
        stat_prefix: 'rate_limit',
        token_bucket: { max_tokens: limit.perMinute, tokens_per_fill: limit.perMinute, fill_interval: '60s' },
        filter_enabled: { runtime_key: 'rate_limit_enabled', default_value: { numerator: 100, denominator: 'HUNDRED' } },
        filter_enforced: { runtime_key: 'rate_limit_enforced', default_value: { numerator: 100, denominator: 'HUNDRED' } },
      },
    });
  }
  if (cors) filters.push({ name: 'envoy.filters.http.cors', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.cors.v3.Cors' } });
  filters.push({ name: 'envoy.filters.http.router', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router' } });
  const vhost: Record<string, unknown> = { name: 'all', domains: ['*'], routes: envoyRoutes };
  if (cors) {
    vhost.typed_per_filter_config = {
      'envoy.filters.http.cors': {
        '@type': 'type.googleapis.com/envoy.extensions.filters.http.cors.v3.CorsPolicy',
        allow_origin_string_match: cors.origins.includes('*') ? [{ safe_regex: { regex: '.*' } }] : cors.origins.map((o) => ({ exact: o })),
        allow_methods: 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
        allow_headers: 'authorization, content-type, apikey',
        max_age: '3600',
      },
    };
  }
  const hcm: Record<string, unknown> = {
    '@type': 'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
    stat_prefix: 'ingress',
    codec_type: 'AUTO',
    upgrade_configs: [{ upgrade_type: 'websocket' }],
    access_log: [{ name: 'envoy.access_loggers.stdout', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.access_loggers.stream.v3.StdoutAccessLog' } }],
    route_config: { name: 'routes', virtual_hosts: [vhost] },
    http_filters: filters,
  };
  const sink = tracingSink(n);
  if (sink) {
    hcm.tracing = {
      provider: {
        name: 'envoy.tracers.opentelemetry',
        typed_config: {
          '@type': 'type.googleapis.com/envoy.config.trace.v3.OpenTelemetryConfig',
          grpc_service: { envoy_grpc: { cluster_name: 'otlp' }, timeout: '1s' },
          service_name: n.service,
        },
      },
    };
    clusters.push({
      name: 'otlp',
      type: 'STRICT_DNS',
      connect_timeout: '1s',
      dns_lookup_family: 'V4_ONLY',
      typed_extension_protocol_options: {
        'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': {
          '@type': 'type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions',
          explicit_http_config: { http2_protocol_options: {} },
        },
      },
      load_assignment: { cluster_name: 'otlp', endpoints: [{ lb_endpoints: [{ endpoint: { address: { socket_address: { address: sink.service, port_value: 4317 } } } }] }] },
    });
  }
  return {
    admin: { address: { socket_address: { address: '0.0.0.0', port_value: 9901 } } },
    static_resources: {
      listeners: [{ name: 'ingress', address: { socket_address: { address: '0.0.0.0', port_value: 10000 } }, filter_chains: [{ filters: [{ name: 'envoy.filters.network.http_connection_manager', typed_config: hcm }] }] }],
      clusters,
    },
  };
}

/** Fills the placeholders of envoy.yaml from the environment, then starts Envoy on the result. */
export const ENVOY_START = `#!/bin/sh
# Fills the credentials of envoy.yaml from the environment (they are never written in the
# bundle), then starts Envoy on the result. Values may hold letters, digits and . _ + / = - only.
set -eu
check() {
  case "$2" in
    '' ) echo "topoforge: $1 is empty: set it in .env" >&2; exit 1 ;;
    *[!A-Za-z0-9._+/=-]* ) echo "topoforge: $1 may hold only letters, digits and . _ + / = -" >&2; exit 1 ;;
  esac
}
key=''
jwk=''
if [ -n "\${GATEWAY_API_KEY+x}" ]; then check GATEWAY_API_KEY "$GATEWAY_API_KEY"; key=$GATEWAY_API_KEY; fi
if [ -n "\${GATEWAY_JWT_SECRET+x}" ]; then check GATEWAY_JWT_SECRET "$GATEWAY_JWT_SECRET"; jwk=$(printf '%s' "$GATEWAY_JWT_SECRET" | base64 | tr -d '\\n=' | tr '+/' '-_'); fi
sed -e "s|__TOPOFORGE_API_KEY__|$key|g" -e "s|__TOPOFORGE_JWT_KEY__|$jwk|g" /etc/envoy/envoy.yaml > /tmp/envoy.yaml
exec envoy -c /tmp/envoy.yaml --log-level info
`;

function envoy(ctx: StackContext, n: RNode): void {
  const plan = gatewayPlan(ctx, n);
  const auth = plan.auth;
  const header = [
    ` Envoy ${n.service} (${oneLine(n.label, 80)}): static configuration generated by Topoforge.`,
    ' STRICT_DNS clusters keep resolving their service names, so Envoy starts before its upstreams.',
    ` Authentication: ${auth}; its credential placeholders are filled from .env at start (start.sh).`,
  ];
  const file = ctx.addFile(cfg(n, 'envoy.yaml'), toYaml(envoyConfig(ctx, n), header.join('\n')));
  const start = ctx.addFile(cfg(n, 'start.sh'), ENVOY_START, 0o755);
  const spec = mainService(ctx, n, { entrypoint: ['sh', '/topoforge/start.sh'] });
  spec.binds.push({ source: file, target: '/etc/envoy/envoy.yaml', readOnly: true }, { source: start, target: '/topoforge/start.sh', readOnly: true });
  if (auth === 'key-auth') spec.environment.GATEWAY_API_KEY = cred(n.credentials.API_KEY!);
  if ((auth === 'jwt' || auth === 'oidc') && !plan.identityProvider) spec.environment.GATEWAY_JWT_SECRET = cred(n.credentials.JWT_SECRET!);
  if (auth === 'basic' || auth === 'mtls') ctx.note(`\`${n.service}\` (Envoy) asks for ${auth}, which this starter configuration does not check: it refuses every request until you choose key-auth or oidc, or add the check yourself.`);
}

export const stack: StackFacet = {
  services: envoy,
  exporter: null,
  requestMetrics: (job) => {
    const sel = `job=${JSON.stringify(job)}`;
    return { total: `envoy_cluster_upstream_rq_total{${sel}}`, errors: `envoy_cluster_upstream_rq_xx{${sel},envoy_response_code_class="5"}`, bucket: `envoy_cluster_upstream_rq_time_bucket{${sel}}`, unit: 1 };
  },
  outside: null,
};
