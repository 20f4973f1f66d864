import type { Component, Flow } from '../../../shared/resolve';
import { str, strs } from '../../../shared/resolve/props';
import { container, literal, secretEnv, setupJob, valueEnv } from '../../k8s/build';
import { addrOf } from '../../k8s/clientenv';
import { runComponent } from '../../k8s/stateful';
import { facet } from '../../k8s/types';

const BUCKET = /^[a-z0-9][a-z0-9.-]{2,62}$/;

/** The bucket a connection uses: the one named on it, else `<client>-data`. */
function bucketOf(f: Flow): string {
  const named = str(f.props, 'bucket');
  return named && BUCKET.test(named) ? named : `${f.client?.service ?? 'app'}-data`.slice(0, 63);
}

function buckets(c: Component): string[] {
  const out = strs(c.props, 'buckets').filter((b) => BUCKET.test(b));
  for (const f of c.at) if (f.kind === 'object' && f.server === c && !out.includes(bucketOf(f))) out.push(bucketOf(f));
  return out;
}

/** S3-compatible storage (MinIO): a StatefulSet with its data on a claim, and a Job that creates the buckets; clients get endpoint, keys and bucket. */
export const k8s = facet({
  objects: (ctx, c) => {
    const keys = [secretEnv('MINIO_ROOT_USER', ctx.credential(c, 'ACCESS_KEY')), secretEnv('MINIO_ROOT_PASSWORD', ctx.credential(c, 'SECRET_KEY'))];
    runComponent(ctx, c, { args: ['server', '/data', '--console-address', ':9001'], env: keys, data: { mountPath: '/data', size: '10Gi' }, size: 'small' });
    const list = buckets(c);
    if (list.length === 0) return;
    // The bucket names are arguments of the script ("$@"), never part of its text.
    const script = 'set -eu; until mc alias set local "$MINIO_URL" "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD"; do sleep 2; done; for b in "$@"; do mc mb --ignore-existing "local/$b"; done';
    setupJob(ctx, c, { id: 'buckets', name: `${c.service}-buckets`, container: container({ name: 'create-buckets', image: 'minio/mc:RELEASE.2024-10-08T09-37-26Z', command: ['sh', '-c', script, 'create-buckets', ...list.map(literal)], env: [...keys, valueEnv('MINIO_URL', `http://${c.service}:${c.listenPort}`)], size: 'tiny' }) });
  },
  clientEnv: (ctx, s, f) => {
    const P = s.envPrefix;
    const prefix = str(f.props, 'prefix');
    return [
      valueEnv(`${P}_ENDPOINT`, `http://${addrOf(f)}`),
      secretEnv(`${P}_ACCESS_KEY`, ctx.credential(s, 'ACCESS_KEY')),
      secretEnv(`${P}_SECRET_KEY`, ctx.credential(s, 'SECRET_KEY')),
      valueEnv(`${P}_BUCKET`, literal(bucketOf(f))),
      ...(prefix ? [valueEnv(`${P}_PREFIX`, literal(prefix))] : []),
    ];
  },
});
