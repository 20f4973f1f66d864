import type { KindModule } from '../types';
import { k8s } from './k8s';

/** legacy-system: its behaviour in the generators (its facts are its catalog entry). */
export const legacySystem: KindModule = {
  id: 'legacy-system',
  stack: null,
  k8s,
};
