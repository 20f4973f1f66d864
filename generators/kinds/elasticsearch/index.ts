import { stack } from './stack';
import { clientEnv } from './client-env';
import type { KindModule } from '../types';

/** elasticsearch: its behaviour in the generators (its facts are its catalog entry). */
export const elasticsearch: KindModule = {
  id: 'elasticsearch',
  stack,
  clientEnv,
  doc: null,
};
