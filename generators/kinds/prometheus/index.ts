import { stack } from './stack';
import type { KindModule } from '../types';
import { k8s } from './k8s';

/** prometheus: its behaviour in the generators (its facts are its catalog entry). */
export const prometheus: KindModule = {
  id: 'prometheus',
  stack,
  clientEnv: null,
  k8s,
  doc: null,
};
