import { stack } from './stack';
import type { KindModule } from '../types';

/** worker: its behaviour in the generators (its facts are its catalog entry). */
export const worker: KindModule = {
  id: 'worker',
  stack,
  clientEnv: null,
};
