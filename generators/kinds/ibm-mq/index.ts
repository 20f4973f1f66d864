import { stackOf } from '../legacy-stack';
import type { KindModule } from '../types';
import { k8s } from './k8s';

/** ibm-mq: its behaviour in the generators (its facts are its catalog entry). */
export const ibmMq: KindModule = {
  id: 'ibm-mq',
  stack: stackOf('ibm-mq'),
  k8s,
};
