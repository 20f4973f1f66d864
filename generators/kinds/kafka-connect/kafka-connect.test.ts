import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { generateKubernetes } from '../../k8s/index';
import { bundle, design } from '../../stack/testkit';
import { importCompose } from '../../interop/compose';

/**
 * Kafka Connect: a worker keeping its state on its Kafka, with a sink connector per store it is
 * drawn writing to, reading the topics it is drawn consuming, credentials only as ${env:NAME}
 * of variables the worker has.
 */
const doc = design(
  [
    { id: 'api', kind: 'rest-service' },
    { id: 'bus', kind: 'kafka' },
    { id: 'sink', kind: 'kafka-connect', label: 'Sinks' },
    { id: 'db', kind: 'postgres', props: { database: 'reporting' } },
    { id: 'es', kind: 'elasticsearch', label: 'Search' },
    { id: 'lake', kind: 'object-storage', label: 'Lake' },
    { id: 'cache', kind: 'redis' },
  ],
  [
    { from: 'api', to: 'bus', protocol: 'kafka', props: { topic: 'orders' } },
    { from: 'bus', to: 'sink', protocol: 'kafka', props: { topic: 'orders', deadLetter: true } },
    { from: 'sink', to: 'db', protocol: 'sql' },
    { from: 'sink', to: 'es', protocol: 'http' },
    { from: 'sink', to: 'lake', protocol: 's3', props: { bucket: 'archive' } },
    { from: 'sink', to: 'cache', protocol: 'redis' },
  ],
);

describe('kafka-connect in the starter stack', () => {
  const b = bundle(doc);
  const worker = b.compose.services.sinks!;

  it('runs the Connect worker on its Kafka, its state in its own topics, the plugins of its connectors installed first', () => {
    expect(worker.image).toBe('confluentinc/cp-kafka-connect:7.7.1');
    expect(worker.environment).toMatchObject({
      CONNECT_BOOTSTRAP_SERVERS: 'bus:19092',
      CONNECT_GROUP_ID: 'connect-sinks',
      CONNECT_CONFIG_STORAGE_TOPIC: 'sinks.configs',
      CONNECT_OFFSET_STORAGE_TOPIC: 'sinks.offsets',
      CONNECT_STATUS_STORAGE_TOPIC: 'sinks.status',
      CONNECT_REST_ADVERTISED_HOST_NAME: 'sinks',
      CONNECT_CONFIG_PROVIDERS: 'env',
    });
    const command = (worker as unknown as { command: string[] }).command;
    expect(command[2]).toContain('confluent-hub install --no-prompt confluentinc/kafka-connect-jdbc:');
    expect(command[2]).toContain('confluentinc/kafka-connect-elasticsearch:');
    expect(command[2]).toContain('confluentinc/kafka-connect-s3:');
    expect(command[2]).toMatch(/&& exec \/etc\/confluent\/docker\/run$/);
  });

  it('writes one sink connector per drawn store it has one for, reading the drawn topic, failures to its dead-letter topic', () => {
    const names = b.files.map((f) => f.path).filter((p) => p.startsWith('config/sink/connectors/'));
    expect(names.sort()).toEqual(['config/sink/connectors/db-sink.json', 'config/sink/connectors/lake-sink.json', 'config/sink/connectors/search-sink.json']);
    const jdbc = b.json<Record<string, string>>('config/sink/connectors/db-sink.json');
    expect(jdbc).toMatchObject({ 'connector.class': 'io.confluent.connect.jdbc.JdbcSinkConnector', 'connection.url': 'jdbc:postgresql://db:5432/reporting', topics: 'orders', 'errors.deadletterqueue.topic.name': 'orders.dlt' });
    expect(b.json<Record<string, string>>('config/sink/connectors/lake-sink.json')).toMatchObject({ 's3.bucket.name': 'archive', 'store.url': 'http://lake:9000' });
    expect(b.json<Record<string, string>>('config/sink/connectors/search-sink.json')).toMatchObject({ 'connection.url': 'http://search:9200' });
    // The store it has no connector for is named in the README.
    expect(b.file('README.md')).toMatch(/`sinks` \(Kafka Connect\) connects to `cache` over redis: no connector is generated/);
    expect(b.compose.services['sinks-register']!.depends_on).toMatchObject({ sinks: { condition: 'service_healthy' } });
  });

  it('never writes a credential into a connector: each names a variable the worker has', () => {
    for (const f of b.files.filter((x) => x.path.startsWith('config/sink/connectors/'))) {
      const refs = [...f.content.matchAll(/\$\{env:([A-Z0-9_]+)\}/g)].map((m) => m[1]!);
      expect(refs.length, f.path).toBeGreaterThan(0);
      for (const r of refs) expect(Object.keys(worker.environment!), `${f.path}: ${r}`).toContain(r);
      expect(f.content).not.toMatch(/password"\s*:\s*"[^$]/i);
    }
  });
});

describe('kafka-connect on Kubernetes', () => {
  const objs = generateKubernetes(doc)
    .filter((f) => f.path.startsWith('k8s/base/components/'))
    .flatMap((f) => parseAllDocuments(f.content, { version: '1.1' }).map((d) => d.toJS() as { kind: string; metadata: { name: string }; spec?: Record<string, unknown>; data?: Record<string, string> }));

  it('logs in to Kafka as its own user, may read its connectors\' groups, and registers the same connectors with a Job', () => {
    const user = objs.find((o) => o.kind === 'KafkaUser' && o.metadata.name === 'bus-sinks')!;
    const groups = (user.spec!.authorization as { acls: Array<{ resource: { type: string; name: string } }> }).acls.filter((a) => a.resource.type === 'group').map((a) => a.resource.name);
    expect(groups).toEqual(expect.arrayContaining(['connect-sinks', 'connect-db-sink', 'connect-search-sink', 'connect-lake-sink']));
    const topics = objs.filter((o) => o.kind === 'KafkaTopic').map((o) => o.spec!.topicName);
    expect(topics).toEqual(expect.arrayContaining(['sinks.configs', 'sinks.offsets', 'sinks.status']));
    const cm = objs.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'sinks-connectors')!;
    expect(Object.keys(cm.data!).sort()).toEqual(['db-sink.json', 'lake-sink.json', 'register-connectors.sh', 'search-sink.json']);
    expect(objs.some((o) => o.kind === 'Job' && o.metadata.name === 'sinks-register')).toBe(true);
    const deploy = objs.find((o) => o.kind === 'Deployment' && o.metadata.name === 'sinks')!;
    const env = ((deploy.spec as { template: { spec: { containers: Array<{ env: Array<{ name: string }> }> } } }).template.spec.containers[0]!.env).map((e) => e.name);
    expect(env).toEqual(expect.arrayContaining(['CONNECT_SASL_JAAS_CONFIG', 'CONNECT_CONSUMER_SASL_JAAS_CONFIG', 'CONNECT_PRODUCER_SASL_JAAS_CONFIG', 'DB_USER', 'DB_PASSWORD', 'SEARCH_PASSWORD', 'LAKE_ACCESS_KEY']));
  });
});

describe('kafka-connect in imports', () => {
  it('types a generic Connect image as Kafka Connect and keeps a Debezium image Debezium', async () => {
    const { doc: imported } = await importCompose(`
services:
  kafka:
    image: apache/kafka:3.8.1
  connect:
    image: confluentinc/cp-kafka-connect:7.7.1
    depends_on: [kafka]
    environment:
      CONNECT_BOOTSTRAP_SERVERS: kafka:9092
  debezium:
    image: quay.io/debezium/connect:2.7.3.Final
    depends_on: [kafka]
`);
    expect(Object.fromEntries(imported.nodes.map((n) => [n.id, n.kind]))).toMatchObject({ kafka: 'kafka', connect: 'kafka-connect', debezium: 'debezium' });
  });
});
