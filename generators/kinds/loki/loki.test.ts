import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validate } from '../../../shared/validation';
import { resolve } from '../../../shared/resolve';
import { generateKubernetes } from '../../k8s';
import { bundle, design } from '../../stack/testkit';
import { importComposeModel } from '../../interop/compose';

/** A value inside parsed YAML, by path: `at(cfg, 'server', 'http_listen_port')`. */
function at(o: unknown, ...path: Array<string | number>): unknown {
  return path.reduce<unknown>((x, k) => (typeof x === 'object' && x !== null ? (x as Record<string | number, unknown>)[k] : undefined), o);
}

/** Loki as its documented connections draw it: a collector and a service send logs, Prometheus scrapes it, Grafana reads it. */
const doc = design(
  [
    { id: 'api', kind: 'rest-service', label: 'Orders API' },
    { id: 'otel', kind: 'otel-collector' },
    { id: 'traces', kind: 'jaeger' },
    { id: 'logs', kind: 'loki', label: 'Logs', props: { retentionDays: 14 } },
    { id: 'prom', kind: 'prometheus' },
    { id: 'graf', kind: 'grafana' },
  ],
  [
    { from: 'api', to: 'otel', protocol: 'otlp', props: { signals: 'traces+metrics+logs' } },
    { from: 'api', to: 'logs', protocol: 'otlp' },
    { from: 'otel', to: 'traces', protocol: 'otlp' },
    { from: 'otel', to: 'logs', protocol: 'otlp', props: { signals: 'traces+metrics+logs' } },
    { from: 'logs', to: 'prom', protocol: 'metrics' },
    { from: 'prom', to: 'graf', protocol: 'metrics' },
    { from: 'logs', to: 'graf', protocol: 'http' },
  ],
);

describe('loki', () => {
  it('draws with its documented connections without errors', () => {
    expect(validate(doc).filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('runs the pinned image with its generated config, local storage on a volume and a /ready health check', () => {
    const b = bundle(doc);
    const s = b.compose.services.logs!;
    expect(s.image).toBe('grafana/loki:3.2.1');
    expect(s.command).toEqual(['-config.file=/etc/loki/loki.yaml']);
    expect(s.volumes).toEqual(['./config/logs/loki.yaml:/etc/loki/loki.yaml:ro', 'logs-data:/loki']);
    expect(s.healthcheck?.test.join(' ')).toContain('http://127.0.0.1:3100/ready');
    expect(b.compose.volumes).toHaveProperty('logs-data');
    expect(b.yaml('config/logs/loki.yaml')).toMatchObject({
      auth_enabled: false,
      server: { http_listen_port: 3100 },
      common: { path_prefix: '/loki', replication_factor: 1, storage: { filesystem: { chunks_directory: '/loki/chunks' } } },
      schema_config: { configs: [{ store: 'tsdb', object_store: 'filesystem', schema: 'v13' }] },
      limits_config: { retention_period: '336h', allow_structured_metadata: true },
      compactor: { retention_enabled: true, delete_request_store: 'filesystem' },
    });
  });

  it('gives a service the OTLP/HTTP logs endpoint only, beside its collector endpoint', () => {
    const env = bundle(doc).compose.services['orders-api']!.environment!;
    expect(env).toMatchObject({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel:4317',
      OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: 'http://logs:3100/otlp/v1/logs',
      OTEL_EXPORTER_OTLP_LOGS_PROTOCOL: 'http/protobuf',
      OTEL_LOGS_EXPORTER: 'otlp',
    });
    expect(env).not.toHaveProperty('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  });

  it('is where the collector exports logs (otlphttp to /otlp), not traces', () => {
    const cfg = bundle(doc).yaml('config/otel/config.yaml');
    expect(at(cfg, 'exporters', 'otlphttp/logs')).toEqual({ endpoint: 'http://logs:3100/otlp', tls: { insecure: true } });
    expect(at(cfg, 'service', 'pipelines', 'logs', 'exporters')).toContain('otlphttp/logs');
    expect(at(cfg, 'service', 'pipelines', 'traces', 'exporters')).toEqual(['debug', 'otlp/traces']);
    expect(at(cfg, 'service', 'pipelines', 'metrics', 'exporters')).toEqual(['prometheus']);
  });

  it('is scraped by Prometheus on /metrics and is a Grafana data source of type loki', () => {
    const b = bundle(doc);
    const jobs = b.yaml<{ scrape_configs: Array<{ job_name: string; metrics_path: string; static_configs: Array<{ targets: string[] }> }> }>('config/prom/prometheus.yml').scrape_configs;
    expect(jobs.find((j) => j.job_name === 'logs')).toMatchObject({ metrics_path: '/metrics', static_configs: [{ targets: ['logs:3100'] }] });
    const ds = b.yaml<{ datasources: Array<Record<string, unknown>> }>('config/graf/provisioning/datasources/datasources.yml').datasources;
    expect(ds.find((d) => d.uid === 'logs')).toMatchObject({ type: 'loki', url: 'http://logs:3100' });
    expect(b.compose.services.graf!.environment).not.toHaveProperty('LOGS_URL');
  });

  it('reads in the model as a log store receiving logs, not traces', () => {
    const r = resolve(doc);
    const into = r.observability.traces.filter((t) => t.receiver.id === 'logs');
    expect(into.map((t) => [t.sender.id, t.signals])).toEqual([['api', 'logs'], ['otel', 'logs']]);
  });

  it('runs on Kubernetes as a StatefulSet with its config and a claim, and its senders get the logs endpoint', () => {
    const docs = generateKubernetes(doc)
      .filter((f) => f.path.endsWith('.yaml'))
      .flatMap((f) => f.content.split(/^---$/m).map((d) => parse(d) as unknown))
      .filter(Boolean);
    const find = (kind: string, name: string) => docs.find((d) => at(d, 'kind') === kind && at(d, 'metadata', 'name') === name);
    const sts = find('StatefulSet', 'logs');
    const main = at(sts, 'spec', 'template', 'spec', 'containers', 0);
    expect(main).toMatchObject({ image: 'grafana/loki:3.2.1', args: ['-config.file=/etc/loki/loki.yaml'], readinessProbe: { httpGet: { path: '/ready', port: 3100 } } });
    expect(at(sts, 'spec', 'volumeClaimTemplates', 0, 'metadata', 'name')).toBe('data');
    expect(at(parse(String(at(find('ConfigMap', 'logs-config'), 'data', 'loki.yaml'))), 'common', 'path_prefix')).toBe('/loki');
    expect(at(find('ConfigMap', 'orders-api-env'), 'data')).toMatchObject({ OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: 'http://logs:3100/otlp/v1/logs', OTEL_EXPORTER_OTLP_LOGS_PROTOCOL: 'http/protobuf', OTEL_LOGS_EXPORTER: 'otlp' });
    const oc = parse(String(at(find('ConfigMap', 'otel-config'), 'data', 'config.yaml'))) as unknown;
    // The same pipelines as in the compose stack.
    expect(at(oc, 'service', 'pipelines', 'logs', 'exporters')).toEqual(['debug', 'otlphttp/logs']);
    expect(at(oc, 'exporters', 'otlphttp/logs', 'endpoint')).toBe('http://logs:3100/otlp');
  });

  it('is what a docker-compose Loki imports as (no longer the closest kind, Elasticsearch)', () => {
    const { doc: imported, diagnostics } = importComposeModel(`
services:
  loki:
    image: grafana/loki:2.9.4
    command: -config.file=/etc/loki/local-config.yaml
  logstore:
    image: docker.io/grafana/loki:3.2.1
    ports: ["3100:3100"]
  grafana:
    image: grafana/grafana:11.3.0
    depends_on: [loki]
`);
    expect(imported.nodes.filter((n) => n.kind === 'loki').map((n) => n.id).sort()).toEqual(['logstore', 'loki']);
    expect(diagnostics.filter((d) => d.code === 'TF603').map((d) => d.message)).toEqual([]);
  });
});
