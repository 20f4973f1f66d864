import type { DocFacet } from '../types';

/** ActiveMQ Artemis in the document: anycast queues (JMS), addresses with diverts (AMQP), dead-letter addresses. */
export const activemqDoc: DocFacet = {
  broker: {
    paradigm: (plan) => (plan.protocol === 'amqp' ? 'publish-subscribe through multicast addresses (AMQP 1.0)' : 'point-to-point queues (JMS)'),
    paradigmDetail: (plan) => (plan.protocol === 'amqp' ? 'each consumer reads its own queue fed by the addresses it is bound to; instances of one consumer compete on that queue' : 'each message goes to exactly one consumer'),
    routing: (plan) => (plan.protocol === 'amqp' ? 'an address per exchange of the design, diverted to every queue bound to it (Artemis routes by address, not by routing key)' : 'one anycast queue per producer, named on the connection or after the producer'),
    ordering: () => 'first in, first out per queue; no order across competing consumers or redeliveries',
    durability: () => 'durable queues in the broker’s persistent journal',
    acknowledgement: () => 'consumers acknowledge after processing (at-least-once)',
    guarantee: () => 'at-least-once',
    retention: () => 'until consumed',
    replay: () => undefined,
    deadLetterWord: 'dead-letter address',
    deadLetterHow: (plan) => `a message that still fails after the retries its consumer's connection sets (one delivery plus that many) moves to its queue's dead-letter address, \`${plan.protocol === 'amqp' ? '<queue>.dlq' : '<QUEUE>.BACKOUT'}\``,
    streaming: () => false,
  },
};
