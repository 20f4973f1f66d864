import type { ClientEnvFacet } from '../types';
import { addr } from '../../stack/wiring';
import { vaultToken } from '../../stack/creds';

/** Callers get VAULT_ADDR and the token. */
export const clientEnv: ClientEnvFacet = ({ ctx, flow, server: s, set }) => {
  if (flow.protocol !== 'http') return;
  set('VAULT_ADDR', `http://${addr(ctx, s)}`);
  set('VAULT_TOKEN', vaultToken(ctx, s));
};
