import type { ClientEnvFacet } from '../types';
import { addr } from '../../stack/wiring';
import { clickhouseCreds } from '../../stack/creds';
import { str } from '../../../shared/resolve/props';
import { composeLiteral, upperSnake } from '../../stack/text';

/** Callers get an HTTP or a native URL with the credentials. */
export const clientEnv: ClientEnvFacet = ({ ctx, flow, server: s, set }) => {
  const T = upperSnake(s.id);
  const cr = clickhouseCreds(ctx, s);
  if (flow.protocol === 'http') set(`${T}_URL`, `http://${cr.user}:${cr.password}@${addr(ctx, s)}`);
  else if (flow.protocol === 'sql') set(`${T}_URL`, `clickhouse://${cr.user}:${cr.password}@${s.id}:9000/${composeLiteral(str(s.props, 'database') || 'analytics')}`);
};
