import type { StackFacet } from '../types';
import type { RNode, StackContext } from '../../stack/context';
import { cfg, mainService } from '../../stack/base';
import { num, str, strs } from '../../../shared/resolve/props';
import { oneLine, regexEscape, toYaml } from '../../stack/text';
import { issuerOf, keycloakOf, routesOf, tracingSink } from '../../stack/gateways';

const seconds = (ms: number): string => `${(ms / 1000).toFixed(3).replace(/\.?0+$/, '')}s`;

export function envoyConfig(ctx: StackContext, n: RNode): Record<string, unknown> {
  const routes = routesOf(ctx, n);
  const maxRequests = num(n.props, 'circuitBreakerMaxRequests') || 1024;
  const kc = keycloakOf(ctx, n);
  const auth = str(n.props, 'auth') || 'none';
  const limit = num(n.props, 'rateLimitPerMinute');
  const cors = n.props.cors === true;
  const origins = strs(n.props, 'corsOrigins');
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
  if ((auth === 'jwt' || auth === 'oidc') && kc) {
    const jwks = `${kc.id}-jwks`;
    filters.push({
      name: 'envoy.filters.http.jwt_authn',
      typed_config: {
        '@type': 'type.googleapis.com/envoy.extensions.filters.http.jwt_authn.v3.JwtAuthentication',
        providers: {
          keycloak: {
            issuer: issuerOf(kc),
            remote_jwks: { http_uri: { uri: `${issuerOf(kc)}/protocol/openid-connect/certs`, cluster: jwks, timeout: '5s' }, cache_duration: '300s' },
            forward: true,
          },
        },
        rules: [{ match: { path: '/healthz' } }, { match: { prefix: '/' }, requires: { provider_name: 'keycloak' } }],
      },
    });
    clusters.push({
      name: jwks,
      type: 'STRICT_DNS',
      connect_timeout: '5s',
      dns_lookup_family: 'V4_ONLY',
      load_assignment: { cluster_name: jwks, endpoints: [{ lb_endpoints: [{ endpoint: { address: { socket_address: { address: kc.id, port_value: 8080 } } } }] }] },
    });
  }
  if (limit > 0) {
    filters.push({
      name: 'envoy.filters.http.local_ratelimit',
      typed_config: {
        '@type': 'type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit',
        stat_prefix: 'rate_limit',
        token_bucket: { max_tokens: limit, tokens_per_fill: limit, fill_interval: '60s' },
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
        allow_origin_string_match: origins.length === 0 || origins.includes('*') ? [{ safe_regex: { regex: '.*' } }] : origins.map((o) => ({ exact: o })),
        allow_methods: 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
        allow_headers: 'authorization, content-type',
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
  const sink = tracingSink(ctx, n);
  if (sink) {
    hcm.tracing = {
      provider: {
        name: 'envoy.tracers.opentelemetry',
        typed_config: {
          '@type': 'type.googleapis.com/envoy.config.trace.v3.OpenTelemetryConfig',
          grpc_service: { envoy_grpc: { cluster_name: 'otlp' }, timeout: '1s' },
          service_name: n.id,
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
      load_assignment: { cluster_name: 'otlp', endpoints: [{ lb_endpoints: [{ endpoint: { address: { socket_address: { address: sink.id, port_value: 4317 } } } }] }] },
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

function envoy(ctx: StackContext, n: RNode): void {
  const auth = str(n.props, 'auth') || 'none';
  const header = [
    ` Envoy ${n.id} (${oneLine(n.label, 80)}): static configuration generated by Topoforge.`,
    ' STRICT_DNS clusters keep resolving their service names, so Envoy starts before its upstreams.',
  ];
  if ((auth === 'jwt' || auth === 'oidc') && !keycloakOf(ctx, n)) header.push(` Authentication "${auth}" needs an identity provider: wire a Keycloak to this gateway.`);
  if (auth === 'key-auth' || auth === 'basic' || auth === 'mtls') header.push(` Authentication "${auth}" is not configured here: add an ext_authz or RBAC filter.`);
  const file = ctx.addFile(cfg(n, 'envoy.yaml'), toYaml(envoyConfig(ctx, n), header.join('\n')));
  const spec = mainService(ctx, n);
  spec.command = ['envoy', '-c', '/etc/envoy/envoy.yaml', '--log-level', 'info'];
  spec.binds.push({ source: file, target: '/etc/envoy/envoy.yaml', readOnly: true });
}

export const stack: StackFacet = {
  services: envoy,
  exporter: null,
  requestMetrics: (job) => {
    const sel = `job=${JSON.stringify(job)},envoy_http_conn_manager_prefix="ingress"`;
    return { total: `envoy_http_downstream_rq_xx{${sel}}`, errors: `envoy_http_downstream_rq_xx{${sel},envoy_response_code_class="5"}`, bucket: `envoy_http_downstream_rq_time_bucket{${sel}}`, unit: 1 };
  },
  alerts: null,
  outside: null,
};
