import type { ClientEnvFacet } from '../types';
import { rabbitCreds } from '../../stack/creds';
import { rabbitPlan } from '../../stack/flows';
import { composeLiteral, upperSnake } from '../../stack/text';

/** Publishers get their exchanges and routing keys, consumers their queues and dead-letter queues. */
export const clientEnv: ClientEnvFacet = ({ ctx, flow, client: n, server: s, set }) => {
  if (flow.protocol !== 'amqp') return;
  const list = (values: readonly string[]) => composeLiteral(values.join(','));
  const T = upperSnake(s.id);
  const cr = rabbitCreds(ctx, s);
  const plan = rabbitPlan(ctx, s);
  set(`${T}_URL`, `amqp://${cr.user}:${cr.password}@${s.id}:5672/${composeLiteral(encodeURIComponent(plan.vhost))}`);
  const pub = plan.publish.get(n) ?? [];
  if (pub.length > 0) set('AMQP_PUBLISH', list(pub.map((x) => `${x.exchange}:${x.routingKey}`)));
  const con = plan.consume.get(n) ?? [];
  if (con.length > 0) {
    set('AMQP_CONSUME_QUEUES', list(con.map((x) => x.queue)));
    set('AMQP_PREFETCH', String(con[0]!.prefetch));
    const retry = con.flatMap((x) => (x.retryQueue ? [x.retryQueue] : []));
    if (retry.length > 0) set('AMQP_RETRY_QUEUES', list(retry));
    const dlq = con.flatMap((x) => (x.deadLetterQueue ? [x.deadLetterQueue] : []));
    if (dlq.length > 0) set('AMQP_DEAD_LETTER_QUEUES', list(dlq));
  }
};
