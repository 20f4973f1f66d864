import type { Protocol } from '../model/types';
import { bool, int, latency, list, name, oneOf, port, publishOn, serviceProps, str, strings, NAME_HINT, NAME_PATTERN, SQL_NAME_HINT, SQL_NAME_PATTERN } from './props';
import type { CredentialDef, KindDef, PropDef } from './types';

/**
 * The component catalog, version 1. Each kind is described once, here; validation, the
 * inspector, the palette and the generators all read it. Ids are part of the file format.
 */

/** Kafka's listener for clients inside the stack (its catalog port is the one published on the host). */
export const KAFKA_INTERNAL_PORT = 19092;

const CLIENT: Protocol[] = ['http', 'grpc', 'graphql', 'websocket', 'kafka', 'amqp', 'mqtt', 'nats', 'jms', 'sql', 'mongodb', 'redis', 's3', 'sftp', 'otlp', 'metrics'];
const CONSUMES: Protocol[] = ['kafka', 'amqp', 'mqtt', 'nats', 'jms', 'sftp', 's3'];

const authProp = oneOf('auth', 'Authentication', ['none', 'key-auth', 'jwt', 'oidc', 'basic', 'mtls'], 'none', 'How callers authenticate at the gateway. oidc uses a Keycloak wired to the gateway.');
/** A gateway's settings; `perInstance` for a kind whose rate limit counts every caller together (no "Rate limit by"). */
const gatewayProps = (defPort: number, perInstance = false): PropDef[] => [
  port('port', 'HTTP port', defPort, 'Port the gateway listens on for traffic.'),
  oneOf('exposure', 'Exposure', ['internet', 'internal'], 'internet', 'Internet-facing gateways are checked for authentication.'),
  authProp,
  ...(perInstance
    ? [int('rateLimitPerMinute', 'Rate limit (req/min)', 0, 0, 10_000_000, 'Requests per minute the gateway lets through, all callers together (counted per instance); 0 for no limit.')]
    : [int('rateLimitPerMinute', 'Rate limit (req/min)', 0, 0, 10_000_000, 'Requests per minute allowed per consumer; 0 for no limit.'), oneOf('rateLimitBy', 'Rate limit by', ['consumer', 'ip'], 'consumer', 'What the rate limit is counted per.')]),
  bool('cors', 'CORS', false, 'Answer CORS pre-flight requests.'),
  strings('corsOrigins', 'CORS origins', ['*'], 'Origins allowed when CORS is on.', { pattern: '^(\\*|https?://[A-Za-z0-9.-]+(:[0-9]+)?)$', patternHint: '* or a scheme://host[:port] origin' }),
  oneOf('apiVersioning', 'API versioning', ['none', 'url-path', 'header', 'query'], 'url-path', 'How API versions are told apart, for the document.'),
  int('timeoutMs', 'Upstream timeout (ms)', 60000, 1, 3_600_000, 'How long the gateway waits for an upstream.'),
  latency(5),
  publishOn(),
];

const topicItem: PropDef[] = [
  name('name', 'Name', '', 'Topic name.'),
  int('partitions', 'Partitions', 3, 1, 10000, 'Partitions bound the parallelism of consumers.'),
  int('retentionHours', 'Retention (hours)', 168, 1, 876000, 'How long records are kept.'),
  oneOf('cleanupPolicy', 'Cleanup policy', ['delete', 'compact'], 'delete', 'compact keeps the last record per key.'),
  bool('deadLetter', 'Dead-letter topic', false, 'Create `<name>.dlt` for records that fail after retries.'),
];

const queueItem: PropDef[] = [
  name('name', 'Name', '', 'Queue name.'),
  bool('durable', 'Durable', true, 'Survives a broker restart.'),
  bool('deadLetter', 'Dead-letter queue', false, 'Rejected messages go to `<name>.dlq` through the dead-letter exchange.'),
  int('messageTtlMs', 'Message TTL (ms)', 0, 0, 2_147_483_647, '0 for no expiry.'),
  int('maxLength', 'Max length', 0, 0, 2_147_483_647, '0 for unbounded.'),
  int('retryDelayMs', 'Retry delay (ms)', 0, 0, 86_400_000, 'When above 0, a `<name>.retry` queue redelivers after this delay.'),
];

const exchangeItem: PropDef[] = [
  name('name', 'Name', '', 'Exchange name.'),
  oneOf('type', 'Type', ['topic', 'direct', 'fanout', 'headers'], 'topic', 'How messages are routed to queues.'),
  bool('durable', 'Durable', true, 'Survives a broker restart.'),
];

const dbName = (def: string): PropDef =>
  str('database', 'Database', def, 'Database created at start.', { pattern: SQL_NAME_PATTERN, patternHint: SQL_NAME_HINT, maxLength: 63 });

const storeLatency = latency(5);

const user = (key: string, about: string, example: string): CredentialDef => ({ key, about, secret: false, example });
const secret = (key: string, about: string): CredentialDef => ({ key, about, secret: true });

/** What the stand-in of a service you build exports (and a real service is expected to). */
const BUILT_METRICS = ['http_requests_total', 'http_request_duration_seconds', 'messages_published_total', 'messages_consumed_total', 'messages_failed_total'];

const ENTRIES = [
  // ── Services and sources ────────────────────────────────────────────────
  {
    id: 'rest-service', name: 'REST service', category: 'service', icon: 'rest', product: 'REST service (HTTP/JSON)',
    description: 'An HTTP/JSON API you build.', external: false, roles: ['built', 'api'], metricFamilies: BUILT_METRICS,
    emits: CLIENT, accepts: ['http', 'grpc', 'websocket', ...CONSUMES], defaultIn: 'http', metricsPath: '/metrics',
    props: [...serviceProps(8080), str('basePath', 'Base path', '/api', 'Prefix of its routes.', { pattern: '^/[A-Za-z0-9._~/-]*$', patternHint: 'a path starting with /' })],
    keywords: ['api', 'http', 'microservice', 'node', 'spring'],
  },
  {
    id: 'grpc-service', name: 'gRPC service', category: 'service', icon: 'grpc', product: 'gRPC service (HTTP/2, Protobuf)',
    description: 'A gRPC API you build.', external: false, roles: ['built', 'api'], metricFamilies: BUILT_METRICS,
    emits: CLIENT, accepts: ['grpc', 'http', ...CONSUMES], defaultIn: 'grpc', metricsPath: '/metrics',
    props: [...serviceProps(50051, 10).map((p) => (p.key === 'dataFormat' ? { ...p, default: 'protobuf' } : p))],
    keywords: ['protobuf', 'rpc', 'http2'],
  },
  {
    id: 'graphql-service', name: 'GraphQL service', category: 'service', icon: 'graphql', product: 'GraphQL service',
    description: 'A GraphQL API you build.', external: false, roles: ['built', 'api'], metricFamilies: BUILT_METRICS,
    emits: CLIENT, accepts: ['graphql', 'http', 'websocket', ...CONSUMES], defaultIn: 'graphql', metricsPath: '/metrics',
    props: [...serviceProps(4000, 30), str('endpoint', 'Endpoint', '/graphql', 'Path of the GraphQL endpoint.', { pattern: '^/[A-Za-z0-9._~/-]*$', patternHint: 'a path starting with /' })],
    keywords: ['federation', 'apollo', 'schema'],
  },
  {
    id: 'web-app', figure: 'stadium', name: 'Web app', category: 'service', icon: 'web', product: 'Web front end',
    description: 'A browser front end (React, Angular, ...) calling APIs.', external: false, roles: ['built', 'frontend'],
    emits: CLIENT, accepts: ['http'], defaultIn: 'http',
    props: [
      port('port', 'Port', 3000, 'Port the app is served on.'),
      str('healthPath', 'Health check path', '/', 'Path answering 200.', { pattern: '^/[A-Za-z0-9._~/-]*$', patternHint: 'a path starting with /' }),
      str('image', 'Image', '', 'Your own image; empty for a stand-in.', { pattern: '^([a-z0-9][a-z0-9._/-]*(:[A-Za-z0-9._-]+)?)?$', patternHint: 'an image reference such as registry/name:tag' }),
      oneOf('framework', 'Framework', ['unspecified', 'react', 'angular', 'vue', 'svelte', 'other'], 'react', 'For the document.'),
      latency(0),
      publishOn(),
    ],
    keywords: ['frontend', 'browser', 'spa', 'react', 'ui'],
  },
  {
    id: 'worker', name: 'Worker', category: 'service', icon: 'worker', product: 'Background worker',
    description: 'Consumes messages or events and acts on them.', external: false, roles: ['built', 'processor'], metricFamilies: BUILT_METRICS,
    emits: CLIENT, accepts: CONSUMES, metricsPath: '/metrics',
    props: [...serviceProps(8080), int('concurrency', 'Concurrency', 4, 1, 10000, 'Messages processed in parallel (bulkhead size).'), bool('idempotent', 'Idempotent', true, 'Safe to process a message twice (needed for at-least-once).')],
    keywords: ['consumer', 'processor', 'job', 'listener'],
  },
  {
    id: 'batch-job', figure: 'inv-trapezoid', name: 'Batch job', category: 'service', icon: 'batch', product: 'Scheduled batch job',
    description: 'Runs on a schedule: ETL, reports, file loads.', external: false, roles: ['built', 'scheduled'], metricFamilies: BUILT_METRICS,
    emits: CLIENT, accepts: CONSUMES, metricsPath: '/metrics',
    props: [
      ...serviceProps(8080, 1000),
      str('schedule', 'Schedule (cron)', '0 2 * * *', 'When it runs, in cron syntax.', { pattern: '^[0-9*/,\\- ]{9,60}$|^@(hourly|daily|weekly|monthly)$', patternHint: 'five cron fields or @hourly/@daily/@weekly/@monthly' }),
      int('batchSize', 'Batch size', 10000, 1, 100_000_000, 'Records per batch.'),
      oneOf('onError', 'On bad records', ['quarantine', 'skip-and-log', 'fail-fast'], 'quarantine', 'What happens to records that fail.'),
    ],
    keywords: ['etl', 'cron', 'scheduled', 'spark', 'airflow'],
  },
  {
    id: 'iot-device', figure: 'flag', name: 'IoT device', category: 'service', icon: 'iot', product: 'IoT device fleet',
    description: 'Sensors or devices publishing telemetry (simulated in the stack).', external: false, roles: ['device'],
    emits: ['mqtt', 'http', 'amqp', 'websocket'], accepts: ['mqtt'], defaultIn: 'mqtt',
    props: [
      int('devices', 'Devices', 100, 1, 100_000_000, 'How many devices, for sizing.'),
      int('messagesPerMinute', 'Messages per device per minute', 6, 0, 600000, 'Telemetry rate per device.'),
      oneOf('dataFormat', 'Data format', ['json', 'cbor', 'protobuf', 'binary'], 'json', 'Payload format.'),
    ],
    keywords: ['sensor', 'telemetry', 'device', 'edge'],
  },
  {
    id: 'saas-app', figure: 'cloud', name: 'SaaS app', category: 'service', icon: 'saas', product: 'External SaaS',
    description: 'A third-party service such as Salesforce, Stripe or FedEx (external).', external: true, credentials: [{ key: 'URL', about: 'Base URL of {} (external: not started by this stack)', secret: false, example: 'https://example.invalid', exampleProp: 'baseUrl' }, secret('CREDENTIAL', 'Credential the services present to {} (API key, OAuth client secret, ...)')], roles: ['external-system'],
    emits: ['http', 'websocket'], accepts: ['http', 'graphql'], defaultIn: 'http',
    props: [
      str('vendor', 'Vendor', '', 'Who provides it, e.g. Stripe.', { maxLength: 100 }),
      str('baseUrl', 'Base URL', '', 'Its API base URL.', { pattern: '^(https?://[^\\s"\'<>`]+)?$', patternHint: 'an http(s) URL' }),
      oneOf('auth', 'Authentication', ['api-key', 'oauth2', 'basic', 'mtls', 'none'], 'api-key', 'How you authenticate to it; the credential goes in .env.'),
      latency(200),
    ],
    keywords: ['salesforce', 'stripe', 'fedex', 'external', 'third-party', 'vendor'],
  },
  {
    id: 'legacy-system', name: 'Legacy system', category: 'service', icon: 'legacy', product: 'Legacy system',
    description: 'A mainframe, SAP or other system you integrate with but do not run (external).', external: true, credentials: [user('URL', 'Address of {} (external: not started by this stack): its API base URL', 'https://legacy.example.invalid'), user('JMS_URL', 'Queue manager address of {} (external)', 'tcp://legacy.example.invalid:1414'), user('DB_URL', 'Database URL of {} (external)', 'jdbc:db2://legacy.example.invalid:50000/DB'), user('SFTP_URL', 'SFTP address of {} (external)', 'sftp://legacy.example.invalid:22'), user('USER', 'Account the services use at {}', 'integration'), secret('PASSWORD', 'Password of that account at {}')], roles: ['external-system'], hosts: ['jms', 'sftp'],
    emits: ['http', 'jms', 'sftp', 'sql', 'mqtt'], accepts: ['http', 'jms', 'sftp', 'sql'], defaultIn: 'http',
    props: [
      str('vendor', 'Platform', '', 'e.g. IBM z/OS, SAP ECC.', { maxLength: 100 }),
      oneOf('interface', 'Interface', ['soap', 'rest', 'files', 'mq', 'database', 'other'], 'soap', 'What it offers to integrate with.'),
      latency(150),
    ],
    keywords: ['mainframe', 'sap', 'erp', 'soap', 'external', 'cobol'],
  },
  {
    id: 'sftp-server', figure: 'trapezoid', name: 'SFTP server', category: 'service', icon: 'sftp', product: 'SFTP server (atmoz/sftp)',
    description: 'Files exchanged over SFTP.', external: false, credentials: [{ key: 'USER', about: 'SFTP account of {}', secret: false, example: 'transfer', exampleProp: 'user' }, secret('PASSWORD', 'Password of the {} SFTP account')], roles: ['file-server'], hosts: ['sftp'],
    emits: ['sftp'], accepts: ['sftp'],
    image: 'atmoz/sftp:alpine-3.7', ports: [{ container: 22, host: 2222, name: 'sftp', prop: 'port', publish: 'entry' }],
    healthcheck: { test: ['CMD-SHELL', 'nc -z localhost 22 || exit 1'], interval: '10s', timeout: '5s', retries: 5 },
    props: [
      port('port', 'Host port', 2222),
      name('user', 'User', 'transfer', 'Account for the transfers; its password comes from .env.'),
      str('directory', 'Directory', 'upload', 'Folder files land in.', { pattern: '^[A-Za-z0-9._-]{1,64}$', patternHint: 'a single folder name' }),
      oneOf('fileFormat', 'File format', ['csv', 'json', 'xml', 'parquet', 'fixed-width', 'edi'], 'csv', 'Format of the files.'),
      oneOf('encryption', 'File encryption', ['none', 'pgp', 'aes-256'], 'pgp', 'Encryption of the files themselves.'),
      int('archiveDays', 'Archive after (days)', 30, 0, 36500, 'Processed files are archived after this; 0 to delete at once.'),
      publishOn(),
    ],
    keywords: ['file', 'ftp', 'transfer', 'csv'],
  },

  // ── Gateways ────────────────────────────────────────────────────────────
  {
    id: 'kong', name: 'Kong', category: 'gateway', icon: 'kong', product: 'Kong Gateway 3.x (DB-less)',
    description: 'API gateway: routes, auth, rate limits, plugins.', external: false, credentials: [secret('API_KEY', 'API key callers send to {} in the apikey header (key-auth)'), user('BASIC_USER', 'User callers give to {} (basic authentication)', 'api'), secret('BASIC_PASSWORD', 'Password callers give to {} (basic authentication)'), secret('JWT_SECRET', 'HS256 secret {} checks JWTs with when no identity provider issues them (jwt)')], roles: ['gateway'], metricFamilies: ['kong_http_requests_total', 'kong_request_latency_ms', 'kong_upstream_target_health', 'kong_bandwidth_bytes'],
    emits: ['http', 'grpc', 'graphql', 'websocket', 'otlp', 'redis', 'sql'], accepts: ['http', 'grpc', 'graphql', 'websocket'], defaultIn: 'http',
    metricsPath: '/metrics', metricsPort: 8100,
    image: 'kong:3.8.0', ports: [{ container: 8000, host: 8000, name: 'proxy', prop: 'port', publish: 'entry' }, { container: 8001, host: 8001, name: 'admin', prop: 'adminPort' }, { container: 9080, host: 9080, name: 'grpc', publish: 'entry', serves: ['grpc'] }],
    healthcheck: { test: ['CMD', 'kong', 'health'], interval: '10s', timeout: '5s', retries: 10 },
    props: [...gatewayProps(8000), port('adminPort', 'Admin port', 8001, 'Admin API, bound to localhost only.')],
    keywords: ['api gateway', 'proxy', 'rate limit'],
  },
  {
    id: 'nginx', name: 'NGINX', category: 'gateway', icon: 'nginx', product: 'NGINX 1.27',
    description: 'Reverse proxy and load balancer.', external: false, credentials: [secret('API_KEY', 'API key callers send to {} in the apikey header (key-auth)'), user('BASIC_USER', 'User callers give to {} (basic authentication)', 'api'), secret('BASIC_PASSWORD', 'Password callers give to {} (basic authentication)')], roles: ['gateway'],
    emits: ['http', 'grpc', 'graphql', 'websocket', 's3'], accepts: ['http', 'grpc', 'graphql', 'websocket', 's3'], defaultIn: 'http',
    image: 'nginx:1.27-alpine', ports: [{ container: 80, host: 8080, name: 'http', prop: 'port', publish: 'entry' }, { container: 81, host: 9081, name: 'grpc', publish: 'entry', serves: ['grpc'] }],
    healthcheck: { test: ['CMD-SHELL', 'wget -q -O /dev/null http://127.0.0.1/healthz || exit 1'], interval: '10s', timeout: '5s', retries: 5 },
    props: [...gatewayProps(8080), int('clientMaxBodyMb', 'Max body (MB)', 10, 1, 10240, 'Largest request body accepted.')],
    keywords: ['reverse proxy', 'load balancer', 'web server'],
  },
  {
    id: 'envoy', name: 'Envoy', category: 'gateway', icon: 'envoy', product: 'Envoy Proxy 1.31',
    description: 'L7 proxy: routing, retries, circuit breaking.', external: false, credentials: [secret('API_KEY', 'API key callers send to {} in the apikey header (key-auth)'), user('BASIC_USER', 'User callers give to {} (basic authentication)', 'api'), secret('BASIC_PASSWORD', 'Password callers give to {} (basic authentication)')], roles: ['gateway'], metricFamilies: ['envoy_http_downstream_rq_total', 'envoy_cluster_upstream_rq_total', 'envoy_cluster_upstream_rq_xx', 'envoy_cluster_upstream_rq_time', 'envoy_cluster_upstream_cx_active'],
    emits: ['http', 'grpc', 'graphql', 'websocket', 's3', 'otlp'], accepts: ['http', 'grpc', 'graphql', 'websocket', 's3'], defaultIn: 'http',
    metricsPath: '/stats/prometheus', metricsPort: 9901, rateLimitPerInstance: true,
    image: 'envoyproxy/envoy:v1.31.2', ports: [{ container: 10000, host: 10000, name: 'listener', prop: 'port', publish: 'entry' }, { container: 9901, host: 9901, name: 'admin', prop: 'adminPort' }],
    healthcheck: { test: ['CMD-SHELL', 'bash -c "exec 3<>/dev/tcp/127.0.0.1/9901" || exit 1'], interval: '10s', timeout: '5s', retries: 5 },
    props: [...gatewayProps(10000, true), port('adminPort', 'Admin port', 9901, 'Admin interface.'), int('circuitBreakerMaxRequests', 'Circuit breaker: max requests', 1024, 1, 1_000_000, 'Outstanding requests per upstream before Envoy sheds load.')],
    keywords: ['service mesh', 'proxy', 'sidecar'],
  },

  // ── Brokers and streams ─────────────────────────────────────────────────
  {
    id: 'kafka', name: 'Kafka', category: 'broker', icon: 'kafka', product: 'Apache Kafka 3.x (KRaft)',
    description: 'Distributed event log: topics, partitions, consumer groups.', external: false, roles: ['broker'], hosts: ['kafka'], exporter: { image: 'danielqsj/kafka-exporter:v1.8.0', port: 9308, name: 'kafka-exporter' }, metricFamilies: ['kafka_brokers', 'kafka_topic_partitions', 'kafka_topic_partition_current_offset', 'kafka_topic_partition_oldest_offset', 'kafka_consumergroup_lag', 'kafka_consumergroup_current_offset'],
    emits: ['kafka'], accepts: ['kafka'],
    image: 'apache/kafka:3.8.1', clientPort: KAFKA_INTERNAL_PORT, ports: [{ container: 9092, host: 9092, name: 'broker', prop: 'port' }],
    healthcheck: { test: ['CMD-SHELL', `/opt/kafka/bin/kafka-broker-api-versions.sh --bootstrap-server localhost:${KAFKA_INTERNAL_PORT} > /dev/null 2>&1 || exit 1`], interval: '10s', timeout: '10s', retries: 12, startPeriod: '20s' },
    props: [
      port('port', 'Host port', 9092, 'Port for clients outside the stack.'),
      list('topics', 'Topics', 'name', topicItem, 'Topics with their settings. Topics named on edges are created too, with the defaults below.'),
      int('defaultPartitions', 'Default partitions', 3, 1, 10000, 'Partitions of a topic created from an edge.'),
      int('retentionHours', 'Default retention (hours)', 168, 1, 876000, 'Retention of a topic created from an edge (168 = 7 days).'),
      int('replicationFactor', 'Replication factor', 1, 1, 5, 'Copies of each partition; the starter stack has one broker, so 1.'),
      oneOf('serialization', 'Serialization', ['json', 'avro', 'protobuf', 'json-schema'], 'json', 'Record format; avro and protobuf want a schema registry.'),
      oneOf('delivery', 'Delivery guarantee', ['at-least-once', 'at-most-once', 'exactly-once'], 'at-least-once', 'What producers and consumers are set up for.'),
    ],
    keywords: ['event streaming', 'topic', 'log', 'confluent', 'pubsub'],
  },
  {
    id: 'rabbitmq', name: 'RabbitMQ', category: 'broker', icon: 'rabbitmq', product: 'RabbitMQ 3.13',
    description: 'Message broker: exchanges, queues, routing keys, DLX.', external: false, credentials: [user('USER', 'RabbitMQ user of the services on {}, created at start (may use only the design\'s exchanges and queues)', 'app'), secret('PASSWORD', 'Password of the {} RabbitMQ user'), user('ADMIN_USER', 'Administrator of {} (management console only), created at start', 'admin'), secret('ADMIN_PASSWORD', 'Password of the {} administrator')], roles: ['broker'], hosts: ['amqp'], metricFamilies: ['rabbitmq_queue_messages', 'rabbitmq_queue_messages_ready', 'rabbitmq_queue_messages_unacked', 'rabbitmq_connections', 'rabbitmq_channels', 'rabbitmq_global_messages_dead_lettered_rejected_total'],
    emits: ['amqp'], accepts: ['amqp'],
    metricsPath: '/metrics', metricsPort: 15692,
    image: 'rabbitmq:3.13-management-alpine', ports: [{ container: 5672, host: 5672, name: 'amqp', prop: 'port' }, { container: 15672, host: 15672, name: 'management', prop: 'managementPort', publish: 'admin' }],
    healthcheck: { test: ['CMD', 'rabbitmq-diagnostics', '-q', 'ping'], interval: '10s', timeout: '10s', retries: 10, startPeriod: '20s' },
    props: [
      port('port', 'AMQP port', 5672),
      port('managementPort', 'Management UI port', 15672),
      str('vhost', 'Virtual host', '/', 'The virtual host everything is declared in.', { pattern: '^/?[A-Za-z0-9._-]{0,63}$', patternHint: '/ or a name' }),
      list('exchanges', 'Exchanges', 'name', exchangeItem, 'Exchanges; those named on edges are created too.'),
      list('queues', 'Queues', 'name', queueItem, 'Queues; those named on edges are created too.'),
      oneOf('ack', 'Acknowledgement', ['manual', 'auto'], 'manual', 'How consumers acknowledge.'),
      publishOn(),
    ],
    keywords: ['amqp', 'queue', 'exchange', 'dlx'],
  },
  {
    id: 'nats', name: 'NATS', category: 'broker', icon: 'nats', product: 'NATS 2.10 (JetStream)',
    description: 'Lightweight messaging with subjects and JetStream persistence.', external: false, credentials: [user('USER', 'NATS user of {}', 'app'), secret('PASSWORD', 'Password of the {} NATS user')], roles: ['broker'], hosts: ['nats'], exporter: { image: 'natsio/prometheus-nats-exporter:0.15.0', port: 7777, name: 'nats-exporter' }, metricFamilies: ['gnatsd_varz_connections', 'gnatsd_varz_in_msgs', 'gnatsd_varz_out_msgs', 'gnatsd_varz_slow_consumers'],
    emits: ['nats'], accepts: ['nats'],
    image: 'nats:2.10.22-alpine', ports: [{ container: 4222, host: 4222, name: 'client', prop: 'port' }, { container: 8222, host: 8222, name: 'monitor' }],
    healthcheck: { test: ['CMD-SHELL', 'wget -q -O /dev/null http://127.0.0.1:8222/healthz || exit 1'], interval: '10s', timeout: '5s', retries: 5 },
    props: [
      port('port', 'Client port', 4222),
      bool('jetstream', 'JetStream', true, 'Persist subjects in streams.'),
      strings('subjects', 'Subjects', [], 'Subjects used; those named on edges are added.', { pattern: '^[A-Za-z0-9_>*-]+(\\.[A-Za-z0-9_>*-]+)*$', patternHint: 'dot-separated tokens' }),
      int('maxAgeHours', 'Stream retention (hours)', 168, 1, 876000, 'How long JetStream keeps messages.'),
    ],
    keywords: ['messaging', 'subject', 'jetstream'],
  },
  {
    id: 'mqtt-broker', name: 'MQTT broker', category: 'broker', icon: 'mqtt', product: 'Eclipse Mosquitto 2.0',
    description: 'MQTT broker for devices and telemetry.', external: false, credentials: [user('USER', 'MQTT user of the services that read from and write to {} (written to its password file at start)', 'app'), secret('PASSWORD', 'Password of the {} service user'), user('DEVICE_USER', 'MQTT user of the devices publishing to {} (may only publish their telemetry)', 'device'), secret('DEVICE_PASSWORD', 'Password of the {} device user'), secret('HEALTH_PASSWORD', 'Password of the healthcheck user of {}')], roles: ['broker'], hosts: ['mqtt'],
    emits: ['mqtt'], accepts: ['mqtt'],
    image: 'eclipse-mosquitto:2.0.20', ports: [{ container: 1883, host: 1883, name: 'mqtt', prop: 'port' }],
    // '$$SYS' (single-quoted for the shell, $$ for Compose) is the broker's own topic tree; the healthcheck user may only read it.
    healthcheck: { test: ['CMD-SHELL', 'mosquitto_sub -h 127.0.0.1 -p 1883 -t \'$$SYS/broker/uptime\' -C 1 -W 5 -u healthcheck -P "$$MQTT_HEALTH_PASSWORD" > /dev/null'], interval: '10s', timeout: '10s', retries: 5 },
    props: [
      port('port', 'Port', 1883),
      bool('allowAnonymous', 'Allow anonymous', false, 'Accept clients without a user name (not for production).'),
      bool('persistence', 'Persistence', true, 'Keep retained messages and sessions on disk.'),
      oneOf('qos', 'Default QoS', ['0', '1', '2'], '1', 'Delivery guarantee: 0 at most once, 1 at least once, 2 exactly once.'),
    ],
    keywords: ['mosquitto', 'iot', 'telemetry'],
  },
  {
    id: 'ibm-mq', name: 'IBM MQ', category: 'broker', icon: 'ibmmq', product: 'IBM MQ 9.4',
    description: 'Enterprise queue manager (JMS).', external: false, credentials: [secret('APP_PASSWORD', "Password of the 'app' user of queue manager {}"), secret('ADMIN_PASSWORD', "Password of the 'admin' user of queue manager {}")], roles: ['broker'], hosts: ['jms'], asyncapi: { jms: { protocol: 'ibmmq' } },
    emits: ['jms'], accepts: ['jms'],
    image: 'icr.io/ibm-messaging/mq:9.4.1.0-r1', ports: [{ container: 1414, host: 1414, name: 'listener', prop: 'port' }, { container: 9443, host: 9443, name: 'console', publish: 'admin' }],
    healthcheck: { test: ['CMD-SHELL', 'chkmqhealthy'], interval: '15s', timeout: '10s', retries: 10, startPeriod: '30s' },
    props: [
      port('port', 'Listener port', 1414),
      str('queueManager', 'Queue manager', 'QM1', 'Queue manager name.', { pattern: '^[A-Z0-9._]{1,48}$', patternHint: 'upper-case letters, digits, . and _' }),
      strings('queues', 'Queues', [], 'Local queues; those named on edges are added.', { pattern: '^[A-Z0-9._]{1,48}$', patternHint: 'upper-case letters, digits, . and _' }),
      int('backoutThreshold', 'Backout threshold', 3, 0, 999999999, 'Deliveries before a message goes to the backout queue.'),
      publishOn(),
    ],
    keywords: ['jms', 'websphere', 'queue manager', 'enterprise'],
  },

  // Brokers added in catalog 1.
  {
    // The official image: it creates the broker instance with ARTEMIS_USER/ARTEMIS_PASSWORD at first start and takes a broker.xml from etc-override.
    id: 'activemq', name: 'ActiveMQ Artemis', category: 'broker', icon: 'activemq', product: 'Apache ActiveMQ Artemis 2.37',
    description: 'Message broker speaking JMS (core, OpenWire) and AMQP 1.0: queues, addresses, dead-letter addresses.', external: false,
    credentials: [user('USER', 'User of {} for the services and the web console (created by the image at first start)', 'app'), secret('PASSWORD', 'Password of the {} user')],
    roles: ['broker'], hosts: ['jms', 'amqp'], asyncapi: { amqp: { protocol: 'amqp', version: '1.0' } },
    emits: ['jms', 'amqp'], accepts: ['jms', 'amqp'], defaultIn: 'jms',
    image: 'apache/activemq-artemis:2.37.0',
    ports: [
      { container: 61616, host: 61616, name: 'jms', prop: 'port', serves: ['jms'] },
      { container: 5672, host: 5672, name: 'amqp', prop: 'amqpPort', serves: ['amqp'] },
      { container: 8161, host: 8161, name: 'console', prop: 'consolePort', publish: 'admin' },
    ],
    healthcheck: { test: ['CMD-SHELL', 'bash -c "exec 3<>/dev/tcp/127.0.0.1/61616" || exit 1'], interval: '10s', timeout: '5s', retries: 12, startPeriod: '20s' },
    props: [
      port('port', 'JMS port (core, OpenWire)', 61616),
      port('amqpPort', 'AMQP port', 5672),
      port('consolePort', 'Web console port', 8161),
      strings('queues', 'JMS queues', [], 'Queues; those named on JMS connections are added.', { pattern: '^[A-Z0-9._]{1,48}$', patternHint: 'upper-case letters, digits, . and _' }),
      publishOn(),
    ],
    keywords: ['jms', 'amqp', 'artemis', 'activemq', 'openwire', 'queue'],
  },

  // ── Stream and data plumbing ────────────────────────────────────────────
  {
    id: 'schema-registry', name: 'Schema Registry', category: 'plumbing', icon: 'schema', product: 'Confluent Schema Registry 7.7',
    description: 'Avro/Protobuf/JSON schemas with compatibility checks.', external: false, roles: ['schema-registry'],
    emits: ['kafka'], accepts: ['http'], defaultIn: 'http',
    image: 'confluentinc/cp-schema-registry:7.7.1', ports: [{ container: 8081, host: 8081, name: 'http', prop: 'port' }],
    healthcheck: { test: ['CMD-SHELL', 'curl -fsS http://localhost:8081/subjects > /dev/null || exit 1'], interval: '10s', timeout: '5s', retries: 10, startPeriod: '20s' },
    props: [
      port('port', 'Port', 8081),
      oneOf('compatibility', 'Compatibility', ['BACKWARD', 'BACKWARD_TRANSITIVE', 'FORWARD', 'FORWARD_TRANSITIVE', 'FULL', 'FULL_TRANSITIVE', 'NONE'], 'BACKWARD', 'Rule new schema versions must follow.'),
      oneOf('format', 'Schema format', ['AVRO', 'PROTOBUF', 'JSON'], 'AVRO', 'Schema type used by producers.'),
    ],
    keywords: ['avro', 'protobuf', 'confluent', 'schema'],
  },
  {
    id: 'debezium', name: 'Debezium', category: 'plumbing', icon: 'debezium', product: 'Debezium 2.7 (Kafka Connect)',
    description: 'Change data capture from databases into Kafka.', external: false, roles: ['connector', 'cdc-connector'],
    // HTTP: the schema registry its converters call, and sinks that take HTTP (Elasticsearch); OTLP: its tracing.
    emits: ['kafka', 'http', 'otlp'], accepts: ['cdc'],
    image: 'quay.io/debezium/connect:2.7.3.Final', ports: [{ container: 8083, host: 8083, name: 'rest', prop: 'port' }],
    healthcheck: { test: ['CMD-SHELL', 'curl -fsS http://localhost:8083/connectors > /dev/null || exit 1'], interval: '10s', timeout: '5s', retries: 12, startPeriod: '30s' },
    props: [
      port('port', 'REST port', 8083),
      oneOf('snapshotMode', 'Snapshot mode', ['initial', 'no_data', 'when_needed', 'never'], 'initial', 'Whether existing rows are read before streaming changes.'),
      name('topicPrefix', 'Topic prefix', 'cdc', 'Change topics are named <prefix>.<schema>.<table>.'),
    ],
    keywords: ['cdc', 'change data capture', 'kafka connect', 'replication'],
  },
  {
    // Confluent's Connect image: configured from CONNECT_* variables, ships confluent-hub to install connector plugins at start, and curl for its healthcheck.
    id: 'kafka-connect', name: 'Kafka Connect', category: 'plumbing', icon: 'connect', product: 'Kafka Connect 3.7 (Confluent Platform 7.7)',
    description: 'Connect worker running source and sink connectors between Kafka and databases, search and object storage.', external: false, roles: ['connector'],
    emits: ['kafka', 'sql', 'mongodb', 'redis', 's3', 'http', 'otlp'], accepts: ['kafka', 'http'], defaultIn: 'kafka',
    image: 'confluentinc/cp-kafka-connect:7.7.1', ports: [{ container: 8083, host: 8083, name: 'rest', prop: 'port' }],
    healthcheck: { test: ['CMD-SHELL', 'curl -fsS http://localhost:8083/connectors > /dev/null || exit 1'], interval: '10s', timeout: '5s', retries: 18, startPeriod: '60s' },
    props: [
      port('port', 'REST port', 8083),
      int('tasksMax', 'Tasks per connector', 1, 1, 1000, 'Parallel tasks of each connector (at most the partitions of the topics it reads).'),
      oneOf('errorTolerance', 'Error tolerance', ['none', 'all'], 'all', 'all: a record that fails to convert or write goes to the dead-letter topic (or is skipped); none: the task stops.'),
      strings('plugins', 'Extra connector plugins', [], 'Confluent Hub plugins installed at start beside those the drawn connections need (owner/name:version).', { pattern: '^[a-z0-9][a-z0-9._-]*/[a-z0-9][a-z0-9._-]*:[0-9][A-Za-z0-9._-]*$', patternHint: 'owner/name:version, e.g. confluentinc/kafka-connect-jdbc:10.7.6' }),
    ],
    keywords: ['connect', 'connector', 'sink', 'source', 'jdbc sink', 's3 sink', 'confluent'],
  },
  {
    id: 'flink', name: 'Flink', category: 'plumbing', icon: 'flink', product: 'Apache Flink 1.20',
    description: 'Stateful stream processing: windows, joins, CEP.', external: false, roles: ['stream-processor'], metricFamilies: ['flink_jobmanager_numRunningJobs', 'flink_jobmanager_job_numRestarts', 'flink_taskmanager_job_task_operator_numRecordsIn', 'flink_taskmanager_job_task_operator_numRecordsOut'],
    emits: ['kafka', 'sql', 'mongodb', 'redis', 's3', 'http', 'otlp', 'metrics'], accepts: ['kafka', 'amqp', 'nats', 'mqtt', 's3'],
    metricsPath: '/', metricsPort: 9249,
    image: 'flink:1.20.0-scala_2.12-java17', ports: [{ container: 8081, host: 8082, name: 'web', prop: 'port', publish: 'admin' }],
    healthcheck: { test: ['CMD-SHELL', 'curl -fsS http://localhost:8081/overview > /dev/null || exit 1'], interval: '10s', timeout: '5s', retries: 10, startPeriod: '20s' },
    props: [
      port('port', 'Web UI port', 8082),
      int('parallelism', 'Parallelism', 2, 1, 10000, 'Default parallelism of jobs.'),
      int('checkpointIntervalMs', 'Checkpoint interval (ms)', 60000, 100, 86_400_000, 'How often state is checkpointed (fault tolerance).'),
      oneOf('stateBackend', 'State backend', ['rocksdb', 'hashmap'], 'rocksdb', 'Where keyed state lives.'),
      oneOf('window', 'Windowing', ['none', 'tumbling', 'sliding', 'session'], 'tumbling', 'Window type of the main job.'),
      int('windowMinutes', 'Window size (minutes)', 5, 1, 10080, 'Window length.'),
      bool('exactlyOnce', 'Exactly-once', true, 'Checkpointing mode EXACTLY_ONCE with transactional sinks.'),
      bool('cep', 'Complex event processing', false, 'Uses Flink CEP patterns.'),
      publishOn(),
    ],
    keywords: ['stream processing', 'window', 'cep', 'stateful'],
  },

  // ── Stores and targets ──────────────────────────────────────────────────
  {
    id: 'postgres', name: 'PostgreSQL', category: 'store', icon: 'postgres', product: 'PostgreSQL 16',
    description: 'Relational database; CDC through logical replication.', external: false, tableNamespace: 'schema', credentials: [user('ADMIN_USER', 'PostgreSQL superuser of {} (database administration only)', 'postgres'), secret('ADMIN_PASSWORD', 'Password of the {} superuser'), user('APP_USER', 'Application user of {}, created at first start; owns the application schema', 'app'), secret('APP_PASSWORD', 'Password of the {} application user'), user('CDC_USER', 'Replication user of {} that change data capture reads with (not a superuser)', 'cdc'), secret('CDC_PASSWORD', 'Password of the {} replication user'), user('READER_USER', 'Read-only user of {} that clients drawn with read access log in as (SELECT on the application schema, nothing else)', 'reader'), secret('READER_PASSWORD', 'Password of the {} read-only user'), secret('MONITOR_PASSWORD', 'Password of the exporter user of {} (pg_monitor: statistics only, no data) that its metrics exporter reads with')], roles: ['database'], exporter: { image: 'quay.io/prometheuscommunity/postgres-exporter:v0.15.0', port: 9187, name: 'postgres-exporter' }, metricFamilies: ['pg_up', 'pg_stat_database_numbackends', 'pg_stat_database_xact_commit', 'pg_stat_database_deadlocks'], dataSource: { type: 'grafana-postgresql-datasource', port: 5432, address: 'host-port' },
    emits: ['cdc'], accepts: ['sql'],
    image: 'postgres:16.4-alpine', ports: [{ container: 5432, host: 5432, name: 'postgres', prop: 'port' }],
    healthcheck: { test: ['CMD-SHELL', 'pg_isready -U "$$POSTGRES_USER" -d "$$POSTGRES_DB"'], interval: '5s', timeout: '5s', retries: 10 },
    props: [
      port('port', 'Host port', 5432),
      dbName('app'),
      strings('tables', 'Tables', [], 'Tables to create and to capture (schema.table or table).', { pattern: '^([a-z_][a-z0-9_]{0,62}\\.)?[a-z_][a-z0-9_]{0,62}$', patternHint: 'table or schema.table, lower-case with underscores' }),
      int('maxConnections', 'Max connections', 100, 5, 10000, 'max_connections.'),
      oneOf('replication', 'Replication', ['none', 'streaming', 'logical'], 'none', 'Replication set up beyond CDC (which turns on logical replication by itself).'),
      storeLatency,
    ],
    keywords: ['postgresql', 'database', 'sql', 'rdbms', 'relational'],
  },
  {
    id: 'mysql', name: 'MySQL', category: 'store', icon: 'mysql', product: 'MySQL 8.4',
    description: 'Relational database; CDC through the row binlog.', external: false, tableNamespace: 'database', credentials: [secret('ROOT_PASSWORD', 'MySQL root password of {} (database administration only)'), user('APP_USER', 'Application user of {}, created at first start', 'app'), secret('APP_PASSWORD', 'Password of the {} application user'), user('CDC_USER', 'Replication user of {} that change data capture reads with (not an administrator)', 'cdc'), secret('CDC_PASSWORD', 'Password of the {} replication user'), user('READER_USER', 'Read-only user of {} that clients drawn with read access log in as (SELECT on its database, nothing else)', 'reader'), secret('READER_PASSWORD', 'Password of the {} read-only user'), secret('MONITOR_PASSWORD', 'Password of the exporter user of {} (PROCESS, REPLICATION CLIENT and performance_schema: statistics only, no data) that its metrics exporter reads with')], roles: ['database'], exporter: { image: 'prom/mysqld-exporter:v0.15.1', port: 9104, name: 'mysqld-exporter' }, metricFamilies: ['mysql_up', 'mysql_global_status_threads_connected', 'mysql_global_status_slow_queries'], dataSource: { type: 'mysql', port: 3306, address: 'host-port' },
    emits: ['cdc'], accepts: ['sql'],
    image: 'mysql:8.4.3', ports: [{ container: 3306, host: 3306, name: 'mysql', prop: 'port' }],
    healthcheck: { test: ['CMD-SHELL', 'mysqladmin ping -h 127.0.0.1 -uroot -p"$$MYSQL_ROOT_PASSWORD" --silent'], interval: '5s', timeout: '5s', retries: 20, startPeriod: '20s' },
    props: [
      port('port', 'Host port', 3306),
      dbName('app'),
      strings('tables', 'Tables', [], 'Tables to create and to capture.', { pattern: '^[a-z_][a-z0-9_]{0,62}$', patternHint: 'lower-case letters, digits and underscores' }),
      int('maxConnections', 'Max connections', 151, 5, 100000, 'max_connections.'),
      storeLatency,
    ],
    keywords: ['database', 'sql', 'mariadb', 'rdbms'],
  },
  {
    id: 'mongodb', name: 'MongoDB', category: 'store', icon: 'mongodb', product: 'MongoDB 7.0',
    description: 'Document database; CDC through change streams.', external: false, tableNamespace: 'database', credentials: [user('ROOT_USER', 'MongoDB root user of {} (administration only)', 'root'), secret('ROOT_PASSWORD', 'Password of the {} root user'), user('APP_USER', 'Application user of {}, created at first start; reads and writes its database', 'app'), secret('APP_PASSWORD', 'Password of the {} application user'), user('CDC_USER', 'User of {} that change data capture reads change streams with', 'cdc'), secret('CDC_PASSWORD', 'Password of the {} change data capture user'), user('READER_USER', 'Read-only user of {} that clients drawn with read access log in as (read on its database, nothing else)', 'reader'), secret('READER_PASSWORD', 'Password of the {} read-only user'), secret('REPLICA_KEY', 'Replica set key of {} (change streams need a replica set): base64 characters only (A-Z a-z 0-9 + /), 6 to 1024 of them'), secret('MONITOR_PASSWORD', 'Password of the exporter user of {} (clusterMonitor: statistics only, no data) that its metrics exporter reads with')], roles: ['database'], exporter: { image: 'percona/mongodb_exporter:0.41.2', port: 9216, name: 'mongodb-exporter' }, metricFamilies: ['mongodb_up', 'mongodb_ss_connections'],
    emits: ['cdc'], accepts: ['mongodb'],
    image: 'mongo:7.0.14', ports: [{ container: 27017, host: 27017, name: 'mongodb', prop: 'port' }],
    healthcheck: { test: ['CMD', 'mongosh', '--quiet', '--eval', 'db.adminCommand("ping").ok'], interval: '10s', timeout: '5s', retries: 10, startPeriod: '20s' },
    props: [
      port('port', 'Host port', 27017),
      dbName('app'),
      strings('collections', 'Collections', [], 'Collections to create.', { pattern: NAME_PATTERN, patternHint: NAME_HINT }),
      bool('eventStore', 'Event store', false, 'Used as the event store (event sourcing).'),
      storeLatency,
    ],
    keywords: ['document', 'nosql', 'mongo'],
  },
  {
    id: 'redis', name: 'Redis', category: 'store', icon: 'redis', product: 'Redis 7.4',
    description: 'In-memory cache, sessions, rate limits, streams.', external: false, credentials: [secret('PASSWORD', 'Password clients give to {} (requirepass)')], roles: ['cache'], exporter: { image: 'oliver006/redis_exporter:v1.66.0', port: 9121, name: 'redis-exporter' }, metricFamilies: ['redis_up', 'redis_connected_clients', 'redis_memory_used_bytes', 'redis_evicted_keys_total'],
    emits: [], accepts: ['redis'],
    image: 'redis:7.4.1-alpine', ports: [{ container: 6379, host: 6379, name: 'redis', prop: 'port' }],
    healthcheck: { test: ['CMD-SHELL', 'redis-cli -a "$$REDIS_PASSWORD" --no-auth-warning ping | grep -q PONG'], interval: '5s', timeout: '5s', retries: 10 },
    props: [
      port('port', 'Host port', 6379),
      int('maxMemoryMb', 'Max memory (MB)', 256, 16, 1_048_576, 'maxmemory.'),
      oneOf('evictionPolicy', 'Eviction policy', ['allkeys-lru', 'allkeys-lfu', 'volatile-lru', 'volatile-ttl', 'noeviction'], 'allkeys-lru', 'What is dropped when memory is full.'),
      oneOf('persistence', 'Persistence', ['none', 'rdb', 'aof'], 'rdb', 'How data survives a restart.'),
      oneOf('role', 'Role', ['cache', 'session-store', 'rate-limiter', 'queue', 'primary-store'], 'cache', 'What it is used for, for the document.'),
      latency(1),
    ],
    keywords: ['cache', 'key value', 'in-memory'],
  },
  {
    id: 'elasticsearch', name: 'Elasticsearch', category: 'store', icon: 'elasticsearch', product: 'Elasticsearch 8.15',
    description: 'Search and log analytics.', external: false, credentials: [secret('ELASTIC_PASSWORD', "Password of the built-in 'elastic' user of {}")], ingestVerb: 'indexes the messages into it', roles: ['search'], exporter: { image: 'quay.io/prometheuscommunity/elasticsearch-exporter:v1.8.0', port: 9114, name: 'elasticsearch-exporter' }, metricFamilies: ['elasticsearch_cluster_health_status', 'elasticsearch_indices_docs'], dataSource: { type: 'elasticsearch', port: 9200 },
    emits: [], accepts: ['http'], defaultIn: 'http',
    image: 'docker.elastic.co/elasticsearch/elasticsearch:8.15.3', ports: [{ container: 9200, host: 9200, name: 'http', prop: 'port' }],
    healthcheck: { test: ['CMD-SHELL', 'curl -fsS -u "elastic:$$ELASTIC_PASSWORD" http://localhost:9200/_cluster/health > /dev/null || exit 1'], interval: '10s', timeout: '10s', retries: 12, startPeriod: '30s' },
    props: [
      port('port', 'Host port', 9200),
      strings('indices', 'Indices', [], 'Indices used.', { pattern: '^[a-z0-9][a-z0-9._-]{0,99}$', patternHint: 'lower-case letters, digits, . _ -' }),
      int('heapMb', 'Heap (MB)', 512, 256, 65536, 'JVM heap size.'),
      latency(20),
    ],
    keywords: ['search', 'elk', 'logs', 'opensearch', 'index'],
  },
  {
    id: 'clickhouse', name: 'ClickHouse', category: 'store', icon: 'clickhouse', product: 'ClickHouse 24.8',
    description: 'Columnar analytics database (can consume from Kafka).', external: false, credentials: [user('USER', 'ClickHouse user of {}', 'app'), secret('PASSWORD', 'Password of the {} ClickHouse user')], ingestVerb: 'inserts the messages into it', roles: ['database'], dataSource: { type: 'grafana-clickhouse-datasource', port: 9000, address: 'host-port' },
    emits: [], accepts: ['http', 'sql', 'kafka'], defaultIn: 'sql',
    image: 'clickhouse/clickhouse-server:24.8.6.70-alpine', ports: [{ container: 8123, host: 8123, name: 'http', prop: 'port' }, { container: 9000, host: 9009, name: 'native', prop: 'nativePort', serves: ['sql'] }],
    healthcheck: { test: ['CMD-SHELL', 'wget -q -O /dev/null http://127.0.0.1:8123/ping || exit 1'], interval: '10s', timeout: '5s', retries: 10 },
    props: [
      port('port', 'HTTP port', 8123),
      port('nativePort', 'Native port', 9009),
      dbName('analytics'),
      latency(50),
    ],
    keywords: ['olap', 'analytics', 'columnar', 'realtime analytics'],
  },
  {
    id: 'object-storage', name: 'Object storage', category: 'store', icon: 's3', product: 'S3-compatible object storage (MinIO)',
    description: 'S3-compatible buckets (MinIO in the stack).', external: false, credentials: [user('ACCESS_KEY', 'Root access key (user) of {}', 'admin'), secret('SECRET_KEY', 'Root secret key of {} (at least 8 characters)')], ingestVerb: 'writes the messages to it as files', roles: ['object-store'], hosts: ['s3'],
    emits: ['s3'], accepts: ['s3'],
    image: 'minio/minio:RELEASE.2024-10-13T13-34-11Z', ports: [{ container: 9000, host: 9000, name: 's3', prop: 'port' }, { container: 9001, host: 9001, name: 'console', prop: 'consolePort', publish: 'admin' }],
    // MinIO images no longer ship curl; mc (with its preconfigured 'local' alias) is there.
    healthcheck: { test: ['CMD', 'mc', 'ready', 'local'], interval: '10s', timeout: '5s', retries: 10 },
    props: [
      port('port', 'S3 port', 9000),
      port('consolePort', 'Console port', 9001),
      strings('buckets', 'Buckets', [], 'Buckets to create; those named on edges are added.', { pattern: '^[a-z0-9][a-z0-9.-]{2,62}$', patternHint: '3-63 lower-case letters, digits, dots and dashes' }),
      int('archiveDays', 'Archive after (days)', 0, 0, 36500, 'Lifecycle transition/expiry; 0 for none.'),
      latency(30),
      publishOn(),
    ],
    keywords: ['s3', 'minio', 'bucket', 'blob', 'data lake'],
  },
  {
    id: 'snowflake', name: 'Snowflake', category: 'store', icon: 'snowflake', product: 'Snowflake (external)',
    description: 'Cloud data warehouse (external).', external: true, ingestVerb: 'loads the messages into it (or stage files in object storage for Snowpipe)', credentials: [{ key: 'ACCOUNT', about: 'Snowflake account of {} (external)', secret: false, example: 'xy12345.eu-west-1', exampleProp: 'account' }, user('USER', 'Snowflake user the loaders of {} use', 'loader'), secret('PASSWORD', 'Password (or key pair passphrase) of that Snowflake user of {}')], roles: ['warehouse', 'external-system'],
    emits: ['sql'], accepts: ['sql', 's3'], defaultIn: 'sql',
    props: [
      str('account', 'Account', '', 'Account identifier, e.g. xy12345.eu-west-1.', { pattern: '^[A-Za-z0-9._-]{0,100}$', patternHint: 'letters, digits, . _ -' }),
      str('warehouse', 'Warehouse', 'COMPUTE_WH', 'Virtual warehouse.', { pattern: '^[A-Za-z0-9_]{0,100}$', patternHint: 'letters, digits and _' }),
      str('database', 'Database', 'ANALYTICS', 'Database.', { pattern: '^[A-Za-z0-9_]{0,100}$', patternHint: 'letters, digits and _' }),
      latency(500),
    ],
    keywords: ['warehouse', 'dw', 'external', 'analytics'],
  },

  // ── Observability ───────────────────────────────────────────────────────
  {
    id: 'prometheus', name: 'Prometheus', category: 'observability', icon: 'prometheus', product: 'Prometheus 2.55',
    description: 'Scrapes metrics and evaluates alert rules.', external: false, roles: ['metrics-store'], metricFamilies: ['prometheus_build_info', 'prometheus_tsdb_head_series', 'prometheus_rule_evaluation_failures_total'], dataSource: { type: 'prometheus', port: 9090 },
    emits: ['metrics'], accepts: ['metrics', 'http'], defaultIn: 'metrics',
    metricsPath: '/metrics', metricsPort: 9090,
    image: 'prom/prometheus:v2.55.1', ports: [{ container: 9090, host: 9090, name: 'http', prop: 'port', publish: 'admin' }],
    healthcheck: { test: ['CMD-SHELL', 'wget -q -O /dev/null http://127.0.0.1:9090/-/ready || exit 1'], interval: '10s', timeout: '5s', retries: 5 },
    props: [
      port('port', 'Port', 9090),
      int('scrapeIntervalSeconds', 'Scrape interval (s)', 15, 1, 3600, 'How often targets are scraped.'),
      int('retentionDays', 'Retention (days)', 15, 1, 3650, 'How long samples are kept.'),
      int('errorRatePercent', 'Alert: error rate (%)', 5, 0, 100, 'Alert when more than this share of requests fail over 5 minutes.'),
      int('latencyP95Ms', 'Alert: p95 latency (ms)', 0, 0, 600000, 'Alert above this p95 latency; 0 takes 80% of the requirement.'),
      int('latencyP99Ms', 'Alert: p99 latency (ms)', 0, 0, 600000, 'Alert above this p99 latency; 0 takes the requirement (or 500 ms).'),
      int('consumerLagMax', 'Alert: consumer lag', 1000, 0, 1_000_000_000, 'Alert when a consumer group falls this many records behind.'),
      int('deadLetterMax', 'Alert: dead-letter depth', 0, 0, 1_000_000_000, 'Alert when a dead-letter topic or queue holds more than this.'),
      publishOn(),
    ],
    keywords: ['metrics', 'monitoring', 'alerting', 'scrape'],
  },
  {
    id: 'grafana', name: 'Grafana', category: 'observability', icon: 'grafana', product: 'Grafana 11',
    description: 'Dashboards over Prometheus and other data sources.', external: false, credentials: [{ key: 'ADMIN_USER', about: 'Grafana admin of {}', secret: false, example: 'admin', exampleProp: 'adminUser' }, secret('ADMIN_PASSWORD', 'Password of the {} Grafana admin')], roles: ['dashboard'],
    emits: ['metrics'], accepts: ['metrics', 'http'], defaultIn: 'http',
    image: 'grafana/grafana:11.3.0', ports: [{ container: 3000, host: 3001, name: 'http', prop: 'port', publish: 'admin' }],
    healthcheck: { test: ['CMD-SHELL', 'wget -q -O /dev/null http://127.0.0.1:3000/api/health || exit 1'], interval: '10s', timeout: '5s', retries: 10 },
    props: [
      port('port', 'Port', 3001),
      name('adminUser', 'Admin user', 'admin', 'Admin login; the password comes from .env.'),
      str('dashboardTitle', 'Dashboard title', '', 'Title of the provisioned dashboard; empty uses the design name.', { maxLength: 200 }),
      publishOn(),
    ],
    keywords: ['dashboard', 'visualisation', 'charts'],
  },
  {
    id: 'jaeger', name: 'Jaeger', category: 'observability', icon: 'jaeger', product: 'Jaeger 1.62 (all-in-one)',
    description: 'Distributed tracing backend and UI.', external: false, roles: ['trace-store'], metricFamilies: ['jaeger_collector_spans_received_total', 'jaeger_collector_spans_dropped_total'], dataSource: { type: 'jaeger', port: 16686 },
    emits: ['metrics', 'otlp', 'http', 'grpc', 'kafka', 'sql', 's3'], accepts: ['otlp', 'kafka'], defaultIn: 'otlp',
    metricsPath: '/metrics', metricsPort: 14269,
    image: 'jaegertracing/all-in-one:1.62.0', ports: [{ container: 16686, host: 16686, name: 'ui', prop: 'port', publish: 'admin' }, { container: 4317, host: 4317, name: 'otlp-grpc', serves: ['otlp'] }, { container: 4318, host: 4318, name: 'otlp-http' }],
    healthcheck: { test: ['CMD-SHELL', 'wget -q -O /dev/null http://127.0.0.1:14269/ || exit 1'], interval: '10s', timeout: '5s', retries: 5 },
    props: [port('port', 'UI port', 16686), int('samplingPercent', 'Sampling (%)', 100, 0, 100, 'Share of traces kept.'), publishOn()],
    keywords: ['tracing', 'opentelemetry', 'spans'],
  },
  {
    id: 'otel-collector', name: 'OTel Collector', category: 'observability', icon: 'otel', product: 'OpenTelemetry Collector 0.111 (contrib)',
    description: 'Receives, processes and exports telemetry (OTLP, Prometheus scrapes, traces through Kafka).', external: false, roles: ['telemetry-pipeline'], metricFamilies: ['otelcol_receiver_accepted_spans', 'otelcol_exporter_sent_spans', 'otelcol_exporter_send_failed_spans'],
    emits: ['otlp', 'metrics', 'http', 'kafka'], accepts: ['otlp', 'metrics', 'kafka'], defaultIn: 'otlp',
    metricsPath: '/metrics', metricsPort: 8889,
    image: 'otel/opentelemetry-collector-contrib:0.111.0', ports: [{ container: 4317, host: 14317, name: 'otlp-grpc', prop: 'port' }, { container: 4318, host: 14318, name: 'otlp-http' }],
    healthcheck: { test: ['CMD', '/otelcol-contrib', '--version'], interval: '30s', timeout: '5s', retries: 3 },
    props: [port('port', 'OTLP gRPC port', 14317), int('batchSize', 'Batch size', 8192, 1, 1_000_000, 'Spans or points per export batch.')],
    keywords: ['opentelemetry', 'otlp', 'telemetry', 'pipeline'],
  },

  // Observability: log and trace stores (loki, tempo).
  {
    id: 'loki', name: 'Loki', category: 'observability', icon: 'loki', product: 'Grafana Loki 3.2',
    description: 'Log store: takes logs over OTLP and its push API; a Grafana data source.', external: false, roles: ['log-store'],
    metricFamilies: ['loki_build_info', 'loki_distributor_lines_received_total', 'loki_distributor_bytes_received_total', 'loki_ingester_memory_streams'],
    dataSource: { type: 'loki', port: 3100 }, otlpIn: { transport: 'http', path: '/otlp', signals: ['logs'] },
    emits: ['metrics'], accepts: ['otlp', 'http'], defaultIn: 'otlp',
    metricsPath: '/metrics', metricsPort: 3100,
    image: 'grafana/loki:3.2.1', ports: [{ container: 3100, host: 3100, name: 'http', prop: 'port', serves: ['otlp', 'http'] }],
    healthcheck: { test: ['CMD', 'wget', '-q', '-O', '/dev/null', 'http://127.0.0.1:3100/ready'], interval: '10s', timeout: '5s', retries: 10, startPeriod: '20s' },
    props: [
      port('port', 'HTTP port', 3100, 'Host port of its HTTP API (push, query, OTLP) when published.'),
      int('retentionDays', 'Retention (days)', 7, 1, 3650, 'How long log lines are kept (the compactor deletes older ones).'),
      publishOn(),
    ],
    keywords: ['logs', 'logging', 'log aggregation', 'grafana', 'logql'],
  },
  {
    id: 'tempo', name: 'Tempo', category: 'observability', icon: 'tempo', product: 'Grafana Tempo 2.6',
    description: 'Trace store: takes OTLP (gRPC and HTTP), queried by Grafana as a data source.', external: false, roles: ['trace-store'],
    metricFamilies: ['tempo_build_info', 'tempo_distributor_spans_received_total', 'tempo_ingester_traces_created_total', 'tempo_discarded_spans_total'],
    dataSource: { type: 'tempo', port: 3200 }, otlpIn: { transport: 'grpc', signals: ['traces'] },
    emits: ['metrics'], accepts: ['otlp'], defaultIn: 'otlp',
    metricsPath: '/metrics', metricsPort: 3200,
    image: 'grafana/tempo:2.6.1', ports: [{ container: 3200, host: 3200, name: 'http', prop: 'port' }, { container: 4317, host: 4317, name: 'otlp-grpc', serves: ['otlp'] }, { container: 4318, host: 4318, name: 'otlp-http' }],
    healthcheck: { test: ['CMD', 'wget', '-q', '-O', '/dev/null', 'http://127.0.0.1:3200/ready'], interval: '10s', timeout: '5s', retries: 10, startPeriod: '20s' },
    props: [
      port('port', 'Query port', 3200, 'Host port of its query API (TraceQL, /api/traces) when published.'),
      int('retentionHours', 'Retention (hours)', 336, 1, 87600, 'How long trace blocks are kept (the compactor deletes older ones).'),
      publishOn(),
    ],
    keywords: ['tracing', 'traces', 'spans', 'opentelemetry', 'grafana', 'traceql'],
  },

  // ── Security ────────────────────────────────────────────────────────────
  {
    id: 'keycloak', name: 'Keycloak', category: 'security', icon: 'keycloak', product: 'Keycloak 25 (OpenID Connect)',
    description: 'Identity provider: OAuth 2.0 / OpenID Connect, SSO.', external: false, credentials: [{ key: 'ADMIN_USER', about: 'Keycloak admin of {}', secret: false, example: 'admin', exampleProp: 'adminUser' }, secret('ADMIN_PASSWORD', 'Password of the {} Keycloak admin')], roles: ['identity-provider'],
    emits: ['sql'], accepts: ['http'], defaultIn: 'http',
    image: 'quay.io/keycloak/keycloak:25.0.6', ports: [{ container: 8080, host: 8180, name: 'http', prop: 'port', publish: 'entry' }],
    healthcheck: { test: ['CMD-SHELL', 'bash -c "exec 3<>/dev/tcp/127.0.0.1/8080" || exit 1'], interval: '10s', timeout: '5s', retries: 15, startPeriod: '30s' },
    props: [
      port('port', 'Port', 8180),
      name('realm', 'Realm', 'topoforge', 'Realm imported at start.'),
      name('adminUser', 'Admin user', 'admin', 'Admin login; the password comes from .env.'),
      oneOf('authorization', 'Authorization model', ['rbac', 'abac', 'oauth-scopes', 'policy-based'], 'rbac', 'How permissions are granted, for the document.'),
      strings('roles', 'Roles', ['user', 'admin'], 'Realm roles to create.', { pattern: NAME_PATTERN, patternHint: NAME_HINT }),
      publishOn(),
    ],
    keywords: ['oauth', 'oidc', 'sso', 'identity', 'jwt', 'idp'],
  },
  {
    id: 'vault', name: 'Vault', category: 'security', icon: 'vault', product: 'HashiCorp Vault 1.17',
    description: 'Secrets and key management.', external: false, credentials: [secret('DEV_ROOT_TOKEN', 'Root token of {} in dev mode (dev mode: not for production)')], roles: ['secrets'],
    emits: ['sql'], accepts: ['http'], defaultIn: 'http',
    image: 'hashicorp/vault:1.17.6', ports: [{ container: 8200, host: 8200, name: 'http', prop: 'port' }],
    healthcheck: { test: ['CMD-SHELL', 'wget -q -O /dev/null http://127.0.0.1:8200/v1/sys/health || exit 1'], interval: '10s', timeout: '5s', retries: 5 },
    props: [
      port('port', 'Port', 8200),
      bool('devMode', 'Dev mode', true, 'In-memory, unsealed, for local use only; never for production.'),
      strings('secretPaths', 'Secret paths', [], 'KV paths the services read.', { pattern: '^[A-Za-z0-9._/-]{1,200}$', patternHint: 'a path of letters, digits, . _ / -' }),
    ],
    keywords: ['secrets', 'kms', 'keys', 'hashicorp'],
  },
] as const satisfies readonly KindDef[];

/** A catalog id: a missing per-kind answer of a `Record<KindId, …>` is a type error. */
export type KindId = (typeof ENTRIES)[number]['id'];

export const KINDS: readonly KindDef[] = ENTRIES;
