import { stackOf } from '../legacy-stack';
import type { KindModule } from '../types';
import { mysqlDoc } from './doc';

/** mysql: its behaviour in the generators (its facts are its catalog entry). */
export const mysql: KindModule = {
  id: 'mysql',
  stack: stackOf('mysql'),
  doc: mysqlDoc,
};
