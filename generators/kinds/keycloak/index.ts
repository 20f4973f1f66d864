import { stack } from './stack';
import { clientEnv } from './client-env';
import type { KindModule } from '../types';
import { keycloakDoc } from './doc';

/** keycloak: its behaviour in the generators (its facts are its catalog entry). */
export const keycloak: KindModule = {
  id: 'keycloak',
  stack,
  clientEnv,
  doc: keycloakDoc,
};
