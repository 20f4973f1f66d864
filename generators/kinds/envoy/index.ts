import { stackOf } from '../legacy-stack';
import type { KindModule } from '../types';
import { k8s } from './k8s';

/** envoy: its behaviour in the generators (its facts are its catalog entry). */
export const envoy: KindModule = {
  id: 'envoy',
  stack: stackOf('envoy'),
  k8s,
};
