import { stack } from './stack';
import { clientEnv } from './client-env';
import type { KindModule } from '../types';
import { k8s } from './k8s';
import { mysqlDoc } from './doc';

/** mysql: its behaviour in the generators (its facts are its catalog entry). */
export const mysql: KindModule = {
  id: 'mysql',
  stack,
  clientEnv,
  k8s,
  doc: mysqlDoc,
};
