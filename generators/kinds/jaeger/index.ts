import { stack } from './stack';
import { clientEnv } from './client-env';
import type { KindModule } from '../types';

/** jaeger: its behaviour in the generators (its facts are its catalog entry). */
export const jaeger: KindModule = {
  id: 'jaeger',
  stack,
  clientEnv,
  doc: null,
};
