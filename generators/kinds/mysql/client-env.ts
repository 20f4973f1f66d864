import type { ClientEnvFacet } from '../types';
import { mysqlCreds } from '../../stack/creds';
import { str } from '../../../shared/resolve/props';
import { composeLiteral, upperSnake } from '../../stack/text';

/** SQL clients get a URL with the application user. */
export const clientEnv: ClientEnvFacet = ({ ctx, flow, server: s, set }) => {
  if (flow.protocol !== 'sql') return;
  const cr = mysqlCreds(ctx, s).app;
  set(`${upperSnake(s.id)}_URL`, `mysql://${cr.user}:${cr.password}@${s.id}:3306/${composeLiteral(str(s.props, 'database') || 'app')}`);
};
