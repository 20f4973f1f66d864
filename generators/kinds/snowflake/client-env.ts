import type { ClientEnvFacet } from '../env';
import { cred } from '../env';
import { str } from '../../../shared/resolve/props';

/** Loaders get the account, user and password from .env, and the warehouse and database. */
export const clientEnv: ClientEnvFacet = ({ flow, server: s }) => {
  if (flow.protocol !== 'sql') return {};
  const P = s.envPrefix;
  const c = s.credentials;
  return { [`${P}_ACCOUNT`]: cred(c.ACCOUNT!), [`${P}_USER`]: cred(c.USER!), [`${P}_PASSWORD`]: cred(c.PASSWORD!), [`${P}_WAREHOUSE`]: str(s.props, 'warehouse'), [`${P}_DATABASE`]: str(s.props, 'database') };
};
