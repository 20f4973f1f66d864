import type { ClientEnvFacet, Env } from '../env';
import { cred, list } from '../env';
import { natsPlan } from '../../stack/flows';
import { bool } from '../../../shared/resolve/props';
import { streamName } from './stream';

/**
 * Publishers and subscribers get the address, the user and password (apart: a password may hold
 * any character), their subjects; with JetStream, the stream, the durable consumer each
 * subscriber reads through, the dead-letter subjects and how many deliveries to try.
 */
export const clientEnv: ClientEnvFacet = ({ resolved, flow: f, client: n, server: s }) => {
  if (f.protocol !== 'nats') return {};
  const P = s.envPrefix;
  const out: Env = { [`${P}_URL`]: `nats://${f.host ?? s.service}:${f.port ?? s.listenPort}`, [`${P}_USER`]: cred(s.credentials.USER!), [`${P}_PASSWORD`]: cred(s.credentials.PASSWORD!) };
  const plan = natsPlan(resolved, s);
  const pub = plan.publish.get(n) ?? [];
  if (pub.length > 0) out[`${P}_PUBLISH_SUBJECTS`] = list(pub);
  const subs = plan.subscriptions.filter((x) => x.client === n);
  if (subs.length > 0) {
    out[`${P}_SUBSCRIBE_SUBJECTS`] = list([...new Set(subs.flatMap((x) => x.channels))]);
    if (bool(s.props, 'jetstream')) {
      out[`${P}_STREAM`] = streamName(s);
      out[`${P}_DURABLE`] = subs[0]!.group ?? n.service;
      out[`${P}_MAX_RETRIES`] = String(Math.max(...subs.map((x) => x.retries)));
    }
    const dlq = [...new Set(subs.flatMap((x) => x.deadLetter))];
    if (dlq.length > 0) out[`${P}_DEAD_LETTER_SUBJECTS`] = list(dlq);
  }
  return out;
};
