import { stackOf } from '../legacy-stack';
import type { KindModule } from '../types';
import { kafkaDoc } from './doc';

/** kafka: its behaviour in the generators (its facts are its catalog entry). */
export const kafka: KindModule = {
  id: 'kafka',
  stack: stackOf('kafka'),
  doc: kafkaDoc,
};
