
import type { RNode, ServiceSpec, StackContext } from './context';
import { sideService } from './base';
import { moduleOf } from '../kinds/registry';
import { num, str } from '../../shared/resolve/props';
import { fnv1a, oneLine } from './text';

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
    if (o === p || o.roles.includes('dashboard') || o.kind.external || out.includes(o)) continue;
    out.push(o);
  }
  return out;
}

/** Command and environment of an exporter sidecar (from the scraped kind's module). */
export interface ExporterSettings {
  command?: string[];
  environment: Record<string, string>;
}

/** The exporter sidecar of node `t`, created on first use (one per node, shared by every Prometheus). */
function exporterOf(ctx: StackContext, t: RNode): ServiceSpec | undefined {
  const ex = t.kind.exporter;
  if (!ex) return undefined;
  for (const s of ctx.services.values()) if (s.attachedTo === t.id && s.image === ex.image) return s;
  const settings = moduleOf(t).stack.exporter?.(ctx, t) ?? { environment: {} };
  return sideService(ctx, t, 'exporter', {
    description: `Prometheus exporter for ${t.id} (${ex.name})`,
    image: ex.image,
    ...(settings.command ? { command: settings.command } : {}),
    environment: settings.environment,
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

export interface Thresholds {
  errorRate: number;
  p95: number;
  p99: number;
  lag: number;
  dlq: number;
}

/** An alert rule as Prometheus reads it. */
export type AlertRule = Record<string, unknown>;

/** How a scraped component reports requests: metric selectors and the unit of its histogram (1000: seconds). */
export interface RequestMetrics {
  total: string;
  errors: string;
  bucket: string;
  unit: number;
}

export function thresholds(ctx: StackContext, p: RNode): Thresholds {
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

/** How a scraped component reports requests (from its kind's module). */
function requestMetrics(t: ScrapeTarget): RequestMetrics | undefined {
  return moduleOf(t.node).stack.requestMetrics?.(t.job) ?? undefined;
}

export function ruleName(prefix: string, id: string): string {
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
  for (const t of targets) msgRules.push(...(moduleOf(t.node).stack.alerts?.(ctx, t, th) ?? []));
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






