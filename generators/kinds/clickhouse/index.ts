import { stackOf } from '../legacy-stack';
import type { KindModule } from '../types';

/** clickhouse: its behaviour in the generators (its facts are its catalog entry). */
export const clickhouse: KindModule = {
  id: 'clickhouse',
  stack: stackOf('clickhouse'),
  doc: null,
};
