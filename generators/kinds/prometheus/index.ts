import { stack } from './stack';
import type { KindModule } from '../types';

/** prometheus: its behaviour in the generators (its facts are its catalog entry). */
export const prometheus: KindModule = {
  id: 'prometheus',
  stack,
  clientEnv: null,
  doc: null,
};
