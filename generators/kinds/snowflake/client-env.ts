import type { ClientEnvFacet } from '../types';
import { str } from '../../../shared/resolve/props';
import { composeLiteral, upperSnake } from '../../stack/text';

/** Loaders get the account, user and password from .env. */
export const clientEnv: ClientEnvFacet = ({ ctx, flow, server: s, set }) => {
  if (flow.protocol !== 'sql') return;
  const T = upperSnake(s.id);
  set(`${T}_ACCOUNT`, ctx.env.ref(s.id, 'ACCOUNT', { comment: `Snowflake account of ${s.id} (external)`, example: str(s.props, 'account') || 'xy12345.eu-west-1' }));
  set(`${T}_USER`, ctx.env.ref(s.id, 'USER', { comment: `Snowflake user for ${s.id}`, example: 'loader' }));
  set(`${T}_PASSWORD`, ctx.env.ref(s.id, 'PASSWORD', { comment: `Snowflake password (or key pair passphrase) for ${s.id}`, secret: true }));
  set(`${T}_WAREHOUSE`, composeLiteral(str(s.props, 'warehouse')));
  set(`${T}_DATABASE`, composeLiteral(str(s.props, 'database')));
};
