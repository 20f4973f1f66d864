import type { ClientEnvFacet } from '../env';
import { callEnv } from '../call-env';

/** Callers of its REST API (to manage connectors) get `<WORKER>_URL`. */
export const clientEnv: ClientEnvFacet = (link) => callEnv(link);
