import type { ClientEnvFacet } from '../env';
import { cred } from '../env';

/** Callers get the URL, the user and its password. */
export const clientEnv: ClientEnvFacet = ({ flow: f, server: s }) => {
  if (f.protocol !== 'http') return {};
  const P = s.envPrefix;
  return { [`${P}_URL`]: `http://${f.host ?? s.service}:${f.port ?? s.listenPort}`, [`${P}_USER`]: 'elastic', [`${P}_PASSWORD`]: cred(s.credentials.ELASTIC_PASSWORD!) };
};
