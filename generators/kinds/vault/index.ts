import { stack } from './stack';
import { clientEnv } from './client-env';
import type { KindModule } from '../types';
import { k8s } from './k8s';
import { vaultDoc } from './doc';

/** vault: its behaviour in the generators (its facts are its catalog entry). */
export const vault: KindModule = {
  id: 'vault',
  stack,
  clientEnv,
  k8s,
  doc: vaultDoc,
};
