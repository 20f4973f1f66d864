import type { ClientEnvFacet } from '../env';
import { cred } from '../env';
import { str } from '../../../shared/resolve/props';
import { bucketOf } from './buckets';

/** Clients get the endpoint, the keys, their bucket and prefix. */
export const clientEnv: ClientEnvFacet = ({ flow: e, server: s }) => {
  if (e.protocol !== 's3') return {};
  const P = s.envPrefix;
  return {
    [`${P}_ENDPOINT`]: `http://${e.host ?? s.service}:${e.port ?? s.listenPort}`,
    [`${P}_ACCESS_KEY`]: cred(s.credentials.ACCESS_KEY!),
    [`${P}_SECRET_KEY`]: cred(s.credentials.SECRET_KEY!),
    [`${P}_BUCKET`]: bucketOf(s, e),
    ...(str(e.props, 'prefix') ? { [`${P}_PREFIX`]: str(e.props, 'prefix') } : {}),
  };
};
