import type { StackFacet } from '../types';
import type { RNode, StackContext } from '../../stack/context';
import { composeLiteral } from '../../stack/text';
import { sftpCreds } from '../../stack/creds';
import { dataVolume, mainService } from '../../stack/base';
import { str } from '../../../shared/resolve/props';

function sftpServer(ctx: StackContext, n: RNode): void {
  const cr = sftpCreds(ctx, n);
  const dir = str(n.props, 'directory') || 'upload';
  const spec = mainService(ctx, n);
  // atmoz/sftp reads its accounts from SFTP_USERS: user:password:uid:gid:directory.
  spec.environment.SFTP_USERS = `${cr.user}:${cr.password}:1001:100:${composeLiteral(dir)}`;
  spec.volumes.push({ name: dataVolume(n), target: '/home' });
}

export const stack: StackFacet = {
  services: sftpServer,
  exporter: null,
  requestMetrics: null,
  alerts: null,
  outside: null,
};
