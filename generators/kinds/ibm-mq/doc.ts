import { backoutThresholds } from './backout';
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
    deadLetterHow: (plan) => {
      const t = backoutThresholds(plan);
      const times = t.length === 0 ? '3' : t.length === 1 ? String(t[0]) : `${t[0]} to ${t[t.length - 1]}`;
      return `a message delivered ${times} times without success (once, plus its consumer's retries) moves to \`<QUEUE>.BACKOUT\``;
    },
    streaming: () => false,
  },
};
