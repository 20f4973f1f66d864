import type { ClientEnvFacet } from '../types';
import { addr } from '../../stack/wiring';
import { str } from '../../../shared/resolve/props';
import { composeLiteral, upperSnake } from '../../stack/text';

/** Callers get the issuer URL of its realm. */
export const clientEnv: ClientEnvFacet = ({ ctx, flow, server: s, set }) => {
  if (flow.protocol !== 'http') return;
  set(`${upperSnake(s.id)}_ISSUER_URL`, `http://${addr(ctx, s)}/realms/${composeLiteral(str(s.props, 'realm') || 'topoforge')}`);
};
