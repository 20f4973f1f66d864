import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KINDS } from '../../shared/catalog';
import { parseTopology } from '../../shared/model/parse';
import type { Topology } from '../../shared/model/types';
import { resolve } from '../../shared/resolve';
import { generateStack } from './index';
import { bundle, design, envExampleNames, envRefs } from './testkit';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '../..');
const designs: Array<[string, Topology]> = ['assets/examples', 'test/fixtures/designs'].flatMap((dir) =>
  readdirSync(join(ROOT, dir))
    .filter((f) => f.endsWith('.topo.yaml'))
    .sort()
    .map((f): [string, Topology] => {
      const r = parseTopology(readFileSync(join(ROOT, dir, f), 'utf8'));
      if (!r.ok) throw new Error(`${f}: ${r.diagnostics[0]?.message}`);
      return [f, r.doc];
    }),
);
const everyKind = designs.find(([f]) => f === 'every-kind.topo.yaml')![1];

describe('the bundle of every example and test design', () => {
  it.each(designs)('%s: same design, same bytes', (_f, doc) => {
    const a = generateStack(doc);
    const b = generateStack(structuredClone(doc));
    expect(b).toEqual(a);
  });

  it.each(designs)('%s: docker-compose.yml, .env.example and README.md, then config/<node-id>/ files (and the stand-in program)', (_f, doc) => {
    const files = generateStack(doc).map((f) => f.path);
    expect(files.slice(0, 3)).toEqual(['docker-compose.yml', '.env.example', 'README.md']);
    const ids = new Set(doc.nodes.map((n) => n.id));
    for (const f of files.slice(3)) {
      if (f === 'config/_stand-in/stand-in.mjs') continue;
      const m = /^config\/([a-z][a-z0-9-]*)\/[A-Za-z0-9._/-]+$/.exec(f);
      expect(m, f).not.toBeNull();
      expect(ids.has(m![1]!), f).toBe(true);
      expect(f.split('/')).not.toContain('..');
    }
  });

  it.each(designs)('%s: no version, no name, one service per containerised node, named as the model names it (external ones left out)', (_f, doc) => {
    const b = bundle(doc);
    expect(b.compose.version).toBeUndefined();
    expect(b.compose.name).toBeUndefined();
    for (const c of resolve(doc).components) {
      const external = KINDS.find((k) => k.id === c.kind.id)!.external;
      expect(c.service in b.compose.services, `${c.id} as ${c.service}`).toBe(!external);
    }
  });

  it.each(designs)('%s: every ${VAR} used is in .env.example', (_f, doc) => {
    const b = bundle(doc);
    const declared = new Set(envExampleNames(b.file('.env.example')));
    // Shell scripts, Lua and the stand-in program are code that reads its own variables.
    for (const f of b.files.filter((x) => !/\.(sh|lua|mjs)$/.test(x.path) && x.path !== '.env.example' && x.path !== 'README.md')) {
      // Comments are not read by any tool (a label may well contain "${...}").
      const text = /\.ya?ml$/.test(f.path) ? f.content.replace(/^\s*#.*$/gm, '') : f.content;
      for (const name of envRefs(text)) expect(declared.has(name), `${f.path} uses \${${name}}`).toBe(true);
    }
    // ... and .env.example declares each once.
    const names = envExampleNames(b.file('.env.example'));
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(designs)('%s: no literal password, key or token anywhere', (_f, doc) => {
    const b = bundle(doc);
    const env = b.file('.env.example');
    for (const f of b.files) {
      if (f.path === '.env.example') continue;
      expect(f.content, `${f.path} sets a value to the placeholder`).not.toMatch(/[:=]\s*["']?change-me/);
    }
    // Secret-looking settings in the compose file are only references, required (Compose refuses to start without them).
    const required = '\\$\\{[A-Z0-9_]+:\\?[^}]*\\}';
    for (const [name, s] of Object.entries(b.compose.services)) {
      for (const [k, v] of Object.entries(s.environment ?? {})) {
        if (/(PASSWORD|PASS|SECRET|TOKEN|_KEY|CREDENTIAL)$/.test(k)) expect(v, `${name}.${k}`).toMatch(new RegExp(`^${required}$`));
        // The user name is a reference too, or the fixed name of a database's statistics-only exporter user.
        if (/_URL$|_URI$/.test(k) && /@/.test(v)) expect(v.slice(0, v.indexOf('@')), `${name}.${k}`).toMatch(new RegExp(`^[a-z]+://(${required}|exporter)?:${required}$`));
      }
    }
    // Secret-looking keys in JSON configs are references too.
    for (const f of b.files.filter((x) => x.path.endsWith('.json'))) {
      const walk = (v: unknown, path: string): void => {
        if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
        else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) {
          if (/password|secret|token/i.test(k) && typeof x === 'string') expect(x, `${f.path} ${path}.${k}`).toMatch(/^\$\{(env:)?[A-Z0-9_]+\}$/);
          walk(x, `${path}.${k}`);
        }
      };
      walk(JSON.parse(f.content), '');
    }
    // Every secret variable is a placeholder in .env.example.
    for (const line of env.split('\n').filter((l) => /^[A-Z_0-9]+_(PASSWORD|SECRET|TOKEN|CREDENTIAL|SECRET_KEY)=/.test(l))) expect(line).toMatch(/=change-me$/);
  });

  it.each(designs)('%s: YAML files have no anchors or aliases (plain, diff-friendly)', (_f, doc) => {
    for (const f of generateStack(doc).filter((x) => /\.ya?ml$/.test(x.path))) expect(f.content, f.path).not.toMatch(/(: |- )[&*]a\d+\b/);
  });

  it.each(designs)('%s: every depends_on names a service, without cycles', (_f, doc) => {
    const { services } = bundle(doc).compose;
    const edges = new Map<string, string[]>();
    for (const [name, s] of Object.entries(services)) {
      const deps = Object.keys(s.depends_on ?? {});
      for (const d of deps) expect(Object.keys(services), `${name} -> ${d}`).toContain(d);
      edges.set(name, deps);
    }
    const state = new Map<string, number>();
    const visit = (n: string): void => {
      expect(state.get(n), `cycle through ${n}`).not.toBe(1);
      if (state.get(n) === 2) return;
      state.set(n, 1);
      for (const d of edges.get(n) ?? []) visit(d);
      state.set(n, 2);
    };
    for (const n of edges.keys()) visit(n);
  });

  it.each(designs)('%s: every mounted file or folder is in the bundle, and every named volume is declared', (_f, doc) => {
    const b = bundle(doc);
    const paths = b.files.map((f) => f.path);
    for (const [name, s] of Object.entries(b.compose.services)) {
      for (const v of s.volumes ?? []) {
        const [src] = v.split(':');
        if (src!.startsWith('./')) {
          const p = src!.slice(2);
          expect(paths.some((x) => x === p || x.startsWith(`${p}/`)), `${name} mounts ${p}`).toBe(true);
        } else expect(Object.keys(b.compose.volumes ?? {}), `${name} uses volume ${src}`).toContain(src);
      }
    }
  });

  it.each(designs)('%s: no two services publish the same host port', (_f, doc) => {
    const seen = new Map<string, string>();
    for (const [name, s] of Object.entries(bundle(doc).compose.services)) {
      for (const p of s.ports ?? []) {
        // "[ip:]${VAR:-8080}:80": the default host port
        const m = /^(?:[0-9.]+:)?\$\{[A-Z0-9_]+:-([0-9]+)\}:[0-9]+(\/udp)?$/.exec(p);
        expect(m, p).not.toBeNull();
        const port = m![1]!;
        expect(seen.get(port), `${name} and ${seen.get(port)} both publish ${port}`).toBeUndefined();
        seen.set(port, name);
      }
    }
  });
});

describe('gateways', () => {
  const doc = design(
    [
      { id: 'gw', kind: 'kong', props: { auth: 'key-auth', rateLimitPerMinute: 120, cors: true } },
      { id: 'px', kind: 'nginx', props: { port: 8181 } },
      { id: 'ev', kind: 'envoy', props: { circuitBreakerMaxRequests: 77 } },
      { id: 'orders', kind: 'rest-service', props: { port: 8090 } },
      { id: 'pay', kind: 'grpc-service' },
      { id: 'crm', kind: 'saas-app', props: { baseUrl: 'https://crm.example.com/api' } },
    ],
    [
      { from: 'gw', to: 'orders', protocol: 'http', props: { path: '/v1/orders' } },
      { from: 'gw', to: 'pay', protocol: 'grpc' },
      { from: 'gw', to: 'crm', protocol: 'http' },
      { from: 'px', to: 'orders', protocol: 'http' },
      { from: 'px', to: 'crm', protocol: 'http', props: { path: '/crm' } },
      { from: 'ev', to: 'orders', protocol: 'http', props: { circuitBreaker: true, retries: 2 } },
      { from: 'ev', to: 'pay', protocol: 'grpc' },
    ],
  );
  const b = bundle(doc);

  it('Kong: a service and route per route of the model, path from the connection or /<service>; gRPC on an HTTP/2 listener, never stripped; auth and rate limit as set', () => {
    const kong = b.yaml<{ _format_version: string; services: Array<{ name: string; host: string; port: number; protocol: string; routes: Array<{ paths: string[]; strip_path: boolean }> }>; plugins: Array<{ name: string; config: Record<string, unknown> }> }>('config/gw/kong.yml');
    expect(kong._format_version).toBe('3.0');
    expect(kong.services.map((s) => [s.name, s.routes[0]!.paths[0]])).toEqual([
      ['orders', '/v1/orders'],
      ['pay', '/pay'],
      ['crm', '/crm'],
    ]);
    expect(kong.services[0]).toMatchObject({ host: 'orders', port: 8090, protocol: 'http' });
    expect(kong.services[1]).toMatchObject({ protocol: 'grpc', port: 50051 });
    expect(kong.services[2]).toMatchObject({ protocol: 'https', host: 'crm.example.com', port: 443, path: '/api' });
    expect(kong.services[1]!.routes[0]).toMatchObject({ strip_path: false, protocols: ['grpc'] });
    expect(kong.services[0]!.routes[0]!.strip_path).toBe(false);
    expect(kong.services[2]!.routes[0]!.strip_path).toBe(true);
    expect(kong.plugins.find((p) => p.name === 'rate-limiting')?.config).toMatchObject({ minute: 120, policy: 'local' });
    expect(kong.plugins.map((p) => p.name)).toEqual(expect.arrayContaining(['key-auth', 'cors']));
    // The key is added at start from .env (prepare.lua): never in kong.yml.
    expect(b.file('config/gw/kong.yml')).not.toMatch(/keyauth_credentials/);
    expect(b.compose.services.gw!.environment).toMatchObject({ KONG_DATABASE: 'off', KONG_DECLARATIVE_CONFIG: '/tmp/kong.json', TOPOFORGE_AUTH: 'key-auth', KONG_ADMIN_LISTEN: '127.0.0.1:8001' });
    expect(b.compose.services.gw!.environment!.KONG_PROXY_LISTEN).toMatch(/0\.0\.0\.0:9080 http2/);
    expect(b.compose.services.gw!.environment!.GATEWAY_API_KEY).toMatch(/^\$\{GW_API_KEY:\?/);
    expect(b.file('config/gw/prepare.lua')).toContain('keyauth_credentials = { { key = need("GATEWAY_API_KEY") } }');
    // Published on the loopback interface: the proxy and the gRPC listener; the Admin API not at all.
    expect(b.compose.services.gw!.ports).toEqual(['127.0.0.1:${GW_PROXY_PORT:-8000}:8000', '127.0.0.1:${GW_GRPC_PORT:-9080}:9080']);
  });

  it('gateways default to API keys and 1000 requests per minute, and wait for an upstream as long as the latency budget', () => {
    const d = bundle(design([{ id: 'gw', kind: 'kong' }, { id: 'api', kind: 'rest-service' }], [{ from: 'gw', to: 'api', protocol: 'http' }], { requirements: { latencyP99Ms: 200 } }));
    const kong = d.yaml<{ services: Array<{ read_timeout: number; connect_timeout: number }>; plugins: Array<{ name: string; config: Record<string, unknown> }> }>('config/gw/kong.yml');
    expect(kong.services[0]).toMatchObject({ read_timeout: 200, connect_timeout: 200 });
    expect(kong.plugins.map((p) => p.name)).toEqual(['key-auth', 'rate-limiting']);
    expect(kong.plugins[1]!.config).toMatchObject({ minute: 1000, limit_by: 'consumer' });
    const off = bundle(design([{ id: 'gw', kind: 'kong', props: { auth: 'none', rateLimitPerMinute: 0 } }, { id: 'api', kind: 'rest-service' }], [{ from: 'gw', to: 'api', protocol: 'http' }]));
    expect(off.yaml<{ plugins?: unknown[] }>('config/gw/kong.yml').plugins).toBeUndefined();
  });

  it('Kong with OIDC and a Keycloak: the OSS jwt plugin, and a comment saying why', () => {
    const k = bundle(
      design(
        [
          { id: 'gw', kind: 'kong', props: { auth: 'oidc' } },
          { id: 'idp', kind: 'keycloak', props: { realm: 'shop' } },
          { id: 'api', kind: 'rest-service' },
        ],
        [
          { from: 'gw', to: 'idp', protocol: 'http' },
          { from: 'gw', to: 'api', protocol: 'http' },
        ],
      ),
    );
    const text = k.file('config/gw/kong.yml');
    expect(text).toMatch(/Kong OSS has no openid-connect plugin: the jwt plugin checks the tokens/);
    expect(text).toContain('http://idp:8080/realms/shop');
    // The realm's public key is fetched at start; the token issuer is the realm's public URL.
    expect(k.compose.services.gw!.environment).toMatchObject({ TOPOFORGE_AUTH: 'jwt-idp', IDP_REALM_URL: 'http://idp:8080/realms/shop', IDP_ISSUER: 'http://localhost:${IDP_HTTP_PORT:-8180}/realms/shop' });
    expect(k.compose.services.idp!.environment).toMatchObject({ KC_HOSTNAME: 'http://localhost:${IDP_HTTP_PORT:-8180}', KC_HOSTNAME_BACKCHANNEL_DYNAMIC: 'true' });
    const kong = k.yaml<{ services: Array<{ name: string }>; plugins: Array<{ name: string }> }>('config/gw/kong.yml');
    expect(kong.plugins.map((p) => p.name)).toContain('jwt');
    expect(kong.services.map((s) => s.name)).toEqual(['api']);
    const realm = k.json<{ realm: string; clients: Array<{ clientId: string; secret: string }> }>('config/idp/realm-shop.json');
    expect(realm.clients.map((c) => c.clientId)).toEqual(['gw']);
    expect(k.compose.services.idp!.environment!.IDP_CLIENT_GW_SECRET).toMatch(/^\$\{IDP_CLIENT_GW_SECRET:\?/);
    expect(realm.clients[0]!.secret).toMatch(/^\$\{IDP_CLIENT_GW_SECRET\}$/);
  });

  it('nginx: a location per route that resolves its upstream at request time, checks the API key and the rate limit, and /healthz', () => {
    const conf = b.file('config/px/nginx.conf');
    expect(conf).toMatch(/resolver 127\.0\.0\.11 valid=10s/);
    expect(conf).toMatch(/location = \/healthz/);
    expect(conf).toMatch(/location "\/orders" \{[\s\S]*?if \(\$topoforge_key_ok = 0\) \{\s*return 401;[\s\S]*?limit_req zone=ratelimit burst=17 nodelay;[\s\S]*?set \$upstream_1 "orders:8090";[\s\S]*?proxy_pass http:\/\/\$upstream_1;/);
    expect(conf).toMatch(/limit_req_zone \$topoforge_consumer zone=ratelimit:10m rate=1000r\/m;/);
    expect(conf).toContain('include /etc/nginx/conf.d/topoforge-auth.conf;');
    expect(b.compose.services.px!.environment!.GATEWAY_API_KEY).toMatch(/^\$\{PX_API_KEY:\?/);
    expect(conf).toMatch(/location "\/crm" \{[\s\S]*?set \$upstream_2 "crm\.example\.com:443";[\s\S]*?rewrite \^\/\(\.\*\)\$ \/api\/\$1 break;[\s\S]*?proxy_pass https:\/\/\$upstream_2;/);
    // No upstream block: those are resolved when nginx starts and would stop it.
    expect(conf).not.toMatch(/^\s*upstream\s/m);
    // No gRPC route: no HTTP/2 listener, and its port is not published (nothing would answer there).
    expect(conf).not.toMatch(/listen 81/);
    expect(b.compose.services.px!.ports).toEqual(['127.0.0.1:${PX_HTTP_PORT:-8181}:80']);
  });

  it('Envoy: a route and a STRICT_DNS cluster per connection, circuit breakers from the props', () => {
    const cfg = b.yaml<{ static_resources: { clusters: Array<{ name: string; type: string; circuit_breakers: { thresholds: Array<{ max_requests: number }> }; outlier_detection?: unknown }>; listeners: Array<{ filter_chains: Array<{ filters: Array<{ typed_config: { route_config: { virtual_hosts: Array<{ routes: Array<{ match: { prefix?: string; path?: string }; route?: { cluster: string; retry_policy?: { num_retries: number } } }> }> } } }> }> }> } }>('config/ev/envoy.yaml');
    const clusters = cfg.static_resources.clusters;
    expect(clusters.map((c) => [c.name, c.type])).toEqual([
      ['orders', 'STRICT_DNS'],
      ['pay', 'STRICT_DNS'],
    ]);
    expect(clusters[0]!.circuit_breakers.thresholds[0]!.max_requests).toBe(77);
    expect(clusters[0]!.outlier_detection).toBeDefined();
    expect(clusters[1]!.outlier_detection).toBeUndefined();
    const routes = cfg.static_resources.listeners[0]!.filter_chains[0]!.filters[0]!.typed_config.route_config.virtual_hosts[0]!.routes;
    expect(routes.map((r) => r.match.prefix ?? r.match.path)).toEqual(['/healthz', '/orders', '/pay']);
    expect(routes[1]!.route).toMatchObject({ cluster: 'orders', retry_policy: { num_retries: 2 } });
  });

  it('a route to an external system without a base URL is left out, and the README says so', () => {
    const x = bundle(design([{ id: 'gw', kind: 'kong' }, { id: 'erp', kind: 'legacy-system' }], [{ from: 'gw', to: 'erp', protocol: 'http' }]));
    expect(x.yaml<{ services: unknown[] }>('config/gw/kong.yml').services).toEqual([]);
    expect(x.file('README.md')).toMatch(/no route to `erp` was generated/);
  });
});

describe('brokers', () => {
  it('Kafka: topics from the flows, a .dlt for each topic a consumer reads unless it switches dead-lettering off, created by a one-shot init job', () => {
    const b = bundle(
      design(
        [
          { id: 'api', kind: 'rest-service' },
          { id: 'bus', kind: 'kafka', props: { topics: [{ name: 'audit', partitions: 1, retentionHours: 24 }], defaultPartitions: 4 } },
          { id: 'w', kind: 'worker' },
          { id: 'r', kind: 'worker', props: { port: 8085 } },
        ],
        [
          { from: 'api', to: 'bus', protocol: 'kafka', props: { topic: 'orders' } },
          { from: 'bus', to: 'w', protocol: 'kafka', props: { topic: 'orders', retries: 3 } },
          { from: 'bus', to: 'r', protocol: 'kafka', props: { deadLetter: false } },
        ],
      ),
    );
    const topics = b.file('config/bus/topics.txt').split('\n').filter((l) => l && !l.startsWith('#'));
    expect(topics).toEqual(['audit 1 86400000 delete', 'orders 4 604800000 delete', 'orders.dlt 4 604800000 delete']);
    const init = b.compose.services['bus-init']!;
    expect(init.restart).toBe('no');
    expect(init.depends_on).toEqual({ bus: { condition: 'service_healthy' } });
    expect(b.file('config/bus/create-topics.sh')).toContain('--if-not-exists');
    expect(b.compose.services.w!.environment).toMatchObject({ BUS_BOOTSTRAP_SERVERS: 'bus:19092', BUS_CONSUME_TOPICS: 'orders', BUS_DEAD_LETTER_TOPICS: 'orders.dlt', BUS_CONSUMER_GROUP: 'w', BUS_MAX_RETRIES: '3', TOPOFORGE_CONNECTIONS: 'kafka:BUS' });
    expect(b.compose.services.r!.environment).toMatchObject({ BUS_CONSUME_TOPICS: 'audit,orders' });
    expect(b.compose.services.r!.environment!.BUS_DEAD_LETTER_TOPICS).toBeUndefined();
    expect(b.compose.services.api!.environment).toMatchObject({ BUS_PRODUCE_TOPICS: 'orders' });
    expect(b.compose.services.api!.depends_on).toMatchObject({ bus: { condition: 'service_healthy' }, 'bus-init': { condition: 'service_completed_successfully' } });
    const bus = b.compose.services.bus!;
    expect(bus.image).toMatch(/^apache\/kafka:/);
    // Not published (a broker is no entry point): clients on the host are not advertised a published port.
    expect(bus.environment).toMatchObject({ KAFKA_PROCESS_ROLES: 'broker,controller', KAFKA_ADVERTISED_LISTENERS: 'PLAINTEXT://bus:19092,PLAINTEXT_HOST://localhost:9092' });
    expect(bus.ports).toBeUndefined();
    const published = bundle(design([{ id: 'bus', kind: 'kafka', props: { port: 19093 } }])).compose.services.bus!;
    expect(published.ports).toEqual(['127.0.0.1:${BUS_BROKER_PORT:-19093}:9092']);
    expect(published.environment!.KAFKA_ADVERTISED_LISTENERS).toBe('PLAINTEXT://bus:19092,PLAINTEXT_HOST://localhost:${BUS_BROKER_PORT:-19093}');
  });

  it('RabbitMQ: exchanges, queues, bindings, a DLX with <queue>.dlq and a retry queue that dead-letters back; no users in the JSON', () => {
    const b = bundle(
      design(
        [
          { id: 'p', kind: 'rest-service' },
          { id: 'mq', kind: 'rabbitmq' },
          { id: 'c', kind: 'worker' },
        ],
        [
          { from: 'p', to: 'mq', protocol: 'amqp', props: { exchange: 'orders', routingKey: 'order.created' } },
          { from: 'mq', to: 'c', protocol: 'amqp', props: { retries: 2 } },
        ],
      ),
    );
    const d = b.json<{ users?: unknown; exchanges: Array<{ name: string }>; queues: Array<{ name: string; arguments: Record<string, unknown> }>; bindings: Array<{ source: string; destination: string; routing_key: string }> }>('config/mq/definitions.json');
    expect(d.users).toBeUndefined();
    expect(d.exchanges.map((x) => x.name)).toEqual(['orders', 'topoforge.dlx']);
    expect(d.queues.map((q) => q.name)).toEqual(['c.orders', 'c.orders.dlq', 'c.orders.retry']);
    expect(d.queues[0]!.arguments).toMatchObject({ 'x-dead-letter-exchange': 'topoforge.dlx', 'x-dead-letter-routing-key': 'c.orders' });
    expect(d.queues[2]!.arguments).toMatchObject({ 'x-message-ttl': 5000, 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': 'c.orders' });
    expect(d.bindings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ source: 'orders', destination: 'c.orders', routing_key: '#' }),
        expect.objectContaining({ source: 'topoforge.dlx', destination: 'c.orders.dlq', routing_key: 'c.orders' }),
      ]),
    );
    expect(b.file('config/mq/rabbitmq.conf')).toMatch(/^load_definitions = \/etc\/rabbitmq\/definitions\.json$/m);
    expect(b.file('config/mq/rabbitmq.conf')).toMatch(/Dead-letter queues .*: c\.orders\.dlq\./);
    // The services' user may publish to its exchange, read its queue and declare nothing; the administrator has the console.
    // (Compose files double a literal $.)
    expect(b.compose.services.mq!.environment).toMatchObject({ RABBITMQ_APP_CONFIGURE: '^$$', RABBITMQ_APP_WRITE: '^(orders|amq\\.default)$$', RABBITMQ_APP_READ: '^(c\\.orders)$$' });
    expect(b.compose.services.mq!.environment!.RABBITMQ_APP_PASSWORD).toMatch(/^\$\{MQ_PASSWORD:\?/);
    expect(b.compose.services.mq!.environment!.RABBITMQ_ADMIN_PASSWORD).toMatch(/^\$\{MQ_ADMIN_PASSWORD:\?/);
    expect(b.file('config/mq/start.sh')).toContain('set_user_tags "$RABBITMQ_ADMIN_USER" administrator');
    const c = b.compose.services.c!.environment!;
    expect(c).toMatchObject({ MQ_HOST: 'mq', MQ_PORT: '5672', MQ_VHOST: '/', MQ_CONSUME_QUEUES: 'c.orders', MQ_DEAD_LETTER_QUEUES: 'c.orders.dlq', MQ_RETRY_QUEUES: 'c.orders.retry', MQ_MAX_RETRIES: '2', TOPOFORGE_CONNECTIONS: 'amqp:MQ' });
    expect(c.MQ_URL).toMatch(/^amqp:\/\/\$\{MQ_USER:\?[^}]*\}:\$\{MQ_PASSWORD:\?[^}]*\}@mq:5672\/%2F$/);
    expect(b.compose.services.p!.environment).toMatchObject({ MQ_PUBLISH: 'orders:order.created' });
  });

  it('RabbitMQ: on a direct exchange a consumer is bound with the keys its publishers use', () => {
    const b = bundle(
      design(
        [
          { id: 'p', kind: 'rest-service' },
          { id: 'mq', kind: 'rabbitmq', props: { exchanges: [{ name: 'billing', type: 'direct' }] } },
          { id: 'c', kind: 'worker' },
        ],
        [
          { from: 'p', to: 'mq', protocol: 'amqp', props: { exchange: 'billing', routingKey: 'invoice.created' } },
          { from: 'mq', to: 'c', protocol: 'amqp', props: { queue: 'invoices' } },
        ],
      ),
    );
    const d = b.json<{ bindings: Array<{ source: string; destination: string; routing_key: string }> }>('config/mq/definitions.json');
    expect(d.bindings.filter((x) => x.source === 'billing')).toEqual([expect.objectContaining({ source: 'billing', routing_key: 'invoice.created' })]);
    // Dead-lettering is on by default: rejected messages reach invoices.dlq through the dead-letter exchange.
    expect(d.bindings).toContainEqual(expect.objectContaining({ source: 'topoforge.dlx', destination: 'invoices.dlq', routing_key: 'invoices' }));
  });

  it('Mosquitto: listener, persistence, allow_anonymous from the props, a password file written at start from env', () => {
    const b = bundle(design([{ id: 'm', kind: 'mqtt-broker', props: { allowAnonymous: true, persistence: false } }]));
    const conf = b.file('config/m/mosquitto.conf');
    expect(conf).toMatch(/^listener 1883$/m);
    expect(conf).toMatch(/^allow_anonymous true$/m);
    expect(conf).toMatch(/^persistence false$/m);
    expect(conf).toMatch(/^password_file /m);
    expect(b.file('config/m/start.sh')).toContain('mosquitto_passwd -b -c /mosquitto/data/passwd "$MQTT_USER" "$MQTT_PASSWORD"');
  });

  it('NATS with JetStream, credentials read from the environment, and a stream over the subjects', () => {
    const b = bundle(
      design(
        [
          { id: 'p', kind: 'rest-service' },
          { id: 'n', kind: 'nats', props: { subjects: ['prices.>'] } },
          { id: 'c', kind: 'worker' },
        ],
        [
          { from: 'p', to: 'n', protocol: 'nats', props: { subject: 'prices.eu' } },
          { from: 'p', to: 'n', protocol: 'nats', props: { subject: 'orders.new' } },
          { from: 'n', to: 'c', protocol: 'nats' },
        ],
      ),
    );
    expect(b.file('config/n/nats.conf')).toMatch(/jetstream \{/);
    expect(b.file('config/n/nats.conf')).toMatch(/^include \.\/auth\.conf$/m);
    // The credentials are written quoted at start; the user may use only the design's subjects and its stream's API.
    expect(b.file('config/n/start.sh')).toContain('q() { printf');
    const nats = b.compose.services.n!.environment!;
    expect(nats.NATS_PUBLISH).toBe('prices.eu,orders.new,dlq.prices.>,dlq.prices.eu,dlq.orders.new,$$JS.API.INFO,$$JS.API.STREAM.INFO.N,$$JS.API.STREAM.CREATE.N,$$JS.API.STREAM.UPDATE.N,$$JS.API.CONSUMER.INFO.N.*,$$JS.API.CONSUMER.CREATE.N.>,$$JS.API.CONSUMER.DURABLE.CREATE.N.*,$$JS.API.CONSUMER.MSG.NEXT.N.*,$$JS.ACK.N.>');
    expect(nats.NATS_SUBSCRIBE).toBe('prices.>,prices.eu,orders.new,_INBOX.>');
    // prices.eu is covered by prices.> and is not listed twice in the stream; the consumer reads through a durable consumer.
    const init = JSON.parse(b.compose.services['n-init']!.environment!.NATS_INIT!);
    expect(init).toEqual({ stream: { name: 'N', subjects: ['prices.>', 'orders.new', 'dlq.prices.>', 'dlq.orders.new'], maxAgeSeconds: 604800 }, consumers: [{ durable: 'c', subjects: ['prices.>', 'orders.new'], maxDeliver: 1 }] });
    expect(b.compose.services['n-init']!.command).toEqual(['node', '/topoforge/stand-in.mjs', 'nats-init']);
    expect(b.compose.services.c!.environment).toMatchObject({ N_URL: 'nats://n:4222', N_STREAM: 'N', N_DURABLE: 'c', N_SUBSCRIBE_SUBJECTS: 'prices.>,prices.eu,orders.new', N_DEAD_LETTER_SUBJECTS: 'dlq.prices.>,dlq.prices.eu,dlq.orders.new' });
  });

  it('IBM MQ: an MQSC file with each queue, its backout queue and the app user\'s access', () => {
    const b = bundle(
      design(
        [
          { id: 'erp', kind: 'legacy-system' },
          { id: 'mq', kind: 'ibm-mq', props: { backoutThreshold: 5 } },
          { id: 'w', kind: 'worker' },
        ],
        [
          { from: 'erp', to: 'mq', protocol: 'jms' },
          { from: 'mq', to: 'w', protocol: 'jms' },
        ],
      ),
    );
    const mqsc = b.file('config/mq/20-topoforge.mqsc');
    expect(mqsc).toContain("DEFINE QLOCAL('ERP.EVENTS') DEFPSIST(YES) BOQNAME('ERP.EVENTS.BACKOUT') BOTHRESH(5) REPLACE");
    expect(mqsc).toContain("DEFINE QLOCAL('ERP.EVENTS.BACKOUT')");
    expect(mqsc).toContain("SET AUTHREC PROFILE('ERP.EVENTS') OBJTYPE(QUEUE) PRINCIPAL('app')");
    expect(b.compose.services.w!.environment).toMatchObject({ MQ_GET_QUEUES: 'ERP.EVENTS', MQ_BACKOUT_QUEUES: 'ERP.EVENTS.BACKOUT', MQ_USER: 'app' });
    expect(b.compose.services.w!.environment!.MQ_PASSWORD).toMatch(/^\$\{MQ_APP_PASSWORD:\?/);
  });
});

describe('databases and CDC', () => {
  const doc = design(
    [
      { id: 'api', kind: 'rest-service' },
      { id: 'db', kind: 'postgres', props: { database: 'orders', tables: ['orders', 'sales.invoices'] } },
      { id: 'bus', kind: 'kafka' },
      { id: 'cdc', kind: 'debezium', props: { topicPrefix: 'shop' } },
      { id: 'legacy', kind: 'mysql', props: { tables: ['customers'] } },
      { id: 'reporting', kind: 'batch-job' },
    ],
    [
      { from: 'api', to: 'db', protocol: 'sql' },
      { from: 'api', to: 'bus', protocol: 'kafka' },
      { from: 'db', to: 'cdc', protocol: 'cdc', props: { tables: 'public.orders' } },
      { from: 'legacy', to: 'cdc', protocol: 'cdc' },
      { from: 'cdc', to: 'bus', protocol: 'kafka' },
      { from: 'reporting', to: 'legacy', protocol: 'sql', props: { access: 'read' } },
    ],
  );
  const b = bundle(doc);

  it('PostgreSQL: the app user owns its schema and creates the tables; a replication user (not a superuser) reads exactly the captured tables; an outbox; wal_level=logical', () => {
    const users = b.file('config/db/init/00-users.sh');
    expect(users).toContain('CREATE ROLE :"app_user" LOGIN PASSWORD :\'app_password\';');
    expect(users).toContain('ALTER SCHEMA public OWNER TO :"app_user";');
    expect(users).toContain('CREATE ROLE :"cdc_user" LOGIN REPLICATION PASSWORD :\'cdc_password\';');
    expect(users).not.toMatch(/SUPERUSER/);
    expect(users).toContain("<<'EOSQL'");
    expect(b.files.find((f) => f.path === 'config/db/init/00-users.sh')!.mode).toBe(0o755);
    const sql = b.file('config/db/init/01-schema.sh');
    expect(sql.indexOf('SET ROLE :"app_user";')).toBeLessThan(sql.indexOf('CREATE TABLE IF NOT EXISTS "public"."orders"'));
    expect(sql).toContain('CREATE SCHEMA IF NOT EXISTS "sales";');
    expect(sql).toContain('CREATE TABLE IF NOT EXISTS "sales"."invoices"');
    expect(sql).toContain('CREATE TABLE IF NOT EXISTS "public"."outbox"');
    expect(sql).toContain('CREATE PUBLICATION "dbz_cdc" FOR TABLE "public"."orders";');
    expect(sql).toContain('GRANT SELECT ON "public"."orders" TO :"cdc_user";');
    const db = b.compose.services.db!;
    expect(db.command).toEqual(expect.arrayContaining(['wal_level=logical']));
    expect(db.volumes).toContain('./config/db/init:/docker-entrypoint-initdb.d:ro');
    expect(db.environment).toMatchObject({ POSTGRES_DB: 'orders' });
    for (const [k, v] of [['POSTGRES_PASSWORD', 'DB_ADMIN_PASSWORD'], ['APP_DB_PASSWORD', 'DB_APP_PASSWORD'], ['CDC_DB_USER', 'DB_CDC_USER']]) expect(db.environment![k!], k).toMatch(new RegExp(`^\\$\\{${v}:\\?`));
    const api = b.compose.services.api!.environment!;
    expect(api.DB_URL).toMatch(/^postgresql:\/\/\$\{DB_APP_USER:\?[^}]*\}:\$\{DB_APP_PASSWORD:\?[^}]*\}@db:5432\/orders$/);
    expect(api).toMatchObject({ DB_HOST: 'db', DB_PORT: '5432', DB_DATABASE: 'orders', DB_ACCESS: 'read-write', DB_OUTBOX_TABLE: 'outbox' });
  });

  it('MySQL: binlog for CDC, the tables (the captured ones included), a replication user from .env; the outbox id has a default', () => {
    expect(b.compose.services.legacy!.command).toEqual(expect.arrayContaining(['--binlog-format=ROW', '--log-bin=mysql-bin']));
    expect(b.compose.services.legacy!.command!.some((a) => /^--server-id=\d+$/.test(a))).toBe(true);
    const sql = b.file('config/legacy/init/01-init.sql');
    expect(sql).toContain('CREATE TABLE IF NOT EXISTS `customers`');
    expect(sql).not.toContain('outbox');
    expect(b.file('config/legacy/init/02-cdc-user.sh')).toContain('GRANT RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO');
    const outbox = bundle(design([{ id: 'api', kind: 'rest-service' }, { id: 'my', kind: 'mysql' }, { id: 'mq', kind: 'rabbitmq' }], [{ from: 'api', to: 'my', protocol: 'sql' }, { from: 'api', to: 'mq', protocol: 'amqp' }]));
    expect(outbox.file('config/my/init/01-init.sql')).toContain('`id` CHAR(36) NOT NULL DEFAULT (UUID()) PRIMARY KEY,');
  });

  it("Debezium: a connector per CDC connection capturing exactly the model's tables into the model's topics, with the replication user through the env config provider", () => {
    const pg = b.json<Record<string, string>>('config/cdc/connectors/db.json');
    expect(pg).toMatchObject({
      'connector.class': 'io.debezium.connector.postgresql.PostgresConnector',
      'plugin.name': 'pgoutput',
      'publication.name': 'dbz_cdc',
      'database.user': '${env:DB_CDC_USER}',
      'database.password': '${env:DB_CDC_PASSWORD}',
      'table.include.list': 'public\\.orders',
      'topic.prefix': 'shop.db',
    });
    const my = b.json<Record<string, string>>('config/cdc/connectors/legacy.json');
    expect(my).toMatchObject({ 'connector.class': 'io.debezium.connector.mysql.MySqlConnector', 'database.user': '${env:LEGACY_CDC_USER}', 'database.password': '${env:LEGACY_CDC_PASSWORD}', 'table.include.list': 'app\\.customers', 'schema.history.internal.kafka.bootstrap.servers': 'bus:19092' });
    // The topics the connectors write are the broker's topics, and the model's.
    const topics = b.file('config/bus/topics.txt').split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(' ')[0]);
    expect(topics).toEqual(expect.arrayContaining(['shop.db.public.orders', 'shop.legacy.app.customers']));
    const cdc = b.compose.services.cdc!;
    expect(cdc.environment).toMatchObject({ BOOTSTRAP_SERVERS: 'bus:19092', CONNECT_CONFIG_PROVIDERS: 'env' });
    expect(cdc.environment!.DB_CDC_PASSWORD).toMatch(/^\$\{DB_CDC_PASSWORD:\?/);
    expect(Object.keys(cdc.depends_on!)).toEqual(expect.arrayContaining(['db', 'legacy', 'bus']));
    expect(b.compose.services['cdc-register']!.depends_on).toEqual({ cdc: { condition: 'service_healthy' } });
  });

  it('identifiers a user typed are quoted for SQL', () => {
    const x = bundle(design([{ id: 'db', kind: 'postgres', props: { tables: ['select', 'user'] } }]));
    const sql = x.file('config/db/init/01-schema.sh');
    expect(sql).toContain('"public"."select"');
    expect(sql).toContain('"public"."user"');
  });
});

describe('observability', () => {
  const doc = design(
    [
      { id: 'api', kind: 'rest-service' },
      { id: 'bus', kind: 'kafka' },
      { id: 'w', kind: 'worker', props: { port: 8085 } },
      { id: 'db', kind: 'postgres' },
      { id: 'prom', kind: 'prometheus', props: { consumerLagMax: 500 } },
      { id: 'graf', kind: 'grafana', props: { dashboardTitle: 'Ops' } },
    ],
    [
      { from: 'api', to: 'bus', protocol: 'kafka' },
      { from: 'bus', to: 'w', protocol: 'kafka', props: { deadLetter: true } },
      { from: 'api', to: 'db', protocol: 'sql' },
      { from: 'api', to: 'prom', protocol: 'metrics' },
      { from: 'prom', to: 'bus', protocol: 'metrics' },
      { from: 'db', to: 'prom', protocol: 'metrics' },
      { from: 'graf', to: 'prom', protocol: 'metrics' },
    ],
    { requirements: { latencyP99Ms: 300 } },
  );
  const b = bundle(doc);

  it('Prometheus scrapes each component wired to it; kinds without an endpoint get an exporter', () => {
    const cfg = b.yaml<{ rule_files: string[]; scrape_configs: Array<{ job_name: string; metrics_path?: string; static_configs: Array<{ targets: string[] }> }> }>('config/prom/prometheus.yml');
    expect(cfg.scrape_configs.map((s) => [s.job_name, s.static_configs[0]!.targets[0]])).toEqual([
      ['prom', 'localhost:9090'],
      ['api', 'api:8080'],
      ['bus', 'bus-exporter:9308'],
      ['db', 'db-exporter:9187'],
    ]);
    expect(cfg.rule_files).toEqual(['rules/*.yml']);
    expect(b.compose.services['bus-exporter']!.image).toMatch(/kafka-exporter/);
    // The exporter reads as a statistics-only user (pg_monitor, created by the init script), not the superuser.
    expect(b.compose.services['db-exporter']!.environment!.DATA_SOURCE_USER).toBe('exporter');
    expect(b.compose.services['db-exporter']!.environment!.DATA_SOURCE_PASS).toMatch(/^\$\{DB_MONITOR_PASSWORD:\?/);
    expect(b.file('config/db/init/00-users.sh')).toContain("CREATE ROLE exporter LOGIN IN ROLE pg_monitor");
    // An exporter sits on its component's networks and starts after it.
    expect(b.compose.services['bus-exporter']!.depends_on).toEqual({ bus: { condition: 'service_healthy' } });
  });

  it('alert rules: target down, error rate, p95/p99 from the requirement, consumer lag, dead letters', () => {
    const rules = b.yaml<{ groups: Array<{ rules: Array<{ alert: string; expr: string }> }> }>('config/prom/rules/alerts.yml').groups.flatMap((g) => g.rules);
    const by = (a: string) => rules.find((r) => r.alert === a)?.expr;
    expect(by('TargetDown')).toBe('up == 0');
    expect(by('HighErrorRateApi')).toMatch(/> 0\.05$/);
    expect(by('HighLatencyP99Api')).toMatch(/histogram_quantile\(0\.99, .*> 0\.3$/);
    expect(by('HighLatencyP95Api')).toMatch(/histogram_quantile\(0\.95, .*> 0\.24$/);
    expect(by('ConsumerLagBus')).toMatch(/kafka_consumergroup_lag\{job="bus"\}\) > 500$/);
    expect(by('DeadLettersBus')).toContain('kafka_topic_partition_current_offset{job="bus",topic=~"api\\\\.events\\\\.dlt"}');
    // Every rule reads a family some scraped target exports (the catalog's metricFamilies).
    const families = new Set(['up', ...resolve(doc).observability.scrapes.flatMap((t) => t.families)]);
    for (const r of rules) for (const m of r.expr.matchAll(/\b([a-z_][a-z0-9_]*)\{/g)) expect(families.has(m[1]!.replace(/_(bucket|sum|count)$/, '')), `${r.alert}: ${m[1]}`).toBe(true);
  });

  it('Grafana: the model\'s data sources (uid = the source\'s service), a dashboard on them, started after Prometheus', () => {
    const ds = b.yaml<{ datasources: Array<{ type: string; url: string; uid: string }> }>('config/graf/provisioning/datasources/datasources.yml');
    expect(ds.datasources).toEqual([expect.objectContaining({ type: 'prometheus', url: 'http://prom:9090', uid: 'prom' })]);
    const dash = b.json<{ title: string; panels: Array<{ title: string; type: string; datasource?: { uid: string } }> }>('config/graf/dashboards/overview.json');
    expect(dash.title).toBe('Ops');
    const titles = dash.panels.map((p) => p.title);
    expect(titles).toEqual(expect.arrayContaining(['Targets up', 'Throughput', 'Error rate', 'Latency p95 / p99', 'Consumer lag (records)', 'Dead-letter depth', 'api (REST service)']));
    for (const p of dash.panels.filter((x) => x.type === 'timeseries')) expect(p.datasource?.uid).toBe(ds.datasources[0]!.uid);
    expect(b.compose.services.graf!.depends_on).toEqual({ prom: { condition: 'service_healthy' } });
  });
});

describe('services, ports, dependencies and networks', () => {
  it('a user service without an image runs the stand-in program, configured by its environment, answering its health check on its port', () => {
    const b = bundle(design([{ id: 'api', kind: 'rest-service', props: { port: 9100 } }]));
    const s = b.compose.services.api!;
    expect(s.image).toMatch(/^node:22[.0-9]*-alpine/);
    expect(s.command).toEqual(['node', '/topoforge/stand-in.mjs']);
    expect(s.volumes).toContain('./config/_stand-in/stand-in.mjs:/topoforge/stand-in.mjs:ro');
    expect(s.environment).toMatchObject({ SERVICE_NAME: 'api', PORT: '9100', HEALTH_PATH: '/health', METRICS_PATH: '/metrics', ROLE: 'api' });
    // An API nothing calls is an entry point: published, on the loopback interface.
    expect(s.ports).toEqual(['127.0.0.1:${API_HTTP_PORT:-9100}:9100']);
    expect(b.file('.env.example')).toMatch(/^API_HTTP_PORT=9100$/m);
    expect(s.healthcheck!.test).toEqual(['CMD', 'wget', '-q', '-O', '/dev/null', 'http://127.0.0.1:9100/health']);
    expect(b.file('config/_stand-in/stand-in.mjs')).toContain('It serves HTTP/1.1 and cleartext HTTP/2 on PORT');
    // A front end's health path is its own.
    const ui = bundle(design([{ id: 'ui', kind: 'web-app', props: { healthPath: '/ready' } }])).compose.services.ui!;
    expect(ui.healthcheck!.test.at(-1)).toBe('http://127.0.0.1:3000/ready');
  });

  it('IoT devices wired to an MQTT broker are simulated, publishing to a concrete topic', () => {
    const b = bundle(
      design(
        [
          { id: 'dev', kind: 'iot-device', props: { messagesPerMinute: 12, devices: 3 } },
          { id: 'mqtt', kind: 'mqtt-broker' },
        ],
        [{ from: 'dev', to: 'mqtt', protocol: 'mqtt', props: { topic: 'plant/+/temp' } }],
      ),
    );
    const s = b.compose.services.dev!;
    // The stand-in in device mode, with the broker's device account (not the services' one).
    expect(s.environment).toMatchObject({ ROLE: 'device', MQTT_HOST: 'mqtt', MQTT_PUBLISH_TOPICS: 'plant/+/temp', DEVICES_SIMULATED: '3', PUBLISH_INTERVAL_SECONDS: '5' });
    expect(s.environment!.MQTT_USERNAME).toMatch(/^\$\{MQTT_DEVICE_USER:\?/);
    expect(s.environment!.MQTT_PASSWORD).toMatch(/^\$\{MQTT_DEVICE_PASSWORD:\?/);
    expect(s.depends_on).toEqual({ mqtt: { condition: 'service_healthy' } });
    expect(s.ports).toBeUndefined();
    // The device account may only publish its telemetry.
    expect(b.file('config/mqtt/acl-devices.txt').split('\n').filter((l) => l && !l.startsWith('#'))).toEqual(['topic write plant/+/temp']);
  });

  it('a user service with its own image runs it, with no stand-in, and the same environment', () => {
    const b = bundle(design([{ id: 'api', kind: 'rest-service', props: { image: 'ghcr.io/acme/api:1.2' } }]));
    expect(b.compose.services.api!.image).toBe('ghcr.io/acme/api:1.2');
    expect(b.compose.services.api!.command).toBeUndefined();
    expect(b.compose.services.api!.environment).toMatchObject({ SERVICE_NAME: 'api', PORT: '8080' });
    expect(b.has('config/_stand-in/stand-in.mjs')).toBe(false);
  });

  it('two entry points on the same host port: the second gets the next free one (the model assigns host ports)', () => {
    const b = bundle(design([{ id: 'a', kind: 'rest-service' }, { id: 'b', kind: 'rest-service' }]));
    expect(b.compose.services.a!.ports).toEqual(['127.0.0.1:${A_HTTP_PORT:-8080}:8080']);
    expect(b.compose.services.b!.ports).toEqual(['127.0.0.1:${B_HTTP_PORT:-8081}:8080']);
  });

  it('nothing internal is published: a database, a broker, an API another service calls stay inside the stack', () => {
    const b = bundle(design([{ id: 'a', kind: 'rest-service' }, { id: 'b', kind: 'rest-service' }, { id: 'db', kind: 'postgres' }, { id: 'mq', kind: 'rabbitmq' }], [{ from: 'a', to: 'b', protocol: 'http' }, { from: 'b', to: 'db', protocol: 'sql' }, { from: 'b', to: 'mq', protocol: 'amqp' }]));
    expect(b.compose.services.b!.ports).toBeUndefined();
    expect(b.compose.services.db!.ports).toBeUndefined();
    expect(b.compose.services.db!.expose).toEqual(['5432']);
    // The RabbitMQ console is published, on the loopback interface only.
    expect(b.compose.services.mq!.ports).toEqual(['127.0.0.1:${MQ_MANAGEMENT_PORT:-15672}:15672']);
    for (const s of Object.values(b.compose.services)) for (const p of s.ports ?? []) expect(p).toMatch(/^127\.0\.0\.1:/);
  });

  it('a call loop does not become a start-up cycle: the closing dependency is dropped and explained', () => {
    const b = bundle(
      design(
        [
          { id: 'a', kind: 'rest-service', props: { port: 8081 } },
          { id: 'b', kind: 'rest-service', props: { port: 8082 } },
        ],
        [
          { from: 'a', to: 'b', protocol: 'http' },
          { from: 'b', to: 'a', protocol: 'http' },
        ],
      ),
    );
    expect(b.compose.services.a!.depends_on).toEqual({ b: { condition: 'service_healthy' } });
    expect(b.compose.services.b!.depends_on).toBeUndefined();
    expect(b.file('README.md')).toMatch(/`b` does not wait for `a`/);
    expect(b.compose.services.b!.environment).toMatchObject({ A_URL: 'http://a:8081', TOPOFORGE_CONNECTIONS: 'http:A' });
  });

  it('a network per zone plus the default one; a caller joins the zone of what it calls', () => {
    const b = bundle(
      design(
        [
          { id: 'gw', kind: 'kong', group: 'dmz' },
          { id: 'api', kind: 'rest-service', group: 'core' },
          { id: 'db', kind: 'postgres', group: 'core' },
          { id: 'ui', kind: 'web-app' },
        ],
        [
          { from: 'ui', to: 'gw', protocol: 'http' },
          { from: 'gw', to: 'api', protocol: 'http' },
          { from: 'api', to: 'db', protocol: 'sql' },
        ],
        { groups: [{ id: 'dmz', label: 'DMZ', trust: 'dmz' }, { id: 'core', label: 'Core', trust: 'internal' }] },
      ),
    );
    // Named after the zones' labels; an internal zone's network has no route out.
    expect(b.compose.networks).toEqual({ default: { driver: 'bridge' }, dmz: { driver: 'bridge' }, core: { driver: 'bridge', internal: true } });
    expect(b.compose.services.ui!.networks).toEqual(['default', 'dmz']);
    expect(b.compose.services.gw!.networks).toEqual(['dmz', 'core']);
    expect(b.compose.services.db!.networks).toEqual(['core']);
  });

  it('external systems get no container; the README says what to configure for them', () => {
    const b = bundle(
      design(
        [
          { id: 'loader', kind: 'batch-job' },
          { id: 'dw', kind: 'snowflake', props: { account: 'xy12345' } },
          { id: 'stripe', kind: 'saas-app' },
        ],
        [
          { from: 'loader', to: 'dw', protocol: 'sql' },
          { from: 'loader', to: 'stripe', protocol: 'http' },
        ],
      ),
    );
    expect(Object.keys(b.compose.services)).toEqual(['loader']);
    const env = b.compose.services.loader!.environment!;
    for (const [k, v] of [['DW_ACCOUNT', 'DW_ACCOUNT'], ['DW_PASSWORD', 'DW_PASSWORD'], ['STRIPE_URL', 'STRIPE_URL'], ['STRIPE_CREDENTIAL', 'STRIPE_CREDENTIAL']]) expect(env[k!], k).toMatch(new RegExp(`^\\$\\{${v}:\\?`));
    const readme = b.file('README.md');
    expect(readme).toMatch(/## Outside this stack/);
    expect(readme).toMatch(/\| dw \(`dw`\) \| Snowflake \|/);
    expect(b.file('.env.example')).toMatch(/^DW_ACCOUNT=xy12345$/m);
  });

  it('Vault in dev mode is marked "dev mode: not for production" in the README and .env.example', () => {
    const b = bundle(design([{ id: 'vault', kind: 'vault' }]));
    expect(b.file('README.md')).toMatch(/dev mode: not for production/);
    expect(b.file('.env.example')).toMatch(/dev mode: not for production/);
    expect(b.compose.services.vault!.environment!.VAULT_DEV_ROOT_TOKEN_ID).toMatch(/^\$\{VAULT_DEV_ROOT_TOKEN:\?/);
  });

  it('the README tells how to start the stack with Compose v2 and v1, and lists the ports', () => {
    const readme = bundle(everyKind).file('README.md');
    expect(readme).toContain('cp .env.example .env');
    expect(readme).toContain('docker compose up -d');
    expect(readme).toContain('docker-compose up -d');
    expect(readme).toMatch(/\| `kafka` \| Kafka \(Apache Kafka 3\.x \(KRaft\)\) \| 9092 \(broker\) \| inside the stack only \|/);
    expect(readme).toMatch(/\| `public-api` \| .* \| 8000 \(proxy\) \| 127\.0\.0\.1:8000 \(`PUBLIC_API_PROXY_PORT`\), entry point \|/);
  });

  it('an empty design still gives a Compose file that Compose v1 reads as one (a placeholder service)', () => {
    const b = bundle(design([]));
    expect(Object.keys(b.compose.services)).toEqual(['placeholder']);
    expect(b.compose.services.placeholder!.restart).toBe('no');
  });
});
