import { stack } from './stack';
import { clientEnv } from './client-env';
import type { KindModule } from '../types';
import { mysqlDoc } from './doc';

/** mysql: its behaviour in the generators (its facts are its catalog entry). */
export const mysql: KindModule = {
  id: 'mysql',
  stack,
  clientEnv,
  doc: mysqlDoc,
};
