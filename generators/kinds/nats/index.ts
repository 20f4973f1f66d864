import { stack } from './stack';
import { clientEnv } from './client-env';
import type { KindModule } from '../types';
import { k8s } from './k8s';
import { natsDoc } from './doc';

/** nats: its behaviour in the generators (its facts are its catalog entry). */
export const nats: KindModule = {
  id: 'nats',
  stack,
  clientEnv,
  k8s,
  doc: natsDoc,
};
