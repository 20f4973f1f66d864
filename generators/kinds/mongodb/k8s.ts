import { cdcReadsOf, hasReaders, readsAsReader } from '../../../shared/resolve';
import { str } from '../../../shared/resolve/props';
import { literal, secretEnv, valueEnv } from '../../k8s/build';
import { credentialUrl } from '../../k8s/clientenv';
import { runComponent } from '../../k8s/stateful';
import { facet } from '../../k8s/types';
import { MONITOR_USER } from '../../stack/databases';
import { mongoInitJs } from './stack';

/**
 * MongoDB: a StatefulSet with its data on a claim, the root user from a Secret, and the users of
 * the starter stack made by the same init script: the application user (readWrite on its
 * database) that clients log in as, the read-only user for clients drawn with read access, the
 * exporter's statistics-only user (the sidecar never holds root's password) and, when captured,
 * the user Debezium reads with.
 */
export const k8s = facet({
  objects: (ctx, c) => {
    const cdc = cdcReadsOf(c).length > 0;
    const reader = hasReaders(c);
    if (cdc) ctx.note(`\`${c.service}\` is captured by CDC, which needs a replica set: run it with the MongoDB operator (this StatefulSet is a single mongod).`);
    runComponent(ctx, c, {
      env: [
        secretEnv('MONGO_INITDB_ROOT_USERNAME', ctx.credential(c, 'ROOT_USER')),
        secretEnv('MONGO_INITDB_ROOT_PASSWORD', ctx.credential(c, 'ROOT_PASSWORD')),
        valueEnv('MONGO_INITDB_DATABASE', literal(str(c.props, 'database') || 'app')),
        secretEnv('APP_DB_USER', ctx.credential(c, 'APP_USER')),
        secretEnv('APP_DB_PASSWORD', ctx.credential(c, 'APP_PASSWORD')),
        secretEnv('MONITOR_DB_PASSWORD', ctx.credential(c, 'MONITOR_PASSWORD')),
        ...(reader ? [secretEnv('READER_DB_USER', ctx.credential(c, 'READER_USER')), secretEnv('READER_DB_PASSWORD', ctx.credential(c, 'READER_PASSWORD'))] : []),
        ...(cdc ? [secretEnv('CDC_DB_USER', ctx.credential(c, 'CDC_USER')), secretEnv('CDC_DB_PASSWORD', ctx.credential(c, 'CDC_PASSWORD'))] : []),
      ],
      data: { mountPath: '/data/db', size: '5Gi' },
      config: [{ mountPath: '/docker-entrypoint-initdb.d', files: { '01-init.js': mongoInitJs(c, { cdc, monitor: true, reader }) } }],
      size: 'medium',
      exporter: {
        env: [secretEnv('MONITOR_DB_PASSWORD', ctx.credential(c, 'MONITOR_PASSWORD')), valueEnv('MONGODB_URI', `mongodb://${MONITOR_USER}:$(MONITOR_DB_PASSWORD)@localhost:27017/admin`)],
        args: ['--collect-all', '--compatible-mode'],
      },
    });
  },
  clientEnv: (ctx, s, f) => {
    const login = readsAsReader(f) ? 'READER' : 'APP';
    const db = str(s.props, 'database') || 'app';
    return credentialUrl(ctx, s, f, 'mongodb', `${login}_USER`, `${login}_PASSWORD`, `/${db}?authSource=${db}`);
  },
  cdcSource: (ctx, db, f) => ({
    connectorClass: 'io.debezium.connector.mongodb.MongoDbConnector',
    artifact: 'debezium-connector-mongodb',
    includeKey: 'collection.include.list',
    // The user of the init script that may read the captured database and what change streams read (not root).
    env: [secretEnv(`${db.envPrefix}_CDC_USER`, ctx.credential(db, 'CDC_USER')), secretEnv(`${db.envPrefix}_CDC_PASSWORD`, ctx.credential(db, 'CDC_PASSWORD'))],
    config: { 'mongodb.connection.string': `mongodb://${f.host ?? db.service}:${f.port ?? 27017}/?replicaSet=rs0&authSource=admin`, 'mongodb.user': `\${env:${db.envPrefix}_CDC_USER}`, 'mongodb.password': `\${env:${db.envPrefix}_CDC_PASSWORD}` },
  }),
});
