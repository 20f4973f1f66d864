import { stack } from './stack';
import type { KindModule } from '../types';
import { flinkDoc } from './doc';

/** flink: its behaviour in the generators (its facts are its catalog entry). */
export const flink: KindModule = {
  id: 'flink',
  stack,
  clientEnv: null,
  doc: flinkDoc,
};
