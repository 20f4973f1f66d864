import type { StackFacet } from '../types';
import type { RNode, StackContext } from '../../stack/context';
import { cfg, dataVolume, mainService, sideService } from '../../stack/base';
import { num } from '../../../shared/resolve/props';
import { cred } from '../env';
import { bucketsOf } from './buckets';

const CREATE_BUCKETS = `#!/bin/sh
# Creates the buckets listed in /init/buckets.txt (one per line) unless they exist, and an
# expiry rule when ARCHIVE_DAYS is above 0. Credentials come from the environment.
set -eu
mc alias set local "$MINIO_URL" "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD"
grep -v '^#' /init/buckets.txt | while read -r bucket; do
  if [ -n "$bucket" ]; then
    mc mb --ignore-existing "local/$bucket"
    if [ "$ARCHIVE_DAYS" -gt 0 ]; then
      mc ilm rule add --expire-days "$ARCHIVE_DAYS" "local/$bucket" || true
    fi
  fi
done
echo "buckets ready"
`;

/** MinIO with the buckets of the design, created by a one-shot job. */
function objectStorage(ctx: StackContext, n: RNode): void {
  const user = cred(n.credentials.ACCESS_KEY!);
  const password = cred(n.credentials.SECRET_KEY!);
  const spec = mainService(ctx, n, { command: ['server', '/data', '--console-address', ':9001'] });
  Object.assign(spec.environment, { MINIO_ROOT_USER: user, MINIO_ROOT_PASSWORD: password });
  spec.volumes.push({ name: dataVolume(n), target: '/data' });
  const buckets = bucketsOf(n);
  if (buckets.length === 0) return;
  const list = ctx.addFile(cfg(n, 'buckets.txt'), `# buckets (read by create-buckets.sh)\n${buckets.join('\n')}\n`);
  const script = ctx.addFile(cfg(n, 'create-buckets.sh'), CREATE_BUCKETS, 0o755);
  sideService(ctx, n, 'init', {
    description: `Creates the buckets of ${n.service} (one-shot)`,
    image: 'minio/mc:RELEASE.2024-10-08T09-37-26Z',
    entrypoint: ['sh', '/init/create-buckets.sh'],
    environment: { MINIO_URL: `http://${n.service}:${n.listenPort}`, MINIO_ROOT_USER: user, MINIO_ROOT_PASSWORD: password, ARCHIVE_DAYS: String(num(n.props, 'archiveDays')) },
    binds: [
      { source: script, target: '/init/create-buckets.sh', readOnly: true },
      { source: list, target: '/init/buckets.txt', readOnly: true },
    ],
    needs: [{ service: n.service, condition: 'service_healthy' }],
    oneShot: true,
    gate: true,
  });
}

export const stack: StackFacet = {
  services: objectStorage,
  exporter: null,
  requestMetrics: null,
  outside: null,
};
