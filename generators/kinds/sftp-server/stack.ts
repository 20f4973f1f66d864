import type { StackFacet } from '../types';
import type { RNode, StackContext } from '../../stack/context';
import { env } from '../env';
import { dataVolume, mainService } from '../../stack/base';
import { str } from '../../../shared/resolve/props';

function sftpServer(ctx: StackContext, n: RNode): void {
  const dir = str(n.props, 'directory') || 'upload';
  const spec = mainService(ctx, n);
  // atmoz/sftp reads its accounts from SFTP_USERS: user:password:uid:gid:directory.
  spec.environment.SFTP_USERS = env`${n.credentials.USER!}:${n.credentials.PASSWORD!}:1001:100:${dir}`;
  spec.volumes.push({ name: dataVolume(n), target: '/home' });
}

export const stack: StackFacet = {
  services: sftpServer,
  exporter: null,
  requestMetrics: null,
  outside: null,
};
