import type { ClientEnvFacet } from '../types';
import { redisPassword } from '../../stack/creds';
import { upperSnake } from '../../stack/text';

/** Clients get a URL with the password. */
export const clientEnv: ClientEnvFacet = ({ ctx, flow, server: s, set }) => {
  if (flow.protocol === 'redis') set(`${upperSnake(s.id)}_URL`, `redis://:${redisPassword(ctx, s)}@${s.id}:6379/0`);
};
