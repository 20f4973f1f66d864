import type { ClientEnvFacet } from '../env';
import { otlpEnv } from '../otlp-env';

/** Senders get the OTLP endpoint (gRPC). */
export const clientEnv: ClientEnvFacet = (link) => otlpEnv(link);
