import type { ClientEnvFacet } from '../env';
import { otlpEnv } from '../otlp-env';
import { lokiHttpEnv } from './config';

/** OTLP senders get the logs endpoint (OTLP/HTTP under /otlp); HTTP callers the Loki API and its push endpoint; Grafana gets it as a data source instead. */
export const clientEnv: ClientEnvFacet = (link) => {
  const { flow: f, server: s } = link;
  if (f.kind === 'datasource') return {};
  if (f.protocol === 'http' && s.containerised) return lokiHttpEnv(s.envPrefix, `http://${f.host ?? s.service}:${f.port ?? s.listenPort}`);
  return otlpEnv(link);
};
