import { stackOf } from '../legacy-stack';
import type { KindModule } from '../types';
import { k8s } from './k8s';

/** grpc-service: its behaviour in the generators (its facts are its catalog entry). */
export const grpcService: KindModule = {
  id: 'grpc-service',
  stack: stackOf('grpc-service'),
  k8s,
};
