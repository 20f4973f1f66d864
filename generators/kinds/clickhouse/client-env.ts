import type { ClientEnvFacet } from '../env';
import { cred } from '../env';
import { str } from '../../../shared/resolve/props';

/** Callers get an HTTP URL (port 8123) or a native one (9000), the user, password and database. */
export const clientEnv: ClientEnvFacet = ({ flow: f, server: s }) => {
  const P = s.envPrefix;
  const host = f.host ?? s.service;
  const db = str(s.props, 'database') || 'analytics';
  let url: string;
  if (f.protocol === 'http') url = `http://${host}:${f.port ?? 8123}`;
  else if (f.protocol === 'sql') url = `clickhouse://${host}:${f.port ?? 9000}/${db}`;
  else return {};
  return { [`${P}_URL`]: url, [`${P}_USER`]: cred(s.credentials.USER!), [`${P}_PASSWORD`]: cred(s.credentials.PASSWORD!), [`${P}_DATABASE`]: db };
};
