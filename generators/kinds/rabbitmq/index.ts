import { stack } from './stack';
import { clientEnv } from './client-env';
import type { KindModule } from '../types';
import { k8s } from './k8s';
import { rabbitmqDoc } from './doc';

/** rabbitmq: its behaviour in the generators (its facts are its catalog entry). */
export const rabbitmq: KindModule = {
  id: 'rabbitmq',
  stack,
  clientEnv,
  k8s,
  doc: rabbitmqDoc,
};
