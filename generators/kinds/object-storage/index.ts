import { stack } from './stack';
import { clientEnv } from './client-env';
import type { KindModule } from '../types';
import { k8s } from './k8s';
import { objectStorageDoc } from './doc';

/** object-storage: its behaviour in the generators (its facts are its catalog entry). */
export const objectStorage: KindModule = {
  id: 'object-storage',
  stack,
  clientEnv,
  k8s,
  doc: objectStorageDoc,
};
