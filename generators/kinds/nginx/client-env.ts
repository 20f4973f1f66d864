import type { ClientEnvFacet } from '../env';
import { callEnv } from '../call-env';

/** Callers get `<SERVICE>_URL` (HTTP, WebSocket) or `<SERVICE>_ADDRESS` (gRPC), with the call's timeout and retries. */
export const clientEnv: ClientEnvFacet = (link) => callEnv(link);
