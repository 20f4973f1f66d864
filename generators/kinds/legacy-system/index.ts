import { stack } from './stack';
import { clientEnv } from './client-env';
import type { KindModule } from '../types';
import { k8s } from './k8s';

/** legacy-system: its behaviour in the generators (its facts are its catalog entry). */
export const legacySystem: KindModule = {
  id: 'legacy-system',
  stack,
  clientEnv,
  k8s,
  doc: null,
};
