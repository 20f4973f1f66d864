import { num } from '../../../shared/resolve/props';
import type { DocFacet } from '../types';

/** IBM MQ in the document: JMS queues with backout queues. */
export const ibmMqDoc: DocFacet = {
  broker: {
    paradigm: () => 'point-to-point queues (JMS)',
    paradigmDetail: () => 'each message goes to exactly one consumer',
    routing: () => 'one queue per producer, named on the connection or after the producer',
    ordering: () => 'first in, first out per queue',
    durability: () => 'persistent messages on the queue manager’s disk',
    acknowledgement: () => 'JMS client acknowledgement after processing (at-least-once)',
    guarantee: () => 'at-least-once',
    retention: () => 'until consumed',
    replay: () => undefined,
    deadLetterWord: 'backout queue',
    deadLetterHow: (plan) => `a message delivered ${num(plan.broker.props, 'backoutThreshold') || 3} times without success moves to \`<QUEUE>.BACKOUT\``,
    streaming: () => false,
  },
};
