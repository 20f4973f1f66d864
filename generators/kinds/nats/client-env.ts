import type { ClientEnvFacet } from '../types';
import { natsCreds } from '../../stack/creds';
import { natsPlan } from '../../stack/flows';
import { composeLiteral, upperSnake } from '../../stack/text';

/** Publishers and subscribers get the URL and their subjects. */
export const clientEnv: ClientEnvFacet = ({ ctx, flow, client: n, server: s, set }) => {
  if (flow.protocol !== 'nats') return;
  const list = (values: readonly string[]) => composeLiteral(values.join(','));
  const cr = natsCreds(ctx, s);
  set(`${upperSnake(s.id)}_URL`, `nats://${cr.user}:${cr.password}@${s.id}:4222`);
  const plan = natsPlan(ctx, s);
  const pub = plan.publish.get(n) ?? [];
  if (pub.length > 0) set('NATS_PUBLISH_SUBJECTS', list(pub));
  const sub = plan.subscribe.get(n) ?? [];
  if (sub.length > 0) set('NATS_SUBSCRIBE_SUBJECTS', list(sub));
};
