import { stack } from './stack';
import { clientEnv } from './client-env';
import type { KindModule } from '../types';
import { k8s } from './k8s';
import { grpcServiceDoc } from './doc';

/** grpc-service: its behaviour in the generators (its facts are its catalog entry). */
export const grpcService: KindModule = {
  id: 'grpc-service',
  stack,
  clientEnv,
  k8s,
  doc: grpcServiceDoc,
};
