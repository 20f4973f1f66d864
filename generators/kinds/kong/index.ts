import { stack } from './stack';
import { clientEnv } from './client-env';
import type { KindModule } from '../types';

/** kong: its behaviour in the generators (its facts are its catalog entry). */
export const kong: KindModule = {
  id: 'kong',
  stack,
  clientEnv,
  doc: null,
};
