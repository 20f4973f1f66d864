import type { ClientEnvFacet, Env } from '../env';
import { list } from '../env';
import { kafkaPlan } from '../../stack/flows';

/**
 * Producers and consumers get the bootstrap servers (the in-stack listener), the topics they
 * write and read, their consumer group, the dead-letter topics of what they read and how many
 * times to retry first; and the schema registry wired to the broker.
 */
export const clientEnv: ClientEnvFacet = ({ resolved, flow: f, client: n, server: s }) => {
  if (f.protocol !== 'kafka') return {};
  const P = s.envPrefix;
  const out: Env = { [`${P}_BOOTSTRAP_SERVERS`]: `${f.host ?? s.service}:${f.port ?? s.listenPort}` };
  const plan = kafkaPlan(resolved, s);
  const produced = plan.produce.get(n) ?? [];
  if (produced.length > 0) out[`${P}_PRODUCE_TOPICS`] = list(produced);
  const consumed = plan.consumers.filter((x) => x.client === n);
  if (consumed.length > 0) {
    out[`${P}_CONSUME_TOPICS`] = list([...new Set(consumed.flatMap((x) => x.topics))]);
    out[`${P}_CONSUMER_GROUP`] = consumed[0]!.group;
    const dlt = [...new Set(consumed.flatMap((x) => x.deadLetterTopics))];
    if (dlt.length > 0) out[`${P}_DEAD_LETTER_TOPICS`] = list(dlt);
    out[`${P}_MAX_RETRIES`] = String(Math.max(...consumed.map((x) => x.retries)));
  }
  const registry = s.at.map((x) => (x.from === s ? x.to : x.from)).find((o) => o.roles.includes('schema-registry') && o.containerised);
  if (registry) out[`${P}_SCHEMA_REGISTRY_URL`] = `http://${registry.service}:${registry.listenPort}`;
  return out;
};
