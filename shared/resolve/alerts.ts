import type { Requirements } from '../model/types';
import { num } from './props';
import type { AlertRule, BrokerPlan, Component, ScrapeTarget } from './types';

/**
 * The alert rules each scraper (Prometheus) evaluates, from what it scrapes: a rule is made only
 * when a scraped target exports the metric family the rule reads (the catalog's
 * `metricFamilies`), so that every rule can fire. Thresholds come from the scraper's settings and
 * the design's latency requirement. The stack writes these rules into `alerts.yml`; the document
 * states them.
 *
 * - `TargetDown` (the `up` series every scrape has), once per scraper with targets;
 * - per target exporting request metrics: error rate, p95 and p99 latency;
 * - per broker target: consumer lag (Kafka consumer groups), queue backlog (RabbitMQ), and
 *   dead-letter depth when the broker has dead-letter channels.
 */

/** Request counters and their latency histograms, by metric family (whatever the kind exporting them). */
const REQUEST_METRICS: ReadonlyArray<{ total: string; latency: string; unit: 's' | 'ms' }> = [
  { total: 'http_requests_total', latency: 'http_request_duration_seconds', unit: 's' },
  { total: 'kong_http_requests_total', latency: 'kong_request_latency_ms', unit: 'ms' },
  { total: 'envoy_cluster_upstream_rq_total', latency: 'envoy_cluster_upstream_rq_time', unit: 'ms' },
];

const CONSUMER_LAG = 'kafka_consumergroup_lag';
const TOPIC_OFFSETS = 'kafka_topic_partition_current_offset';
const QUEUE_READY = 'rabbitmq_queue_messages_ready';
const QUEUE_DEPTH = 'rabbitmq_queue_messages';

/** `orders-api` → `OrdersApi`. */
function pascal(service: string): string {
  return service.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase());
}

/** The thresholds a scraper alerts on. */
export function alertThresholds(scraper: Component, req: Requirements): { errorRatio: number; p95Ms: number; p99Ms: number; lag: number; deadLetters: number } {
  const budget = typeof req.latencyP99Ms === 'number' && Number.isFinite(req.latencyP99Ms) && req.latencyP99Ms > 0 ? Math.round(req.latencyP99Ms) : 0;
  const p99Ms = num(scraper.props, 'latencyP99Ms') || budget || 500;
  return {
    errorRatio: (num(scraper.props, 'errorRatePercent') || 5) / 100,
    p95Ms: num(scraper.props, 'latencyP95Ms') || Math.max(1, Math.round(p99Ms * 0.8)),
    p99Ms,
    lag: num(scraper.props, 'consumerLagMax'),
    deadLetters: num(scraper.props, 'deadLetterMax'),
  };
}

export function alertRules(scrapes: readonly ScrapeTarget[], messaging: readonly BrokerPlan[], req: Requirements): AlertRule[] {
  const out: AlertRule[] = [];
  const scrapers: Component[] = [];
  // Rules are evaluated by metrics stores (Prometheus); a telemetry pipeline that scrapes forwards what it scrapes.
  for (const s of scrapes) if (!scrapers.includes(s.scraper) && s.scraper.roles.includes('metrics-store')) scrapers.push(s.scraper);
  for (const scraper of scrapers) {
    const th = alertThresholds(scraper, req);
    const targets = scrapes.filter((s) => s.scraper === scraper);
    out.push({ name: 'TargetDown', kind: 'target-down', scraper, family: 'up', threshold: 0, unit: 'targets', for: '2m', severity: 'critical', channels: [] });
    for (const t of targets) {
      const m = REQUEST_METRICS.find((x) => t.families.includes(x.total) && t.families.includes(x.latency));
      if (!m) continue;
      const base = { scraper, target: t, channels: [] as string[] };
      out.push(
        { ...base, name: `HighErrorRate${pascal(t.job)}`, kind: 'error-rate', family: m.total, threshold: th.errorRatio, unit: 'ratio', for: '5m', severity: 'warning' },
        { ...base, name: `HighLatencyP95${pascal(t.job)}`, kind: 'latency-p95', family: m.latency, threshold: th.p95Ms, unit: 'ms', for: '5m', severity: 'warning' },
        { ...base, name: `HighLatencyP99${pascal(t.job)}`, kind: 'latency-p99', family: m.latency, threshold: th.p99Ms, unit: 'ms', for: '5m', severity: 'critical' },
      );
    }
    for (const t of targets) {
      const plans = messaging.filter((p) => p.broker === t.target);
      if (plans.length === 0) continue;
      const dead = plans.flatMap((p) => p.channels.filter((c) => c.role === 'dead-letter' && c.kind !== 'exchange').map((c) => c.name));
      const base = { scraper, target: t, severity: 'warning' as const };
      if (t.families.includes(CONSUMER_LAG) && plans.some((p) => p.protocol === 'kafka' && p.subscriptions.length > 0)) {
        out.push({ ...base, name: `ConsumerLag${pascal(t.job)}`, kind: 'consumer-lag', family: CONSUMER_LAG, threshold: th.lag, unit: 'records', for: '5m', channels: [] });
      }
      const queues = plans.flatMap((p) => p.channels.filter((c) => c.kind === 'queue' && c.role === 'main').map((c) => c.name));
      if (t.families.includes(QUEUE_READY) && queues.length > 0) {
        out.push({ ...base, name: `QueueBacklog${pascal(t.job)}`, kind: 'queue-backlog', family: QUEUE_READY, threshold: th.lag, unit: 'messages', for: '5m', channels: queues });
      }
      const depthFamily = t.families.includes(TOPIC_OFFSETS) ? TOPIC_OFFSETS : t.families.includes(QUEUE_DEPTH) ? QUEUE_DEPTH : undefined;
      if (depthFamily && dead.length > 0) {
        out.push({ ...base, name: `DeadLetters${pascal(t.job)}`, kind: 'dead-letters', family: depthFamily, threshold: th.deadLetters, unit: depthFamily === TOPIC_OFFSETS ? 'records' : 'messages', for: '1m', channels: dead });
      }
    }
  }
  return out;
}
