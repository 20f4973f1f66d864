import { stack } from './stack';
import type { KindModule } from '../types';
import { k8s } from './k8s';
import { batchJobDoc } from './doc';

/** batch-job: its behaviour in the generators (its facts are its catalog entry). */
export const batchJob: KindModule = {
  id: 'batch-job',
  stack,
  clientEnv: null,
  k8s,
  doc: batchJobDoc,
};
