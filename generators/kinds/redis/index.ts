import { stackOf } from '../legacy-stack';
import type { KindModule } from '../types';
import { redisDoc } from './doc';

/** redis: its behaviour in the generators (its facts are its catalog entry). */
export const redis: KindModule = {
  id: 'redis',
  stack: stackOf('redis'),
  doc: redisDoc,
};
