import type { ClientEnvFacet } from '../types';
import { addr } from '../../stack/wiring';

/** Callers get SCHEMA_REGISTRY_URL. */
export const clientEnv: ClientEnvFacet = ({ ctx, flow, server: s, set }) => {
  if (flow.protocol === 'http') set('SCHEMA_REGISTRY_URL', `http://${addr(ctx, s)}`);
};
