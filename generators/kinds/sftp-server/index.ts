import { stack } from './stack';
import { clientEnv } from './client-env';
import type { KindModule } from '../types';
import { k8s } from './k8s';
import { sftpServerDoc } from './doc';

/** sftp-server: its behaviour in the generators (its facts are its catalog entry). */
export const sftpServer: KindModule = {
  id: 'sftp-server',
  stack,
  clientEnv,
  k8s,
  doc: sftpServerDoc,
};
