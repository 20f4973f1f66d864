import type { ClientEnvFacet } from '../types';
import { httpEnv } from '../../stack/wiring';

/** Callers get `<SERVICE>_URL` (HTTP, WebSocket) or `<SERVICE>_ADDRESS` (gRPC). */
export const clientEnv: ClientEnvFacet = (link) => httpEnv(link);
