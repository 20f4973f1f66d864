import { stack } from './stack';
import { clientEnv } from './client-env';
import type { KindModule } from '../types';
import { k8s } from './k8s';
import { keycloakDoc } from './doc';

/** keycloak: its behaviour in the generators (its facts are its catalog entry). */
export const keycloak: KindModule = {
  id: 'keycloak',
  stack,
  clientEnv,
  k8s,
  doc: keycloakDoc,
};
