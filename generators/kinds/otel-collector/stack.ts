import type { StackFacet } from '../types';
import type { RNode, StackContext } from '../../stack/context';
import type { Component, ResolvedDesign } from '../../../shared/resolve';
import { scrapesOf } from '../../stack/observability';
import { toYaml } from '../../stack/text';
import { cfg, mainService } from '../../stack/base';
import { num } from '../../../shared/resolve/props';
import type { OtlpIn, OtlpSignal } from '../../../shared/catalog';
import { collectorKafka } from './kafka';
import { ofStore, searchExporter, searchSinks } from './search';
import { clientEnvironment } from '../env';
import { mergeEnv } from '../../stack/wiring';

/**
 * The collector's exporter to one receiver, as the receiver's catalog entry says it takes OTLP:
 * gRPC with traces by default (a trace store, another collector), OTLP/HTTP under its path with
 * only its signals otherwise (Loki: logs at `/otlp`).
 */
export function otlpExporter(into: OtlpIn | undefined, host: string, port: number, service: string): { name: string; config: Record<string, unknown>; signals: readonly OtlpSignal[] } {
  if (into?.transport === 'http') return { name: `otlphttp/${service}`, config: { endpoint: `http://${host}:${port}${into.path ?? ''}`, tls: { insecure: true } }, signals: into.signals };
  return { name: `otlp/${service}`, config: { endpoint: `${host}:${port}`, tls: { insecure: true } }, signals: into?.signals ?? ['traces'] };
}

/**
 * The OpenTelemetry Collector: receives OTLP, sends traces to each trace store or collector it is
 * drawn to (from the model's trace pipes), and serves on :8889 (its scrape endpoint) the metrics it
 * receives together with its own (otelcol_*), which it scrapes from its internal telemetry on :8888.
 * Traces also travel through Kafka where it is drawn to or from one (./kafka.ts); logs go into a
 * search store drawn from it (./search.ts). The compose stack
 * and Kubernetes both run this config; only Kafka's authentication differs (none inside the stack,
 * where Kafka has none; a SCRAM user on Kubernetes).
 */
export function collectorConfig(resolved: ResolvedDesign, n: Component, kafkaAuth: (broker: Component) => Record<string, unknown> | undefined): Record<string, unknown> {
  const exporters: Record<string, unknown> = { debug: { verbosity: 'basic' } };
  const to: Record<OtlpSignal, string[]> = { traces: ['debug'], metrics: ['prometheus'], logs: ['debug'] };
  for (const t of resolved.observability.traces) {
    if (t.sender !== n || t.receiver === n || !t.receiver.containerised) continue;
    const out = otlpExporter(t.receiver.kind.otlpIn, t.flow.host ?? t.receiver.service, t.flow.port ?? 4317, t.receiver.service);
    if (out.name in exporters) continue;
    exporters[out.name] = out.config;
    for (const sig of out.signals) to[sig].push(out.name);
  }
  const kafka = collectorKafka(resolved, n, kafkaAuth);
  Object.assign(exporters, kafka.exporters);
  to.traces.push(...Object.keys(kafka.exporters));
  const extensions: Record<string, unknown> = { health_check: { endpoint: '0.0.0.0:13133' } };
  for (const sink of searchSinks(n)) {
    const { exporter, extension } = searchExporter(sink);
    exporters[sink.exporter] = exporter;
    extensions[sink.extension] = extension;
    to.logs.push(sink.exporter);
  }
  exporters.prometheus = { endpoint: `0.0.0.0:${n.kind.metricsPort ?? 8889}` };
  const processors = ['memory_limiter', 'batch'];
  return {
    receivers: {
      otlp: { protocols: { grpc: { endpoint: '0.0.0.0:4317' }, http: { endpoint: '0.0.0.0:4318' } } },
      ...kafka.receivers,
      // Its own telemetry, and every target the model has it scrape (drawn target → collector
      // over metrics), each as its job, as Prometheus would scrape it.
      prometheus: {
        config: {
          scrape_configs: [
            { job_name: 'otel-collector', scrape_interval: '15s', static_configs: [{ targets: ['127.0.0.1:8888'] }] },
            ...scrapesOf(resolved, n).map((t) => ({ job_name: t.job, scrape_interval: '15s', metrics_path: t.path, static_configs: [{ targets: [`${t.service}:${t.port}`], labels: { component: t.target.service, kind: t.target.kind.id } }] })),
          ],
        },
      },
    },
    processors: { memory_limiter: { check_interval: '1s', limit_mib: 400 }, batch: { send_batch_size: num(n.props, 'batchSize') || 8192, timeout: '5s' } },
    exporters,
    extensions,
    service: {
      extensions: Object.keys(extensions),
      telemetry: { metrics: { address: '127.0.0.1:8888' } },
      pipelines: {
        traces: { receivers: ['otlp', ...Object.keys(kafka.receivers)], processors, exporters: to.traces },
        metrics: { receivers: ['otlp', 'prometheus'], processors, exporters: to.metrics },
        logs: { receivers: ['otlp'], processors, exporters: to.logs },
      },
    },
  };
}

function otelCollector(ctx: StackContext, n: RNode): void {
  const file = ctx.addFile(cfg(n, 'config.yaml'), toYaml(collectorConfig(ctx.resolved, n, () => undefined), ` OpenTelemetry Collector ${n.service}, generated by Topoforge.`));
  const spec = mainService(ctx, n, { command: ['--config=/etc/otelcol-contrib/config.yaml'] });
  spec.binds.push({ source: file, target: '/etc/otelcol-contrib/config.yaml', readOnly: true });
  // The address and credentials of each search store it writes to, which its config reads.
  const sinks = searchSinks(n);
  if (sinks.length > 0) mergeEnv(spec, Object.fromEntries(Object.entries(clientEnvironment(ctx.resolved, n)).filter(([k]) => sinks.some((s) => ofStore(s, k)))));
}

export const stack: StackFacet = {
  services: otelCollector,
  exporter: null,
  requestMetrics: null,
  outside: null,
};
