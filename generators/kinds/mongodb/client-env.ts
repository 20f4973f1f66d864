import type { ClientEnvFacet } from '../env';
import { cred, env } from '../env';
import { str } from '../../../shared/resolve/props';

/** Clients get a connection string with the application user (created in its database), and its parts. */
export const clientEnv: ClientEnvFacet = ({ flow: f, server: s }) => {
  if (f.protocol !== 'mongodb') return {};
  const P = s.envPrefix;
  const user = s.credentials.APP_USER!;
  const password = s.credentials.APP_PASSWORD!;
  const host = f.host ?? s.service;
  const port = f.port ?? s.listenPort;
  const db = str(s.props, 'database') || 'app';
  return {
    [`${P}_URL`]: env`mongodb://${user}:${password}@${host}:${port}/${db}?authSource=${db}`,
    [`${P}_HOST`]: host,
    [`${P}_PORT`]: String(port),
    [`${P}_USER`]: cred(user),
    [`${P}_PASSWORD`]: cred(password),
    [`${P}_DATABASE`]: db,
  };
};
