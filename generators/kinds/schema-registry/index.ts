import { stackOf } from '../legacy-stack';
import type { KindModule } from '../types';
import { k8s } from './k8s';

/** schema-registry: its behaviour in the generators (its facts are its catalog entry). */
export const schemaRegistry: KindModule = {
  id: 'schema-registry',
  stack: stackOf('schema-registry'),
  k8s,
};
