import type { ClientEnvFacet } from '../env';
import { callEnv } from '../call-env';

/** Callers get `<REGISTRY>_URL`. */
export const clientEnv: ClientEnvFacet = (link) => callEnv(link);
