import type { Component, ResolvedDesign } from '../../../shared/resolve';

/**
 * Telemetry carried over Kafka, as the collector's Kafka receiver and exporter (contrib 0.111)
 * do it: OTLP traces encoded as protobuf (`otlp_proto`), one topic per receiver or exporter.
 * A collector drawn → Kafka writes its traces to each topic the messaging plan gives that
 * connection; Kafka → a collector reads each topic its subscription names, in its consumer group.
 * Both the compose stack and Kubernetes take their receivers and exporters from here; only the
 * authentication differs (none inside the compose stack, SCRAM users on Kubernetes).
 */

/** The Kafka protocol version the collector's client speaks (required by the 0.111 receiver and exporter). */
export const KAFKA_PROTOCOL_VERSION = '2.1.0';

export interface CollectorKafka {
  readonly receivers: Record<string, unknown>;
  readonly exporters: Record<string, unknown>;
  /** The brokers it reaches, in the order of the design. */
  readonly brokers: readonly Component[];
}

/** Names the receivers and exporters `kafka/<broker service>`, then `-2`, `-3` for more topics on the same broker. */
function named(taken: Record<string, unknown>, broker: Component): string {
  const base = `kafka/${broker.service}`;
  if (!(base in taken)) return base;
  let i = 2;
  while (`${base}-${i}` in taken) i++;
  return `${base}-${i}`;
}

export function collectorKafka(resolved: ResolvedDesign, c: Component, auth: (broker: Component) => Record<string, unknown> | undefined): CollectorKafka {
  const receivers: Record<string, unknown> = {};
  const exporters: Record<string, unknown> = {};
  const brokers: Component[] = [];
  for (const plan of resolved.messaging) {
    if (plan.protocol !== 'kafka') continue;
    const broker = plan.broker;
    const common = (host: string | undefined, port: number | undefined) => {
      const a = auth(broker);
      return { brokers: [`${host ?? broker.service}:${port ?? broker.listenPort}`], protocol_version: KAFKA_PROTOCOL_VERSION, ...(a ? { auth: a } : {}) };
    };
    let used = false;
    for (const p of plan.publications) {
      if (p.client !== c) continue;
      exporters[named(exporters, broker)] = { ...common(p.flow.host, p.flow.port), topic: p.channel, encoding: 'otlp_proto' };
      used = true;
    }
    for (const s of plan.subscriptions) {
      if (s.client !== c) continue;
      for (const topic of s.channels) {
        receivers[named(receivers, broker)] = { ...common(s.flow.host, s.flow.port), topic, encoding: 'otlp_proto', group_id: consumerGroup(s.group, c) };
        used = true;
      }
    }
    if (used) brokers.push(broker);
  }
  return { receivers, exporters, brokers };
}

/** The variables that carry the collector's SCRAM user and password on a Kafka (Kubernetes). */
export function saslVariables(broker: { readonly envPrefix: string }): { readonly user: string; readonly password: string } {
  return { user: `${broker.envPrefix}_SASL_USERNAME`, password: `${broker.envPrefix}_SASL_PASSWORD` };
}

/** The collector's consumer group: the subscription's, else its service name. */
export function consumerGroup(group: string | undefined, c: Component): string {
  return group ?? c.service;
}
