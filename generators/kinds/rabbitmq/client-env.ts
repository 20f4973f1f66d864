import type { ClientEnvFacet, Env } from '../env';
import { cred, env, list } from '../env';
import { rabbitPlan } from '../../stack/flows';

/**
 * Publishers get the exchanges and routing keys they publish with; consumers their queues, the
 * prefetch, and the dead-letter and retry queues of what they read (a rejected message goes to
 * `<queue>.dlq` through the dead-letter exchange). Both get the address and the services' user.
 */
export const clientEnv: ClientEnvFacet = ({ resolved, flow: f, client: n, server: s }) => {
  if (f.protocol !== 'amqp') return {};
  const P = s.envPrefix;
  const user = s.credentials.USER!;
  const password = s.credentials.PASSWORD!;
  const plan = rabbitPlan(resolved, s);
  const host = f.host ?? s.service;
  const port = f.port ?? s.listenPort;
  const out: Env = {
    [`${P}_URL`]: env`amqp://${user}:${password}@${host}:${port}/${encodeURIComponent(plan.vhost)}`,
    [`${P}_HOST`]: host,
    [`${P}_PORT`]: String(port),
    [`${P}_USER`]: cred(user),
    [`${P}_PASSWORD`]: cred(password),
    [`${P}_VHOST`]: plan.vhost,
  };
  const pub = plan.publish.get(n) ?? [];
  if (pub.length > 0) out[`${P}_PUBLISH`] = list(pub.map((x) => `${x.exchange}:${x.routingKey}`));
  const con = plan.consume.get(n) ?? [];
  if (con.length > 0) {
    out[`${P}_CONSUME_QUEUES`] = list(con.map((x) => x.queue));
    out[`${P}_PREFETCH`] = String(con[0]!.prefetch);
    const dlq = con.flatMap((x) => (x.deadLetterQueue ? [x.deadLetterQueue] : []));
    if (dlq.length > 0) out[`${P}_DEAD_LETTER_QUEUES`] = list(dlq);
    const retry = con.flatMap((x) => (x.retryQueue ? [x.retryQueue] : []));
    if (retry.length > 0) out[`${P}_RETRY_QUEUES`] = list(retry);
    out[`${P}_MAX_RETRIES`] = String(Math.max(...con.map((x) => x.retries)));
  }
  return out;
};
