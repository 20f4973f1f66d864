import type { ClientEnvFacet } from '../types';
import { addr } from '../../stack/wiring';
import { elasticPassword } from '../../stack/creds';
import { upperSnake } from '../../stack/text';

/** Callers get the URL, the user and its password. */
export const clientEnv: ClientEnvFacet = ({ ctx, flow, server: s, set }) => {
  if (flow.protocol !== 'http') return;
  const T = upperSnake(s.id);
  set(`${T}_URL`, `http://${addr(ctx, s)}`);
  set(`${T}_USER`, 'elastic');
  set(`${T}_PASSWORD`, elasticPassword(ctx, s));
};
