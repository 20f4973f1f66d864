import { stackOf } from '../legacy-stack';
import type { KindModule } from '../types';

/** nginx: its behaviour in the generators (its facts are its catalog entry). */
export const nginx: KindModule = {
  id: 'nginx',
  stack: stackOf('nginx'),
  doc: null,
};
