import { str } from '../../../shared/resolve/props';
import { literal, secretEnv, valueEnv } from '../../k8s/build';
import { credentialUrl } from '../../k8s/clientenv';
import { runComponent } from '../../k8s/stateful';
import { facet } from '../../k8s/types';

/** ClickHouse: a StatefulSet with its data on a claim and its user from a Secret; clients get an HTTP or native URL. */
export const k8s = facet({
  objects: (ctx, c) => {
    runComponent(ctx, c, {
      env: [
        secretEnv('CLICKHOUSE_USER', ctx.credential(c, 'USER')),
        secretEnv('CLICKHOUSE_PASSWORD', ctx.credential(c, 'PASSWORD')),
        valueEnv('CLICKHOUSE_DB', literal(str(c.props, 'database') || 'analytics')),
        valueEnv('CLICKHOUSE_DEFAULT_ACCESS_MANAGEMENT', '1'),
      ],
      data: { mountPath: '/var/lib/clickhouse', size: '10Gi' },
      size: 'large',
    });
  },
  clientEnv: (ctx, s, f) => credentialUrl(ctx, s, f, f.protocol === 'sql' ? 'clickhouse' : 'http', 'USER', 'PASSWORD', f.protocol === 'sql' ? `/${str(s.props, 'database') || 'analytics'}` : ''),
});
