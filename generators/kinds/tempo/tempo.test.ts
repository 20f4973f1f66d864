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

/** Tempo as its documented connections draw it: a collector and a service send traces, Prometheus scrapes it, Grafana reads it. */
const doc = design(
  [
    { id: 'api', kind: 'rest-service', label: 'Orders API' },
    { id: 'otel', kind: 'otel-collector' },
    { id: 'traces', kind: 'tempo', label: 'Traces', props: { retentionHours: 48 } },
    { id: 'prom', kind: 'prometheus' },
    { id: 'graf', kind: 'grafana' },
  ],
  [
    { from: 'api', to: 'traces', protocol: 'otlp', props: { signals: 'traces+metrics+logs' } },
    { from: 'otel', to: 'traces', protocol: 'otlp', props: { signals: 'traces+metrics' } },
    { from: 'traces', to: 'prom', protocol: 'metrics' },
    { from: 'prom', to: 'graf', protocol: 'metrics' },
    { from: 'traces', to: 'graf', protocol: 'http' },
  ],
);

describe('tempo', () => {
  it('draws with its documented connections without errors', () => {
    expect(validate(doc).filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('runs the pinned image with its tempo.yaml, local storage on a volume and a /ready health check', () => {
    const b = bundle(doc);
    const s = b.compose.services.traces!;
    expect(s.image).toBe('grafana/tempo:2.6.1');
    expect(s.command).toEqual(['-config.file=/etc/tempo/tempo.yaml']);
    expect(s.volumes).toEqual(['./config/traces/tempo.yaml:/etc/tempo/tempo.yaml:ro', 'traces-data:/var/tempo']);
    expect(s.healthcheck?.test.join(' ')).toContain('http://127.0.0.1:3200/ready');
    expect(s.ports).toBeUndefined();
    expect(b.compose.volumes).toHaveProperty('traces-data');
    expect(b.yaml('config/traces/tempo.yaml')).toMatchObject({
      server: { http_listen_port: 3200 },
      distributor: { receivers: { otlp: { protocols: { grpc: { endpoint: '0.0.0.0:4317' }, http: { endpoint: '0.0.0.0:4318' } } } } },
      compactor: { compaction: { block_retention: '48h' } },
      storage: { trace: { backend: 'local', wal: { path: '/var/tempo/wal' }, local: { path: '/var/tempo/blocks' } } },
    });
  });

  it('gives a sender the OTLP gRPC traces endpoint only, whatever signals the connection asks', () => {
    const env = bundle(doc).compose.services['orders-api']!.environment!;
    expect(env).toMatchObject({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://traces:4317', OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'grpc', OTEL_TRACES_EXPORTER: 'otlp', OTEL_SERVICE_NAME: 'orders-api' });
    expect(env).not.toHaveProperty('OTEL_EXPORTER_OTLP_LOGS_ENDPOINT');
    expect(env).not.toHaveProperty('OTEL_EXPORTER_OTLP_ENDPOINT');
  });

  it('is where the collector exports traces over gRPC, and only traces', () => {
    const cfg = bundle(doc).yaml('config/otel/config.yaml');
    expect(at(cfg, 'exporters', 'otlp/traces')).toEqual({ endpoint: 'traces:4317', tls: { insecure: true } });
    expect(at(cfg, 'service', 'pipelines', 'traces', 'exporters')).toEqual(['debug', 'otlp/traces']);
    expect(at(cfg, 'service', 'pipelines', 'metrics', 'exporters')).toEqual(['prometheus']);
    expect(at(cfg, 'service', 'pipelines', 'logs', 'exporters')).toEqual(['debug']);
  });

  it('is scraped by Prometheus on its query port and is a Grafana data source of type tempo', () => {
    const b = bundle(doc);
    const jobs = b.yaml<{ scrape_configs: Array<{ job_name: string }> }>('config/prom/prometheus.yml').scrape_configs;
    expect(jobs.find((j) => j.job_name === 'traces')).toMatchObject({ metrics_path: '/metrics', static_configs: [{ targets: ['traces:3200'] }] });
    const ds = b.yaml<{ datasources: Array<Record<string, unknown>> }>('config/graf/provisioning/datasources/datasources.yml').datasources;
    expect(ds.find((d) => d.uid === 'traces')).toMatchObject({ type: 'tempo', url: 'http://traces:3200' });
    expect(Object.keys(b.compose.services.graf!.environment!).filter((k) => k.startsWith('OTEL_'))).toEqual([]);
  });

  it('reads in the model as a trace store receiving traces', () => {
    const r = resolve(doc);
    expect(r.observability.traces.filter((t) => t.receiver.id === 'traces').map((t) => [t.sender.id, t.signals])).toEqual([['api', 'traces'], ['otel', 'traces']]);
    expect(r.observability.dataSources.map((d) => [d.uid, d.type])).toContainEqual(['traces', 'tempo']);
  });

  it('runs on Kubernetes as a StatefulSet with its config and a claim, and its senders get the traces endpoint', () => {
    const docs = generateKubernetes(doc)
      .filter((f) => f.path.endsWith('.yaml'))
      .flatMap((f) => f.content.split(/^---$/m).map((d) => parse(d) as unknown))
      .filter(Boolean);
    const find = (kind: string, name: string) => docs.find((d) => at(d, 'kind') === kind && at(d, 'metadata', 'name') === name);
    const sts = find('StatefulSet', 'traces');
    expect(at(sts, 'spec', 'template', 'spec', 'containers', 0)).toMatchObject({ image: 'grafana/tempo:2.6.1', args: ['-config.file=/etc/tempo/tempo.yaml'], readinessProbe: { httpGet: { path: '/ready', port: 3200 } } });
    expect(at(sts, 'spec', 'volumeClaimTemplates', 0, 'metadata', 'name')).toBe('data');
    expect(at(parse(String(at(find('ConfigMap', 'traces-config'), 'data', 'tempo.yaml'))), 'storage', 'trace', 'backend')).toBe('local');
    const ports = at(find('Service', 'traces'), 'spec', 'ports') as Array<{ port: number }>;
    expect(ports.map((p) => p.port)).toEqual(expect.arrayContaining([3200, 4317, 4318]));
    expect(at(find('ConfigMap', 'orders-api-env'), 'data')).toMatchObject({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://traces:4317', OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'grpc', OTEL_TRACES_EXPORTER: 'otlp' });
    const oc = parse(String(at(find('ConfigMap', 'otel-config'), 'data', 'config.yaml'))) as unknown;
    // The same pipelines as in the compose stack.
    expect(at(oc, 'service', 'pipelines', 'traces', 'exporters')).toEqual(['debug', 'otlp/traces']);
    expect(at(oc, 'exporters', 'otlp/traces', 'endpoint')).toBe('traces:4317');
  });

  it('is what a docker-compose Tempo imports as (no longer the closest kind, Jaeger)', () => {
    const { doc: imported, diagnostics } = importComposeModel(`
services:
  tempo:
    image: grafana/tempo:2.4.1
    command: [ "-config.file=/etc/tempo.yaml" ]
  grafana:
    image: grafana/grafana:11.3.0
    depends_on: [tempo]
`);
    expect(imported.nodes.filter((n) => n.kind === 'tempo').map((n) => n.id)).toEqual(['tempo']);
    expect(diagnostics.filter((d) => d.code === 'TF603').map((d) => d.message)).toEqual([]);
  });
});
