import type { RNode, StackContext } from './context';
import { cfg, dataVolume, mainService, sideService } from './base';
import { mongoCreds, mysqlCreds, pgCreds } from './creds';
import { kafkaPlan } from './flows';
import { bool, num, str, strs } from '../../shared/resolve/props';
import { composeLiteral, lowerSnake, stableClusterId, toJson } from './text';
import { KAFKA_INTERNAL_PORT } from '../../shared/catalog';
import { kafkaFor, mergeEnv, wireClient } from './wiring';
import { hostPortVar } from './compose';

/** Kafka (KRaft, single node) with its topic init job; Schema Registry; Debezium; Flink. */

const CREATE_TOPICS = `#!/bin/bash
# Creates the topics listed in /init/topics.txt, one per line:
#   <name> <partitions> <retention.ms> <cleanup.policy>
# --if-not-exists makes it safe to run again. Everything else comes from the environment.
set -euo pipefail
while read -r name partitions retention policy; do
  case "\${name:-#}" in \\#*) continue ;; esac
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP_SERVER" --create --if-not-exists \\
    --topic "$name" --partitions "$partitions" --replication-factor "$REPLICATION_FACTOR" \\
    --config "retention.ms=$retention" --config "cleanup.policy=$policy"
done < /init/topics.txt
echo "topics ready"
`;

function kafka(ctx: StackContext, n: RNode): void {
  const plan = kafkaPlan(ctx, n);
  const hostPort = num(n.props, 'port') || 9092;
  const spec = mainService(ctx, n);
  Object.assign(spec.environment, {
    CLUSTER_ID: stableClusterId(`${ctx.doc.name}/${n.id}`),
    KAFKA_NODE_ID: '1',
    KAFKA_PROCESS_ROLES: 'broker,controller',
    KAFKA_LISTENERS: `PLAINTEXT://:${KAFKA_INTERNAL_PORT},PLAINTEXT_HOST://:9092,CONTROLLER://:9093`,
    // Clients on the host connect to localhost on the published port (the same .env variable).
    KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://${n.id}:${KAFKA_INTERNAL_PORT},PLAINTEXT_HOST://localhost:\${${hostPortVar(ctx, n.id, 'broker', hostPort)}:-${hostPort}}`,
    KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,PLAINTEXT_HOST:PLAINTEXT',
    KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
    KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
    KAFKA_INTER_BROKER_LISTENER_NAME: 'PLAINTEXT',
    KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
    KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
    KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
    KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
    KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
    KAFKA_NUM_PARTITIONS: String(num(n.props, 'defaultPartitions') || 3),
    KAFKA_LOG_RETENTION_HOURS: String(num(n.props, 'retentionHours') || 168),
    KAFKA_LOG_DIRS: '/var/lib/kafka/data',
  });
  spec.volumes.push({ name: dataVolume(n), target: '/var/lib/kafka/data' });
  if (num(n.props, 'replicationFactor') > 1) ctx.note(`\`${n.id}\` asks for replication factor ${num(n.props, 'replicationFactor')}; the starter stack runs one broker, so topics are created with 1.`);

  if (plan.topics.length > 0) {
    const lines = ['# name partitions retention.ms cleanup.policy (read by create-topics.sh)'];
    for (const t of plan.topics) lines.push(`${t.name} ${t.partitions} ${t.retentionHours * 3_600_000} ${t.cleanupPolicy}`);
    const list = ctx.addFile(cfg(n, 'topics.txt'), `${lines.join('\n')}\n`);
    const script = ctx.addFile(cfg(n, 'create-topics.sh'), CREATE_TOPICS, 0o755);
    sideService(ctx, n, 'init', {
      description: `Creates the topics of ${n.id} (one-shot)`,
      image: n.kind.image!,
      entrypoint: ['/bin/bash', '/init/create-topics.sh'],
      environment: { BOOTSTRAP_SERVER: `${n.id}:${KAFKA_INTERNAL_PORT}`, REPLICATION_FACTOR: '1' },
      binds: [
        { source: script, target: '/init/create-topics.sh', readOnly: true },
        { source: list, target: '/init/topics.txt', readOnly: true },
      ],
      needs: [{ service: n.id, condition: 'service_healthy' }],
      oneShot: true,
      gate: true,
    });
  }
}

function schemaRegistry(ctx: StackContext, n: RNode): void {
  const k = kafkaFor(ctx, n);
  const spec = mainService(ctx, n);
  Object.assign(spec.environment, {
    SCHEMA_REGISTRY_HOST_NAME: n.id,
    SCHEMA_REGISTRY_LISTENERS: 'http://0.0.0.0:8081',
    SCHEMA_REGISTRY_SCHEMA_COMPATIBILITY_LEVEL: str(n.props, 'compatibility').toLowerCase() || 'backward',
  });
  if (k) {
    spec.environment.SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS = `PLAINTEXT://${k.id}:${KAFKA_INTERNAL_PORT}`;
    if (!ctx.linked(n, 'kafka').includes(k)) {
      spec.needs.push({ service: k.id, condition: 'service_healthy' });
      ctx.link(n.id, k.id);
    }
  } else {
    ctx.note(`\`${n.id}\` is not wired to a Kafka; draw a connection from it to the Kafka that stores its schemas.`);
  }
}

const REGISTER = `#!/bin/sh
# Registers (or updates) every connector in /connectors with Kafka Connect at $CONNECT_URL.
# PUT /connectors/<name>/config creates the connector or updates it, so it is safe to run again.
set -eu
for f in /connectors/*.json; do
  name=$(basename "$f" .json)
  echo "registering connector $name"
  curl -fsS --retry 10 --retry-delay 5 --retry-connrefused -X PUT \\
    -H 'Content-Type: application/json' --data-binary "@$f" "$CONNECT_URL/connectors/$name/config"
  echo
done
`;

/** Tables named on a CDC connection: `schema.table` entries, or none (capture everything). */
export function cdcTables(raw: string, defaultSchema: string | undefined): { tables: string[]; all: boolean } {
  const entries = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (entries.length === 0) return { tables: [], all: true };
  const tables: string[] = [];
  let all = false;
  for (const t of entries) {
    if (t.includes('*')) all = true;
    const full = defaultSchema && !t.includes('.') ? `${defaultSchema}.${t}` : t;
    if (!tables.includes(full)) tables.push(full);
  }
  return { tables, all };
}

const includeList = (tables: string[]): string => tables.map((t) => t.replace(/\./g, '\\.').replace(/\*/g, '.*')).join(',');

/** Name of the publication / replication slot a Debezium node uses on a PostgreSQL database. */
export const publicationOf = (dbz: RNode): string => `dbz_${lowerSnake(dbz.id)}`.slice(0, 63);

function debezium(ctx: StackContext, n: RNode): void {
  const k = kafkaFor(ctx, n);
  const spec = mainService(ctx, n);
  const bootstrap = k ? `${k.id}:${KAFKA_INTERNAL_PORT}` : `kafka:${KAFKA_INTERNAL_PORT}`;
  Object.assign(spec.environment, {
    BOOTSTRAP_SERVERS: bootstrap,
    GROUP_ID: `connect-${n.id}`,
    CONFIG_STORAGE_TOPIC: `${n.id}.configs`,
    OFFSET_STORAGE_TOPIC: `${n.id}.offsets`,
    STATUS_STORAGE_TOPIC: `${n.id}.status`,
    CONFIG_STORAGE_REPLICATION_FACTOR: '1',
    OFFSET_STORAGE_REPLICATION_FACTOR: '1',
    STATUS_STORAGE_REPLICATION_FACTOR: '1',
    // Connector configs read credentials as \${env:NAME} from this container's environment.
    CONNECT_CONFIG_PROVIDERS: 'env',
    CONNECT_CONFIG_PROVIDERS_ENV_CLASS: 'org.apache.kafka.common.config.provider.EnvVarConfigProvider',
  });
  if (!k) ctx.note(`\`${n.id}\` (Debezium) is not wired to a Kafka; draw a connection from it to a Kafka so change events have somewhere to go.`);
  else if (!ctx.linked(n, 'kafka').includes(k)) {
    spec.needs.push({ service: k.id, condition: 'service_healthy' });
    ctx.link(n.id, k.id);
  }
  const sources = ctx.edgesTo(n, ['cdc']).filter((e) => ['postgres', 'mysql', 'mongodb'].includes(e.from.kind.id));
  const basePrefix = str(n.props, 'topicPrefix') || 'cdc';
  const partitions = k ? String(num(k.props, 'defaultPartitions') || 3) : '3';
  const files: string[] = [];
  sources.forEach((e, i) => {
    const db = e.from;
    const prefix = sources.length === 1 ? basePrefix : `${basePrefix}.${db.id}`;
    const dbName = str(db.props, 'database') || 'app';
    const conf: Record<string, string> = { name: db.id, 'tasks.max': '1', 'topic.prefix': prefix };
    const pass = (ref: string) => {
      const name = ref.slice(2, -1);
      spec.environment[name] = ref;
      return `\${env:${name}}`;
    };
    if (db.kind.id === 'postgres') {
      const cr = pgCreds(ctx, db).admin;
      const { tables, all } = cdcTables(str(e.props, 'tables'), 'public');
      Object.assign(conf, {
        'connector.class': 'io.debezium.connector.postgresql.PostgresConnector',
        'database.hostname': db.id,
        'database.port': '5432',
        'database.user': pass(cr.user),
        'database.password': pass(cr.password),
        'database.dbname': dbName,
        'plugin.name': 'pgoutput',
        'publication.name': publicationOf(n),
        'publication.autocreate.mode': 'disabled',
        'slot.name': publicationOf(n),
        'snapshot.mode': str(n.props, 'snapshotMode') || 'initial',
      });
      if (!all && tables.length > 0) conf['table.include.list'] = includeList(tables);
    } else if (db.kind.id === 'mysql') {
      const cr = mysqlCreds(ctx, db).root;
      const { tables, all } = cdcTables(str(e.props, 'tables'), dbName);
      Object.assign(conf, {
        'connector.class': 'io.debezium.connector.mysql.MySqlConnector',
        'database.hostname': db.id,
        'database.port': '3306',
        'database.user': cr.user,
        'database.password': pass(cr.password),
        'database.server.id': String(184054 + i),
        'database.include.list': dbName,
        'schema.history.internal.kafka.bootstrap.servers': bootstrap,
        'schema.history.internal.kafka.topic': `${prefix}.schema-history`,
        'snapshot.mode': str(n.props, 'snapshotMode') || 'initial',
      });
      if (!all && tables.length > 0) conf['table.include.list'] = includeList(tables);
    } else {
      const cr = mongoCreds(ctx, db);
      Object.assign(conf, {
        'connector.class': 'io.debezium.connector.mongodb.MongoDbConnector',
        'mongodb.connection.string': `mongodb://${pass(cr.user)}:${pass(cr.password)}@${db.id}:27017/?replicaSet=rs0&authSource=admin`,
        'database.include.list': dbName,
        'capture.mode': 'change_streams_update_full',
        'snapshot.mode': str(n.props, 'snapshotMode') === 'no_data' ? 'no_data' : str(n.props, 'snapshotMode') === 'never' ? 'never' : 'initial',
      });
      const cols = strs(db.props, 'collections');
      if (cols.length > 0) conf['collection.include.list'] = cols.map((c) => `${dbName}.${c}`.replace(/\./g, '\\.')).join(',');
    }
    Object.assign(conf, { 'topic.creation.default.replication.factor': '1', 'topic.creation.default.partitions': partitions });
    const sorted = Object.fromEntries(Object.keys(conf).sort((a, b) => (a === 'name' ? -1 : b === 'name' ? 1 : a < b ? -1 : a > b ? 1 : 0)).map((key) => [key, conf[key]]));
    files.push(ctx.addFile(cfg(n, `connectors/${db.id}.json`), toJson(sorted)));
  });
  if (files.length > 0) {
    const script = ctx.addFile(cfg(n, 'register-connectors.sh'), REGISTER, 0o755);
    sideService(ctx, n, 'register', {
      description: `Registers the CDC connectors of ${n.id} (one-shot)`,
      image: 'curlimages/curl:8.10.1',
      entrypoint: ['sh', '/register-connectors.sh'],
      environment: { CONNECT_URL: `http://${n.id}:8083` },
      binds: [
        { source: script, target: '/register-connectors.sh', readOnly: true },
        { source: cfg(n, 'connectors'), target: '/connectors', readOnly: true },
      ],
      needs: [{ service: n.id, condition: 'service_healthy' }],
      oneShot: true,
    });
  } else {
    ctx.note(`\`${n.id}\` (Debezium) has no database drawn into it over CDC; no connector was generated.`);
  }
}

function flink(ctx: StackContext, n: RNode): void {
  const props = [
    `jobmanager.rpc.address: ${n.id}`,
    `parallelism.default: ${num(n.props, 'parallelism') || 1}`,
    `taskmanager.numberOfTaskSlots: ${Math.max(1, num(n.props, 'parallelism') || 1)}`,
    `execution.checkpointing.interval: ${num(n.props, 'checkpointIntervalMs') || 60000}ms`,
    `execution.checkpointing.mode: ${bool(n.props, 'exactlyOnce') ? 'EXACTLY_ONCE' : 'AT_LEAST_ONCE'}`,
    `state.backend.type: ${str(n.props, 'stateBackend') || 'rocksdb'}`,
    'state.checkpoints.dir: file:///opt/flink/checkpoints',
    'metrics.reporter.prom.factory.class: org.apache.flink.metrics.prometheus.PrometheusReporterFactory',
    `metrics.reporter.prom.port: ${n.kind.metricsPort ?? 9249}`,
  ].join('\n');
  const spec = mainService(ctx, n, { command: ['jobmanager'] });
  spec.environment.FLINK_PROPERTIES = props;
  spec.volumes.push({ name: dataVolume(n, 'checkpoints'), target: '/opt/flink/checkpoints' });
  mergeEnv(spec, wireClient(ctx, n));
  const tm = sideService(ctx, n, 'taskmanager', {
    description: `Task manager of ${n.id}`,
    image: n.kind.image!,
    command: ['taskmanager'],
    environment: { FLINK_PROPERTIES: props },
    volumes: [{ name: dataVolume(n, 'checkpoints'), target: '/opt/flink/checkpoints' }],
    needs: [{ service: n.id, condition: 'service_healthy' }],
  });
  mergeEnv(tm, wireClient(ctx, n));
  const w = str(n.props, 'window');
  if (w && w !== 'none') spec.environment.FLINK_JOB_WINDOW = composeLiteral(`${w} ${num(n.props, 'windowMinutes') || 5}m`);
  ctx.note(`\`${n.id}\` (Flink) starts an empty session cluster; submit your job with \`flink run\` or the web UI.`);
}

export const STREAMING_HANDLERS: Record<string, (ctx: StackContext, n: RNode) => void> = {
  kafka,
  'schema-registry': schemaRegistry,
  debezium,
  flink,
};
