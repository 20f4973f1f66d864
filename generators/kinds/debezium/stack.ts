import type { StackFacet } from '../types';
import type { RNode, StackContext } from '../../stack/context';
import { toJson } from '../../stack/text';
import { capturedTables, cdcPrefix } from '../../../shared/resolve';
import type { Credential } from '../../../shared/resolve';
import { cred } from '../env';
import { cfg, mainService, sideService } from '../../stack/base';
import { kafkaFor } from '../../stack/wiring';
import { includeList, publicationOf } from '../../stack/cdc';
import { num, str } from '../../../shared/resolve/props';
import { KAFKA_INTERNAL_PORT } from '../../../shared/catalog';
import { REGISTER } from '../connect-register';

/**
 * Debezium (Kafka Connect): a connector per database drawn into it over CDC, capturing exactly
 * the tables the model says (`capturedTables`), writing `<prefix>.<schema>.<table>` topics with
 * the model's prefix (`cdcPrefix`), so that the topics the broker creates and its consumers read
 * are the ones written. Each connector reads with the database's replication user (not its
 * superuser), whose credentials reach the connector as ${env:NAME} through Connect's env config
 * provider.
 */
function debezium(ctx: StackContext, n: RNode): void {
  const k = kafkaFor(ctx, n);
  const spec = mainService(ctx, n);
  const bootstrap = k ? `${k.service}:${KAFKA_INTERNAL_PORT}` : `kafka:${KAFKA_INTERNAL_PORT}`;
  Object.assign(spec.environment, {
    BOOTSTRAP_SERVERS: bootstrap,
    GROUP_ID: `connect-${n.service}`,
    CONFIG_STORAGE_TOPIC: `${n.service}.configs`,
    OFFSET_STORAGE_TOPIC: `${n.service}.offsets`,
    STATUS_STORAGE_TOPIC: `${n.service}.status`,
    CONFIG_STORAGE_REPLICATION_FACTOR: '1',
    OFFSET_STORAGE_REPLICATION_FACTOR: '1',
    STATUS_STORAGE_REPLICATION_FACTOR: '1',
    // Connector configs read credentials as ${env:NAME} from this container's environment.
    CONNECT_CONFIG_PROVIDERS: 'env',
    CONNECT_CONFIG_PROVIDERS_ENV_CLASS: 'org.apache.kafka.common.config.provider.EnvVarConfigProvider',
  });
  if (!k) ctx.note(`\`${n.service}\` (Debezium) is not wired to a Kafka; draw a connection from it to a Kafka so change events have somewhere to go.`);
  else if (!ctx.linked(n, (o) => o === k).length) ctx.note(`\`${n.service}\` (Debezium) writes to \`${k.service}\`, which is not connected to it: draw the connection.`);
  const cdcFlows = ctx.edgesTo(n, ['cdc']).filter((e) => ['postgres', 'mysql', 'mongodb'].includes(e.from.kind.id));
  const sources = cdcFlows.map((e) => e.from);
  const partitions = k ? String(num(k.props, 'defaultPartitions') || 3) : '3';
  // A topic named on the connection to Kafka: every change goes there (the model publishes that topic).
  const topics = [...new Set(n.out.filter((f) => f.protocol === 'kafka' && str(f.props, 'topic')).map((f) => str(f.props, 'topic')))];
  const routed = topics[0];
  if (topics.length > 1) ctx.note(`\`${n.service}\` (Debezium) names several topics on its connections to Kafka; its connectors write to \`${routed}\` only.`);
  const files: string[] = [];
  /** A credential passed to the container, written as Connect's ${env:NAME}. */
  const pass = (c: Credential) => {
    spec.environment[c.variable] = cred(c);
    return `\${env:${c.variable}}`;
  };
  cdcFlows.forEach((e, i) => {
    const db = e.from;
    const prefix = cdcPrefix(n, db, sources);
    const dbName = str(db.props, 'database') || 'app';
    const captured = capturedTables(db, e).map((t) => `${t.schema}.${t.table}`);
    const conf: Record<string, string> = { name: db.service, 'tasks.max': '1', 'topic.prefix': prefix };
    if (db.kind.id === 'postgres') {
      Object.assign(conf, {
        'connector.class': 'io.debezium.connector.postgresql.PostgresConnector',
        'database.hostname': db.service,
        'database.port': String(db.listenPort),
        'database.user': pass(db.credentials.CDC_USER!),
        'database.password': pass(db.credentials.CDC_PASSWORD!),
        'database.dbname': dbName,
        'plugin.name': 'pgoutput',
        'publication.name': publicationOf(n),
        'publication.autocreate.mode': 'disabled',
        'slot.name': publicationOf(n),
        'snapshot.mode': str(n.props, 'snapshotMode') || 'initial',
        'table.include.list': includeList(captured),
      });
    } else if (db.kind.id === 'mysql') {
      Object.assign(conf, {
        'connector.class': 'io.debezium.connector.mysql.MySqlConnector',
        'database.hostname': db.service,
        'database.port': String(db.listenPort),
        'database.user': pass(db.credentials.CDC_USER!),
        'database.password': pass(db.credentials.CDC_PASSWORD!),
        'database.server.id': String(184054 + i),
        'database.include.list': dbName,
        'table.include.list': includeList(captured),
        'schema.history.internal.kafka.bootstrap.servers': bootstrap,
        'schema.history.internal.kafka.topic': `${prefix}.schema-history`,
        'snapshot.mode': str(n.props, 'snapshotMode') || 'initial',
      });
    } else {
      Object.assign(conf, {
        'connector.class': 'io.debezium.connector.mongodb.MongoDbConnector',
        'mongodb.connection.string': `mongodb://${pass(db.credentials.CDC_USER!)}:${pass(db.credentials.CDC_PASSWORD!)}@${db.service}:${db.listenPort}/?replicaSet=rs0&authSource=admin`,
        'database.include.list': dbName,
        'collection.include.list': includeList(captured),
        'capture.mode': 'change_streams_update_full',
        'snapshot.mode': str(n.props, 'snapshotMode') === 'no_data' ? 'no_data' : str(n.props, 'snapshotMode') === 'never' ? 'never' : 'initial',
      });
    }
    if (routed) {
      // The connection to Kafka names the topic: the changes go there, not to a topic per table.
      if (captured.every((t) => t.endsWith('.outbox'))) {
        // A transactional outbox: Debezium's outbox event router publishes each row's payload, keyed by its aggregate.
        Object.assign(conf, { transforms: 'outbox', 'transforms.outbox.type': 'io.debezium.transforms.outbox.EventRouter', 'transforms.outbox.route.topic.replacement': routed, 'transforms.outbox.table.field.event.key': 'aggregateid' });
      } else {
        Object.assign(conf, { transforms: 'route', 'transforms.route.type': 'org.apache.kafka.connect.transforms.RegexRouter', 'transforms.route.regex': '.*', 'transforms.route.replacement': routed });
      }
    }
    Object.assign(conf, { 'topic.creation.default.replication.factor': '1', 'topic.creation.default.partitions': partitions });
    const sorted = Object.fromEntries(Object.keys(conf).sort((a, b) => (a === 'name' ? -1 : b === 'name' ? 1 : a < b ? -1 : a > b ? 1 : 0)).map((key) => [key, conf[key]]));
    files.push(ctx.addFile(cfg(n, `connectors/${db.service}.json`), toJson(sorted)));
  });
  if (files.length > 0) {
    const script = ctx.addFile(cfg(n, 'register-connectors.sh'), REGISTER, 0o755);
    sideService(ctx, n, 'register', {
      description: `Registers the CDC connectors of ${n.service} (one-shot)`,
      image: 'curlimages/curl:8.10.1',
      entrypoint: ['sh', '/register-connectors.sh'],
      environment: { CONNECT_URL: `http://${n.service}:${n.listenPort}` },
      binds: [
        { source: script, target: '/register-connectors.sh', readOnly: true },
        { source: cfg(n, 'connectors'), target: '/connectors', readOnly: true },
      ],
      needs: [{ service: n.service, condition: 'service_healthy' }],
      oneShot: true,
    });
  } else {
    ctx.note(`\`${n.service}\` (Debezium) has no database drawn into it over CDC; no connector was generated.`);
  }
}

export const stack: StackFacet = {
  services: debezium,
  exporter: null,
  requestMetrics: null,
  outside: null,
};
