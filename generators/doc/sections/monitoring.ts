import type { Resolver } from '../context';
import { components, filled, names, nodeName, num, open, plural, str } from '../context';
import { deadLetters, scrapes, traced } from '../facts';
import { andList, code, md } from '../markdown';

/** Monitoring and Observability: what is scraped, alerted, traced and shown. */

const noProm = (what: string) => open('no Prometheus in the design', `add Prometheus and connect components to it to decide ${what}`);

/** The alert rules Prometheus is set up with, in words. */
function alertRules(c: Parameters<Resolver>[0]): string[] {
  const s = scrapes(c)[0];
  if (!s) return [];
  const p = s.prometheus.props;
  const p99 = (num(p, 'latencyP99Ms') ?? 0) || (typeof c.req.latencyP99Ms === 'number' ? c.req.latencyP99Ms : 500);
  const p95 = (num(p, 'latencyP95Ms') ?? 0) || Math.round(p99 * 0.8);
  const rules = [`error rate above ${num(p, 'errorRatePercent')}% over 5 minutes`, `p95 latency above ${p95} ms`, `p99 latency above ${p99} ms`, 'a scrape target down'];
  if (s.targets.some((t) => t.node.kind === 'kafka')) rules.push(`consumer lag above ${num(p, 'consumerLagMax')} records`);
  if (deadLetters(c).length) rules.push(`dead-letter depth above ${num(p, 'deadLetterMax')}`);
  return rules;
}

export const monitoring: Record<string, Resolver> = {
  INTEGRATION_MONITORING: (c) => {
    const s = scrapes(c);
    if (!s.length) return noProm('monitoring');
    const targets = s.flatMap((x) => x.targets);
    return targets.length ? filled(`${andList(s.map((x) => nodeName(x.prometheus)))} scrapes ${plural(targets.length, 'component')}: ${andList(targets.map((t) => code(t.id)), 15)}`, 'Prometheus scraping') : open('Prometheus is in the design but nothing is connected to it', 'draw metrics connections from the components to Prometheus');
  },

  PERFORMANCE_METRICS: (c) => {
    const rules = alertRules(c);
    return rules.length ? filled('request rate, error rate, latency p95/p99' + (c.ofKind('kafka').length ? ', consumer lag' : '') + (deadLetters(c).length ? ', dead-letter depth' : ''), 'latency p95/p99, error rate, throughput') : noProm('performance metrics');
  },

  BUSINESS_METRICS: (c) => open('business KPIs are not part of the drawing', c.req.businessPurpose ? `name the KPIs of ${md(String(c.req.businessPurpose), 100)} (e.g. orders processed) and expose them from the services` : 'name the KPIs and expose them from the services'),

  HEALTH_CHECKS: (c) => {
    const run = c.nodes.filter((n) => n.kind && !n.kind.external);
    if (!run.length) return open('no containerised component', 'add components the stack runs');
    const http = run.filter((n) => str(n.props, 'healthPath'));
    return filled(`Compose health checks on ${plural(run.length, 'container')}${http.length ? `; HTTP GET ${andList(http.map((n) => `${md(str(n.props, 'healthPath'), 60)} on ${code(n.id)}`), 6)}` : ''}; dependents start once their dependencies are healthy`, 'liveness checks with dependency ordering');
  },

  DISTRIBUTED_TRACING: (c) => {
    const t = traced(c);
    return t.backends.length ? filled(`OTLP from ${t.senders.length ? andList(t.senders.map((n) => code(n.id)), 8) : 'the collector'} to ${components(t.backends)}`, names(t.backends, 2)) : open('no OTLP connection to a tracing backend', 'add Jaeger (or an OTel Collector) and draw OTLP connections from the services');
  },

  LOG_AGGREGATION: (c) => {
    const logs = c.edgesOf('otlp').filter((e) => str(e.props, 'signals').includes('logs'));
    return logs.length ? filled(`OTLP logs into ${andList([...new Set(logs.map((e) => code(e.to.id)))])}`, 'OTLP logs') : open('no log pipeline in the design', 'send logs over OTLP to a collector, or name the log platform in the requirements');
  },

  MONITORING_DASHBOARD_DESIGN: (c) => {
    const g = c.ofKind('grafana');
    if (!g.length) return open('no Grafana in the design', 'add Grafana and connect it to Prometheus');
    return filled(andList(g.map((n) => `dashboard “${md(str(n.props, 'dashboardTitle') || c.doc.name, 100)}” in ${code(n.id)}`)) + ' with panels for request rate, errors and latency' + (c.ofKind('kafka').length ? ', consumer lag' : ''), 'Grafana dashboards');
  },

  ALERTING_STRATEGY: (c) => {
    const rules = alertRules(c);
    return rules.length ? filled(`threshold alerts: ${andList(rules)}`, 'threshold-based') : noProm('alerting');
  },

  SLA_MONITORING: (c) => {
    if (!scrapes(c).length) return noProm('SLA monitoring');
    const parts: string[] = [];
    if (typeof c.req.latencyP99Ms === 'number') parts.push(`p99 latency against the ${c.req.latencyP99Ms} ms target`);
    if (typeof c.req.availability === 'string') parts.push(`availability against ${md(c.req.availability, 20)} (targets up)`);
    return parts.length ? filled(andList(parts), 'latency and availability SLAs') : open('no latency or availability target in the requirements', 'set them in the requirements');
  },

  MONITORING_CAPACITY_PLANNING: (c) => {
    const tps = c.req.throughputTps;
    if (typeof tps !== 'number') return open('no throughput target in the requirements', 'set the throughput requirement (TPS)');
    const parts = [`${tps.toLocaleString('en-US')} TPS required`];
    for (const k of c.ofKind('kafka')) parts.push(`${num(k.props, 'defaultPartitions')} partitions per topic cap consumer parallelism on ${code(k.id)}`);
    const scaled = c.nodes.filter((n) => (num(n.props, 'replicas') ?? 1) > 1);
    parts.push(scaled.length ? `replicas: ${andList(scaled.map((n) => `${code(n.id)} ×${num(n.props, 'replicas')}`), 8)}, the rest ×1` : 'every service runs one replica');
    return filled(parts.join('; '), `${tps.toLocaleString('en-US')} TPS`);
  },
};
