import type { Component, DataSource, Flow, Observability, ScrapeTarget, TracePipe } from './types';

/**
 * The observability wiring: what each scraper scrapes (a component's own endpoint or the
 * exporter the stack runs beside it), the data sources of each dashboard, and where OTLP goes.
 */
export function observabilityOf(components: readonly Component[], flows: readonly Flow[], notes: string[]): Omit<Observability, 'alerts'> {
  const scrapes: ScrapeTarget[] = [];
  const unscrapable: Array<{ scraper: Component; target: Component }> = [];
  const dataSources: DataSource[] = [];
  const traces: TracePipe[] = [];
  const exporters = exporterServices(components);
  for (const f of flows) {
    const { client, server } = f;
    if (!client || !server || client === server) continue;
    if (f.kind === 'scrape') {
      const target = server;
      if (!target.containerised || target.roles.includes('dashboard')) continue;
      if (scrapes.some((s) => s.scraper === client && s.target === target)) continue;
      const k = target.kind;
      if (k.metricsPath !== undefined) {
        scrapes.push({ scraper: client, target, flow: f, job: target.service, service: target.service, port: k.metricsPort ?? target.listenPort, path: k.metricsPath, via: 'native', families: k.metricFamilies ?? [] });
      } else if (k.exporter) {
        scrapes.push({ scraper: client, target, flow: f, job: target.service, service: exporters.get(target)!, port: k.exporter.port, path: '/metrics', via: 'exporter', families: k.metricFamilies ?? [] });
      } else {
        unscrapable.push({ scraper: client, target });
        notes.push(`\`${target.service}\` is wired to \`${client.service}\` but exposes no metrics and has no exporter; it is not scraped.`);
      }
    } else if (f.kind === 'datasource') {
      const ds = server.kind.dataSource;
      if (!ds || dataSources.some((d) => d.dashboard === client && d.source === server)) continue;
      const sql = f.protocol === 'sql' || ds.address === 'host-port';
      dataSources.push({ dashboard: client, source: server, flow: f, type: ds.type, uid: server.service, url: sql ? `${server.service}:${ds.port}` : `http://${server.service}:${ds.port}${ds.path ?? ''}` });
    } else if (f.kind === 'telemetry') {
      // A receiver that takes only some signals (Loki: logs) gets those, whatever the connection asks.
      const takes = f.sink.kind.otlpIn?.signals;
      traces.push({ sender: f.source, receiver: f.sink, flow: f, signals: takes ? takes.join('+') : typeof f.props.signals === 'string' ? f.props.signals : 'traces' });
    }
  }
  return { scrapes, unscrapable, dataSources, traces };
}

/** The service name of each component's exporter (`<service>-exporter`), unique among services. */
function exporterServices(components: readonly Component[]): Map<Component, string> {
  const taken = new Set(components.map((c) => c.service));
  const out = new Map<Component, string>();
  for (const c of components) {
    if (!c.kind.exporter || !c.containerised) continue;
    let name = `${c.service}-exporter`;
    for (let i = 2; taken.has(name); i++) name = `${c.service}-exporter-${i}`;
    taken.add(name);
    out.set(c, name);
  }
  return out;
}
