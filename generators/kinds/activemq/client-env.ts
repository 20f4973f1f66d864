import type { ClientEnvFacet, Env } from '../env';
import { cred, list } from '../env';
import { plansOf } from './broker-xml';

/**
 * JMS clients get the broker URL (core protocol, `tcp://`), the user, the queues they put to and
 * get from and the dead-letter queues of what they get; AMQP 1.0 clients the `amqp://` URL, the
 * addresses they send to (the plan's exchanges), the queues they receive from and theirs
 * dead-letter queues, and how many times a message is retried first.
 */
export const clientEnv: ClientEnvFacet = ({ resolved, flow: f, client: n, server: s }) => {
  if (f.protocol !== 'jms' && f.protocol !== 'amqp') return {};
  const P = s.envPrefix;
  const host = f.host ?? s.service;
  const port = f.port ?? s.listenPort;
  const plan = plansOf(resolved, s)[f.protocol];
  const out: Env = {
    [f.protocol === 'jms' ? `${P}_BROKER_URL` : `${P}_AMQP_URL`]: f.protocol === 'jms' ? `tcp://${host}:${port}` : `amqp://${host}:${port}`,
    [`${P}_USER`]: cred(s.credentials.USER!),
    [`${P}_PASSWORD`]: cred(s.credentials.PASSWORD!),
  };
  if (!plan) return out;
  const sent = [...new Set(plan.publications.filter((p) => p.client === n).map((p) => p.channel))];
  const subs = plan.subscriptions.filter((x) => x.client === n);
  const read = [...new Set(subs.flatMap((x) => x.channels))];
  const dead = [...new Set(subs.flatMap((x) => x.deadLetter))];
  const amqp = f.protocol === 'amqp';
  if (sent.length > 0) out[amqp ? `${P}_SEND_ADDRESSES` : `${P}_PUT_QUEUES`] = list(sent);
  if (read.length > 0) {
    out[amqp ? `${P}_RECEIVE_QUEUES` : `${P}_GET_QUEUES`] = list(read);
    if (dead.length > 0) out[amqp ? `${P}_AMQP_DEAD_LETTER_QUEUES` : `${P}_DEAD_LETTER_QUEUES`] = list(dead);
    // The broker itself moves a message to the dead-letter address after its delivery attempts (broker.xml); AMQP consumers are told the count too.
    if (amqp) out[`${P}_MAX_RETRIES`] = String(Math.max(...subs.map((x) => x.retries)));
  }
  return out;
};
