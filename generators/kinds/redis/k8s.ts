import { num, str } from '../../../shared/resolve/props';
import { secretEnv, valueEnv } from '../../k8s/build';
import { addrOf } from '../../k8s/clientenv';
import { runComponent } from '../../k8s/stateful';
import { facet } from '../../k8s/types';

/** Redis: a StatefulSet (a claim unless persistence is off) with its password from a Secret; clients get a URL. */
export const k8s = facet({
  objects: (ctx, c) => {
    const persistence = str(c.props, 'persistence') || 'rdb';
    runComponent(ctx, c, {
      command: ['redis-server'],
      args: [
        '--requirepass', '$(REDIS_PASSWORD)',
        '--maxmemory', `${num(c.props, 'maxMemoryMb') || 256}mb`,
        '--maxmemory-policy', str(c.props, 'evictionPolicy') || 'allkeys-lru',
        '--appendonly', persistence === 'aof' ? 'yes' : 'no',
        '--save', persistence === 'none' ? '' : '3600 1 300 100 60 10000',
        '--dir', '/data',
      ],
      env: [secretEnv('REDIS_PASSWORD', ctx.credential(c, 'PASSWORD'))],
      ...(persistence !== 'none' ? { data: { mountPath: '/data' } } : {}),
      size: 'small',
      exporter: { env: [secretEnv('REDIS_PASSWORD', ctx.credential(c, 'PASSWORD')), valueEnv('REDIS_ADDR', 'redis://localhost:6379')] },
    });
  },
  clientEnv: (ctx, s, f) => [secretEnv(`${s.envPrefix}_PASSWORD`, ctx.credential(s, 'PASSWORD')), valueEnv(`${s.envPrefix}_URL`, `redis://:$(${s.envPrefix}_PASSWORD)@${addrOf(f)}/0`)],
});
