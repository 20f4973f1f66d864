import type { ClientEnvFacet } from '../types';
import { KAFKA_INTERNAL_PORT } from '../../../shared/catalog';
import { hasRole } from '../../stack/context';
import { kafkaPlan } from '../../stack/flows';
import { addr } from '../../stack/wiring';
import { composeLiteral, upperSnake } from '../../stack/text';

/** Producers and consumers get the bootstrap servers, their topics, group and dead-letter topics. */
export const clientEnv: ClientEnvFacet = ({ ctx, flow, client: n, server: s, set }) => {
  if (flow.protocol !== 'kafka') return;
  const list = (values: readonly string[]) => composeLiteral(values.join(','));
  const T = upperSnake(s.id);
  set('KAFKA_BOOTSTRAP_SERVERS', `${s.id}:${KAFKA_INTERNAL_PORT}`);
  set(`${T}_BOOTSTRAP_SERVERS`, `${s.id}:${KAFKA_INTERNAL_PORT}`);
  const plan = kafkaPlan(ctx, s);
  const produced = plan.produce.get(n) ?? [];
  if (produced.length > 0) set('TOPICS_PRODUCE', list(produced));
  const consumed = plan.consumers.filter((x) => x.client === n);
  if (consumed.length > 0) {
    set('TOPICS_CONSUME', list([...new Set(consumed.flatMap((x) => x.topics))]));
    set('KAFKA_CONSUMER_GROUP', composeLiteral(consumed[0]!.group));
    const dlt = [...new Set(consumed.flatMap((x) => x.deadLetterTopics))];
    if (dlt.length > 0) set('TOPICS_DEAD_LETTER', list(dlt));
    const retries = Math.max(...consumed.map((x) => x.retries));
    if (retries > 0) set('CONSUMER_MAX_RETRIES', String(retries));
  }
  const registry = ctx.linked(s, hasRole('schema-registry'))[0];
  if (registry) set('SCHEMA_REGISTRY_URL', `http://${addr(ctx, registry)}`);
};
