import { stack } from './stack';
import type { KindModule } from '../types';
import { k8s } from './k8s';
import { flinkDoc } from './doc';

/** flink: its behaviour in the generators (its facts are its catalog entry). */
export const flink: KindModule = {
  id: 'flink',
  stack,
  clientEnv: null,
  k8s,
  doc: flinkDoc,
};
