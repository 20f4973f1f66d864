import { stack } from './stack';
import type { KindModule } from '../types';
import { k8s } from './k8s';
import { debeziumDoc } from './doc';

/** debezium: its behaviour in the generators (its facts are its catalog entry). */
export const debezium: KindModule = {
  id: 'debezium',
  stack,
  clientEnv: null,
  k8s,
  doc: debeziumDoc,
};
