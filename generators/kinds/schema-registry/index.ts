import { stack } from './stack';
import { clientEnv } from './client-env';
import type { KindModule } from '../types';
import { k8s } from './k8s';
import { schemaRegistryDoc } from './doc';

/** schema-registry: its behaviour in the generators (its facts are its catalog entry). */
export const schemaRegistry: KindModule = {
  id: 'schema-registry',
  stack,
  clientEnv,
  k8s,
  doc: schemaRegistryDoc,
};
