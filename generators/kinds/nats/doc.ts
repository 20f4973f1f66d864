import { num } from '../../../shared/resolve/props';
import { hoursText } from '../doc-words';
import type { DocFacet } from '../types';

const js = (props: Record<string, unknown>) => props.jetstream === true;

/** NATS in the document: subjects, JetStream. */
export const natsDoc: DocFacet = {
  // The catalog's product says "(JetStream)"; core NATS (jetstream: false) runs without it.
  product: (c) => (js(c.props) ? c.kind.product : c.kind.product.replace(/ \(JetStream\)$/, ' (core NATS, no JetStream)')),
  broker: {
    paradigm: () => 'publish-subscribe on subjects',
    paradigmDetail: () => 'instances of one consumer share a subject’s messages as a queue group',
    routing: () => 'subject-based (dot-separated subjects, wildcards * and >)',
    ordering: () => 'in publish order per subject',
    durability: (plan) => (js(plan.broker.props) ? 'JetStream streams on disk' : 'in memory only (JetStream off): a message nobody receives is lost'),
    acknowledgement: (plan) => (js(plan.broker.props) ? 'JetStream consumers acknowledge each message (at-least-once)' : 'none: core NATS delivers at most once'),
    guarantee: (plan) => (js(plan.broker.props) ? 'at-least-once' : 'at-most-once'),
    retention: (plan) => (js(plan.broker.props) ? `${hoursText(num(plan.broker.props, 'maxAgeHours') || 168)} in JetStream` : 'none (not persisted)'),
    replay: (plan) => (js(plan.broker.props) ? `within the stream’s ${hoursText(num(plan.broker.props, 'maxAgeHours') || 168)}` : undefined),
    deadLetterWord: 'dead-letter subject',
    deadLetterHow: () => 'a consumer that still fails after its retries publishes the message on `dlq.<subject>`, which the stream keeps',
    streaming: (c) => js(c.props),
  },
};
