import { stack } from './stack';
import { clientEnv } from './client-env';
import type { KindModule } from '../types';
import { ibmMqDoc } from './doc';

/** ibm-mq: its behaviour in the generators (its facts are its catalog entry). */
export const ibmMq: KindModule = {
  id: 'ibm-mq',
  stack,
  clientEnv,
  doc: ibmMqDoc,
};
