import type { ClientEnvFacet, Env } from '../env';
import { cred } from '../env';
import { str } from '../../../shared/resolve/props';

/** Callers get its address for the protocol they speak, and the account, from .env. */
export const clientEnv: ClientEnvFacet = ({ flow: e, server: s }) => {
  const P = s.envPrefix;
  const c = s.credentials;
  const address = e.protocol === 'http' || e.protocol === 'graphql' || e.protocol === 'websocket' ? c.URL : e.protocol === 'jms' ? c.JMS_URL : e.protocol === 'sql' ? c.DB_URL : e.protocol === 'sftp' ? c.SFTP_URL : undefined;
  if (!address) return {};
  const out: Env = { [`${P}_URL`]: cred(address), [`${P}_USER`]: cred(c.USER!), [`${P}_PASSWORD`]: cred(c.PASSWORD!) };
  if (e.protocol === 'sftp') {
    out[`${P}_PATH`] = str(e.props, 'path') || '/upload';
    out[`${P}_SCHEDULE`] = str(e.props, 'schedule');
  }
  return out;
};
