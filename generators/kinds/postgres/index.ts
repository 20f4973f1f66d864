import { stack } from './stack';
import { clientEnv } from './client-env';
import type { KindModule } from '../types';
import { k8s } from './k8s';
import { postgresDoc } from './doc';

/** postgres: its behaviour in the generators (its facts are its catalog entry). */
export const postgres: KindModule = {
  id: 'postgres',
  stack,
  clientEnv,
  k8s,
  doc: postgresDoc,
};
