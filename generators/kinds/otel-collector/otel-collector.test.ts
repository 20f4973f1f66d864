import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { validate } from '../../../shared/validation';
import { generateIntegrationDoc } from '../../doc';
import { generateKubernetes } from '../../k8s';
import { bundle, design } from '../../stack/testkit';

/** A value inside parsed YAML, by path. */
function at(o: unknown, ...path: Array<string | number>): unknown {
  return path.reduce<unknown>((x, k) => (typeof x === 'object' && x !== null ? (x as Record<string | number, unknown>)[k] : undefined), o);
}

/** Telemetry over Kafka as people draw it: an edge collector writes to Kafka, a central one reads it and sends traces on. */
const doc = design(
  [
    { id: 'api', kind: 'rest-service', label: 'Orders API' },
    { id: 'edge', kind: 'otel-collector', label: 'Edge collector' },
    { id: 'bus', kind: 'kafka', label: 'Telemetry bus' },
    { id: 'central', kind: 'otel-collector', label: 'Central collector' },
    { id: 'traces', kind: 'jaeger', label: 'Traces' },
  ],
  [
    { from: 'api', to: 'edge', protocol: 'otlp' },
    { from: 'edge', to: 'bus', protocol: 'kafka' },
    { from: 'bus', to: 'central', protocol: 'kafka' },
    { from: 'central', to: 'traces', protocol: 'otlp' },
  ],
);

describe('otel-collector: traces through Kafka', () => {
  it('draws collector → Kafka → collector without errors or warnings about unread messages', () => {
    const found = validate(doc).filter((d) => d.severity !== 'info');
    expect(found).toEqual([]);
  });

  it('writes traces to the topic Kafka creates, and reads them from it on the other side, in the traces pipelines', () => {
    const b = bundle(doc);
    const topics = b.file('config/bus/topics.txt').split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(' ')[0]);
    const edge = b.yaml('config/edge/config.yaml');
    const out = at(edge, 'exporters', 'kafka/telemetry-bus') as Record<string, unknown>;
    expect(out).toMatchObject({ brokers: ['telemetry-bus:19092'], protocol_version: '2.1.0', encoding: 'otlp_proto' });
    expect(topics).toContain(out.topic);
    expect(at(edge, 'service', 'pipelines', 'traces', 'exporters')).toContain('kafka/telemetry-bus');

    const central = b.yaml('config/central/config.yaml');
    const inp = at(central, 'receivers', 'kafka/telemetry-bus') as Record<string, unknown>;
    expect(inp).toMatchObject({ brokers: ['telemetry-bus:19092'], topic: out.topic, encoding: 'otlp_proto', group_id: 'central-collector' });
    expect(at(central, 'service', 'pipelines', 'traces', 'receivers')).toEqual(['otlp', 'kafka/telemetry-bus']);
    expect(at(central, 'service', 'pipelines', 'traces', 'exporters')).toContain('otlp/traces');
    // Both collectors wait for Kafka and its topics.
    expect(Object.keys(b.compose.services['central-collector']!.depends_on ?? {})).toContain('telemetry-bus');
  });

  it('on Kubernetes, reads as its own SCRAM user, whose ACLs allow its topic and consumer group', () => {
    const files = generateKubernetes(doc);
    const objs = (p: string) => parseAllDocuments(files.find((f) => f.path === p)!.content).map((d) => d.toJS() as Record<string, unknown>);
    const central = objs('k8s/base/components/central-collector.yaml');
    const cm = central.find((o) => o.kind === 'ConfigMap' && String(at(o, 'metadata', 'name')).endsWith('-config'))!;
    const cfg = parse(at(cm, 'data', 'config.yaml') as string);
    const recv = at(cfg, 'receivers', 'kafka/telemetry-bus') as Record<string, unknown>;
    expect(recv).toMatchObject({ auth: { sasl: { username: '${env:TELEMETRY_BUS_SASL_USERNAME}', password: '${env:TELEMETRY_BUS_SASL_PASSWORD}', mechanism: 'SCRAM-SHA-512' } }, group_id: 'central-collector' });
    const deploy = central.find((o) => o.kind === 'Deployment')!;
    const env = at(deploy, 'spec', 'template', 'spec', 'containers', 0, 'env') as Array<{ name: string; value?: string; valueFrom?: unknown }>;
    const user = env.find((e) => e.name === 'TELEMETRY_BUS_SASL_USERNAME')!.value;
    expect(env.find((e) => e.name === 'TELEMETRY_BUS_SASL_PASSWORD')?.valueFrom).toEqual({ secretKeyRef: { name: user, key: 'password' } });
    const kafkaUser = objs('k8s/base/components/telemetry-bus.yaml').find((o) => o.kind === 'KafkaUser' && at(o, 'metadata', 'name') === user)!;
    const acls = at(kafkaUser, 'spec', 'authorization', 'acls') as Array<{ resource: { type: string; name: string }; operations: string[] }>;
    expect(acls).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ resource: expect.objectContaining({ type: 'topic', name: recv.topic }), operations: expect.arrayContaining(['Read']) }),
        expect.objectContaining({ resource: expect.objectContaining({ type: 'group', name: 'central-collector' }), operations: expect.arrayContaining(['Read']) }),
      ]),
    );
  });

  it('runs the same pipelines on Kubernetes as in the compose stack, scrapes drawn to it included', () => {
    const withScrape = design(
      [...doc.nodes, { id: 'cache', kind: 'redis', label: 'Cache' }],
      [...doc.edges, { from: 'cache', to: 'central', protocol: 'metrics' }],
    );
    const compose = bundle(withScrape).yaml('config/central/config.yaml') as Record<string, unknown>;
    const files = generateKubernetes(withScrape);
    const cm = parseAllDocuments(files.find((f) => f.path === 'k8s/base/components/central-collector.yaml')!.content)
      .map((d) => d.toJS() as Record<string, unknown>)
      .find((o) => o.kind === 'ConfigMap' && String(at(o, 'metadata', 'name')).endsWith('-config'))!;
    const k8s = parse(at(cm, 'data', 'config.yaml') as string) as Record<string, unknown>;
    expect(k8s.service).toEqual(compose.service);
    expect(at(k8s, 'receivers', 'prometheus')).toEqual(at(compose, 'receivers', 'prometheus'));
    expect(JSON.stringify(at(k8s, 'receivers', 'prometheus'))).toContain('cache');
    expect(Object.keys(k8s.exporters as object)).toEqual(Object.keys(compose.exporters as object));
  });

  it('does not promise a dead-letter topic the collector cannot write', () => {
    const b = bundle(doc);
    expect(b.file('config/bus/topics.txt')).not.toContain('.dlt');
    const md = generateIntegrationDoc(doc);
    expect(md).toContain('no dead-letter channel');
    // What it writes is OTLP protobuf, not the broker's default JSON.
    expect(md).toContain('producers write OTLP protobuf');
    expect(md).not.toMatch(/edge-collector\.events\.dlt/);
  });
});

describe('otel-collector: logs into a search store drawn from it', () => {
  // A log pipeline (Logstash, imported as the collector) indexing into Elasticsearch.
  const es = design(
    [
      { id: 'api', kind: 'rest-service', label: 'Orders API' },
      { id: 'ls', kind: 'otel-collector', label: 'Logstash' },
      { id: 'es', kind: 'elasticsearch', label: 'Search', props: { indices: ['app-logs'] } },
    ],
    [
      { from: 'api', to: 'ls', protocol: 'otlp' },
      { from: 'ls', to: 'es', protocol: 'http' },
    ],
  );

  it('exports its logs pipeline to the store, with the user and password the store gives its clients', () => {
    const b = bundle(es);
    const cfg = b.yaml('config/ls/config.yaml');
    expect(at(cfg, 'exporters', 'elasticsearch/search')).toEqual({ endpoints: ['${env:SEARCH_URL}'], logs_index: 'app-logs', auth: { authenticator: 'basicauth/search' } });
    expect(at(cfg, 'extensions', 'basicauth/search')).toEqual({ client_auth: { username: '${env:SEARCH_USER}', password: '${env:SEARCH_PASSWORD}' } });
    expect(at(cfg, 'service', 'extensions')).toContain('basicauth/search');
    expect(at(cfg, 'service', 'pipelines', 'logs', 'exporters')).toContain('elasticsearch/search');
    const svc = b.compose.services.logstash!;
    expect(svc.environment).toMatchObject({ SEARCH_URL: 'http://search:9200', SEARCH_USER: 'elastic' });
    // The password is the store's own, from .env (never inline).
    expect(String((svc.environment as Record<string, string>).SEARCH_PASSWORD)).toMatch(/^\$\{SEARCH_ELASTIC_PASSWORD:\?/);
    expect(Object.keys(svc.depends_on ?? {})).toContain('search');
    // The document says where the logs go, as the stack does it.
    expect(generateIntegrationDoc(es)).toContain('**Log Aggregation**: logs indexed by `logstash` into `search`');
  });

  it('on Kubernetes, gets the same variables, the password from the store\'s Secret', () => {
    const files = generateKubernetes(es);
    const objs = parseAllDocuments(files.find((f) => f.path === 'k8s/base/components/logstash.yaml')!.content).map((d) => d.toJS() as Record<string, unknown>);
    const deploy = objs.find((o) => o.kind === 'Deployment')!;
    const env = at(deploy, 'spec', 'template', 'spec', 'containers', 0, 'env') as Array<{ name: string; value?: string; valueFrom?: { secretKeyRef?: unknown } }>;
    expect(env.find((e) => e.name === 'SEARCH_URL')?.value).toBe('http://search:9200');
    expect(env.find((e) => e.name === 'SEARCH_PASSWORD')?.valueFrom?.secretKeyRef).toBeDefined();
    const cm = objs.find((o) => o.kind === 'ConfigMap' && String(at(o, 'metadata', 'name')).endsWith('-config'))!;
    expect(at(parse(at(cm, 'data', 'config.yaml') as string), 'service', 'pipelines', 'logs', 'exporters')).toContain('elasticsearch/search');
  });
});
