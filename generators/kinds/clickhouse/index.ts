import { stack } from './stack';
import { clientEnv } from './client-env';
import type { KindModule } from '../types';

/** clickhouse: its behaviour in the generators (its facts are its catalog entry). */
export const clickhouse: KindModule = {
  id: 'clickhouse',
  stack,
  clientEnv,
  doc: null,
};
