import { stack } from './stack';
import { clientEnv } from './client-env';
import type { KindModule } from '../types';
import { k8s } from './k8s';

/** loki: its behaviour in the generators (its facts are its catalog entry). */
export const loki: KindModule = {
  id: 'loki',
  stack,
  clientEnv,
  k8s,
  doc: null,
};
