import type { ClientEnvFacet } from '../env';
import { cred } from '../env';

/** Callers get its address and the token. */
export const clientEnv: ClientEnvFacet = ({ flow: f, server: s }) => {
  if (f.protocol !== 'http') return {};
  return { [`${s.envPrefix}_URL`]: `http://${f.host ?? s.service}:${f.port ?? s.listenPort}`, [`${s.envPrefix}_TOKEN`]: cred(s.credentials.DEV_ROOT_TOKEN!) };
};
