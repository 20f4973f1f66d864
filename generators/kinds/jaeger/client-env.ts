import type { ClientEnvFacet } from '../types';
import { otlpEnv } from '../../stack/wiring';

/** Senders get the OTLP endpoint. */
export const clientEnv: ClientEnvFacet = (link) => otlpEnv(link);
