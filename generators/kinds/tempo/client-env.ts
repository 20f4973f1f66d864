import type { ClientEnvFacet } from '../env';
import { otlpEnv } from '../otlp-env';

/** Senders get the OTLP traces endpoint (gRPC on 4317); Grafana gets it as a data source instead. */
export const clientEnv: ClientEnvFacet = (link) => (link.flow.kind === 'datasource' ? {} : otlpEnv(link));
