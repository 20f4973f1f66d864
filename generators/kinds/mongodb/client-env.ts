import type { ClientEnvFacet } from '../env';
import { cred, env } from '../env';
import { str } from '../../../shared/resolve/props';
import { readsAsReader } from '../../../shared/resolve';

/** Clients get a connection string with the application user (created in its database; the read-only user when drawn with read access), and its parts. */
export const clientEnv: ClientEnvFacet = ({ flow: f, server: s }) => {
  if (f.protocol !== 'mongodb') return {};
  const P = s.envPrefix;
  const login = readsAsReader(f) ? 'READER' : 'APP';
  const user = s.credentials[`${login}_USER`]!;
  const password = s.credentials[`${login}_PASSWORD`]!;
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
