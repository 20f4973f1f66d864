import { stack } from './stack';
import { clientEnv } from './client-env';
import type { KindModule } from '../types';
import { vaultDoc } from './doc';

/** vault: its behaviour in the generators (its facts are its catalog entry). */
export const vault: KindModule = {
  id: 'vault',
  stack,
  clientEnv,
  doc: vaultDoc,
};
