import type { Protocol } from '../model/types';
import { bool, int, name, oneOf, str, PATH_HINT, PATH_PATTERN } from './props';
import type { PropDef } from './types';

/** Settings of a connection, by protocol. Like kind props, all have defaults. */

const resilience: PropDef[] = [
  int('timeoutMs', 'Timeout (ms)', 0, 0, 3_600_000, 'How long the caller waits; 0 means no timeout is set.'),
  int('retries', 'Retries', 0, 0, 100, 'Retries on failure, with exponential backoff.'),
  bool('circuitBreaker', 'Circuit breaker', false, 'Stop calling after repeated failures (opens after 5 errors).'),
];

const mtls = bool('mtls', 'mTLS', false, 'Both ends authenticate with certificates (mutual TLS); checked when the requirements ask for mTLS or zero trust.');

const schema = str('schema', 'Schema', '', 'The schema (or database) the caller keeps its data in; empty: one of its own, named after it. Writers of one schema are coupled.', { pattern: '^([a-z_][a-z0-9_]{0,62})?$', patternHint: 'lower-case letters, digits and underscores' });

const tps = int('tps', 'Expected load (TPS)', 0, 0, 100_000_000, 'Requests or messages per second this connection carries; 0 takes the design requirement.');

const consumer: PropDef[] = [
  int('retries', 'Retries', 0, 0, 100, 'Redeliveries before a message counts as failed (consumer side).'),
  bool('deadLetter', 'Dead-letter', true, 'Failed messages go to a dead-letter topic or queue instead of blocking or being lost (on unless you switch it off).'),
];

export const EDGE_PROPS: Record<Protocol, readonly PropDef[]> = {
  http: [str('path', 'Route path', '', 'Path a gateway routes to this target; empty uses /<target id>.', { pattern: `(${PATH_PATTERN})|^$`, patternHint: PATH_HINT }), oneOf('method', 'Methods', ['ANY', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE'], 'ANY', 'HTTP methods routed.'), ...resilience, mtls, tps],
  grpc: [str('path', 'Route path', '', 'Path prefix (package.Service) a gateway routes; empty uses /<target id>.', { pattern: `(${PATH_PATTERN})|^$`, patternHint: PATH_HINT }), ...resilience, mtls, tps],
  graphql: [str('path', 'Route path', '', 'Path a gateway routes; empty uses /<target id>.', { pattern: `(${PATH_PATTERN})|^$`, patternHint: PATH_HINT }), ...resilience, mtls, tps],
  websocket: [str('path', 'Route path', '', 'Path a gateway routes; empty uses /<target id>.', { pattern: `(${PATH_PATTERN})|^$`, patternHint: PATH_HINT }), mtls, tps],
  kafka: [
    name('topic', 'Topic', '', 'Topic written or read. Empty: a producer writes <producer id>.events; a consumer reads every topic written into this broker.'),
    name('consumerGroup', 'Consumer group', '', 'Consumer group (consumer side); empty uses the consumer id.'),
    ...consumer,
    tps,
  ],
  amqp: [
    name('exchange', 'Exchange', '', 'Exchange published to or bound from; empty uses <producer id>.events, or every exchange for a consumer.'),
    str('routingKey', 'Routing key', '#', 'Routing key (producer) or binding pattern (consumer).', { pattern: '^[A-Za-z0-9._*#-]{0,200}$', patternHint: 'words separated by dots, * and #' }),
    name('queue', 'Queue', '', 'Queue consumed (consumer side); empty uses <consumer id>.<exchange>.'),
    int('prefetch', 'Prefetch', 10, 1, 65535, 'Unacknowledged messages per consumer.'),
    ...consumer,
    tps,
  ],
  mqtt: [str('topic', 'Topic', '', 'MQTT topic or filter; empty uses <device id>/telemetry.', { pattern: '^[A-Za-z0-9/_+#.-]{0,200}$', patternHint: 'levels separated by /, with + and #' }), oneOf('qos', 'QoS', ['0', '1', '2'], '1', 'Delivery guarantee.'), tps],
  nats: [str('subject', 'Subject', '', 'Subject; empty uses <producer id>.events.', { pattern: '^([A-Za-z0-9_>*-]+(\\.[A-Za-z0-9_>*-]+)*)?$', patternHint: 'dot-separated tokens' }), ...consumer, tps],
  jms: [str('queue', 'Queue', '', 'Queue name; empty uses <PRODUCER ID>.EVENTS.', { pattern: '^[A-Z0-9._]{0,48}$', patternHint: 'upper-case letters, digits, . and _' }), ...consumer, tps],
  sql: [oneOf('access', 'Access', ['read-write', 'read', 'write'], 'read-write', 'What the caller does.'), schema, int('poolSize', 'Connection pool', 10, 1, 10000, 'Connections in the caller\'s pool.'), ...resilience.slice(0, 2)],
  mongodb: [oneOf('access', 'Access', ['read-write', 'read', 'write'], 'read-write', 'What the caller does.'), schema, int('poolSize', 'Connection pool', 10, 1, 10000, 'Connections in the pool.')],
  redis: [oneOf('usage', 'Usage', ['cache', 'session', 'rate-limit', 'lock', 'pubsub', 'stream'], 'cache', 'What the caller uses it for.'), int('ttlSeconds', 'TTL (s)', 300, 0, 31_536_000, 'Default time to live of keys; 0 for none.')],
  cdc: [str('tables', 'Tables', '', 'Comma-separated tables to capture (schema.table); empty captures the database\'s tables.', { pattern: '^[a-z0-9_.*, ]{0,2000}$', patternHint: 'schema.table, separated by commas' })],
  sftp: [str('path', 'Remote path', '/upload', 'Folder on the server.', { pattern: '^/[A-Za-z0-9._/-]*$', patternHint: 'an absolute path' }), str('schedule', 'Schedule (cron)', '*/15 * * * *', 'When files are moved.', { pattern: '^[0-9*/,\\- ]{9,60}$|^@(hourly|daily|weekly|monthly)$', patternHint: 'five cron fields' }), ...consumer],
  s3: [str('bucket', 'Bucket', '', 'Bucket; empty uses <writer id>-data.', { pattern: '^([a-z0-9][a-z0-9.-]{2,62})?$', patternHint: '3-63 lower-case letters, digits, dots and dashes' }), str('prefix', 'Prefix', '', 'Key prefix.', { pattern: '^[A-Za-z0-9._/-]{0,200}$', patternHint: 'letters, digits, . _ / -' })],
  otlp: [oneOf('signals', 'Signals', ['traces', 'traces+metrics', 'traces+metrics+logs'], 'traces', 'What is sent.')],
  metrics: [],
};

/** Props every edge may carry, whatever its protocol. */
export const COMMON_EDGE_PROPS: readonly PropDef[] = [
  str('description', 'Description', '', 'What flows here, for the document.', { maxLength: 500 }),
];

/** Each protocol's list made once: a design asks for it per connection. */
const defsByProtocol = new Map<Protocol, readonly PropDef[]>();

export function edgePropDefs(protocol: Protocol | undefined): readonly PropDef[] {
  if (!protocol) return COMMON_EDGE_PROPS;
  let defs = defsByProtocol.get(protocol);
  if (!defs) defsByProtocol.set(protocol, (defs = [...EDGE_PROPS[protocol], ...COMMON_EDGE_PROPS]));
  return defs;
}
