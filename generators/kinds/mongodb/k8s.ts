import { str } from '../../../shared/resolve/props';
import { literal, secretEnv, valueEnv } from '../../k8s/build';
import { credentialUrl } from '../../k8s/clientenv';
import { runComponent } from '../../k8s/stateful';
import { facet } from '../../k8s/types';

/** MongoDB: a StatefulSet with its data on a claim, the root user from a Secret; clients get a URL. */
export const k8s = facet({
  objects: (ctx, c) => {
    if (c.out.some((f) => f.kind === 'cdc')) ctx.note(`\`${c.service}\` is captured by CDC, which needs a replica set: run it with the MongoDB operator (this StatefulSet is a single mongod).`);
    runComponent(ctx, c, {
      env: [
        secretEnv('MONGO_INITDB_ROOT_USERNAME', ctx.credential(c, 'ROOT_USER')),
        secretEnv('MONGO_INITDB_ROOT_PASSWORD', ctx.credential(c, 'ROOT_PASSWORD')),
        valueEnv('MONGO_INITDB_DATABASE', literal(str(c.props, 'database') || 'app')),
      ],
      data: { mountPath: '/data/db', size: '5Gi' },
      size: 'medium',
      exporter: {
        env: [secretEnv('MONGO_USER', ctx.credential(c, 'ROOT_USER')), secretEnv('MONGO_PASSWORD', ctx.credential(c, 'ROOT_PASSWORD')), valueEnv('MONGODB_URI', 'mongodb://$(MONGO_USER):$(MONGO_PASSWORD)@localhost:27017/admin')],
        args: ['--collect-all', '--compatible-mode'],
      },
    });
  },
  clientEnv: (ctx, s, f) => credentialUrl(ctx, s, f, 'mongodb', 'ROOT_USER', 'ROOT_PASSWORD', `/${str(s.props, 'database') || 'app'}?authSource=admin`),
  cdcSource: (ctx, db, f) => ({
    connectorClass: 'io.debezium.connector.mongodb.MongoDbConnector',
    artifact: 'debezium-connector-mongodb',
    includeKey: 'collection.include.list',
    env: [secretEnv(`${db.envPrefix}_ROOT_USER`, ctx.credential(db, 'ROOT_USER')), secretEnv(`${db.envPrefix}_ROOT_PASSWORD`, ctx.credential(db, 'ROOT_PASSWORD'))],
    config: { 'mongodb.connection.string': `mongodb://${f.host ?? db.service}:${f.port ?? 27017}/?replicaSet=rs0`, 'mongodb.user': `\${env:${db.envPrefix}_ROOT_USER}`, 'mongodb.password': `\${env:${db.envPrefix}_ROOT_PASSWORD}` },
  }),
});
