import type { ClientEnvFacet } from '../env';
import { cred } from '../env';
import { str } from '../../../shared/resolve/props';

/** Clients get the host, port, account, and the path and schedule of their transfers. */
export const clientEnv: ClientEnvFacet = ({ flow: e, server: s }) => {
  if (e.protocol !== 'sftp') return {};
  const P = s.envPrefix;
  return {
    [`${P}_HOST`]: e.host ?? s.service,
    [`${P}_PORT`]: String(e.port ?? s.listenPort),
    [`${P}_USER`]: cred(s.credentials.USER!),
    [`${P}_PASSWORD`]: cred(s.credentials.PASSWORD!),
    [`${P}_PATH`]: str(e.props, 'path') || '/upload',
    [`${P}_SCHEDULE`]: str(e.props, 'schedule'),
  };
};
