import { stack } from './stack';
import { clientEnv } from './client-env';
import type { KindModule } from '../types';

/** nats: its behaviour in the generators (its facts are its catalog entry). */
export const nats: KindModule = {
  id: 'nats',
  stack,
  clientEnv,
};
