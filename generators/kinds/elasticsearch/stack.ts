import type { StackFacet } from '../types';
import type { RNode, StackContext } from '../../stack/context';
import { cred } from '../env';
import { dataVolume, mainService } from '../../stack/base';
import { num, strs } from '../../../shared/resolve/props';

function elasticsearch(ctx: StackContext, n: RNode): void {
  const heap = num(n.props, 'heapMb') || 512;
  const spec = mainService(ctx, n);
  Object.assign(spec.environment, {
    'discovery.type': 'single-node',
    ES_JAVA_OPTS: `-Xms${heap}m -Xmx${heap}m`,
    ELASTIC_PASSWORD: cred(n.credentials.ELASTIC_PASSWORD!),
    'xpack.security.enabled': 'true',
    'xpack.security.http.ssl.enabled': 'false',
    'xpack.security.transport.ssl.enabled': 'false',
  });
  spec.volumes.push({ name: dataVolume(n), target: '/usr/share/elasticsearch/data' });
  ctx.note(`\`${n.service}\` (Elasticsearch) needs vm.max_map_count of at least 262144 on the Docker host (\`sysctl -w vm.max_map_count=262144\`).`);
  const indices = strs(n.props, 'indices');
  if (indices.length > 0) ctx.note(`\`${n.service}\` indices to create when you first write: ${indices.map((i) => `\`${i}\``).join(', ')}.`);
}

export const stack: StackFacet = {
  services: elasticsearch,
  exporter: (_ctx, t) => ({ command: [`--es.uri=http://${t.service}:${t.listenPort}`], environment: { ES_USERNAME: 'elastic', ES_PASSWORD: cred(t.credentials.ELASTIC_PASSWORD!) } }),
  requestMetrics: null,
  outside: null,
};
