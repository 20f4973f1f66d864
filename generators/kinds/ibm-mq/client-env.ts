import type { ClientEnvFacet, Env } from '../env';
import { cred, list } from '../env';
import { mqPlan } from '../../stack/flows';
import { str } from '../../../shared/resolve/props';

/** Clients get the queue manager's address, channel, the app user, their queues and the backout queues of what they get. */
export const clientEnv: ClientEnvFacet = ({ resolved, flow, client: n, server: s }) => {
  if (flow.protocol !== 'jms') return {};
  const P = s.envPrefix;
  const out: Env = {
    [`${P}_HOST`]: flow.host ?? s.service,
    [`${P}_PORT`]: String(flow.port ?? s.listenPort),
    [`${P}_QUEUE_MANAGER`]: str(s.props, 'queueManager') || 'QM1',
    [`${P}_CHANNEL`]: 'DEV.APP.SVRCONN',
    [`${P}_USER`]: 'app',
    [`${P}_PASSWORD`]: cred(s.credentials.APP_PASSWORD!),
  };
  const plan = mqPlan(resolved, s);
  const put = plan.put.get(n) ?? [];
  if (put.length > 0) out[`${P}_PUT_QUEUES`] = list(put);
  const got = plan.get.get(n) ?? [];
  if (got.length > 0) {
    out[`${P}_GET_QUEUES`] = list(got);
    const backout = plan.queues.filter((q) => got.includes(q.name)).map((q) => q.backout);
    if (backout.length > 0) out[`${P}_BACKOUT_QUEUES`] = list(backout);
  }
  return out;
};
