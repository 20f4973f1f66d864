import { stack } from './stack';
import { clientEnv } from './client-env';
import type { KindModule } from '../types';
import { k8s } from './k8s';
import { restServiceDoc } from './doc';

/** rest-service: its behaviour in the generators (its facts are its catalog entry). */
export const restService: KindModule = {
  id: 'rest-service',
  stack,
  clientEnv,
  k8s,
  doc: restServiceDoc,
};
