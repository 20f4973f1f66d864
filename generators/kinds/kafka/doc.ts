import { num, str } from '../../../shared/resolve/props';
import { formatOf, formatSetOf, hoursText } from '../doc-words';
import type { DocFacet } from '../types';

const DELIVERY: Record<string, string> = {
  'at-least-once': 'consumers commit their offsets after processing (at-least-once)',
  'at-most-once': 'consumers commit their offsets before processing (at-most-once)',
  'exactly-once': 'transactional producers and read-committed consumers (exactly-once)',
};

/** Kafka in the document: a partitioned, replayable log. */
export const kafkaDoc: DocFacet = {
  format: formatOf('serialization'),
  formatSet: formatSetOf('serialization'),
  broker: {
    paradigm: () => 'publish-subscribe',
    paradigmDetail: () => 'every consumer group reads every record of its topics; instances in one group share the partitions',
    routing: () => 'topic-based: a producer writes to its topic, records are spread over partitions by key',
    ordering: (plan) => {
      const parts = [...new Set(plan.channels.filter((c) => c.role === 'main' && c.partitions).map((c) => c.partitions!))];
      return `in order within a partition (records with the same key keep their order)${parts.length === 1 ? `, ${parts[0]} ${parts[0] === 1 ? 'partition' : 'partitions'} per topic` : parts.length ? `, ${Math.min(...parts)} to ${Math.max(...parts)} partitions per topic` : ''}`;
    },
    durability: (plan) => {
      const rf = num(plan.broker.props, 'replicationFactor') || 1;
      return rf === 1 ? 'written to disk, one copy of each partition (one broker in the starter stack)' : `written to disk, ${rf} copies of each partition`;
    },
    acknowledgement: (plan) => DELIVERY[str(plan.broker.props, 'delivery')] ?? DELIVERY['at-least-once']!,
    guarantee: (plan) => str(plan.broker.props, 'delivery') || 'at-least-once',
    retention: (plan) => {
      const def = num(plan.broker.props, 'retentionHours') || 168;
      const other = plan.channels.filter((c) => c.role === 'main' && c.retentionHours !== undefined && c.retentionHours !== def);
      const compacted = plan.channels.filter((c) => c.cleanupPolicy === 'compact').map((c) => c.name);
      return `${hoursText(def)} per topic${other.length ? ` (${other.map((c) => `${c.name}: ${hoursText(c.retentionHours!)}`).join(', ')})` : ''}${compacted.length ? `; compacted (last record per key kept): ${compacted.join(', ')}` : ''}`;
    },
    replay: (plan) => `from any offset within the retention (${hoursText(num(plan.broker.props, 'retentionHours') || 168)})`,
    deadLetterWord: 'dead-letter topic',
    deadLetterHow: () => 'a consumer that still fails after its retries writes the record to `<topic>.dlt` and moves on',
    streaming: () => true,
  },
};
