import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { channelNotes, reads } from '../../generators/stack/channels';
import { capturedTables, cdcPrefix } from '../../shared/resolve';
import type { BrokerPlan, Component } from '../../shared/resolve';
import { KINDS } from '../../shared/catalog';
import { output, run } from './helpers';
import { bootCases, readBundle, removeCases, serviceEnv, tempDir } from './boot';
import type { BootCase } from './boot';

/**
 * What no server here can boot (Kafka, Kong, Envoy, Grafana), checked against their documented
 * formats, and across the bundle: every channel a producer writes is read by a consumer and every
 * consumer reads a channel some producer writes, in the files (the producers' and consumers'
 * environments, the broker's own configuration, the CDC connectors), or the README says where a
 * message stops.
 */

const cases = bootCases();
afterAll(() => removeCases(cases));

const list = (v: string | undefined) => (v ?? '').split(',').filter(Boolean);
const lines = (text: string) => text.split('\n').filter((l) => l && !l.startsWith('#'));

// ── Kafka ───────────────────────────────────────────────────────────────────────────────────

describe('Kafka: the topics the init job creates are the ones the clients and the CDC connectors use', () => {
  const brokers = cases.flatMap((c) => c.resolved.messaging.filter((p) => p.protocol === 'kafka' && p.channels.length > 0).map((p) => [`${c.name}: ${p.broker.service}`, c, p] as const));
  it.each(brokers)('%s', (_label, c, plan) => {
    const b = plan.broker;
    // Kafka's documented topic names: letters, digits, . _ -; at most 249 characters.
    const topics = new Map(lines(readBundle(c, `config/${b.id}/topics.txt`)).map((l) => l.split(' ')).map(([name, partitions, retention, policy]) => [name!, { partitions: Number(partitions), retention: Number(retention), policy }]));
    for (const [name, t] of topics) {
      expect(name).toMatch(/^[a-zA-Z0-9._-]{1,249}$/);
      expect(Number.isInteger(t.partitions) && t.partitions >= 1, name).toBe(true);
      expect(Number.isInteger(t.retention) && t.retention > 0, name).toBe(true);
      expect(['delete', 'compact']).toContain(t.policy);
    }
    expect([...topics.keys()].sort()).toEqual(plan.channels.map((x) => x.name).sort());
    // Each client's environment names topics the broker has; each consumed topic has its dead-letter topic unless switched off.
    const P = b.envPrefix;
    for (const s of plan.subscriptions) {
      const env = serviceEnv(c, s.client.service);
      const read = fromFiles(c, plan, s.client).reads;
      for (const t of read) expect(topics.has(t), `${s.client.service} reads ${t}`).toBe(true);
      for (const t of list(env[`${P}_DEAD_LETTER_TOPICS`])) expect(topics.has(t), `${s.client.service} dead-letters to ${t}`).toBe(true);
      expect(read).toEqual(expect.arrayContaining([...s.channels]));
      if (s.deadLetter.length > 0 && s.client.roles.includes('built')) expect(list(env[`${P}_DEAD_LETTER_TOPICS`])).toEqual(expect.arrayContaining(s.channels.map((t) => `${t}.dlt`)));
    }
    for (const p of plan.publications) {
      if (p.cdc) {
        // The connector of this database writes <prefix>.<schema>.<table> for exactly the captured tables.
        const connector = p.client;
        const sources = connector.in.filter((f) => f.protocol === 'cdc').map((f) => f.from);
        const conf = JSON.parse(readBundle(c, `config/${connector.id}/connectors/${p.cdc.database.service}.json`)) as Record<string, string>;
        const prefix = cdcPrefix(connector, p.cdc.database, sources);
        expect(conf['topic.prefix']).toBe(prefix);
        const include = (conf['table.include.list'] ?? conf['collection.include.list'] ?? '').split(',').map((x) => x.replace(/\\\./g, '.'));
        expect(include).toContain(p.cdc.table);
        expect(topics.has(`${prefix}.${p.cdc.table}`), p.channel).toBe(true);
        expect(p.channel).toBe(`${prefix}.${p.cdc.table}`);
        const db = sources.find((x) => x === p.cdc!.database)!;
        const flow = connector.in.find((f) => f.protocol === 'cdc' && f.from === db)!;
        expect(capturedTables(db, flow).map((t) => `${t.schema}.${t.table}`)).toContain(p.cdc.table);
        // The connector reads with the replication user, not the superuser.
        expect(conf['database.user'] ?? conf['mongodb.connection.string']).toContain(`\${env:${db.credentials.CDC_USER!.variable}}`);
      } else {
        expect(fromFiles(c, plan, p.client).writes, p.client.service).toContain(p.channel);
      }
    }
  });
});

// ── Kong: the declarative format (entities and the plugin settings the stack writes) ────────

/**
 * Kong's DB-less declarative format, for what the stack writes: services with their routes,
 * upstreams with health checks, global plugins with the settings documented for each bundled
 * plugin (developer.konghq.com/plugins/<name>). Unknown keys are refused, as Kong refuses them.
 */
const strings = { type: 'array', items: { type: 'string' } };
const ms = { type: 'integer', minimum: 1, maximum: 2147483646 };
const plugin = (name: string, config: Record<string, unknown>, required: string[] = []) => ({
  type: 'object',
  additionalProperties: false,
  required: ['name', 'config'],
  properties: { name: { const: name }, config: { type: 'object', additionalProperties: false, properties: config, required } },
});
const KONG_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['_format_version', 'services'],
  properties: {
    _format_version: { const: '3.0' },
    _transform: { type: 'boolean' },
    services: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'protocol', 'host', 'port', 'routes'],
        properties: {
          name: { type: 'string', pattern: '^[A-Za-z0-9._~-]+$' },
          protocol: { enum: ['http', 'https', 'grpc', 'grpcs', 'tcp', 'tls', 'udp'] },
          host: { type: 'string', minLength: 1 },
          port: { type: 'integer', minimum: 1, maximum: 65535 },
          path: { type: 'string', pattern: '^/' },
          connect_timeout: ms,
          read_timeout: ms,
          write_timeout: ms,
          retries: { type: 'integer', minimum: 0, maximum: 32767 },
          routes: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['name', 'paths', 'protocols'],
              properties: {
                name: { type: 'string' },
                paths: { type: 'array', items: { type: 'string', pattern: '^/' }, minItems: 1 },
                strip_path: { type: 'boolean' },
                methods: strings,
                protocols: { type: 'array', items: { enum: ['http', 'https', 'grpc', 'grpcs'] }, minItems: 1 },
              },
            },
          },
        },
      },
    },
    upstreams: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'targets'],
        properties: {
          name: { type: 'string' },
          healthchecks: { type: 'object', properties: { active: { type: 'object' }, passive: { type: 'object' } }, additionalProperties: false },
          targets: { type: 'array', items: { type: 'object', additionalProperties: false, required: ['target'], properties: { target: { type: 'string', pattern: '^[^:]+:[0-9]+$' }, weight: { type: 'integer' } } } },
        },
      },
    },
    plugins: {
      type: 'array',
      items: {
        oneOf: [
          plugin('key-auth', { key_names: strings, hide_credentials: { type: 'boolean' } }),
          plugin('basic-auth', { hide_credentials: { type: 'boolean' } }),
          plugin('jwt', { key_claim_name: { type: 'string' }, claims_to_verify: { type: 'array', items: { enum: ['exp', 'nbf'] } }, header_names: strings }),
          plugin('request-termination', { status_code: { type: 'integer', minimum: 100, maximum: 599 }, message: { type: 'string' } }),
          plugin('rate-limiting', {
            minute: { type: 'integer', minimum: 1 },
            policy: { enum: ['local', 'cluster', 'redis'] },
            limit_by: { enum: ['consumer', 'credential', 'ip', 'service', 'header', 'path', 'consumer-group'] },
            fault_tolerant: { type: 'boolean' },
            hide_client_headers: { type: 'boolean' },
            redis: { type: 'object', additionalProperties: false, required: ['host', 'port'], properties: { host: { type: 'string' }, port: { type: 'integer' }, password: { type: 'string', pattern: '^\\{vault://env/[a-z0-9-]+\\}$' }, database: { type: 'integer' }, timeout: { type: 'integer' } } },
          }, ['minute', 'policy']),
          plugin('cors', { origins: strings, credentials: { type: 'boolean' }, max_age: { type: 'integer' } }),
          plugin('prometheus', { status_code_metrics: { type: 'boolean' }, latency_metrics: { type: 'boolean' }, bandwidth_metrics: { type: 'boolean' }, upstream_health_metrics: { type: 'boolean' } }),
          plugin('opentelemetry', { traces_endpoint: { type: 'string', pattern: '^https?://' }, resource_attributes: { type: 'object' } }),
        ],
      },
    },
  },
};

describe('Kong: kong.yml in the declarative format, with the plan of the design', () => {
  const validate = new Ajv({ allErrors: true, strict: false }).compile(KONG_SCHEMA);
  const gateways = cases.flatMap((c) => c.resolved.gateways.filter((g) => g.gateway.kind.id === 'kong').map((g) => [`${c.name}: ${g.gateway.service}`, c, g] as const));
  it.each(gateways)('%s', (_label, c, g) => {
    const n = g.gateway;
    const kong = parse(readBundle(c, `config/${n.id}/kong.yml`)) as { services: Array<{ name: string; host: string; port: number; read_timeout: number; routes: Array<{ paths: string[]; strip_path: boolean; protocols: string[] }> }>; plugins?: Array<{ name: string; config: Record<string, unknown> }> };
    expect(validate(kong), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const env = serviceEnv(c, n.service);
    // Routes, upstreams and timeouts as the model says; gRPC on the HTTP/2 listener, never stripped.
    expect(kong.services.map((s) => s.name)).toEqual(g.routes.map((r) => r.name));
    g.routes.forEach((r, i) => {
      const s = kong.services[i]!;
      expect(s.routes[0]!.paths).toEqual([r.path]);
      expect(s.read_timeout).toBe(r.timeoutMs);
      if (!r.circuitBreaker) expect([s.host, s.port]).toEqual([r.upstream.host, r.upstream.port]);
      if (!r.upstream.external && !r.circuitBreaker) expect(Object.keys(c.compose.services)).toContain(s.host);
      if (r.protocol === 'grpc') expect(s.routes[0]).toMatchObject({ strip_path: false, protocols: ['grpc'] });
    });
    if (g.routes.some((r) => r.protocol === 'grpc')) expect(env.KONG_PROXY_LISTEN).toMatch(/:9080 http2/);
    // Authentication and rate limit as the model says; the credential comes from .env at start.
    const names = (kong.plugins ?? []).map((p) => p.name);
    const auth = { 'key-auth': 'key-auth', basic: 'basic-auth', jwt: 'jwt', oidc: 'jwt', mtls: 'request-termination', none: undefined }[g.auth];
    if (auth) expect(names).toContain(auth);
    expect(env.TOPOFORGE_AUTH).toBe(g.auth === 'key-auth' || g.auth === 'basic' ? g.auth : g.auth === 'jwt' || g.auth === 'oidc' ? (g.identityProvider ? 'jwt-idp' : 'jwt-secret') : 'none');
    if (g.auth === 'key-auth') expect(env.GATEWAY_API_KEY).toBe(c.env[n.credentials.API_KEY!.variable]);
    if (g.rateLimit) expect((kong.plugins ?? []).find((p) => p.name === 'rate-limiting')?.config).toMatchObject({ minute: g.rateLimit.perMinute, policy: g.rateLimit.store ? 'redis' : 'local' });
    else expect(names).not.toContain('rate-limiting');
    // prepare.lua adds the consumer of that credential.
    const lua = readBundle(c, `config/${n.id}/prepare.lua`);
    expect(lua).toContain('/kong/declarative/kong.yml');
    expect(env.KONG_DECLARATIVE_CONFIG).toBe('/tmp/kong.json');
  });
});

// ── Envoy: typed configuration, every route to a cluster, placeholders filled at start ──────

/** The v3 types the stack configures, by the name of the extension they configure. */
const ENVOY_TYPES: Record<string, string> = {
  'envoy.filters.network.http_connection_manager': 'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
  'envoy.filters.http.router': 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router',
  'envoy.filters.http.jwt_authn': 'type.googleapis.com/envoy.extensions.filters.http.jwt_authn.v3.JwtAuthentication',
  'envoy.filters.http.rbac': 'type.googleapis.com/envoy.extensions.filters.http.rbac.v3.RBAC',
  'envoy.filters.http.local_ratelimit': 'type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit',
  'envoy.filters.http.cors': 'type.googleapis.com/envoy.extensions.filters.http.cors.v3.Cors',
  'envoy.access_loggers.stdout': 'type.googleapis.com/envoy.extensions.access_loggers.stream.v3.StdoutAccessLog',
  'envoy.tracers.opentelemetry': 'type.googleapis.com/envoy.config.trace.v3.OpenTelemetryConfig',
  'envoy.transport_sockets.tls': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext',
};

describe('Envoy: envoy.yaml, typed as the v3 API says, with its placeholders filled by start.sh', () => {
  const gateways = cases.flatMap((c) => c.resolved.gateways.filter((g) => g.gateway.kind.id === 'envoy').map((g) => [`${c.name}: ${g.gateway.service}`, c, g] as const));
  it.each(gateways)('%s', (_label, c, g) => {
    const n = g.gateway;
    const dir = tempDir('envoy');
    try {
      // start.sh, with envoy replaced by a stub that prints the configuration it is started with.
      mkdirSync(join(dir, 'bin'));
      writeFileSync(join(dir, 'bin', 'envoy'), '#!/bin/sh\ncat "$2"\n');
      chmodSync(join(dir, 'bin', 'envoy'), 0o755);
      const script = readBundle(c, `config/${n.id}/start.sh`).replace('/etc/envoy/envoy.yaml', join(c.dir, 'config', n.id, 'envoy.yaml')).replaceAll('/tmp/envoy.yaml', join(dir, 'envoy.yaml'));
      writeFileSync(join(dir, 'start.sh'), script);
      const r = run('sh', [join(dir, 'start.sh')], { env: { PATH: `${join(dir, 'bin')}:${process.env.PATH}`, ...serviceEnv(c, n.service) } });
      expect(r.status, output(r)).toBe(0);
      expect(r.stdout).not.toContain('__TOPOFORGE_');
      const cfg = parse(r.stdout) as { static_resources: { listeners: Array<{ filter_chains: Array<{ filters: Array<{ typed_config: { route_config: { virtual_hosts: Array<{ routes: Array<{ route?: { cluster: string } }> }> }; http_filters: Array<{ name: string }> } }> }> }>; clusters: Array<{ name: string; load_assignment: { endpoints: Array<{ lb_endpoints: Array<{ endpoint: { address: { socket_address: { address: string } } } }> }> } }> } };
      // Every typed_config names the v3 type of the extension it configures.
      const walk = (v: unknown): void => {
        if (Array.isArray(v)) v.forEach(walk);
        else if (v && typeof v === 'object') {
          const o = v as Record<string, unknown>;
          if (typeof o.name === 'string' && o.typed_config && ENVOY_TYPES[o.name]) expect((o.typed_config as Record<string, string>)['@type'], o.name).toBe(ENVOY_TYPES[o.name]);
          for (const x of Object.values(o)) walk(x);
        }
      };
      walk(cfg);
      const hcm = cfg.static_resources.listeners[0]!.filter_chains[0]!.filters[0]!.typed_config;
      const filters = hcm.http_filters.map((f) => f.name);
      expect(filters.at(-1)).toBe('envoy.filters.http.router');
      const clusters = new Set(cfg.static_resources.clusters.map((x) => x.name));
      for (const route of hcm.route_config.virtual_hosts[0]!.routes) if (route.route) expect(clusters.has(route.route.cluster), route.route.cluster).toBe(true);
      expect([...clusters]).toEqual(expect.arrayContaining(g.routes.map((x) => x.name)));
      // Authentication and rate limit as the model says.
      if (g.auth === 'jwt' || g.auth === 'oidc') expect(filters).toContain('envoy.filters.http.jwt_authn');
      if (g.auth === 'key-auth' || g.auth === 'basic' || g.auth === 'mtls') expect(filters).toContain('envoy.filters.http.rbac');
      if (g.auth === 'key-auth') expect(r.stdout).toContain(`exact: ${c.env[n.credentials.API_KEY!.variable]}`);
      if (g.rateLimit) expect(filters).toContain('envoy.filters.http.local_ratelimit');
      // Upstreams inside the stack by service name.
      for (const x of cfg.static_resources.clusters) {
        const host = x.load_assignment.endpoints[0]!.lb_endpoints[0]!.endpoint.address.socket_address.address;
        const route = g.routes.find((rr) => rr.name === x.name);
        if (route && !route.upstream.external) expect(Object.keys(c.compose.services)).toContain(host);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// ── Grafana: provisioning format; the dashboard reads a provisioned data source ─────────────

describe('Grafana: a data source per data source of the design; the dashboard reads one that exists', () => {
  const grafanas = cases.flatMap((c) => c.resolved.components.filter((x) => x.kind.id === 'grafana').map((g) => [`${c.name}: ${g.service}`, c, g] as const));
  const types = new Set(KINDS.flatMap((k) => (k.dataSource ? [k.dataSource.type] : [])));
  it.each(grafanas)('%s', (_label, c, g: Component) => {
    const ds = parse(readBundle(c, `config/${g.id}/provisioning/datasources/datasources.yml`)) as { apiVersion: number; datasources: Array<{ name: string; uid: string; type: string; access: string; isDefault: boolean; url?: string; user?: string; secureJsonData?: Record<string, string> }> };
    expect(ds.apiVersion).toBe(1);
    const model = c.resolved.observability.dataSources.filter((d) => d.dashboard === g);
    expect(ds.datasources.map((d) => [d.uid, d.type])).toEqual(model.map((d) => [d.uid, d.type]));
    expect(new Set(ds.datasources.map((d) => d.uid)).size).toBe(ds.datasources.length);
    expect(ds.datasources.filter((d) => d.isDefault).length).toBe(ds.datasources.length > 0 ? 1 : 0);
    const env = serviceEnv(c, g.service);
    for (const d of ds.datasources) {
      expect(types.has(d.type as never), d.type).toBe(true);
      expect(d.access).toBe('proxy');
      // Credentials are ${VAR} Grafana reads from its environment, which the compose file sets.
      for (const v of [d.user, ...Object.values(d.secureJsonData ?? {})]) {
        if (v === undefined) continue;
        const m = /^\$\{([A-Z0-9_]+)\}$/.exec(v);
        expect(m, v).not.toBeNull();
        expect(env[m![1]!], m![1]).toBeDefined();
      }
    }
    const dash = JSON.parse(readBundle(c, `config/${g.id}/dashboards/overview.json`)) as { panels: Array<{ type: string; datasource?: { uid: string } }> };
    const uids = new Set(ds.datasources.map((d) => d.uid));
    for (const p of dash.panels.filter((x) => x.type !== 'row')) expect(uids.has(p.datasource!.uid), `panel reads ${p.datasource?.uid}`).toBe(true);
    // Grafana starts after the sources it reads (the dependency points the right way).
    const deps = Object.keys((c.compose.services[g.service] as unknown as { depends_on?: Record<string, unknown> }).depends_on ?? {});
    for (const d of model) if (d.source.containerised) expect(deps).toContain(d.source.service);
    for (const d of model) expect(Object.keys((c.compose.services[d.source.service] as unknown as { depends_on?: Record<string, unknown> }).depends_on ?? {})).not.toContain(g.service);
  });
});

// ── Every channel written is read, every reader reads something written ─────────────────────

/** The channels a component writes and reads on a broker, as its environment (or connector) says. */
function fromFiles(c: BootCase, plan: BrokerPlan, client: Component): { writes: string[]; reads: string[] } {
  const P = plan.broker.envPrefix;
  const env = client.containerised ? serviceEnv(c, client.service) : {};
  switch (plan.protocol) {
    case 'kafka': {
      if (client.roles.includes('cdc-connector')) {
        // A connector writes <prefix>.<table> for each table it captures, or the one topic its transform routes them to.
        const writes: string[] = [];
        for (const f of c.files.filter((x) => x.path.startsWith(`config/${client.id}/connectors/`))) {
          const conf = JSON.parse(f.content) as Record<string, string>;
          const routed = conf['transforms.outbox.route.topic.replacement'] ?? conf['transforms.route.replacement'];
          if (routed) writes.push(routed);
          else for (const t of (conf['table.include.list'] ?? conf['collection.include.list'] ?? '').split(',')) writes.push(`${conf['topic.prefix']}.${t.replace(/\\\./g, '.')}`);
        }
        return { writes, reads: [] };
      }
      // ClickHouse reads topics through its Kafka engine tables (its init SQL).
      const sql = c.files.find((x) => x.path === `config/${client.id}/init/01-init.sql`)?.content ?? '';
      const engine = [...sql.matchAll(/kafka_topic_list = '([^']+)'/g)].map((m) => m[1]!);
      return { writes: list(env[`${P}_PRODUCE_TOPICS`]), reads: [...list(env[`${P}_CONSUME_TOPICS`]), ...engine] };
    }
    case 'amqp':
      // RabbitMQ (AMQP 0-9-1): exchange:routing-key pairs and queues; Artemis (AMQP 1.0): addresses and queues.
      return {
        writes: [...list(env[`${P}_PUBLISH`]).map((x) => x.slice(0, x.lastIndexOf(':'))), ...list(env[`${P}_SEND_ADDRESSES`])],
        reads: [...list(env[`${P}_CONSUME_QUEUES`]), ...list(env[`${P}_RECEIVE_QUEUES`])],
      };
    case 'mqtt':
      return { writes: list(env[`${P}_PUBLISH_TOPICS`]), reads: list(env[`${P}_SUBSCRIBE_TOPICS`]) };
    case 'nats':
      return { writes: list(env[`${P}_PUBLISH_SUBJECTS`]), reads: list(env[`${P}_SUBSCRIBE_SUBJECTS`]) };
    case 'jms':
      return { writes: list(env[`${P}_PUT_QUEUES`]), reads: list(env[`${P}_GET_QUEUES`]) };
  }
}

describe('every channel written is read and every reader reads a channel written (or the README says where a message stops)', () => {
  const plans = cases.flatMap((c) => c.resolved.messaging.filter((p) => p.publications.length + p.subscriptions.length > 0).map((p) => [`${c.name}: ${p.broker.service} (${p.protocol})`, c, p] as const));
  it.each(plans)('%s', (_label, c, plan) => {
    const readme = readBundle(c, 'README.md');
    // The files say what the model says, client by client.
    for (const p of plan.publications) if (p.client.containerised) expect(fromFiles(c, plan, p.client).writes, `${p.client.service} writes`).toContain(p.channel);
    for (const s of plan.subscriptions) if (s.client.containerised) expect(fromFiles(c, plan, s.client).reads, `${s.client.service} reads`).toEqual(expect.arrayContaining(plan.protocol === 'amqp' ? s.channels.slice(0, 1) : [...s.channels]));
    // Where a message stops, the README says so.
    const notes = channelNotes([plan]);
    for (const p of plan.publications) if (!plan.subscriptions.some((s) => reads(plan, s, p))) expect(notes.join(' ')).toContain(`\`${p.channel}\``);
    for (const s of plan.subscriptions) if (!plan.publications.some((p) => reads(plan, s, p))) expect(notes.join(' ')).toContain(`\`${s.client.service}\` reads`);
    for (const note of notes) expect(readme.replace(/\\/g, '')).toContain(note.replace(/\\/g, '').slice(0, 60));
  });
});

// ── The ports: nothing internal on the host ────────────────────────────────────────────────

describe('ports: only entry points, consoles and ports set by hand are published, on 127.0.0.1 unless a component says otherwise', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_label, c) => {
    const published = new Set<string>();
    for (const comp of c.resolved.components) {
      const s = c.compose.services[comp.service];
      if (!s) continue;
      const want = comp.ports.filter((p) => p.host !== null);
      expect((s.ports ?? []).length, comp.service).toBe(want.length);
      for (const p of want) {
        const line = (s.ports ?? []).find((x) => x.endsWith(`:${p.container}`) || x.endsWith(`:${p.container}/udp`));
        expect(line, `${comp.service} ${p.name}`).toBeDefined();
        expect(line!.startsWith(`${comp.props.publishOn === 'all-interfaces' ? '0.0.0.0' : '127.0.0.1'}:`), line).toBe(true);
        expect(['entry', 'admin', 'by-hand']).toContain(p.reason);
        published.add(comp.service);
      }
    }
    // Helpers (init jobs, exporters, task managers) publish nothing.
    for (const [name, s] of Object.entries(c.compose.services)) if (!published.has(name)) expect(s.ports, name).toBeUndefined();
    // Networks of internal zones have no route out.
    for (const n of c.resolved.networks) expect(c.compose.networks?.[n.name]?.internal === true, n.name).toBe(n.internal);
  });
});

