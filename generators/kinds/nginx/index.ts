import { stack } from './stack';
import { clientEnv } from './client-env';
import type { KindModule } from '../types';

/** nginx: its behaviour in the generators (its facts are its catalog entry). */
export const nginx: KindModule = {
  id: 'nginx',
  stack,
  clientEnv,
  doc: null,
};
