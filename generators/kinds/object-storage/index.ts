import { stackOf } from '../legacy-stack';
import type { KindModule } from '../types';
import { objectStorageDoc } from './doc';

/** object-storage: its behaviour in the generators (its facts are its catalog entry). */
export const objectStorage: KindModule = {
  id: 'object-storage',
  stack: stackOf('object-storage'),
  doc: objectStorageDoc,
};
