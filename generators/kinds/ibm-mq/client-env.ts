import type { ClientEnvFacet } from '../types';
import { mqCreds } from '../../stack/creds';
import { mqPlan } from '../../stack/flows';
import { str } from '../../../shared/resolve/props';
import { composeLiteral, upperSnake } from '../../stack/text';

/** Clients get the queue manager's address, channel, credentials and their queues. */
export const clientEnv: ClientEnvFacet = ({ ctx, flow, client: n, server: s, set }) => {
  if (flow.protocol !== 'jms') return;
  const list = (values: readonly string[]) => composeLiteral(values.join(','));
  const T = upperSnake(s.id);
  const cr = mqCreds(ctx, s);
  set(`${T}_HOST`, s.id);
  set(`${T}_PORT`, '1414');
  set(`${T}_QUEUE_MANAGER`, composeLiteral(str(s.props, 'queueManager') || 'QM1'));
  set(`${T}_CHANNEL`, 'DEV.APP.SVRCONN');
  set(`${T}_USER`, 'app');
  set(`${T}_PASSWORD`, cr.app);
  const plan = mqPlan(ctx, s);
  const put = plan.put.get(n) ?? [];
  if (put.length > 0) set('MQ_PUT_QUEUES', list(put));
  const got = plan.get.get(n) ?? [];
  if (got.length > 0) set('MQ_GET_QUEUES', list(got));
};
