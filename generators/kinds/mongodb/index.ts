import { stack } from './stack';
import { clientEnv } from './client-env';
import type { KindModule } from '../types';
import { k8s } from './k8s';
import { mongodbDoc } from './doc';

/** mongodb: its behaviour in the generators (its facts are its catalog entry). */
export const mongodb: KindModule = {
  id: 'mongodb',
  stack,
  clientEnv,
  k8s,
  doc: mongodbDoc,
};
