import type { StackFacet } from '../types';
import type { RNode, StackContext } from '../../stack/context';
import { toJson } from '../../stack/text';
import { mongoCreds, mysqlCreds, pgCreds } from '../../stack/creds';
import { cfg, mainService, sideService } from '../../stack/base';
import { kafkaFor } from '../../stack/wiring';
import { cdcTables, includeList, publicationOf } from '../../stack/cdc';
import { num, str, strs } from '../../../shared/resolve/props';
import { KAFKA_INTERNAL_PORT } from '../../../shared/catalog';

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
  else if (!ctx.linked(n, (o) => o.kind.id === 'kafka').includes(k)) {
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

export const stack: StackFacet = {
  services: debezium,
  exporter: null,
  requestMetrics: null,
  alerts: null,
  outside: null,
};
