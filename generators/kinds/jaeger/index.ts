import { stackOf } from '../legacy-stack';
import type { KindModule } from '../types';

/** jaeger: its behaviour in the generators (its facts are its catalog entry). */
export const jaeger: KindModule = {
  id: 'jaeger',
  stack: stackOf('jaeger'),
  doc: null,
};
