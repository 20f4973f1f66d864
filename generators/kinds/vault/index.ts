import { stackOf } from '../legacy-stack';
import type { KindModule } from '../types';
import { k8s } from './k8s';

/** vault: its behaviour in the generators (its facts are its catalog entry). */
export const vault: KindModule = {
  id: 'vault',
  stack: stackOf('vault'),
  k8s,
};
