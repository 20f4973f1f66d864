import { stack } from './stack';
import { clientEnv } from './client-env';
import type { KindModule } from '../types';
import { k8s } from './k8s';
import { redisDoc } from './doc';

/** redis: its behaviour in the generators (its facts are its catalog entry). */
export const redis: KindModule = {
  id: 'redis',
  stack,
  clientEnv,
  k8s,
  doc: redisDoc,
};
