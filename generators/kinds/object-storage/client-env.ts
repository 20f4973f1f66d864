import type { ClientEnvFacet } from '../types';
import { minioCreds } from '../../stack/creds';
import { str } from '../../../shared/resolve/props';
import { composeLiteral, upperSnake } from '../../stack/text';

/** Clients get the endpoint, keys, bucket and prefix. */
export const clientEnv: ClientEnvFacet = ({ ctx, flow: e, server: s, set }) => {
  if (e.protocol !== 's3') return;
  const T = upperSnake(s.id);
  const cr = minioCreds(ctx, s);
  set(`${T}_ENDPOINT`, `http://${s.id}:9000`);
  set(`${T}_ACCESS_KEY`, cr.user);
  set(`${T}_SECRET_KEY`, cr.password);
  const bucket = str(e.props, 'bucket') || `${(e.from === s ? e.to : e.from).id}-data`;
  set(`${T}_BUCKET`, composeLiteral(bucket));
  if (str(e.props, 'prefix')) set(`${T}_PREFIX`, composeLiteral(str(e.props, 'prefix')));
};
