import type { Claim, Section } from '../answer';
import { fact, open } from '../answer';
import type { Ctx } from '../context';
import { count, name, names, plural, svc, svcs, uniq } from '../context';
import { alertClaim, alertPhrase, scrapers } from '../facts';
import { andList, code, literal, md } from '../markdown';
import { searchSinks } from '../../kinds/otel-collector/search';

/** Monitoring and Observability: what is scraped, alerted, traced and shown, from the model's wiring. */

const noScraper = () => open('nothing is scraped', { value: 'end-to-end monitoring', because: 'add Prometheus and wire the components to it: the stack provisions the scrape jobs and alerts' });

/** Every alert rule as "`Name`: phrase", with claims. */
export function alertList(c: Ctx): { text: string; claims: Claim[] } {
  const rules = c.r.observability.alerts;
  const claims = rules.map((a) => alertClaim(a, `\`${a.name}\``));
  return { text: andList(rules.map((a) => `\`${a.name}\` (${alertPhrase(a)})`), 40), claims };
}

export const monitoring: Section = {
  title: 'Monitoring and Observability',
  unused: (c) => (c.has('metrics-store') || c.has('trace-store') || c.has('telemetry-pipeline') || c.has('dashboard') || c.has('log-store') ? undefined : 'nothing is monitored: no metrics store, tracing or dashboard is drawn (drawn and wired, the stack provisions their scrape jobs, alert rules and dashboards)'),
  fields: {
    INTEGRATION_MONITORING: (c) => {
      const s = scrapers(c);
      if (!s.length) return noScraper();
      const scrapes = c.r.observability.scrapes;
      if (!scrapes.length) return open(`${svcs(s.map((x) => x.scraper))} ${s.length === 1 ? 'is' : 'are'} drawn but nothing is wired to ${s.length === 1 ? 'it' : 'them'}`);
      const claims: Claim[] = scrapes.map((x) => ({ type: 'scrape', text: code(x.job), scraper: x.scraper.service, job: x.job, address: `${x.service}:${x.port}` }));
      const parts = s.filter((x) => x.targets.length).map((x) => `${name(x.scraper)} scrapes ${plural(x.targets.length, 'component')}: ${andList(scrapes.filter((y) => y.scraper === x.scraper).map((y) => `${code(y.job)}${y.via === 'exporter' ? ` (through ${code(y.service)})` : ''}`), 15)}`);
      const skipped = c.r.observability.unscrapable;
      if (skipped.length) parts.push(`${svcs(skipped.map((x) => x.target))} ${skipped.length === 1 ? 'exposes' : 'expose'} no metrics and ${skipped.length === 1 ? 'is' : 'are'} not scraped`);
      return fact(parts.join('; '), { short: 'Prometheus scraping', claims });
    },

    PERFORMANCE_METRICS: (c) => {
      const rules = c.r.observability.alerts;
      if (!rules.length) return noScraper();
      const kinds = uniq(rules.map((a) => a.kind));
      const words: Record<string, string> = { 'target-down': 'availability of every target', 'error-rate': 'error rate', 'latency-p95': 'latency p95', 'latency-p99': 'latency p99', 'consumer-lag': 'consumer lag', 'queue-backlog': 'queue backlog', 'dead-letters': 'dead-letter depth' };
      const fams = uniq(rules.filter((a) => a.target).map((a) => a.family));
      return fact(`${andList(kinds.map((k) => words[k]!))}${fams.length ? `, from ${andList(fams.map(code), 8)}` : ''}`, { short: andList(kinds.map((k) => words[k]!)) });
    },

    BUSINESS_METRICS: (c) => open('business KPIs are not part of the drawing', { value: c.reqText('businessPurpose') ? 'orders processed' : 'data freshness', because: 'name the KPI the business watches and expose it from the services' }),

    HEALTH_CHECKS: (c) => {
      const run = c.containers().filter((x) => x.healthcheck || x.roles.includes('built'));
      if (!run.length) return open('nothing the stack runs is drawn');
      const http = c.containers().filter((x) => x.roles.includes('built') && typeof x.props.healthPath === 'string');
      const paths = uniq(http.map((x) => String(x.props.healthPath)));
      const byPath = paths.map((p) => `${md(p, 60)} on ${svcs(http.filter((x) => x.props.healthPath === p), 8)}`);
      return fact(`every container has a health check (${plural(run.length, 'container')})${http.length ? `; the services answer HTTP GET ${byPath.join(', and ')}` : ''}; a component starts once what it depends on is healthy`, { short: 'liveness checks with dependency ordering' });
    },

    DISTRIBUTED_TRACING: (c) => {
      const t = c.r.observability.traces.filter((x) => x.signals.includes('traces'));
      if (!t.length) return open('no OTLP connection is drawn', c.has('trace-store') ? { value: 'Jaeger', because: `${svcs(c.withRole('trace-store'))} is drawn: wire the services to it over OTLP` } : { value: 'Jaeger', because: 'in the catalog, with its UI' });
      const stores = c.withRole('trace-store');
      return fact(`OTLP from ${svcs(uniq(t.map((x) => x.sender)), 8)} to ${svcs(uniq(t.map((x) => x.receiver)))}${stores.length ? `; traces kept in ${names(stores)}` : ''}`, { short: stores.length ? andList(stores.map((x) => md(x.kind.name))) : 'OpenTelemetry' });
    },

    LOG_AGGREGATION: (c) => {
      const logs = c.r.observability.traces.filter((t) => t.signals.includes('logs'));
      const stores = c.withRole('log-store');
      // A log pipeline drawn into a search store (Logstash → Elasticsearch) indexes its logs there.
      const indexed = c.withRole('telemetry-pipeline').flatMap((p) => searchSinks(p));
      const parts = [
        ...(logs.length ? [`OTLP logs from ${svcs(uniq(logs.map((t) => t.sender)))} into ${svcs(uniq(logs.map((t) => t.receiver)))}`] : []),
        ...(indexed.length ? [`logs indexed by ${svcs(uniq(indexed.map((s) => s.flow.client!)))} into ${svcs(uniq(indexed.map((s) => s.store)))}`] : []),
        ...(stores.length ? [`logs kept in ${names(stores)}`] : []),
      ];
      if (parts.length) return fact(parts.join('; '), { short: indexed.length && !logs.length ? 'ELK Stack' : 'OTLP logs' });
      return open('no log pipeline is drawn: each container logs to its standard output', { value: 'ELK Stack', because: 'Elasticsearch is in the catalog' });
    },

    MONITORING_DASHBOARD_DESIGN: (c) => {
      const ds = c.r.observability.dataSources;
      const dash = uniq(ds.map((d) => d.dashboard));
      if (!dash.length) return open('no dashboard is wired to a data source', c.has('dashboard') ? { value: 'Grafana dashboards', because: `${svcs(c.withRole('dashboard'))} is drawn: wire it to Prometheus` } : { value: 'Grafana dashboards', because: 'in the catalog; the stack provisions one' });
      return fact(andList(dash.map((g) => `${name(g)} with the data sources ${andList(ds.filter((d) => d.dashboard === g).map((d) => `${code(d.uid)} (${d.type})`))}${c.facet(g).dashboardTitle?.(g) ? ` and the dashboard “${md(c.facet(g).dashboardTitle!(g), 100)}”` : ''}`)), { short: 'Grafana dashboards' });
    },

    ALERTING_STRATEGY: (c) => {
      const rules = c.r.observability.alerts;
      if (!rules.length) return noScraper();
      const a = alertList(c);
      return fact(`threshold alerts: ${a.text}`, { short: 'threshold-based', claims: a.claims });
    },

    SLA_MONITORING: (c) => {
      const p99 = c.reqNumber('latencyP99Ms');
      const avail = c.reqText('availability');
      const rules = c.r.observability.alerts;
      if (!rules.length) return noScraper();
      const parts: string[] = [];
      const lat = rules.filter((a) => a.kind === 'latency-p99');
      if (p99 !== undefined && lat.length) parts.push(`p99 latency against the ${count(p99)} ms target (${andList(lat.map((a) => literal(a.name)), 4)})`);
      if (avail) parts.push(`availability against ${md(avail, 20)} (\`TargetDown\`)`);
      return parts.length ? fact(andList(parts), { short: 'latency and availability SLAs', claims: [...lat, ...rules.filter((a) => a.kind === 'target-down')].map((a) => alertClaim(a, literal(a.name))) }) : open('no latency or availability target is set', { value: 'latency SLAs', because: 'the p99 alerts already measure it' });
    },

    MONITORING_CAPACITY_PLANNING: (c) => {
      const tps = c.reqNumber('throughputTps');
      if (tps === undefined) return open('no throughput target is set', { value: 'traffic forecasting', because: 'capacity follows the expected load' });
      const parts = [`${count(tps)} transactions per second to carry`];
      for (const p of c.plans()) {
        const parts2 = uniq(p.channels.filter((x) => x.role === 'main' && x.partitions).map((x) => x.partitions!));
        if (parts2.length) parts.push(`${andList(parts2.map(String))} partitions per topic bound the consumers’ parallelism on ${svc(p.broker)}`);
      }
      const scaled = c.r.components.filter((x) => typeof x.props.replicas === 'number' && x.props.replicas > 1);
      parts.push(scaled.length ? `replicas: ${andList(scaled.map((x) => `${svc(x)} ×${String(x.props.replicas)}`), 8)}, the rest ×1` : 'every service runs one replica');
      return fact(parts.join('; '), { short: `${count(tps)} TPS` });
    },
  },
};
