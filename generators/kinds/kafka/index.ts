import { stack } from './stack';
import { clientEnv } from './client-env';
import type { KindModule } from '../types';
import { k8s } from './k8s';
import { kafkaDoc } from './doc';

/** kafka: its behaviour in the generators (its facts are its catalog entry). */
export const kafka: KindModule = {
  id: 'kafka',
  stack,
  clientEnv,
  k8s,
  doc: kafkaDoc,
};
