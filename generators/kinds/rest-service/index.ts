import { stack } from './stack';
import { clientEnv } from './client-env';
import type { KindModule } from '../types';
import { restServiceDoc } from './doc';

/** rest-service: its behaviour in the generators (its facts are its catalog entry). */
export const restService: KindModule = {
  id: 'rest-service',
  stack,
  clientEnv,
  doc: restServiceDoc,
};
