
import type { RNode, ServiceSpec, StackContext } from './context';
import { cfg, dataVolume, mainService, sideService } from './base';
import { elasticPassword, grafanaAdmin, mongoCreds, mysqlCreds, pgCreds, redisPassword } from './creds';
import { kafkaPlan, rabbitPlan } from './flows';
import { num, str } from '../../shared/resolve/props';
import { fnv1a, oneLine, toJson, toYaml } from './text';
import { KAFKA_INTERNAL_PORT } from '../../shared/catalog';

/** Prometheus (scrape configs, alert rules), exporters, Grafana, Jaeger, the OTel Collector. */

export interface ScrapeTarget {
  node: RNode;
  job: string;
  address: string;
  path: string;
  /** `native` endpoint of the component, or an exporter sidecar. */
  via: 'native' | 'exporter';
}

/** Nodes wired to Prometheus `p` with a metrics connection (drawn either way). */
export function scrapedNodes(ctx: StackContext, p: RNode): RNode[] {
  const out: RNode[] = [];
  for (const e of ctx.edgesAt(p, ['metrics'])) {
    const o = ctx.other(e, p);
    if (o === p || o.kind.id === 'grafana' || o.kind.external || out.includes(o)) continue;
    out.push(o);
  }
  return out;
}

/** The exporter sidecar of node `t`, created on first use (one per node, shared by every Prometheus). */
function exporterOf(ctx: StackContext, t: RNode): ServiceSpec | undefined {
  const ex = t.kind.exporter;
  if (!ex) return undefined;
  for (const s of ctx.services.values()) if (s.attachedTo === t.id && s.image === ex.image) return s;
  const env: Record<string, string> = {};
  let command: string[] | undefined;
  switch (t.kind.id) {
    case 'kafka':
      command = [`--kafka.server=${t.id}:${KAFKA_INTERNAL_PORT}`];
      break;
    case 'postgres': {
      const cr = pgCreds(ctx, t).admin;
      Object.assign(env, { DATA_SOURCE_URI: `${t.id}:5432/postgres?sslmode=disable`, DATA_SOURCE_USER: cr.user, DATA_SOURCE_PASS: cr.password });
      break;
    }
    case 'mysql':
      command = [`--mysqld.address=${t.id}:3306`, '--mysqld.username=root'];
      env.MYSQLD_EXPORTER_PASSWORD = mysqlCreds(ctx, t).root.password;
      break;
    case 'redis':
      Object.assign(env, { REDIS_ADDR: `redis://${t.id}:6379`, REDIS_PASSWORD: redisPassword(ctx, t) });
      break;
    case 'mongodb': {
      const cr = mongoCreds(ctx, t);
      env.MONGODB_URI = `mongodb://${cr.user}:${cr.password}@${t.id}:27017/admin?directConnection=true`;
      command = ['--collect-all'];
      break;
    }
    case 'nats':
      command = ['-varz', '-connz', '-jsz=all', `http://${t.id}:8222`];
      break;
    case 'elasticsearch':
      command = [`--es.uri=http://${t.id}:9200`];
      Object.assign(env, { ES_USERNAME: 'elastic', ES_PASSWORD: elasticPassword(ctx, t) });
      break;
    default:
      break;
  }
  return sideService(ctx, t, 'exporter', {
    description: `Prometheus exporter for ${t.id} (${ex.name})`,
    image: ex.image,
    ...(command ? { command } : {}),
    environment: env,
    needs: [{ service: t.id, condition: 'service_healthy' }],
  });
}

export function scrapeTargets(ctx: StackContext, p: RNode): ScrapeTarget[] {
  const out: ScrapeTarget[] = [];
  for (const t of scrapedNodes(ctx, p)) {
    if (t.kind.metricsPath !== undefined) {
      out.push({ node: t, job: t.id, address: `${t.id}:${t.kind.metricsPort ?? ctx.internalPort(t)}`, path: t.kind.metricsPath, via: 'native' });
      continue;
    }
    const ex = exporterOf(ctx, t);
    if (ex) {
      out.push({ node: t, job: t.id, address: `${ex.name}:${t.kind.exporter!.port}`, path: '/metrics', via: 'exporter' });
      ctx.link(p.id, ex.name);
    } else ctx.note(`\`${t.id}\` is wired to \`${p.id}\` but exposes no metrics and has no exporter; it is not scraped.`);
  }
  return out;
}

function thresholds(ctx: StackContext, p: RNode) {
  const req = typeof ctx.doc.requirements?.latencyP99Ms === 'number' && ctx.doc.requirements.latencyP99Ms > 0 ? ctx.doc.requirements.latencyP99Ms : 0;
  const p99 = num(p.props, 'latencyP99Ms') || req || 500;
  const p95 = num(p.props, 'latencyP95Ms') || Math.max(1, Math.round(p99 * 0.8));
  return {
    errorRate: (num(p.props, 'errorRatePercent') || 5) / 100,
    p95,
    p99,
    lag: num(p.props, 'consumerLagMax'),
    dlq: num(p.props, 'deadLetterMax'),
  };
}

const USER_SERVICES = new Set(['rest-service', 'grpc-service', 'graphql-service', 'worker', 'batch-job']);

/** How a scraped component reports requests: metric names and their unit. */
function requestMetrics(t: ScrapeTarget): { total: string; errors: string; bucket: string; unit: number } | undefined {
  const job = `job=${JSON.stringify(t.job)}`;
  if (USER_SERVICES.has(t.node.kind.id)) {
    return {
      total: `http_requests_total{${job}}`,
      errors: `http_requests_total{${job},code=~"5.."}`,
      bucket: `http_request_duration_seconds_bucket{${job}}`,
      unit: 1000,
    };
  }
  if (t.node.kind.id === 'kong') {
    return { total: `kong_http_requests_total{${job}}`, errors: `kong_http_requests_total{${job},code=~"5.."}`, bucket: `kong_request_latency_ms_bucket{${job}}`, unit: 1 };
  }
  if (t.node.kind.id === 'envoy') {
    return {
      total: `envoy_http_downstream_rq_xx{${job},envoy_http_conn_manager_prefix="ingress"}`,
      errors: `envoy_http_downstream_rq_xx{${job},envoy_http_conn_manager_prefix="ingress",envoy_response_code_class="5"}`,
      bucket: `envoy_http_downstream_rq_time_bucket{${job},envoy_http_conn_manager_prefix="ingress"}`,
      unit: 1,
    };
  }
  return undefined;
}

function ruleName(prefix: string, id: string): string {
  return `${prefix}${id.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase())}`;
}

export function alertRules(ctx: StackContext, p: RNode, targets: ScrapeTarget[]): Record<string, unknown> {
  const th = thresholds(ctx, p);
  const groups: Array<{ name: string; rules: unknown[] }> = [];
  groups.push({
    name: 'availability',
    rules: [
      {
        alert: 'TargetDown',
        expr: 'up == 0',
        for: '2m',
        labels: { severity: 'critical' },
        annotations: { summary: '{{ $labels.job }} is down', description: 'Prometheus could not scrape {{ $labels.instance }} for 2 minutes.' },
      },
    ],
  });
  const reqRules: unknown[] = [];
  for (const t of targets) {
    const m = requestMetrics(t);
    if (!m) continue;
    const seconds = (ms: number) => Number((ms / m.unit).toFixed(6));
    reqRules.push(
      {
        alert: ruleName('HighErrorRate', t.job),
        expr: `sum(rate(${m.errors}[5m])) / clamp_min(sum(rate(${m.total}[5m])), 1e-9) > ${th.errorRate}`,
        for: '5m',
        labels: { severity: 'warning', service: t.job },
        annotations: { summary: `${t.job}: more than ${th.errorRate * 100}% of requests fail`, description: 'Share of 5xx responses over 5 minutes.' },
      },
      {
        alert: ruleName('HighLatencyP95', t.job),
        expr: `histogram_quantile(0.95, sum by (le) (rate(${m.bucket}[5m]))) > ${seconds(th.p95)}`,
        for: '5m',
        labels: { severity: 'warning', service: t.job },
        annotations: { summary: `${t.job}: p95 latency above ${th.p95} ms` },
      },
      {
        alert: ruleName('HighLatencyP99', t.job),
        expr: `histogram_quantile(0.99, sum by (le) (rate(${m.bucket}[5m]))) > ${seconds(th.p99)}`,
        for: '5m',
        labels: { severity: 'critical', service: t.job },
        annotations: { summary: `${t.job}: p99 latency above ${th.p99} ms` },
      },
    );
  }
  if (reqRules.length > 0) groups.push({ name: 'requests', rules: reqRules });
  const msgRules: unknown[] = [];
  for (const t of targets) {
    const job = `job=${JSON.stringify(t.job)}`;
    if (t.node.kind.id === 'kafka' && t.via === 'exporter') {
      const plan = kafkaPlan(ctx, t.node);
      msgRules.push({
        alert: ruleName('ConsumerLag', t.job),
        expr: `sum by (consumergroup, topic) (kafka_consumergroup_lag{${job}}) > ${th.lag}`,
        for: '5m',
        labels: { severity: 'warning', broker: t.job },
        annotations: { summary: 'Consumer group {{ $labels.consumergroup }} is {{ $value }} records behind on {{ $labels.topic }}' },
      });
      if (plan.topics.some((x) => x.deadLetterOf)) {
        msgRules.push({
          alert: ruleName('DeadLetters', t.job),
          expr: `sum by (topic) (kafka_topic_partition_current_offset{${job},topic=~".+[.]dlt"} - kafka_topic_partition_oldest_offset{${job},topic=~".+[.]dlt"}) > ${th.dlq}`,
          for: '1m',
          labels: { severity: 'warning', broker: t.job },
          annotations: { summary: 'Dead-letter topic {{ $labels.topic }} holds {{ $value }} records' },
        });
      }
    }
    if (t.node.kind.id === 'rabbitmq') {
      const plan = rabbitPlan(ctx, t.node);
      if (plan.queues.some((q) => q.role === 'main')) {
        msgRules.push({
          alert: ruleName('QueueBacklog', t.job),
          expr: `sum by (queue) (rabbitmq_queue_messages_ready{${job},queue!~".+[.](dlq|retry)"}) > ${th.lag}`,
          for: '5m',
          labels: { severity: 'warning', broker: t.job },
          annotations: { summary: 'Queue {{ $labels.queue }} has {{ $value }} messages waiting' },
        });
      }
      if (plan.queues.some((q) => q.role === 'dlq')) {
        msgRules.push({
          alert: ruleName('DeadLetters', t.job),
          expr: `sum by (queue) (rabbitmq_queue_messages{${job},queue=~".+[.]dlq"}) > ${th.dlq}`,
          for: '1m',
          labels: { severity: 'warning', broker: t.job },
          annotations: { summary: 'Dead-letter queue {{ $labels.queue }} holds {{ $value }} messages' },
        });
      }
    }
  }
  if (msgRules.length > 0) groups.push({ name: 'messaging', rules: msgRules });
  return { groups };
}

export function prometheusConfig(ctx: StackContext, p: RNode, targets: ScrapeTarget[]): Record<string, unknown> {
  const interval = `${num(p.props, 'scrapeIntervalSeconds') || 15}s`;
  const scrape: unknown[] = [{ job_name: p.id, static_configs: [{ targets: ['localhost:9090'] }] }];
  for (const t of targets) {
    scrape.push({ job_name: t.job, metrics_path: t.path, static_configs: [{ targets: [t.address], labels: { kind: t.node.kind.id } }] });
  }
  return {
    global: { scrape_interval: interval, evaluation_interval: interval },
    rule_files: ['rules/*.yml'],
    scrape_configs: scrape,
  };
}

function prometheus(ctx: StackContext, n: RNode): void {
  const targets = scrapeTargets(ctx, n);
  const header = ` Prometheus ${n.id} (${oneLine(n.label, 80)}), generated by Topoforge: one job per component wired to it.`;
  const conf = ctx.addFile(cfg(n, 'prometheus.yml'), toYaml(prometheusConfig(ctx, n, targets), header));
  ctx.addFile(
    cfg(n, 'rules/alerts.yml'),
    toYaml(alertRules(ctx, n, targets), ' Alert rules: target down, error rate, p95/p99 latency, consumer lag, dead-letter depth.\n Request metrics follow the Prometheus client convention (http_requests_total, http_request_duration_seconds).'),
  );
  const spec = mainService(ctx, n, {
    command: ['--config.file=/etc/prometheus/prometheus.yml', '--storage.tsdb.path=/prometheus', `--storage.tsdb.retention.time=${num(n.props, 'retentionDays') || 15}d`, '--web.enable-lifecycle'],
  });
  spec.binds.push({ source: conf, target: '/etc/prometheus/prometheus.yml', readOnly: true }, { source: cfg(n, 'rules'), target: '/etc/prometheus/rules', readOnly: true });
  spec.volumes.push({ name: dataVolume(n), target: '/prometheus' });
}

// ── Grafana ───────────────────────────────────────────────────────────────

export function grafanaDashboard(ctx: StackContext, g: RNode, prom: RNode | undefined, dsUid: string): Record<string, unknown> {
  const title = oneLine(str(g.props, 'dashboardTitle') || ctx.doc.name || 'Topoforge', 200) || 'Topoforge';
  const ds = { type: 'prometheus', uid: dsUid };
  const targets = prom ? scrapeTargets(ctx, prom) : [];
  const panels: unknown[] = [];
  let id = 1;
  let y = 0;
  const panel = (t: string, exprs: Array<{ expr: string; legend: string }>, unit: string, x: number, w = 8) => {
    panels.push({
      id: id++,
      type: 'timeseries',
      title: t,
      datasource: ds,
      gridPos: { h: 8, w, x, y },
      fieldConfig: { defaults: { unit }, overrides: [] },
      options: { legend: { displayMode: 'list', placement: 'bottom' } },
      targets: exprs.map((e, i) => ({ refId: String.fromCharCode(65 + i), datasource: ds, expr: e.expr, legendFormat: e.legend })),
    });
  };
  const row = (t: string) => {
    panels.push({ id: id++, type: 'row', title: t, collapsed: false, gridPos: { h: 1, w: 24, x: 0, y }, panels: [] });
    y += 1;
  };
  row('Overview');
  panel('Throughput (requests/s)', [{ expr: 'sum by (job) (rate(http_requests_total[5m]))', legend: '{{job}}' }], 'reqps', 0);
  panel('Error rate', [{ expr: 'sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) / clamp_min(sum by (job) (rate(http_requests_total[5m])), 1e-9)', legend: '{{job}}' }], 'percentunit', 8);
  panel(
    'Latency p95 / p99',
    [
      { expr: 'histogram_quantile(0.95, sum by (job, le) (rate(http_request_duration_seconds_bucket[5m])))', legend: '{{job}} p95' },
      { expr: 'histogram_quantile(0.99, sum by (job, le) (rate(http_request_duration_seconds_bucket[5m])))', legend: '{{job}} p99' },
    ],
    's',
    16,
  );
  y += 8;
  panel('Consumer lag (records)', [{ expr: 'sum by (consumergroup, topic) (kafka_consumergroup_lag)', legend: '{{consumergroup}} {{topic}}' }], 'short', 0, 12);
  panel(
    'Dead-letter depth',
    [
      { expr: 'sum by (topic) (kafka_topic_partition_current_offset{topic=~".+[.]dlt"} - kafka_topic_partition_oldest_offset{topic=~".+[.]dlt"})', legend: '{{topic}}' },
      { expr: 'sum by (queue) (rabbitmq_queue_messages{queue=~".+[.]dlq"})', legend: '{{queue}}' },
    ],
    'short',
    12,
    12,
  );
  y += 8;
  for (const t of targets) {
    const m = requestMetrics(t);
    if (!m) continue;
    row(`${t.job} (${t.node.kind.name})`);
    panel('Throughput', [{ expr: `sum(rate(${m.total}[5m]))`, legend: 'requests/s' }], 'reqps', 0);
    panel('Error rate', [{ expr: `sum(rate(${m.errors}[5m])) / clamp_min(sum(rate(${m.total}[5m])), 1e-9)`, legend: '5xx share' }], 'percentunit', 8);
    panel(
      'Latency p95 / p99',
      [
        { expr: `histogram_quantile(0.95, sum by (le) (rate(${m.bucket}[5m])))`, legend: 'p95' },
        { expr: `histogram_quantile(0.99, sum by (le) (rate(${m.bucket}[5m])))`, legend: 'p99' },
      ],
      m.unit === 1 ? 'ms' : 's',
      16,
    );
    y += 8;
  }
  return {
    uid: `topoforge-${fnv1a(`${ctx.doc.name}/${g.id}`).toString(16)}`,
    title,
    tags: ['topoforge'],
    timezone: 'browser',
    schemaVersion: 39,
    version: 1,
    refresh: '30s',
    time: { from: 'now-1h', to: 'now' },
    panels,
  };
}

function grafana(ctx: StackContext, n: RNode): void {
  const cr = grafanaAdmin(ctx, n);
  const proms = ctx.linked(n, 'prometheus').filter((p) => ctx.edgesAt(n, ['metrics']).some((e) => ctx.other(e, n) === p));
  const datasources = proms.map((p, i) => ({
    name: proms.length === 1 ? 'Prometheus' : `Prometheus ${p.id}`,
    uid: `prom-${p.id}`.slice(0, 40),
    type: 'prometheus',
    access: 'proxy',
    url: `http://${p.id}:9090`,
    isDefault: i === 0,
    editable: false,
  }));
  if (proms.length === 0) ctx.note(`\`${n.id}\` (Grafana) is not wired to a Prometheus; it starts with no data source. Draw a connection to a Prometheus.`);
  ctx.addFile(cfg(n, 'provisioning/datasources/datasources.yml'), toYaml({ apiVersion: 1, datasources }, ' Data sources provisioned at start (generated by Topoforge).'));
  ctx.addFile(
    cfg(n, 'provisioning/dashboards/dashboards.yml'),
    toYaml({ apiVersion: 1, providers: [{ name: 'topoforge', folder: 'Topoforge', type: 'file', disableDeletion: false, allowUiUpdates: true, options: { path: '/etc/grafana/dashboards' } }] }),
  );
  ctx.addFile(cfg(n, 'dashboards/overview.json'), toJson(grafanaDashboard(ctx, n, proms[0], datasources[0]?.uid ?? 'prometheus')));
  const spec = mainService(ctx, n);
  Object.assign(spec.environment, { GF_SECURITY_ADMIN_USER: cr.user, GF_SECURITY_ADMIN_PASSWORD: cr.password, GF_USERS_ALLOW_SIGN_UP: 'false' });
  spec.binds.push({ source: cfg(n, 'provisioning'), target: '/etc/grafana/provisioning', readOnly: true }, { source: cfg(n, 'dashboards'), target: '/etc/grafana/dashboards', readOnly: true });
  spec.volumes.push({ name: dataVolume(n), target: '/var/lib/grafana' });
}

// ── Jaeger and the OpenTelemetry Collector ────────────────────────────────

function jaeger(ctx: StackContext, n: RNode): void {
  const rate = Math.min(100, Math.max(0, num(n.props, 'samplingPercent'))) / 100;
  const sampling = ctx.addFile(cfg(n, 'sampling.json'), toJson({ default_strategy: { type: 'probabilistic', param: rate } }));
  const spec = mainService(ctx, n);
  Object.assign(spec.environment, { COLLECTOR_OTLP_ENABLED: 'true', SAMPLING_STRATEGIES_FILE: '/etc/jaeger/sampling.json' });
  spec.binds.push({ source: sampling, target: '/etc/jaeger/sampling.json', readOnly: true });
}

export function otelConfig(ctx: StackContext, n: RNode): Record<string, unknown> {
  const exporters: Record<string, unknown> = { debug: { verbosity: 'basic' } };
  const traceExporters = ['debug'];
  for (const e of ctx.edgesAt(n, ['otlp'])) {
    if (e.source !== n || e.sink === n || e.sink.kind.external) continue;
    const name = `otlp/${e.sink.id}`;
    if (name in exporters) continue;
    exporters[name] = { endpoint: `${e.sink.id}:4317`, tls: { insecure: true } };
    traceExporters.push(name);
  }
  exporters.prometheus = { endpoint: `0.0.0.0:${n.kind.metricsPort ?? 8889}` };
  const processors = ['memory_limiter', 'batch'];
  return {
    receivers: { otlp: { protocols: { grpc: { endpoint: '0.0.0.0:4317' }, http: { endpoint: '0.0.0.0:4318' } } } },
    processors: { memory_limiter: { check_interval: '1s', limit_mib: 400 }, batch: { send_batch_size: num(n.props, 'batchSize') || 8192, timeout: '5s' } },
    exporters,
    extensions: { health_check: { endpoint: '0.0.0.0:13133' } },
    service: {
      extensions: ['health_check'],
      pipelines: {
        traces: { receivers: ['otlp'], processors, exporters: traceExporters },
        metrics: { receivers: ['otlp'], processors, exporters: ['prometheus'] },
        logs: { receivers: ['otlp'], processors, exporters: ['debug'] },
      },
    },
  };
}

function otelCollector(ctx: StackContext, n: RNode): void {
  const file = ctx.addFile(cfg(n, 'config.yaml'), toYaml(otelConfig(ctx, n), ` OpenTelemetry Collector ${n.id}, generated by Topoforge.`));
  const spec = mainService(ctx, n, { command: ['--config=/etc/otelcol-contrib/config.yaml'] });
  spec.binds.push({ source: file, target: '/etc/otelcol-contrib/config.yaml', readOnly: true });
}

export const OBSERVABILITY_HANDLERS: Record<string, (ctx: StackContext, n: RNode) => void> = {
  prometheus,
  grafana,
  jaeger,
  'otel-collector': otelCollector,
};
