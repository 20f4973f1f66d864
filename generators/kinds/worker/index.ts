import { stack } from './stack';
import type { KindModule } from '../types';
import { k8s } from './k8s';
import { workerDoc } from './doc';

/** worker: its behaviour in the generators (its facts are its catalog entry). */
export const worker: KindModule = {
  id: 'worker',
  stack,
  clientEnv: null,
  k8s,
  doc: workerDoc,
};
