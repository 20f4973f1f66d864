import { stack } from './stack';
import { clientEnv } from './client-env';
import type { KindModule } from '../types';
import { k8s } from './k8s';
import { activemqDoc } from './doc';

/** activemq: its behaviour in the generators (its facts are its catalog entry). */
export const activemq: KindModule = {
  id: 'activemq',
  stack,
  clientEnv,
  k8s,
  doc: activemqDoc,
};
