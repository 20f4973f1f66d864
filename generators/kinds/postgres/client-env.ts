import type { ClientEnvFacet } from '../types';
import { pgCreds } from '../../stack/creds';
import { str } from '../../../shared/resolve/props';
import { composeLiteral, upperSnake } from '../../stack/text';

/** SQL clients get a URL with the application user. */
export const clientEnv: ClientEnvFacet = ({ ctx, flow, server: s, set }) => {
  if (flow.protocol !== 'sql') return;
  const cr = pgCreds(ctx, s).app;
  set(`${upperSnake(s.id)}_URL`, `postgresql://${cr.user}:${cr.password}@${s.id}:5432/${composeLiteral(str(s.props, 'database') || 'app')}`);
};
