import { stack } from './stack';
import { clientEnv } from './client-env';
import type { KindModule } from '../types';
import { k8s } from './k8s';
import { envoyDoc } from './doc';

/** envoy: its behaviour in the generators (its facts are its catalog entry). */
export const envoy: KindModule = {
  id: 'envoy',
  stack,
  clientEnv,
  k8s,
  doc: envoyDoc,
};
