import { stack } from './stack';
import { clientEnv } from './client-env';
import type { KindModule } from '../types';
import { k8s } from './k8s';
import { graphqlServiceDoc } from './doc';

/** graphql-service: its behaviour in the generators (its facts are its catalog entry). */
export const graphqlService: KindModule = {
  id: 'graphql-service',
  stack,
  clientEnv,
  k8s,
  doc: graphqlServiceDoc,
};
