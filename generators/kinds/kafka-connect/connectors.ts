import type { Component, ResolvedDesign } from '../../../shared/resolve';
import { num, str } from '../../../shared/resolve/props';
import { kafkaPlan } from '../../stack/flows';
import { bucketOf } from '../object-storage/buckets';

/**
 * What a Kafka Connect worker runs, from the drawing: a sink connector per store it writes to
 * (JDBC into PostgreSQL, Elasticsearch, S3 into object storage) reading the topics the model
 * has it consume, and the Confluent Hub plugins those connectors need. Credentials are never
 * written here: each config names the worker's own environment variables (the ones the generic
 * client wiring gives it, `<SERVER>_USER`...) as `${env:NAME}`, which Connect's
 * EnvVarConfigProvider resolves. A pure function of the model, shared by the compose stack and
 * the Kubernetes manifests.
 */

/** Confluent Hub plugins of the connectors generated here (owner/name:version). */
export const PLUGINS = {
  jdbc: 'confluentinc/kafka-connect-jdbc:10.7.6',
  elasticsearch: 'confluentinc/kafka-connect-elasticsearch:14.1.0',
  s3: 'confluentinc/kafka-connect-s3:10.5.13',
} as const;

export interface Connector {
  /** Connector name (its JSON file and REST path). */
  readonly name: string;
  /** The store it writes to. */
  readonly target: Component;
  readonly config: Readonly<Record<string, string>>;
}

export interface ConnectPlan {
  /** The Kafka the worker keeps its state on and reads from. */
  readonly kafka: Component | undefined;
  readonly connectors: readonly Connector[];
  /** Plugins installed at start, sorted. */
  readonly plugins: readonly string[];
  /** Topics it reads (the messaging plan's subscriptions of the worker). */
  readonly topics: readonly string[];
  /** What the README says needs a hand. */
  readonly notes: readonly string[];
}

/** The Connect worker's internal topics and group. */
export function internalTopics(service: string) {
  return { configs: `${service}.configs`, offsets: `${service}.offsets`, status: `${service}.status`, group: `connect-${service}` };
}

const envRef = (name: string): string => `\${env:${name}}`;

/** The Kafka a worker is wired to (by a kafka connection either way). */
export function kafkaOfConnect(c: Component): Component | undefined {
  return c.at.filter((f) => f.protocol === 'kafka').map((f) => (f.from === c ? f.to : f.from)).find((o) => o.kind.hosts?.includes('kafka'));
}

export function connectPlan(r: ResolvedDesign, c: Component): ConnectPlan {
  const kafka = kafkaOfConnect(c);
  const notes: string[] = [];
  const plugins = new Set<string>(c.props.plugins && Array.isArray(c.props.plugins) ? (c.props.plugins as string[]) : []);
  const consumed = kafka ? kafkaPlan(r, kafka).consumers.filter((x) => x.client === c) : [];
  const topics = [...new Set(consumed.flatMap((x) => x.topics))];
  const deadLetter = [...new Set(consumed.flatMap((x) => x.deadLetterTopics))][0];
  const tolerance = str(c.props, 'errorTolerance') || 'all';
  const tasks = String(num(c.props, 'tasksMax') || 1);
  const registry = kafka?.at.map((f) => (f.from === kafka ? f.to : f.from)).find((o) => o.roles.includes('schema-registry') && o.containerised);
  const avro = kafka && str(kafka.props, 'serialization') === 'avro' && registry;
  const common = (): Record<string, string> => ({
    'tasks.max': tasks,
    topics: topics.join(','),
    'errors.tolerance': tolerance,
    ...(tolerance === 'all' && deadLetter ? { 'errors.deadletterqueue.topic.name': deadLetter, 'errors.deadletterqueue.topic.replication.factor': '1', 'errors.deadletterqueue.context.headers.enable': 'true' } : {}),
  });
  const connectors: Connector[] = [];
  if (!kafka) notes.push(`\`${c.service}\` (Kafka Connect) is wired to no Kafka: draw a connection between it and the Kafka it reads from and keeps its state on.`);
  for (const f of c.at) {
    if (f.client !== c || !f.server || f.server === c || f.server === kafka || !f.protocol || !f.server.containerised) continue;
    const s = f.server;
    const P = s.envPrefix;
    const host = f.host ?? s.service;
    const port = f.port ?? s.listenPort;
    let config: Record<string, string> | undefined;
    if (f.protocol === 'sql' && s.kind.id === 'postgres' && str(f.props, 'access') !== 'read') {
      plugins.add(PLUGINS.jdbc);
      config = {
        'connector.class': 'io.confluent.connect.jdbc.JdbcSinkConnector',
        'connection.url': `jdbc:postgresql://${host}:${port}/${str(s.props, 'database') || 'app'}`,
        'connection.user': envRef(`${P}_USER`),
        'connection.password': envRef(`${P}_PASSWORD`),
        'insert.mode': 'insert',
        'auto.create': 'true',
        'auto.evolve': 'true',
        // The JDBC sink needs a schema with every record: Avro through the registry, else JSON with its schema envelope.
        ...(avro
          ? { 'value.converter': 'io.confluent.connect.avro.AvroConverter', 'value.converter.schema.registry.url': `http://${registry.service}:${registry.listenPort}` }
          : { 'value.converter': 'org.apache.kafka.connect.json.JsonConverter', 'value.converter.schemas.enable': 'true' }),
      };
      if (!avro) notes.push(`\`${c.service}\` writes the topics it reads into \`${s.service}\` with the JDBC sink, which needs records with a schema: producers write JSON with its schema envelope ({"schema": ..., "payload": ...}), or set the Kafka's serialization to Avro with a schema registry.`);
    } else if (f.protocol === 'http' && s.roles.includes('search')) {
      plugins.add(PLUGINS.elasticsearch);
      config = {
        'connector.class': 'io.confluent.connect.elasticsearch.ElasticsearchSinkConnector',
        'connection.url': `http://${host}:${port}`,
        'connection.username': envRef(`${P}_USER`),
        'connection.password': envRef(`${P}_PASSWORD`),
        'key.ignore': 'true',
        'schema.ignore': 'true',
        'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
        'value.converter.schemas.enable': 'false',
      };
    } else if (f.protocol === 's3' && s.roles.includes('object-store')) {
      plugins.add(PLUGINS.s3);
      const prefix = str(f.props, 'prefix').replace(/\/+$/, '');
      config = {
        'connector.class': 'io.confluent.connect.s3.S3SinkConnector',
        'store.url': `http://${host}:${port}`,
        's3.bucket.name': bucketOf(s, f),
        's3.region': 'us-east-1',
        's3.path.style.access.enabled': 'true',
        'aws.access.key.id': envRef(`${P}_ACCESS_KEY`),
        'aws.secret.access.key': envRef(`${P}_SECRET_KEY`),
        'storage.class': 'io.confluent.connect.s3.storage.S3Storage',
        'format.class': 'io.confluent.connect.s3.format.json.JsonFormat',
        'flush.size': '100',
        ...(prefix ? { 'topics.dir': prefix } : {}),
        'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
        'value.converter.schemas.enable': 'false',
      };
    } else {
      notes.push(`\`${c.service}\` (Kafka Connect) connects to \`${s.service}\` over ${f.protocol}: no connector is generated for it; install its plugin (the plugins setting) and register the connector with \`PUT /connectors/<name>/config\` on port ${c.listenPort}.`);
      continue;
    }
    if (topics.length === 0) {
      notes.push(`\`${c.service}\` reads no topic, so its connector into \`${s.service}\` was not generated: draw the Kafka → ${c.service} connection with a topic.`);
      continue;
    }
    connectors.push({ name: `${s.service}-sink`, target: s, config: { ...common(), ...config } });
  }
  if (kafka && c.at.some((f) => f.client === c && f.server === kafka && f.protocol === 'kafka' && f.from === c)) {
    notes.push(`\`${c.service}\` writes to \`${kafka.service}\`: register your source connector with \`PUT /connectors/<name>/config\` on port ${c.listenPort} (its plugin in the plugins setting); no source connector is generated.`);
  }
  return { kafka, connectors, plugins: [...plugins].sort(), topics, notes };
}

/** A connector config with `name` first and the rest sorted (stable output). */
export function connectorJson(k: Connector): Record<string, string> {
  const out: Record<string, string> = { name: k.name };
  for (const key of Object.keys(k.config).sort()) out[key] = k.config[key]!;
  return out;
}
