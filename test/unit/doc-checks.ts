/**
 * Checks of the document's claims against the files generated with it (see
 * doc-consistency.test.ts). One function per kind of statement; each returns what is wrong, or
 * undefined when the files show what the document says. Reading a generated file by its kind
 * (kong.yml, nginx.conf, topics.txt...) is the test's business: the generators never name kinds.
 */
import { parse as parseYaml } from 'yaml';
import type { Claim } from '../../generators/doc';
import type { OutputFile } from '../../generators/types';
import type { Component, ResolvedDesign } from '../../shared/resolve';
import { natsCovers } from '../../shared/resolve';

type Rec = Record<string, unknown>;

export class Bundle {
  readonly files: Map<string, string>;
  readonly compose: Rec;
  readonly services: Record<string, Rec>;
  readonly env: Set<string>;

  constructor(
    files: readonly OutputFile[],
    readonly resolved: ResolvedDesign,
  ) {
    this.files = new Map(files.map((f) => [f.path, f.content]));
    this.compose = (parseYaml(this.files.get('docker-compose.yml') ?? '') as Rec) ?? {};
    this.services = (this.compose.services as Record<string, Rec>) ?? {};
    this.env = new Set(
      (this.files.get('.env.example') ?? '')
        .split('\n')
        .map((l) => /^([A-Z][A-Z0-9_]*)=/.exec(l)?.[1])
        .filter((x): x is string => !!x),
    );
  }

  /** The component a service name stands for, in the resolved model. */
  component(service: string): Component | undefined {
    return this.resolved.components.find((c) => c.service === service);
  }

  /** A config file of a component (`config/<node-id>/<name>`). */
  config(c: Component, name: string): string | undefined {
    return this.files.get(`config/${c.id}/${name}`);
  }

  configs(c: Component): string[] {
    return [...this.files].filter(([p]) => p.startsWith(`config/${c.id}/`)).map(([, t]) => t);
  }

  /** The compose definition of a service, as text (to search). */
  serviceText(service: string): string {
    const s = this.services[service];
    return s ? JSON.stringify(s) : '';
  }
}

function yamlOf(text: string | undefined): Rec | undefined {
  if (text === undefined) return undefined;
  try {
    return parseYaml(text) as Rec;
  } catch {
    return undefined;
  }
}

const list = <T = Rec>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

/** Compose port entries as { ip, host, container }. */
function portsOf(svc: Rec): { ip: string; host: number | null; container: number }[] {
  return list<unknown>(svc.ports).map((p) => {
    if (p && typeof p === 'object') {
      const o = p as Rec;
      return { ip: typeof o.host_ip === 'string' ? o.host_ip : '0.0.0.0', host: o.published !== undefined ? Number(String(o.published).replace(/^\$\{[A-Z0-9_]+:-(\d+)\}$/, '$1')) : null, container: Number(o.target) };
    }
    const m = /^(?:(\d+\.\d+\.\d+\.\d+):)?(?:\$\{[A-Z0-9_]+:?-(\d+)\}|(\d+)):(\d+)(?:\/(?:tcp|udp))?$/.exec(String(p));
    if (!m) return { ip: '?', host: null, container: Number(String(p).split(':').pop()) };
    return { ip: m[1] ?? '0.0.0.0', host: Number(m[2] ?? m[3]), container: Number(m[4]) };
  });
}

function networksOf(svc: Rec): string[] {
  const n = svc.networks;
  if (Array.isArray(n)) return n.map(String);
  if (n && typeof n === 'object') return Object.keys(n);
  return ['default'];
}

// ── Gateways ─────────────────────────────────────────────────────────────

interface GatewayView {
  routes: { path: string; host: string; port: number; timeoutMs?: number }[];
  auth: string[];
  rateLimitPerMinute: number | undefined;
  tls: boolean;
}

function gatewayView(b: Bundle, gw: Component): GatewayView | string {
  switch (gw.kind.id) {
    case 'kong': {
      const y = yamlOf(b.config(gw, 'kong.yml'));
      if (!y) return 'no kong.yml';
      const upstreams = new Map(list(y.upstreams).map((u) => [String(u.name), list(u.targets).map((t) => String(t.target))]));
      const routes = list(y.services).flatMap((s) => {
        const ends = upstreams.has(String(s.host)) ? upstreams.get(String(s.host))!.map((t) => ({ host: t.split(':')[0]!, port: Number(t.split(':')[1]) })) : [{ host: String(s.host), port: Number(s.port) }];
        const timeoutMs = s.read_timeout === undefined ? undefined : Number(s.read_timeout);
        return list(s.routes).flatMap((r) => list<string>(r.paths).flatMap((path) => ends.map((e) => ({ path, ...e, ...(timeoutMs === undefined ? {} : { timeoutMs }) }))));
      });
      const plugins = list(y.plugins);
      const names = plugins.map((p) => String(p.name));
      const limit = plugins.find((p) => p.name === 'rate-limiting');
      const listen = String((b.services[gw.service]?.environment as Rec | undefined)?.KONG_PROXY_LISTEN ?? '');
      return { routes, auth: names, rateLimitPerMinute: limit ? Number((limit.config as Rec).minute) : undefined, tls: /\bssl\b/.test(listen) };
    }
    case 'nginx': {
      const conf = b.config(gw, 'nginx.conf');
      if (conf === undefined) return 'no nginx.conf';
      const routes: GatewayView['routes'] = [];
      // Each location block up to the next one: its path and the upstream it sets.
      const blocks = conf.split(/\n(?=\s*location )/);
      for (const block of blocks) {
        const loc = /^\s*location "?([^"\s{]+)"? \{/.exec(block);
        const up = /set \$upstream_\d+ "([^":]+):(\d+)";/.exec(block);
        const read = /(?:proxy|grpc)_read_timeout (\d+)(ms|s);/.exec(block);
        if (loc && up) routes.push({ path: loc[1]!, host: up[1]!, port: Number(up[2]), ...(read ? { timeoutMs: Number(read[1]) * (read[2] === 's' ? 1000 : 1) } : {}) });
      }
      const active = conf.split('\n').filter((l) => !l.trim().startsWith('#')).join('\n');
      // API keys: a map from the apikey header (written at start from .env by a script of the
      // gateway) whose result refuses the request with 401 in the conf.
      const keyVar = b.configs(gw).map((t) => /map \$http_apikey \$(\w+)/.exec(t)?.[1]).find(Boolean);
      const keyMap = keyVar !== undefined && new RegExp(`if \\(\\$${keyVar} = 0\\) \\{\\s*return 401;`).test(active);
      const auth = [/^\s*auth_request\b/m.test(active) ? 'auth_request' : '', keyMap ? 'apikey-map' : '', /^\s*auth_basic\b/m.test(active) ? 'auth_basic' : '', /^\s*auth_jwt\b/m.test(active) ? 'auth_jwt' : ''].filter(Boolean);
      const rate = /rate=(\d+)r\/m/.exec(active);
      return { routes, auth, rateLimitPerMinute: rate ? Number(rate[1]) : undefined, tls: /listen[^;]*\bssl\b/.test(active) };
    }
    case 'envoy': {
      const y = yamlOf(b.config(gw, 'envoy.yaml'));
      if (!y) return 'no envoy.yaml';
      const text = JSON.stringify(y);
      const clusters = new Map<string, { host: string; port: number }[]>();
      for (const c of list((y.static_resources as Rec)?.clusters)) {
        const eps = list((c.load_assignment as Rec)?.endpoints).flatMap((e) => list(e.lb_endpoints).map((l) => ((l.endpoint as Rec).address as Rec).socket_address as Rec));
        clusters.set(String(c.name), eps.map((s) => ({ host: String(s.address), port: Number(s.port_value) })));
      }
      const routes: GatewayView['routes'] = [];
      const walk = (v: unknown): void => {
        if (Array.isArray(v)) v.forEach(walk);
        else if (v && typeof v === 'object') {
          const o = v as Rec;
          const match = o.match as Rec | undefined;
          const route = o.route as Rec | undefined;
          const t = typeof route?.timeout === 'string' ? /^(\d+(?:\.\d+)?)s$/.exec(route.timeout) : null;
          if (match && route && typeof match.prefix === 'string' && typeof route.cluster === 'string') for (const e of clusters.get(route.cluster) ?? []) routes.push({ path: match.prefix, ...e, ...(t ? { timeoutMs: Math.round(Number(t[1]) * 1000) } : {}) });
          Object.values(o).forEach(walk);
        }
      };
      walk((y.static_resources as Rec)?.listeners);
      const auth = ['jwt_authn', 'ext_authz', 'basic_auth', 'rbac'].filter((f) => text.includes(`envoy.filters.http.${f}`));
      const rl = /"max_tokens":(\d+),"tokens_per_fill":\d+,"fill_interval":"60s"/.exec(text);
      return { routes, auth, rateLimitPerMinute: rl ? Number(rl[1]) : undefined, tls: text.includes('DownstreamTlsContext') };
    }
    default:
      return `no reader for gateway kind ${gw.kind.id}`;
  }
}

/** Gateway configuration that enforces each authentication method. */
const AUTH_EVIDENCE: Record<string, Record<string, string[]>> = {
  kong: { 'key-auth': ['key-auth'], jwt: ['jwt'], oidc: ['openid-connect', 'jwt'], basic: ['basic-auth'], mtls: ['mtls-auth'] },
  nginx: { 'key-auth': ['auth_request', 'apikey-map'], jwt: ['auth_request', 'auth_jwt'], oidc: ['auth_request', 'auth_jwt'], basic: ['auth_basic'], mtls: ['ssl_verify_client'] },
  envoy: { 'key-auth': ['ext_authz', 'rbac'], jwt: ['jwt_authn'], oidc: ['jwt_authn'], basic: ['ext_authz', 'basic_auth'], mtls: ['rbac'] },
};

// ── Brokers ──────────────────────────────────────────────────────────────

/** An ActiveMQ Artemis broker.xml: its queues, addresses, and each address' dead-letter address and max delivery attempts. */
function artemisView(xml: string): { names: string[]; deadLettered: Map<string, string>; attempts: Map<string, number> } {
  const names = [...xml.matchAll(/<(?:address|queue) name="([^"]+)"/g)].map((m) => m[1]!);
  const deadLettered = new Map<string, string>();
  const attempts = new Map<string, number>();
  for (const m of xml.matchAll(/<address-setting match="([^"]+)">([\s\S]*?)<\/address-setting>/g)) {
    const dla = /<dead-letter-address>([^<]+)</.exec(m[2]!);
    if (dla) deadLettered.set(m[1]!, dla[1]!);
    const n = /<max-delivery-attempts>(\d+)</.exec(m[2]!);
    if (n) attempts.set(m[1]!, Number(n[1]));
  }
  return { names, deadLettered, attempts };
}

function channelsOf(b: Bundle, broker: Component, protocol: string): { names: string[]; deadLettered: Map<string, string> } | string {
  const deadLettered = new Map<string, string>();
  // ActiveMQ Artemis (JMS and AMQP): addresses and queues in its broker.xml.
  const artemis = b.config(broker, 'broker.xml');
  if (artemis !== undefined && (protocol === 'jms' || protocol === 'amqp')) {
    const v = artemisView(artemis);
    return { names: v.names, deadLettered: v.deadLettered };
  }
  switch (protocol) {
    case 'kafka': {
      const t = b.config(broker, 'topics.txt');
      if (t === undefined) return 'no topics.txt';
      return { names: t.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(/\s+/)[0]!), deadLettered };
    }
    case 'amqp': {
      const d = b.config(broker, 'definitions.json');
      if (d === undefined) return 'no definitions.json';
      const j = JSON.parse(d) as Rec;
      const queues = list(j.queues);
      const policies = list(j.policies);
      for (const q of queues) {
        const args = (q.arguments as Rec) ?? {};
        if (args['x-dead-letter-exchange']) deadLettered.set(String(q.name), String(args['x-dead-letter-exchange']));
        for (const p of policies) if (new RegExp(String(p.pattern)).test(String(q.name)) && (p.definition as Rec)?.['dead-letter-exchange']) deadLettered.set(String(q.name), String((p.definition as Rec)['dead-letter-exchange']));
      }
      return { names: [...queues.map((q) => String(q.name)), ...list(j.exchanges).map((x) => String(x.name))], deadLettered };
    }
    case 'nats': {
      // The stream's subjects: a subjects.txt beside the broker, or the stream an init service creates (NATS_INIT).
      const names = (b.config(broker, 'subjects.txt') ?? '').split('\n').filter((l) => l && !l.startsWith('#'));
      for (const s of Object.values(b.services)) {
        const init = (s.environment as Rec | undefined)?.NATS_INIT;
        if (typeof init !== 'string' || !JSON.stringify(s.depends_on ?? {}).includes(`"${broker.service}"`)) continue;
        const j = JSON.parse(init) as { stream?: { subjects?: string[] } };
        names.push(...(j.stream?.subjects ?? []));
      }
      if (names.length) return { names, deadLettered };
      // Core NATS (no stream): a subject exists where the broker lets its clients publish or subscribe to it.
      const env = (b.services[broker.service]?.environment as Rec | undefined) ?? {};
      const allowed = [env.NATS_PUBLISH, env.NATS_SUBSCRIBE].filter((x): x is string => typeof x === 'string').flatMap((x) => x.split(','));
      return allowed.length ? { names: allowed, deadLettered } : 'no JetStream stream subjects (subjects.txt or NATS_INIT) and no NATS_PUBLISH/NATS_SUBSCRIBE permissions';
    }
    case 'jms': {
      const t = b.config(broker, '20-topoforge.mqsc');
      if (t === undefined) return 'no 20-topoforge.mqsc';
      const names: string[] = [];
      for (const m of t.matchAll(/DEFINE QLOCAL\('([^']+)'\)([^\n]*)/g)) {
        names.push(m[1]!);
        const bo = /BOQNAME\('([^']+)'\)/.exec(m[2]!);
        if (bo) deadLettered.set(m[1]!, bo[1]!);
      }
      return { names, deadLettered };
    }
    case 'mqtt': {
      // MQTT brokers declare no topics: a topic exists where its clients are told to use it.
      const all = [b.files.get('docker-compose.yml') ?? '', ...[...b.files].filter(([p]) => p.startsWith('config/')).map(([, t]) => t)].join('\n');
      return { names: [...all.matchAll(/[A-Za-z0-9_.+#/-]+/g)].map((m) => m[0]), deadLettered };
    }
    default:
      return `no reader for ${protocol}`;
  }
}

function hasChannel(protocol: string, names: string[], channel: string): boolean {
  return protocol === 'nats' ? names.some((p) => natsCovers(p, channel)) : names.includes(channel);
}

const TLS_MARKERS = /ssl_certificate|certfile|\btls\s*\{|SSL:\/\/|SASL_SSL|ssl_options|DownstreamTlsContext|SSLCIPH|listeners\.ssl/;

// ── The check of one claim ──────────────────────────────────────────────

export function checkClaim(c: Claim, b: Bundle): string | undefined {
  switch (c.type) {
    case 'network': {
      const nets = (b.compose.networks as Record<string, Rec | null>) ?? {};
      if (!(c.network in nets) && !(c.network === 'default')) return `docker-compose.yml defines no network ${c.network} (it has ${Object.keys(nets).join(', ') || 'none'})`;
      if (c.internal && (nets[c.network] ?? {})?.internal !== true) return `network ${c.network} is not internal: true`;
      const missing = c.members.filter((m) => !b.services[m] || !networksOf(b.services[m]!).includes(c.network));
      return missing.length ? `network ${c.network}: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not on it (or not a service)` : undefined;
    }
    case 'route':
    case 'versioned-route': {
      const gw = b.component(c.gateway);
      if (!gw) return `no component ${c.gateway}`;
      const v = gatewayView(b, gw);
      if (typeof v === 'string') return `${c.gateway}: ${v}`;
      const r = v.routes.filter((x) => x.path === c.path);
      if (!r.length) return `${c.gateway} routes no ${c.path} (routes: ${v.routes.map((x) => x.path).join(', ') || 'none'})`;
      if (c.type === 'route' && !r.some((x) => x.host === c.upstream && x.port === c.port)) return `${c.gateway} routes ${c.path} to ${r.map((x) => `${x.host}:${x.port}`).join(', ')}, not ${c.upstream}:${c.port}`;
      return undefined;
    }
    case 'route-timeout': {
      const gw = b.component(c.gateway);
      if (!gw) return `no component ${c.gateway}`;
      const v = gatewayView(b, gw);
      if (typeof v === 'string') return `${c.gateway}: ${v}`;
      const r = v.routes.filter((x) => x.path === c.path);
      if (!r.length) return `${c.gateway} routes no ${c.path}`;
      const wrong = r.filter((x) => x.timeoutMs !== c.timeoutMs);
      return wrong.length ? `${c.gateway} waits ${wrong.map((x) => (x.timeoutMs === undefined ? 'no set time' : `${x.timeoutMs} ms`)).join(', ')} on ${c.path}, not ${c.timeoutMs} ms` : undefined;
    }
    case 'retries': {
      // Kafka, AMQP and NATS consumers are told by their environment (<BROKER PREFIX>_MAX_RETRIES);
      // IBM MQ moves a message to its backout queue at the queue's backout threshold (BOTHRESH).
      const broker = b.component(c.broker);
      if (!broker) return `no component ${c.broker}`;
      const artemis = b.config(broker, 'broker.xml');
      if (artemis !== undefined && c.protocol === 'jms') {
        // Artemis: one delivery plus the retries, then the dead-letter address.
        const v = artemisView(artemis);
        const wrong = c.channels.filter((q) => v.attempts.get(q) !== c.retries + 1);
        return wrong.length ? `${c.broker}: ${wrong.join(', ')} ${wrong.length === 1 ? 'has' : 'have'} no max delivery attempts of ${c.retries + 1}` : undefined;
      }
      if (c.protocol === 'jms') {
        const t = b.config(broker, '20-topoforge.mqsc') ?? '';
        // IBM MQ counts backouts: one delivery plus the retries is a threshold of retries + 1.
        const wrong = c.channels.filter((q) => !new RegExp(`DEFINE QLOCAL\\('${q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}'\\)[^\\n]*BOTHRESH\\(${c.retries + 1}\\)`).test(t));
        return wrong.length ? `${c.broker}: ${wrong.join(', ')} ${wrong.length === 1 ? 'has' : 'have'} no backout threshold of ${c.retries + 1}` : undefined;
      }
      const env = (b.services[c.client]?.environment as Rec | undefined) ?? {};
      const v = env[`${broker.envPrefix}_MAX_RETRIES`];
      return String(v) === String(c.retries) ? undefined : `${c.client} retries ${v === undefined ? 'an unset number of times' : String(v)} on ${c.broker}, not ${c.retries} (${broker.envPrefix}_MAX_RETRIES)`;
    }
    case 'gateway-auth': {
      const gw = b.component(c.gateway);
      if (!gw) return `no component ${c.gateway}`;
      const v = gatewayView(b, gw);
      if (typeof v === 'string') return `${c.gateway}: ${v}`;
      const evidence = AUTH_EVIDENCE[gw.kind.id] ?? {};
      const all = Object.values(evidence).flat();
      if (c.method === 'none') return v.auth.some((a) => all.includes(a)) ? `${c.gateway} checks callers (${v.auth.join(', ')}) but the document says no authentication` : undefined;
      const want = evidence[c.method] ?? [];
      return v.auth.some((a) => want.includes(a)) ? undefined : `${c.gateway} does not enforce ${c.method} (expected ${want.join(' or ')}; found ${v.auth.join(', ') || 'no auth'})`;
    }
    case 'rate-limit': {
      const gw = b.component(c.gateway);
      if (!gw) return `no component ${c.gateway}`;
      const v = gatewayView(b, gw);
      if (typeof v === 'string') return `${c.gateway}: ${v}`;
      return v.rateLimitPerMinute === c.perMinute ? undefined : `${c.gateway} limits to ${v.rateLimitPerMinute ?? 'nothing'} per minute, not ${c.perMinute}`;
    }
    case 'channel':
    case 'dead-letter': {
      const broker = b.component(c.broker);
      if (!broker) return `no component ${c.broker}`;
      const v = channelsOf(b, broker, c.protocol);
      if (typeof v === 'string') return `${c.broker}: ${v}`;
      if (!hasChannel(c.protocol, v.names, c.channel)) return `${c.broker} (${c.protocol}) does not create ${c.channel}`;
      if (c.type === 'dead-letter' && (c.protocol === 'amqp' || c.protocol === 'jms') && c.serves) {
        const via = v.deadLettered.get(c.serves);
        if (!via) return `${c.broker}: ${c.serves} does not dead-letter (no dead-letter exchange or backout queue set)`;
        if (c.protocol === 'jms' && via !== c.channel) return `${c.broker}: ${c.serves} backs out to ${via}, not ${c.channel}`;
      }
      return undefined;
    }
    case 'channel-settings': {
      // Kafka: topics.txt lists name, partitions, retention.ms and cleanup.policy per topic.
      const broker = b.component(c.broker);
      if (!broker) return `no component ${c.broker}`;
      if (c.protocol !== 'kafka') return `no reader for ${c.protocol} channel settings`;
      const t = b.config(broker, 'topics.txt');
      if (t === undefined) return `${c.broker}: no topics.txt`;
      const line = t.split('\n').find((l) => l.split(/\s+/)[0] === c.channel);
      if (!line) return `${c.broker} does not create ${c.channel}`;
      const [, parts, ms, policy] = line.split(/\s+/);
      const wrong: string[] = [];
      if (c.partitions !== undefined && Number(parts) !== c.partitions) wrong.push(`${parts} partitions, not ${c.partitions}`);
      if (c.retentionHours !== undefined && Number(ms) !== c.retentionHours * 3_600_000) wrong.push(`retention.ms ${ms}, not ${c.retentionHours * 3_600_000}`);
      if (c.cleanupPolicy !== undefined && policy !== c.cleanupPolicy) wrong.push(`cleanup.policy ${policy}, not ${c.cleanupPolicy}`);
      return wrong.length ? `${c.broker}: ${c.channel} has ${wrong.join(', ')}` : undefined;
    }
    case 'client-auth': {
      // A server that asks for credentials has a secret of its own in .env (<PREFIX>_..PASSWORD/SECRET/KEY/TOKEN)
      // that its compose service reads; one that does not has none.
      const s = b.component(c.service);
      if (!s) return `no component ${c.service}`;
      const text = b.serviceText(c.service);
      if (!text) return `docker-compose.yml has no service ${c.service}`;
      const own = [...b.env].filter((v) => v.startsWith(`${s.envPrefix}_`) && /PASSWORD|SECRET|KEY|TOKEN/.test(v.slice(s.envPrefix.length)) && !/_PORT$/.test(v));
      if (c.required) {
        if (!own.length) return `.env.example has no secret of ${c.service} (${s.envPrefix}_...)`;
        return own.some((v) => text.includes(`\${${v}`)) ? undefined : `${c.service} reads none of ${own.join(', ')}`;
      }
      if (own.some((v) => text.includes(`\${${v}`))) return `${c.service} reads ${own.join(', ')} but the document says it accepts clients without credentials`;
      return /SASL_|sasl\.jaas/i.test(text) ? `${c.service} has a SASL listener but the document says it accepts clients without credentials` : undefined;
    }
    case 'plaintext': {
      const s = b.component(c.service);
      if (!s) return `no component ${c.service}`;
      if (s.roles.includes('gateway')) {
        const v = gatewayView(b, s);
        if (typeof v === 'string') return `${c.service}: ${v}`;
        return v.tls ? `${c.service} listens with TLS` : undefined;
      }
      const text = [b.serviceText(c.service), ...b.configs(s)].join('\n');
      return TLS_MARKERS.test(text) ? `${c.service} is configured with TLS` : undefined;
    }
    case 'alert': {
      const p = b.component(c.scraper);
      if (!p) return `no component ${c.scraper}`;
      const y = yamlOf(b.config(p, 'rules/alerts.yml'));
      if (!y) return `${c.scraper} has no rules/alerts.yml`;
      const rule = list(y.groups).flatMap((g) => list(g.rules)).find((r) => r.alert === c.alert);
      if (!rule) return `${c.scraper}: alerts.yml has no ${c.alert}`;
      return c.family === 'up' || String(rule.expr).includes(c.family) ? undefined : `${c.scraper}: ${c.alert} does not read ${c.family}`;
    }
    case 'scrape': {
      const p = b.component(c.scraper);
      if (!p) return `no component ${c.scraper}`;
      // Prometheus: prometheus.yml; a telemetry pipeline: its prometheus receiver.
      const prom = yamlOf(b.config(p, 'prometheus.yml'));
      const pipe = yamlOf(b.config(p, 'config.yaml'));
      const scrapeConfigs = prom ? prom.scrape_configs : (((pipe?.receivers as Rec | undefined)?.prometheus as Rec | undefined)?.config as Rec | undefined)?.scrape_configs;
      if (!prom && !pipe) return `${c.scraper} has no prometheus.yml or config.yaml`;
      const job = list(scrapeConfigs).find((j) => j.job_name === c.job);
      if (!job) return `${c.scraper} has no job ${c.job}`;
      const targets = list(job.static_configs).flatMap((s) => list<string>(s.targets));
      return targets.includes(c.address) ? undefined : `${c.scraper}: job ${c.job} scrapes ${targets.join(', ')}, not ${c.address}`;
    }
    case 'port': {
      const s = b.services[c.service];
      if (!s) return `docker-compose.yml has no service ${c.service}`;
      const ports = portsOf(s);
      const hit = ports.find((p) => p.container === c.container);
      if (!hit) return `${c.service} publishes no port for ${c.container}`;
      if (hit.host !== c.host || hit.ip !== c.hostIp) return `${c.service} publishes ${c.container} on ${hit.ip}:${hit.host}, not ${c.hostIp}:${c.host}`;
      return undefined;
    }
    case 'unpublished': {
      const s = b.services[c.service];
      if (!s) return `docker-compose.yml has no service ${c.service}`;
      const ports = portsOf(s);
      return ports.length ? `${c.service} publishes ${ports.map((p) => `${p.ip}:${p.host}→${p.container}`).join(', ')} but the document says it stays inside the stack` : undefined;
    }
    case 'image': {
      const s = b.services[c.service];
      if (!s) return `docker-compose.yml has no service ${c.service}`;
      if (c.image === null) return typeof s.image === 'string' || s.build ? undefined : `${c.service} has no image`;
      return s.image === c.image ? undefined : `${c.service} runs ${String(s.image)}, not ${c.image}`;
    }
  }
}
