import { stackOf } from '../legacy-stack';
import type { KindModule } from '../types';

/** kong: its behaviour in the generators (its facts are its catalog entry). */
export const kong: KindModule = {
  id: 'kong',
  stack: stackOf('kong'),
  doc: null,
};
