import type { ClientEnvFacet } from '../env';
import { cred } from '../env';
import { str } from '../../../shared/resolve/props';

/** Callers get its base URL and their credential, from .env. */
export const clientEnv: ClientEnvFacet = ({ flow: f, server: s }) => {
  if (f.protocol !== 'http' && f.protocol !== 'graphql' && f.protocol !== 'websocket') return {};
  const P = s.envPrefix;
  return { [`${P}_URL`]: cred(s.credentials.URL!), ...(str(s.props, 'auth') !== 'none' ? { [`${P}_CREDENTIAL`]: cred(s.credentials.CREDENTIAL!) } : {}) };
};
