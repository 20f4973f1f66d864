import { stack } from './stack';
import { clientEnv } from './client-env';
import type { KindModule } from '../types';
import { k8s } from './k8s';

/** kafka-connect: its behaviour in the generators (its facts are its catalog entry). */
export const kafkaConnect: KindModule = {
  id: 'kafka-connect',
  stack,
  clientEnv,
  k8s,
  doc: null,
};
