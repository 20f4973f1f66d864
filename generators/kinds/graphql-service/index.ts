import { stackOf } from '../legacy-stack';
import type { KindModule } from '../types';
import { graphqlServiceDoc } from './doc';

/** graphql-service: its behaviour in the generators (its facts are its catalog entry). */
export const graphqlService: KindModule = {
  id: 'graphql-service',
  stack: stackOf('graphql-service'),
  doc: graphqlServiceDoc,
};
