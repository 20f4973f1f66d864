import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KINDS } from '../../shared/catalog';
import { parseTopology } from '../../shared/model/parse';
import type { Topology } from '../../shared/model/types';
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

  it.each(designs)('%s: docker-compose.yml, .env.example and README.md, then config/<node-id>/ files', (_f, doc) => {
    const files = generateStack(doc).map((f) => f.path);
    expect(files.slice(0, 3)).toEqual(['docker-compose.yml', '.env.example', 'README.md']);
    const ids = new Set(doc.nodes.map((n) => n.id));
    for (const f of files.slice(3)) {
      const m = /^config\/([a-z][a-z0-9-]*)\/[A-Za-z0-9._/-]+$/.exec(f);
      expect(m, f).not.toBeNull();
      expect(ids.has(m![1]!), f).toBe(true);
      expect(f.split('/')).not.toContain('..');
    }
  });

  it.each(designs)('%s: no version, no name, one service per containerised node (external ones left out)', (_f, doc) => {
    const b = bundle(doc);
    expect(b.compose.version).toBeUndefined();
    expect(b.compose.name).toBeUndefined();
    for (const n of doc.nodes) {
      const external = KINDS.find((k) => k.id === n.kind)!.external;
      expect(n.id in b.compose.services, n.id).toBe(!external);
    }
  });

  it.each(designs)('%s: every ${VAR} used is in .env.example', (_f, doc) => {
    const b = bundle(doc);
    const declared = new Set(envExampleNames(b.file('.env.example')));
    for (const f of b.files.filter((x) => !x.path.endsWith('.sh') && x.path !== '.env.example' && x.path !== 'README.md')) {
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
    // Secret-looking settings in the compose file are only references.
    for (const [name, s] of Object.entries(b.compose.services)) {
      for (const [k, v] of Object.entries(s.environment ?? {})) {
        if (/PASSWORD|PASS$|SECRET|TOKEN|_KEY$|CREDENTIAL/.test(k)) expect(v, `${name}.${k}`).toMatch(/^\$\{[A-Z0-9_]+\}$/);
        if (/_URL$|_URI$/.test(k) && /@/.test(v)) expect(v.slice(0, v.indexOf('@')), `${name}.${k}`).toMatch(/^[a-z]+:\/\/(\$\{[A-Z0-9_]+\})?:\$\{[A-Z0-9_]+\}$/);
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

  it('Kong: a service and route per downstream connection, path from the connection or /<target id>', () => {
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
    expect(kong.services[1]!.routes[0]!.strip_path).toBe(true);
    expect(kong.services[0]!.routes[0]!.strip_path).toBe(false);
    expect(kong.plugins.find((p) => p.name === 'rate-limiting')?.config).toMatchObject({ minute: 120 });
    expect(kong.plugins.map((p) => p.name)).toEqual(expect.arrayContaining(['key-auth', 'cors']));
    expect(b.compose.services.gw!.environment).toMatchObject({ KONG_DATABASE: 'off', KONG_DECLARATIVE_CONFIG: '/kong/declarative/kong.yml' });
    expect(b.compose.services.gw!.ports).toContain('127.0.0.1:${GW_ADMIN_PORT:-8001}:8001');
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
    expect(text).toMatch(/openid-connect plugin is Kong Enterprise only/);
    expect(text).toContain('http://idp:8080/realms/shop');
    const kong = k.yaml<{ services: Array<{ name: string }>; plugins: Array<{ name: string }> }>('config/gw/kong.yml');
    expect(kong.plugins.map((p) => p.name)).toContain('jwt');
    expect(kong.services.map((s) => s.name)).toEqual(['api']);
    const realm = k.json<{ realm: string; clients: Array<{ clientId: string; secret: string }> }>('config/idp/realm-shop.json');
    expect(realm.clients.map((c) => c.clientId)).toEqual(['gw']);
    expect(k.compose.services.idp!.environment).toMatchObject({ IDP_CLIENT_GW_SECRET: '${IDP_CLIENT_GW_SECRET}' });
    expect(realm.clients[0]!.secret).toMatch(/^\$\{IDP_CLIENT_GW_SECRET\}$/);
  });

  it('nginx: a location per connection that resolves its upstream at request time, and /healthz', () => {
    const conf = b.file('config/px/nginx.conf');
    expect(conf).toMatch(/resolver 127\.0\.0\.11 valid=10s/);
    expect(conf).toMatch(/location = \/healthz/);
    expect(conf).toMatch(/location "\/px-never"|location "\/orders" \{[\s\S]*?set \$upstream_1 "orders:8090";[\s\S]*?proxy_pass http:\/\/\$upstream_1;/);
    expect(conf).toMatch(/location "\/crm" \{[\s\S]*?set \$upstream_2 "crm\.example\.com:443";[\s\S]*?rewrite \^\/\(\.\*\)\$ \/api\/\$1 break;[\s\S]*?proxy_pass https:\/\/\$upstream_2;/);
    // No upstream block: those are resolved when nginx starts and would stop it.
    expect(conf).not.toMatch(/^\s*upstream\s/m);
    expect(b.compose.services.px!.ports).toEqual(['${PX_HTTP_PORT:-8181}:80']);
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
    expect(b.compose.services.w!.environment).toMatchObject({ KAFKA_BOOTSTRAP_SERVERS: 'bus:19092', TOPICS_CONSUME: 'orders', TOPICS_DEAD_LETTER: 'orders.dlt', KAFKA_CONSUMER_GROUP: 'w' });
    expect(b.compose.services.r!.environment).toMatchObject({ TOPICS_CONSUME: 'audit,orders' });
    expect(b.compose.services.api!.environment).toMatchObject({ TOPICS_PRODUCE: 'orders' });
    expect(b.compose.services.api!.depends_on).toMatchObject({ bus: { condition: 'service_healthy' }, 'bus-init': { condition: 'service_completed_successfully' } });
    const bus = b.compose.services.bus!;
    expect(bus.image).toMatch(/^apache\/kafka:/);
    expect(bus.environment).toMatchObject({ KAFKA_PROCESS_ROLES: 'broker,controller', KAFKA_ADVERTISED_LISTENERS: 'PLAINTEXT://bus:19092,PLAINTEXT_HOST://localhost:${BUS_BROKER_PORT:-9092}' });
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
    expect(b.compose.services.mq!.environment).toMatchObject({ RABBITMQ_APP_USER: '${MQ_USER}', RABBITMQ_APP_PASSWORD: '${MQ_PASSWORD}' });
    expect(b.compose.services.c!.environment).toMatchObject({ MQ_URL: 'amqp://${MQ_USER}:${MQ_PASSWORD}@mq:5672/%2F', AMQP_CONSUME_QUEUES: 'c.orders' });
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
    expect(b.file('config/n/nats.conf')).toMatch(/password: \$NATS_PASSWORD/);
    // prices.eu is covered by prices.> and is not listed twice in the stream.
    expect(b.file('config/n/subjects.txt').split('\n').filter((l) => l && !l.startsWith('#'))).toEqual(['prices.>', 'orders.new', 'orders.new.dlq']);
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
    expect(b.compose.services.w!.environment).toMatchObject({ MQ_GET_QUEUES: 'ERP.EVENTS', MQ_PASSWORD: '${MQ_APP_PASSWORD}' });
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

  it('PostgreSQL: the app user from env in a shell script, the tables, an outbox, a publication, wal_level=logical', () => {
    const users = b.file('config/db/init/00-users.sh');
    expect(users).toContain('CREATE ROLE :"app_user" LOGIN PASSWORD :\'app_password\';');
    expect(users).toContain("<<'EOSQL'");
    expect(b.files.find((f) => f.path === 'config/db/init/00-users.sh')!.mode).toBe(0o755);
    const sql = b.file('config/db/init/01-init.sql');
    expect(sql).toContain('CREATE TABLE IF NOT EXISTS "public"."orders"');
    expect(sql).toContain('CREATE SCHEMA IF NOT EXISTS "sales";');
    expect(sql).toContain('CREATE TABLE IF NOT EXISTS "sales"."invoices"');
    expect(sql).toContain('CREATE TABLE IF NOT EXISTS "public"."outbox"');
    expect(sql).toContain('CREATE PUBLICATION "dbz_cdc" FOR TABLE "public"."orders";');
    const db = b.compose.services.db!;
    expect(db.command).toEqual(expect.arrayContaining(['wal_level=logical']));
    expect(db.volumes).toContain('./config/db/init:/docker-entrypoint-initdb.d:ro');
    expect(db.environment).toMatchObject({ POSTGRES_DB: 'orders', POSTGRES_PASSWORD: '${DB_ADMIN_PASSWORD}', APP_DB_PASSWORD: '${DB_APP_PASSWORD}' });
    expect(b.compose.services.api!.environment!.DB_URL).toBe('postgresql://${DB_APP_USER}:${DB_APP_PASSWORD}@db:5432/orders');
  });

  it('MySQL: binlog for CDC, the tables, and no outbox when nobody writes and publishes', () => {
    expect(b.compose.services.legacy!.command).toEqual(expect.arrayContaining(['--binlog-format=ROW', '--log-bin=mysql-bin']));
    expect(b.compose.services.legacy!.command!.some((a) => /^--server-id=\d+$/.test(a))).toBe(true);
    const sql = b.file('config/legacy/init/01-init.sql');
    expect(sql).toContain('CREATE TABLE IF NOT EXISTS `customers`');
    expect(sql).not.toContain('outbox');
  });

  it('Debezium: a connector per CDC connection, credentials through the env config provider, registered by a one-shot job', () => {
    const pg = b.json<Record<string, string>>('config/cdc/connectors/db.json');
    expect(pg).toMatchObject({
      'connector.class': 'io.debezium.connector.postgresql.PostgresConnector',
      'plugin.name': 'pgoutput',
      'publication.name': 'dbz_cdc',
      'database.password': '${env:DB_ADMIN_PASSWORD}',
      'table.include.list': 'public\\.orders',
      'topic.prefix': 'shop.db',
    });
    const my = b.json<Record<string, string>>('config/cdc/connectors/legacy.json');
    expect(my).toMatchObject({ 'connector.class': 'io.debezium.connector.mysql.MySqlConnector', 'database.password': '${env:LEGACY_ROOT_PASSWORD}', 'schema.history.internal.kafka.bootstrap.servers': 'bus:19092' });
    const cdc = b.compose.services.cdc!;
    expect(cdc.environment).toMatchObject({ BOOTSTRAP_SERVERS: 'bus:19092', CONNECT_CONFIG_PROVIDERS: 'env', DB_ADMIN_PASSWORD: '${DB_ADMIN_PASSWORD}' });
    expect(Object.keys(cdc.depends_on!)).toEqual(expect.arrayContaining(['db', 'legacy', 'bus']));
    expect(b.compose.services['cdc-register']!.depends_on).toEqual({ cdc: { condition: 'service_healthy' } });
  });

  it('identifiers a user typed are quoted for SQL', () => {
    const x = bundle(design([{ id: 'db', kind: 'postgres', props: { tables: ['select', 'user'] } }]));
    const sql = x.file('config/db/init/01-init.sql');
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
    expect(b.compose.services['db-exporter']!.environment).toMatchObject({ DATA_SOURCE_PASS: '${DB_ADMIN_PASSWORD}' });
  });

  it('alert rules: target down, error rate, p95/p99 from the requirement, consumer lag, dead letters', () => {
    const rules = b.yaml<{ groups: Array<{ rules: Array<{ alert: string; expr: string }> }> }>('config/prom/rules/alerts.yml').groups.flatMap((g) => g.rules);
    const by = (a: string) => rules.find((r) => r.alert === a)?.expr;
    expect(by('TargetDown')).toBe('up == 0');
    expect(by('HighErrorRateApi')).toMatch(/> 0\.05$/);
    expect(by('HighLatencyP99Api')).toMatch(/histogram_quantile\(0\.99, .*> 0\.3$/);
    expect(by('HighLatencyP95Api')).toMatch(/histogram_quantile\(0\.95, .*> 0\.24$/);
    expect(by('ConsumerLagBus')).toMatch(/kafka_consumergroup_lag\{job="bus"\}\) > 500$/);
    expect(by('DeadLettersBus')).toMatch(/topic=~".+\[\.\]dlt"/);
  });

  it('Grafana: a provisioned Prometheus data source and a dashboard with panels per service', () => {
    const ds = b.yaml<{ datasources: Array<{ type: string; url: string; uid: string }> }>('config/graf/provisioning/datasources/datasources.yml');
    expect(ds.datasources).toEqual([expect.objectContaining({ type: 'prometheus', url: 'http://prom:9090' })]);
    const dash = b.json<{ title: string; panels: Array<{ title: string; type: string; datasource?: { uid: string } }> }>('config/graf/dashboards/overview.json');
    expect(dash.title).toBe('Ops');
    const titles = dash.panels.map((p) => p.title);
    expect(titles).toEqual(expect.arrayContaining(['Throughput (requests/s)', 'Error rate', 'Latency p95 / p99', 'Consumer lag (records)', 'Dead-letter depth', 'api (REST service)']));
    for (const p of dash.panels.filter((x) => x.type === 'timeseries')) expect(p.datasource?.uid).toBe(ds.datasources[0]!.uid);
    expect(b.compose.services.graf!.depends_on).toEqual({ prom: { condition: 'service_healthy' } });
  });
});

describe('services, ports, dependencies and networks', () => {
  it('a user service without an image gets a stand-in that answers its health check on its port', () => {
    const b = bundle(design([{ id: 'api', kind: 'rest-service', props: { port: 9100, healthPath: '/ready' } }]));
    const s = b.compose.services.api!;
    expect(s.image).toMatch(/^nginx:/);
    expect(s.ports).toEqual(['${API_HTTP_PORT:-9100}:9100']);
    expect(b.file('.env.example')).toMatch(/^API_HTTP_PORT=9100$/m);
    expect(s.healthcheck!.test).toEqual(['CMD', 'wget', '-q', '-O', '/dev/null', 'http://127.0.0.1:9100/ready']);
    const conf = b.file('config/api/stand-in.conf');
    expect(conf).toMatch(/listen 9100;/);
    expect(conf).toMatch(/location \/ \{\s+return 200/);
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
    expect(s.environment).toMatchObject({ MQTT_HOST: 'mqtt', MQTT_TOPIC: 'plant/sim/temp', DEVICES_SIMULATED: '3', INTERVAL_SECONDS: '5', MQTT_PASSWORD: '${MQTT_PASSWORD}' });
    expect(s.depends_on).toEqual({ mqtt: { condition: 'service_healthy' } });
    expect(b.file('config/dev/simulate.sh')).toContain('mosquitto_pub');
  });

  it('a user service with its own image runs it, with no stand-in', () => {
    const b = bundle(design([{ id: 'api', kind: 'rest-service', props: { image: 'ghcr.io/acme/api:1.2' } }]));
    expect(b.compose.services.api!.image).toBe('ghcr.io/acme/api:1.2');
    expect(b.has('config/api/stand-in.conf')).toBe(false);
  });

  it('two components on the same host port: the second is not published, and the README says so', () => {
    const b = bundle(design([{ id: 'a', kind: 'rest-service' }, { id: 'b', kind: 'rest-service' }]));
    expect(b.compose.services.a!.ports).toEqual(['${A_HTTP_PORT:-8080}:8080']);
    expect(b.compose.services.b!.ports).toBeUndefined();
    expect(b.compose.services.b!.expose).toEqual(['8080']);
    expect(b.file('README.md')).toMatch(/Host port 8080 is wanted by both `a` and `b`/);
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
    expect(b.compose.services.b!.environment).toMatchObject({ A_URL: 'http://a:8081' });
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
        { groups: [{ id: 'dmz', label: 'DMZ' }, { id: 'core', label: 'Core' }] },
      ),
    );
    expect(Object.keys(b.compose.networks!)).toEqual(['default', 'zone-dmz', 'zone-core']);
    expect(b.compose.services.ui!.networks).toEqual(['default', 'zone-dmz']);
    expect(b.compose.services.gw!.networks).toEqual(['zone-dmz', 'zone-core']);
    expect(b.compose.services.db!.networks).toEqual(['zone-core']);
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
    expect(b.compose.services.loader!.environment).toMatchObject({ DW_ACCOUNT: '${DW_ACCOUNT}', DW_PASSWORD: '${DW_PASSWORD}', STRIPE_URL: '${STRIPE_URL}' });
    const readme = b.file('README.md');
    expect(readme).toMatch(/## Outside this stack/);
    expect(readme).toMatch(/\| dw \(`dw`\) \| Snowflake \|/);
    expect(b.file('.env.example')).toMatch(/^DW_ACCOUNT=xy12345$/m);
  });

  it('Vault in dev mode is marked "dev mode: not for production" in the README and .env.example', () => {
    const b = bundle(design([{ id: 'vault', kind: 'vault' }]));
    expect(b.file('README.md')).toMatch(/dev mode: not for production/);
    expect(b.file('.env.example')).toMatch(/dev mode: not for production/);
    expect(b.compose.services.vault!.environment).toMatchObject({ VAULT_DEV_ROOT_TOKEN_ID: '${VAULT_DEV_ROOT_TOKEN}' });
  });

  it('the README tells how to start the stack with Compose v2 and v1, and lists the ports', () => {
    const readme = bundle(everyKind).file('README.md');
    expect(readme).toContain('cp .env.example .env');
    expect(readme).toContain('docker compose up -d');
    expect(readme).toContain('docker-compose up -d');
    expect(readme).toMatch(/\| `kafka` \| Kafka \(Apache Kafka 3\.x \(KRaft\)\) \| 9092 \(broker\) \| 9092 \(`KAFKA_BROKER_PORT`\) \|/);
  });

  it('an empty design still gives a Compose file that Compose v1 reads as one (a placeholder service)', () => {
    const b = bundle(design([]));
    expect(Object.keys(b.compose.services)).toEqual(['placeholder']);
    expect(b.compose.services.placeholder!.restart).toBe('no');
  });
});
