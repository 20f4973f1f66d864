import { stackOf } from '../legacy-stack';
import type { KindModule } from '../types';
import { sftpServerDoc } from './doc';

/** sftp-server: its behaviour in the generators (its facts are its catalog entry). */
export const sftpServer: KindModule = {
  id: 'sftp-server',
  stack: stackOf('sftp-server'),
  doc: sftpServerDoc,
};
