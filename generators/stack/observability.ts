import type { AlertRule as ModelRule, Component, ResolvedDesign, ScrapeTarget } from '../../shared/resolve';
import type { RNode, ServiceSpec, StackContext } from './context';
import { moduleOf } from '../kinds/registry';
import type { EnvValue } from '../kinds/env';
import { fnv1a, oneLine } from './text';

/**
 * What the observability kinds share, all read from the resolved model: the exporters the stack
 * runs beside scraped components, Prometheus' scrape jobs and alert rules (the model's rules,
 * written as PromQL), Grafana's dashboard.
 */

export type { ScrapeTarget };

/** Command and environment of an exporter sidecar (from the scraped kind's module). */
export interface ExporterSettings {
  command?: string[];
  environment: Record<string, EnvValue>;
}

/** Thresholds a scraper alerts on (from the model). */
export interface Thresholds {
  errorRatio: number;
  p95Ms: number;
  p99Ms: number;
  lag: number;
  deadLetters: number;
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

/** Whether `n` is scraped through an exporter beside it (which then needs a user of its own). */
export function scrapedThroughExporter(ctx: StackContext, n: RNode): boolean {
  return ctx.resolved.observability.scrapes.some((s) => s.target === n && s.via === 'exporter');
}

/**
 * The exporter sidecar of each component scraped through one (named as the model names it,
 * `<service>-exporter`), on the component's networks, started after it.
 */
export function addExporters(ctx: StackContext): void {
  for (const s of ctx.resolved.observability.scrapes) {
    if (s.via !== 'exporter' || ctx.services.has(s.service)) continue;
    const t = s.target;
    const ex = t.kind.exporter!;
    const settings = moduleOf(t).stack.exporter?.(ctx, t) ?? { environment: {} };
    ctx.addService({
      name: s.service,
      node: t.id,
      attachedTo: t.service,
      description: `Prometheus exporter for ${t.service} (${ex.name})`,
      image: ex.image,
      ...(settings.command ? { command: settings.command } : {}),
      environment: settings.environment,
      publishes: false,
      binds: [],
      volumes: [],
      needs: [{ service: t.service, condition: 'service_healthy' }],
    } satisfies ServiceSpec);
  }
}

/** The scrape targets of scraper `p`. */
export function scrapesOf(resolved: ResolvedDesign, p: Component): ScrapeTarget[] {
  return resolved.observability.scrapes.filter((s) => s.scraper === p);
}

/** `orders-api` → `OrdersApi`. */
export function ruleName(prefix: string, id: string): string {
  return `${prefix}${id.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase())}`;
}

/** How a scraped target reports requests (from its kind's module). */
export function requestMetrics(t: ScrapeTarget): RequestMetrics | undefined {
  return moduleOf(t.target).stack.requestMetrics?.(t.job) ?? undefined;
}

const alternatives = (names: readonly string[]) => names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\\\$&')).join('|');

/** A rule of the model as Prometheus writes it. */
function promRule(r: ModelRule): AlertRule | undefined {
  const t = r.target;
  const job = t ? `job=${JSON.stringify(t.job)}` : '';
  switch (r.kind) {
    case 'target-down':
      return { alert: r.name, expr: 'up == 0', for: r.for, labels: { severity: r.severity }, annotations: { summary: '{{ $labels.job }} is down', description: 'Prometheus could not scrape {{ $labels.instance }} for 2 minutes.' } };
    case 'error-rate':
    case 'latency-p95':
    case 'latency-p99': {
      const m = t ? requestMetrics(t) : undefined;
      if (!m) return undefined;
      if (r.kind === 'error-rate') {
        return { alert: r.name, expr: `sum(rate(${m.errors}[5m])) / clamp_min(sum(rate(${m.total}[5m])), 1e-9) > ${r.threshold}`, for: r.for, labels: { severity: r.severity, service: t!.job }, annotations: { summary: `${t!.job}: more than ${Number((r.threshold * 100).toFixed(4))}% of requests fail`, description: 'Share of 5xx responses over 5 minutes.' } };
      }
      const q = r.kind === 'latency-p95' ? 0.95 : 0.99;
      const limit = Number((r.threshold / m.unit).toFixed(6));
      return { alert: r.name, expr: `histogram_quantile(${q}, sum by (le) (rate(${m.bucket}[5m]))) > ${limit}`, for: r.for, labels: { severity: r.severity, service: t!.job }, annotations: { summary: `${t!.job}: p${q * 100} latency above ${r.threshold} ms` } };
    }
    case 'consumer-lag':
      return { alert: r.name, expr: `sum by (consumergroup, topic) (kafka_consumergroup_lag{${job}}) > ${r.threshold}`, for: r.for, labels: { severity: r.severity, broker: t!.job }, annotations: { summary: 'Consumer group {{ $labels.consumergroup }} is {{ $value }} records behind on {{ $labels.topic }}' } };
    case 'queue-backlog':
      return { alert: r.name, expr: `sum by (queue) (rabbitmq_queue_messages_ready{${job},queue=~"${alternatives(r.channels)}"}) > ${r.threshold}`, for: r.for, labels: { severity: r.severity, broker: t!.job }, annotations: { summary: 'Queue {{ $labels.queue }} has {{ $value }} messages waiting' } };
    case 'dead-letters':
      if (r.family === 'kafka_topic_partition_current_offset') {
        const sel = `${job},topic=~"${alternatives(r.channels)}"`;
        return { alert: r.name, expr: `sum by (topic) (kafka_topic_partition_current_offset{${sel}} - kafka_topic_partition_oldest_offset{${sel}}) > ${r.threshold}`, for: r.for, labels: { severity: r.severity, broker: t!.job }, annotations: { summary: 'Dead-letter topic {{ $labels.topic }} holds {{ $value }} records' } };
      }
      return { alert: r.name, expr: `sum by (queue) (${r.family}{${job},queue=~"${alternatives(r.channels)}"}) > ${r.threshold}`, for: r.for, labels: { severity: r.severity, broker: t!.job }, annotations: { summary: 'Dead-letter queue {{ $labels.queue }} holds {{ $value }} messages' } };
    default:
      return undefined;
  }
}

/** The alert rules of scraper `p`, grouped as Prometheus reads them. */
export function alertRules(ctx: StackContext, p: RNode): Record<string, unknown> {
  const rules = ctx.resolved.observability.alerts.filter((r) => r.scraper === p);
  const group = (name: string, kinds: readonly string[]) => ({ name, rules: rules.filter((r) => kinds.includes(r.kind)).map(promRule).filter((x): x is AlertRule => !!x) });
  const groups = [group('availability', ['target-down']), group('requests', ['error-rate', 'latency-p95', 'latency-p99']), group('messaging', ['consumer-lag', 'queue-backlog', 'dead-letters'])].filter((g) => g.rules.length > 0);
  // Prometheus wants at least one group; a scraper always has its own target.
  if (groups.length === 0) groups.push({ name: 'availability', rules: [promRule({ name: 'TargetDown', kind: 'target-down', scraper: p, family: 'up', threshold: 0, unit: 'targets', for: '2m', severity: 'critical', channels: [] })!] });
  return { groups };
}

/** Prometheus' own configuration: itself, then one job per component wired to it. */
export function prometheusConfig(ctx: StackContext, p: RNode, interval: string): Record<string, unknown> {
  const scrape: unknown[] = [{ job_name: p.service, static_configs: [{ targets: [`localhost:${p.listenPort}`] }] }];
  for (const t of scrapesOf(ctx.resolved, p)) {
    scrape.push({ job_name: t.job, metrics_path: t.path, static_configs: [{ targets: [`${t.service}:${t.port}`], labels: { component: t.target.service, kind: t.target.kind.id } }] });
  }
  return {
    global: { scrape_interval: interval, evaluation_interval: interval },
    rule_files: ['rules/*.yml'],
    scrape_configs: scrape,
  };
}

/**
 * Grafana's overview dashboard over the Prometheus data source `dsUid` (scraped by `prom`):
 * request panels for each target reporting requests, consumer lag and dead-letter depth when a
 * broker exporting them is scraped.
 */
export function grafanaDashboard(ctx: StackContext, g: RNode, prom: Component | undefined, dsUid: string | undefined, title: string): Record<string, unknown> {
  const ds = { type: prom?.kind.dataSource?.type ?? 'prometheus', uid: dsUid ?? '' };
  const targets = prom ? scrapesOf(ctx.resolved, prom) : [];
  const families = new Set(targets.flatMap((t) => t.families));
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
  if (dsUid) {
    row('Overview');
    panel('Targets up', [{ expr: 'up', legend: '{{job}}' }], 'short', 0, 8);
    const broker: Array<{ expr: string; legend: string }> = [];
    if (families.has('kafka_consumergroup_lag')) panel('Consumer lag (records)', [{ expr: 'sum by (consumergroup, topic) (kafka_consumergroup_lag)', legend: '{{consumergroup}} {{topic}}' }], 'short', 8, 8);
    if (families.has('kafka_topic_partition_current_offset')) broker.push({ expr: 'sum by (topic) (kafka_topic_partition_current_offset{topic=~".+[.]dlt"} - kafka_topic_partition_oldest_offset{topic=~".+[.]dlt"})', legend: '{{topic}}' });
    if (families.has('rabbitmq_queue_messages')) broker.push({ expr: 'sum by (queue) (rabbitmq_queue_messages{queue=~".+[.]dlq"})', legend: '{{queue}}' });
    if (broker.length > 0) panel('Dead-letter depth', broker, 'short', 16, 8);
    y += 8;
    for (const t of targets) {
      const m = requestMetrics(t);
      if (!m) continue;
      row(`${t.job} (${t.target.kind.name})`);
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
  }
  return {
    uid: `topoforge-${fnv1a(`${ctx.doc.name}/${g.id}`).toString(16)}`,
    title: oneLine(title, 200) || 'Topoforge',
    tags: ['topoforge'],
    timezone: 'browser',
    schemaVersion: 39,
    version: 1,
    refresh: '30s',
    time: { from: 'now-1h', to: 'now' },
    panels,
  };
}
