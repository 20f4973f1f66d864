import { stack } from './stack';
import { clientEnv } from './client-env';
import type { KindModule } from '../types';
import { k8s } from './k8s';
import { saasAppDoc } from './doc';

/** saas-app: its behaviour in the generators (its facts are its catalog entry). */
export const saasApp: KindModule = {
  id: 'saas-app',
  stack,
  clientEnv,
  k8s,
  doc: saasAppDoc,
};
