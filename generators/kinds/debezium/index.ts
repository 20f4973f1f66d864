import { stack } from './stack';
import type { KindModule } from '../types';

/** debezium: its behaviour in the generators (its facts are its catalog entry). */
export const debezium: KindModule = {
  id: 'debezium',
  stack,
  clientEnv: null,
};
