import type { ClientEnvFacet } from '../types';
import { sftpCreds } from '../../stack/creds';
import { str } from '../../../shared/resolve/props';
import { composeLiteral, upperSnake } from '../../stack/text';

/** Clients get the host, port, account, and the path and schedule of their transfers. */
export const clientEnv: ClientEnvFacet = ({ ctx, flow: e, server: s, set }) => {
  if (e.protocol !== 'sftp') return;
  const T = upperSnake(s.id);
  const cr = sftpCreds(ctx, s);
  set(`${T}_HOST`, s.id);
  set(`${T}_PORT`, '22');
  set(`${T}_USER`, cr.user);
  set(`${T}_PASSWORD`, cr.password);
  set(`${T}_PATH`, composeLiteral(str(e.props, 'path') || '/upload'));
  set(`${T}_SCHEDULE`, composeLiteral(str(e.props, 'schedule')));
};
