import { str } from '../../../shared/resolve/props';
import type { DocFacet } from '../types';

const QOS: Record<string, string> = { '0': 'at-most-once', '1': 'at-least-once', '2': 'exactly-once' };

/** An MQTT broker in the document: topics, QoS, sessions. */
export const mqttBrokerDoc: DocFacet = {
  broker: {
    paradigm: () => 'publish-subscribe on MQTT topics',
    paradigmDetail: () => 'every subscriber receives every message of the topics it subscribes to',
    routing: () => 'topic filters (levels separated by /, wildcards + and #)',
    ordering: (plan) => `in order per topic and client at QoS ${str(plan.broker.props, 'qos') || '1'}`,
    durability: (plan) => (plan.broker.props.persistence === true ? 'sessions and retained messages persisted to disk' : 'in memory only'),
    acknowledgement: (plan) => `QoS ${str(plan.broker.props, 'qos') || '1'} (${QOS[str(plan.broker.props, 'qos') || '1']})`,
    guarantee: (plan) => QOS[str(plan.broker.props, 'qos') || '1'] ?? 'at-least-once',
    retention: () => 'retained messages only (the last one per topic)',
    replay: () => undefined,
    deadLetterWord: 'dead-letter topic',
    deadLetterHow: () => 'MQTT has no dead-lettering: a subscriber that cannot process a message logs it',
    streaming: () => false,
  },
};
