import { num } from '../../../shared/resolve/props';
import { secretEnv, valueEnv } from '../../k8s/build';
import { urlEnv } from '../../k8s/clientenv';
import { runComponent } from '../../k8s/stateful';
import { facet } from '../../k8s/types';

/** Elasticsearch: a single-node StatefulSet with security on and the `elastic` password from a Secret; clients get URL, user and password. */
export const k8s = facet({
  objects: (ctx, c) => {
    const heap = num(c.props, 'heapMb') || 512;
    runComponent(ctx, c, {
      env: [
        secretEnv('ELASTIC_PASSWORD', ctx.credential(c, 'ELASTIC_PASSWORD')),
        valueEnv('discovery.type', 'single-node'),
        valueEnv('xpack.security.enabled', 'true'),
        valueEnv('xpack.security.http.ssl.enabled', 'false'),
        valueEnv('ES_JAVA_OPTS', `-Xms${heap}m -Xmx${heap}m`),
      ],
      data: { mountPath: '/usr/share/elasticsearch/data', size: '10Gi' },
      size: 'large',
      exporter: { env: [secretEnv('ES_PASSWORD', ctx.credential(c, 'ELASTIC_PASSWORD'))], args: ['--es.uri=http://elastic:$(ES_PASSWORD)@localhost:9200'] },
    });
  },
  clientEnv: (ctx, s, f) => [urlEnv(s, f, 'http'), valueEnv(`${s.envPrefix}_USER`, 'elastic'), secretEnv(`${s.envPrefix}_PASSWORD`, ctx.credential(s, 'ELASTIC_PASSWORD'))],
});
