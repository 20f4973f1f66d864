import { stackOf } from '../legacy-stack';
import type { KindModule } from '../types';
import { k8s } from './k8s';

/** mongodb: its behaviour in the generators (its facts are its catalog entry). */
export const mongodb: KindModule = {
  id: 'mongodb',
  stack: stackOf('mongodb'),
  k8s,
};
