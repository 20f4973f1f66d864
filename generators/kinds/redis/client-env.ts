import type { ClientEnvFacet } from '../env';
import { cred, env } from '../env';
import { num, str } from '../../../shared/resolve/props';

/** Clients get a URL with the password, its parts, and what they use it for (with the keys' TTL). */
export const clientEnv: ClientEnvFacet = ({ flow: f, server: s }) => {
  if (f.protocol !== 'redis') return {};
  const P = s.envPrefix;
  const password = s.credentials.PASSWORD!;
  const host = f.host ?? s.service;
  const port = f.port ?? s.listenPort;
  return {
    [`${P}_URL`]: env`redis://:${password}@${host}:${port}/0`,
    [`${P}_HOST`]: host,
    [`${P}_PORT`]: String(port),
    [`${P}_PASSWORD`]: cred(password),
    [`${P}_USAGE`]: str(f.props, 'usage') || 'cache',
    [`${P}_TTL_SECONDS`]: String(num(f.props, 'ttlSeconds')),
  };
};
