import { stackOf } from '../legacy-stack';
import type { KindModule } from '../types';

/** elasticsearch: its behaviour in the generators (its facts are its catalog entry). */
export const elasticsearch: KindModule = {
  id: 'elasticsearch',
  stack: stackOf('elasticsearch'),
  doc: null,
};
