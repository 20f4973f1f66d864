import type { BrokerPlan, Component } from '../../shared/resolve';
import type { K8sContext } from './context';

/**
 * Names the Strimzi resources of a Kafka share with its clients: the KafkaUser of each client
 * (its Secret, made by the User Operator, has the same name and holds `password` and
 * `sasl.jaas.config`), and the KafkaTopic of each topic.
 */

export const STRIMZI = 'kafka.strimzi.io/v1';
/** The SASL mechanism of the internal listener (and of every KafkaUser). */
export const SASL_MECHANISM = 'SCRAM-SHA-512';

export function kafkaPlan(ctx: K8sContext, broker: Component): BrokerPlan | undefined {
  return ctx.resolved.messaging.find((p) => p.broker === broker && p.protocol === 'kafka');
}

/** The KafkaUser (and Secret) of `client` on `broker`. */
export function kafkaUserName(ctx: K8sContext, broker: Component, client: Component): string {
  return ctx.name('KafkaUser', `${broker.id}/${client.id}`, `${broker.service}-${client.service}`, 253);
}

/** A KafkaTopic's object name for `topic` (a DNS subdomain; `spec.topicName` keeps the real name). */
export function kafkaTopicName(ctx: K8sContext, broker: Component, topic: string): string {
  const base = `${broker.service}.${topic}`
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^[^a-z0-9]+/, '')
    .replace(/[^a-z0-9]+$/, '');
  return ctx.name('KafkaTopic', `${broker.id}/${topic}`, base || broker.service, 253);
}

/** The Kafka a component writes to or reads from (its first Kafka connection). */
export function kafkaOf(c: Component): Component | undefined {
  return c.at.find((f) => f.protocol === 'kafka' && f.client === c && f.server && f.server !== c && f.server.kind.hosts?.includes('kafka'))?.server;
}
