import { stack } from './stack';
import type { KindModule } from '../types';
import { debeziumDoc } from './doc';

/** debezium: its behaviour in the generators (its facts are its catalog entry). */
export const debezium: KindModule = {
  id: 'debezium',
  stack,
  clientEnv: null,
  doc: debeziumDoc,
};
