import { str } from '../../../shared/resolve/props';
import type { DocFacet } from '../types';

const exchangeTypes = (plan: Parameters<NonNullable<DocFacet['broker']>['paradigm']>[0]) => [...new Set(plan.channels.filter((c) => c.kind === 'exchange' && c.role === 'main').map((c) => c.exchangeType ?? 'topic'))];

/** RabbitMQ in the document: exchanges, queues, the dead-letter exchange. */
export const rabbitmqDoc: DocFacet = {
  broker: {
    paradigm: (plan) => {
      const types = exchangeTypes(plan);
      return types.length > 0 && types.every((t) => t === 'direct') ? 'point-to-point queues' : 'publish-subscribe through exchanges';
    },
    paradigmDetail: () => 'each consumer reads its own queue bound to the exchanges; instances of one consumer compete on that queue',
    routing: (plan) => {
      const keys = [...new Set((plan.bindings ?? []).filter((b) => b.source !== plan.deadLetterExchange).map((b) => b.routingKey).filter((k) => k !== '#'))];
      const types = exchangeTypes(plan);
      return `${types.length ? types.join(' and ') : 'topic'} exchanges; ${keys.length ? `queues bound with routing keys ${keys.join(', ')}` : 'queues bound with # (every message)'}`;
    },
    ordering: () => 'first in, first out per queue; no order across competing instances or redeliveries',
    durability: (plan) => {
      const transient = plan.channels.filter((c) => c.kind === 'queue' && c.durable === false).map((c) => c.name);
      return transient.length ? `durable queues (kept across a broker restart) except ${transient.join(', ')}` : 'durable queues (kept across a broker restart)';
    },
    acknowledgement: (plan) => (str(plan.broker.props, 'ack') === 'auto' ? 'acknowledged on delivery (at-most-once)' : 'consumers acknowledge after processing (at-least-once)'),
    guarantee: (plan) => (str(plan.broker.props, 'ack') === 'auto' ? 'at-most-once' : 'at-least-once'),
    retention: (plan) => {
      const ttl = plan.channels.filter((c) => c.kind === 'queue' && c.role === 'main' && c.messageTtlMs);
      return `until consumed${ttl.length ? `; expiring after ${ttl.map((c) => `${c.messageTtlMs} ms on ${c.name}`).join(', ')}` : ''}`;
    },
    replay: () => undefined,
    deadLetterWord: 'dead-letter queue',
    deadLetterHow: (plan) => `a message a consumer rejects after its retries goes through the dead-letter exchange ${plan.deadLetterExchange ?? 'topoforge.dlx'} to \`<queue>.dlq\``,
    streaming: () => false,
  },
};
