import type { ClientEnvFacet } from '../types';
import { mongoCreds } from '../../stack/creds';
import { str } from '../../../shared/resolve/props';
import { composeLiteral, upperSnake } from '../../stack/text';

/** Clients get a connection string. */
export const clientEnv: ClientEnvFacet = ({ ctx, flow, server: s, set }) => {
  if (flow.protocol !== 'mongodb') return;
  const cr = mongoCreds(ctx, s);
  set(`${upperSnake(s.id)}_URL`, `mongodb://${cr.user}:${cr.password}@${s.id}:27017/${composeLiteral(str(s.props, 'database') || 'app')}?authSource=admin`);
};
