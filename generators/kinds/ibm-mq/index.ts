import { stack } from './stack';
import { clientEnv } from './client-env';
import type { KindModule } from '../types';
import { k8s } from './k8s';
import { ibmMqDoc } from './doc';

/** ibm-mq: its behaviour in the generators (its facts are its catalog entry). */
export const ibmMq: KindModule = {
  id: 'ibm-mq',
  stack,
  clientEnv,
  k8s,
  doc: ibmMqDoc,
};
