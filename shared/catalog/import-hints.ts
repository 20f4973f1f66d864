import type { Protocol } from '../model/types';
import type { KindId } from './kinds';

/**
 * What an importer knows about each kind: how a docker-compose service or a diagram label that
 * *is* one of them looks (images, names, ports, environment, commands, shapes), which products
 * the catalog has no kind for are imported as it, and which helper containers fold into it.
 * Keyed by catalog kind id (a test checks every key), so the importers themselves name no kind.
 * One day these facts move into the catalog entries.
 *
 * Matching conventions (see generators/interop/hints.ts):
 * - `images` are tested against the image repository, lower-case, without registry port, tag
 *   or digest (`docker.io/bitnami/kafka:3.7` → `docker.io/bitnami/kafka`).
 * - `names` and `words` are compared with the words of a name or label, punctuation and case
 *   ignored (`schema-registry`, `Schema Registry` and `schemaRegistry` are the same). A name
 *   counts when it is the last word that matters: `orders-db` is a database, `kafka-ui` is not
 *   Kafka. `names` are products (strong evidence), `words` are generic nouns (weak evidence).
 * - `serverEnv` are names of environment variables that configure a server of this kind (found
 *   in its own environment); `clientEnv` are names whose value points at one (found in its
 *   clients' environment).
 */

export type ImportRole =
  /** An HTTP/JSON API (the fallback for a service that answers requests). */
  | 'http-api'
  | 'grpc-api'
  | 'graphql-api'
  /** A browser front end or an admin UI. */
  | 'frontend'
  /** A background process that reads from brokers (or feeds them). */
  | 'consumer'
  /** Runs on a schedule. */
  | 'scheduled'
  /** Devices and sensors. */
  | 'device'
  /** A third-party API outside the design. */
  | 'external-api'
  /** A system you integrate with but do not run. */
  | 'legacy';

/** A product the catalog has no kind of its own for, or a helper container of a kind. */
export interface ProductHint {
  /** What the note calls it, e.g. "ZooKeeper". */
  product: string;
  images?: readonly RegExp[];
  names?: readonly string[];
  commands?: readonly RegExp[];
  serverEnv?: readonly RegExp[];
  ports?: readonly number[];
  /** The protocol its clients use, when it differs from what the kind it is imported as serves. */
  protocol?: Protocol;
}

export interface KindImportHints {
  images?: readonly RegExp[];
  names?: readonly string[];
  words?: readonly string[];
  /** Ports the product listens on inside its container. */
  ports?: readonly number[];
  serverEnv?: readonly RegExp[];
  clientEnv?: readonly RegExp[];
  /** URL schemes that address one (`postgresql` for `jdbc:postgresql://`, `amqp`). */
  schemes?: readonly string[];
  /** Command lines that run one. */
  commands?: readonly RegExp[];
  /** Health checks that test one (`pg_isready`, `redis-cli ping`), run in its own container. */
  healthchecks?: readonly RegExp[];
  /** Words that say only the sort of thing ("storage", "broker"): a name saying just that is imported as this kind, listed as undecided. */
  sorts?: readonly string[];
  /** Mermaid node shapes that suggest it when the label names nothing. */
  shapes?: readonly string[];
  /** Mermaid class names that suggest it (Topoforge's category classes and common ones). */
  classes?: readonly string[];
  /** Products imported as this kind because the catalog has no closer one. */
  closest?: readonly ProductHint[];
  /** Helper containers (coordinators, exporters, job submitters …) folded into a component of this kind. */
  helpers?: readonly ProductHint[];
  /** For the generic kinds: what the importer falls back to for a service of this role. */
  role?: ImportRole;
  /** The protocol of its management API, for clients that call it rather than feed it data (Kafka Connect's REST API). */
  api?: Protocol;
  /** Reads from the brokers it is wired to unless its settings say it writes. */
  consumesByDefault?: boolean;
  /** Clients get its address through their broker's settings; the importer draws it on the broker only. */
  reachedThroughBroker?: boolean;
}

export const IMPORT_HINTS: Readonly<Record<KindId, KindImportHints>> = {
  // ── Services and sources ────────────────────────────────────────────────
  'rest-service': {
    role: 'http-api',
    words: ['api', 'apis', 'rest', 'backend', 'service', 'services', 'svc', 'microservice', 'app', 'application', 'applications', 'server', 'sdk', 'webhook', 'webhooks'],
    classes: ['service'],
    closest: [
      { product: 'Kafka REST Proxy', images: [/(^|\/)cp-kafka-rest$/, /(^|\/)kafka-rest(-proxy)?$/], names: ['rest-proxy', 'kafka-rest', 'kafka-rest-proxy'] },
      { product: 'Spring Cloud Config server', names: ['config-server'] },
      { product: 'service registry (Eureka, Consul)', images: [/(^|\/)consul$/, /eureka/], names: ['discovery-server', 'eureka', 'consul'] },
    ],
  },
  'grpc-service': {
    role: 'grpc-api',
    words: ['grpc'],
    ports: [50051],
    closest: [{ product: 'Temporal server (gRPC)', images: [/temporalio\/(auto-setup|server)$/], names: ['temporal', 'temporal-server'], ports: [7233] }],
  },
  'graphql-service': {
    role: 'graphql-api',
    words: ['graphql', 'gql'],
    closest: [
      { product: 'Hasura GraphQL engine', images: [/hasura\/graphql-engine/], names: ['hasura'] },
      { product: 'Apollo router', images: [/apollographql\/router/, /apollo-router/], names: ['apollo-router', 'apollo'] },
    ],
  },
  'web-app': {
    role: 'frontend',
    words: ['ui', 'gui', 'frontend', 'front-end', 'front', 'web', 'webapp', 'website', 'site', 'portal', 'dashboard', 'console', 'admin', 'spa', 'browser', 'storefront', 'client-app', 'docs', 'documentation', 'wiki'],
    shapes: ['stadium'],
    closest: [
      { product: 'Kafka UI', images: [/(^|\/)cp-enterprise-control-center$/, /control-center/, /(^|\/)kafka-ui$/, /(^|\/)akhq$/, /(^|\/)kafdrop$/, /redpanda-?console/, /conduktor/, /kafka-ui/], names: ['kafka-ui', 'akhq', 'kafdrop', 'control-center', 'redpanda-console'] },
      { product: 'database admin UI', images: [/pgadmin/, /(^|\/)adminer$/, /phpmyadmin/, /mongo-express/, /redis-commander/, /redisinsight/, /dbgate/, /cloudbeaver/], names: ['pgadmin', 'adminer', 'phpmyadmin', 'mongo-express', 'redis-commander', 'redisinsight'] },
      { product: 'Temporal UI', images: [/temporalio\/ui$/], names: ['temporal-ui'] },
      { product: 'Spring Boot Admin', names: ['admin-server'] },
    ],
  },
  worker: {
    role: 'consumer',
    consumesByDefault: true,
    words: [
      'worker', 'workers', 'consumer', 'consumers', 'processor', 'processors', 'sink', 'listener', 'handler', 'subscriber', 'bridge', 'connector', 'relay', 'forwarder',
      'indexer', 'ingester', 'ingestor', 'dispatcher', 'notifier', 'mailer', 'poller', 'daemon', 'transformer', 'aggregator', 'enricher', 'producer', 'producers',
      'generator', 'publisher', 'emitter', 'loadgen', 'load-generator', 'datagen', 'simulator', 'processing',
    ],
    commands: [/\bcelery\b.*\bworker\b/, /\bsidekiq\b/, /\brq worker\b/, /\bmanage\.py\s+\w*(worker|consumer)/],
  },
  'batch-job': {
    role: 'scheduled',
    consumesByDefault: true,
    words: ['cron', 'crontab', 'scheduler', 'scheduled', 'batch', 'etl', 'job', 'jobs', 'backup', 'beat'],
    shapes: ['inv_trapezoid'],
    commands: [/\bcelery\b.*\bbeat\b/, /\bcrond?\b/],
    closest: [
      { product: 'Apache Airflow', images: [/apache\/airflow/], names: ['airflow', 'airflow-scheduler', 'airflow-webserver'] },
      { product: 'Apache Spark', images: [/(^|\/)spark$/, /bitnami\/spark/, /apache\/spark/], names: ['spark', 'spark-master'] },
    ],
    helpers: [{ product: 'Spark worker', names: ['spark-worker'], commands: [/spark-class .*worker/] }],
  },
  'iot-device': {
    role: 'device',
    words: ['device', 'devices', 'sensor', 'sensors', 'iot', 'controller', 'controllers', 'thermostat', 'plc', 'gateway-device'],
    shapes: ['odd'],
  },
  'saas-app': {
    role: 'external-api',
    words: ['external', 'third-party', 'thirdparty', '3rd-party', 'vendor', 'saas', 'cdn'],
    names: ['stripe', 'salesforce', 'twilio', 'sendgrid', 'fedex', 'shopify', 'slack', 'paypal', 'hubspot', 'zendesk', 'mailgun', 'openai', 'github', 'cloudflare', 'svix', 'auth0', 'okta'],
    shapes: ['lean_right'],
  },
  'legacy-system': {
    role: 'legacy',
    words: ['legacy', 'mainframe', 'erp', 'cobol', 'as400'],
    names: ['sap'],
    shapes: ['lean_left'],
  },
  'sftp-server': {
    images: [/atmoz\/sftp$/, /(^|\/)sftp$/, /sftpgo/, /emberstack\/sftp/],
    names: ['sftp', 'ftp', 'sftpgo'],
    words: ['files', 'file-drop'],
    ports: [22],
    schemes: ['sftp', 'ftp'],
    shapes: ['trapezoid'],
  },

  // ── Gateways ────────────────────────────────────────────────────────────
  kong: {
    healthchecks: [/\bkong health\b/],
    images: [/(^|\/)kong$/, /kong-gateway$/, /kong\/kong$/],
    names: ['kong'],
    words: ['gateway', 'api-gateway'],
    ports: [8000, 8001, 8443, 8444],
    serverEnv: [/^KONG_(DATABASE|PROXY_LISTEN|ADMIN_LISTEN|DECLARATIVE_CONFIG|PG_HOST)$/],
    shapes: ['hexagon'],
    classes: ['gateway'],
    closest: [
      { product: 'an API gateway', images: [/tykio\/tyk-gateway/, /krakend/, /apache\/apisix$/, /gravitee/, /spring-cloud-gateway/], names: ['tyk', 'krakend', 'apisix', 'gravitee', 'api-gateway'] },
    ],
    helpers: [{ product: 'Kong migrations', commands: [/\bkong migrations\b/] }],
  },
  nginx: {
    images: [/(^|\/)nginx$/, /nginx-unprivileged$/, /(^|\/)openresty$/, /bitnami\/nginx$/],
    names: ['nginx', 'openresty'],
    words: ['proxy', 'reverse-proxy', 'load-balancer', 'loadbalancer', 'lb', 'ingress', 'web-server', 'webserver'],
    ports: [80, 443],
    closest: [
      { product: 'Caddy', images: [/(^|\/)caddy$/], names: ['caddy'] },
      { product: 'Traefik', images: [/(^|\/)traefik$/], names: ['traefik'] },
      { product: 'HAProxy', images: [/(^|\/)haproxy$/], names: ['haproxy'] },
      { product: 'Apache httpd', images: [/(^|\/)httpd$/], names: ['httpd', 'apache2'] },
    ],
  },
  envoy: {
    images: [/envoyproxy\/envoy(-[a-z]+)?$/, /(^|\/)envoy$/],
    names: ['envoy', 'front-envoy'],
    ports: [10000, 9901],
    commands: [/\benvoy\b.*(-c|--config-path)\b/],
  },

  // ── Brokers and streams ─────────────────────────────────────────────────
  kafka: {
    healthchecks: [/kafka-broker-api-versions|kafka-topics(\.sh)?\b.*--list|rpk cluster health|\bcub kafka-ready\b/],
    images: [
      /(^|\/)cp-kafka$/, /(^|\/)cp-server$/, /bitnami\/kafka$/, /apache\/kafka(-native)?$/, /wurstmeister\/kafka$/, /(^|\/)kafka$/, /redpandadata\/redpanda$/,
      /vectorized\/redpanda$/, /strimzi\/kafka$/, /fast-data-dev$/, /obsidiandynamics\/kafka$/, /spotify\/kafka$/,
    ],
    names: ['kafka', 'redpanda', 'kafka-broker', 'event-bus'],
    words: ['topic', 'topics', 'event-stream', 'event-log', 'bus', 'message-bus', 'eventbus', 'streaming-platform'],
    sorts: ['broker'],
    ports: [9092, 29092],
    serverEnv: [
      /^KAFKA_(CFG_)?(BROKER_ID|NODE_ID|LISTENERS|ADVERTISED_LISTENERS|ZOOKEEPER_CONNECT|PROCESS_ROLES|CONTROLLER_QUORUM_VOTERS|LISTENER_SECURITY_PROTOCOL_MAP|INTER_BROKER_LISTENER_NAME|OFFSETS_TOPIC_REPLICATION_FACTOR|CONTROLLER_LISTENER_NAMES)$/,
      /^KAFKA_CFG_/, /^NODE_ROLE$/,
    ],
    clientEnv: [/BOOTSTRAP[_.-]?SERVERS?$/i, /^KAFKA_(BROKERS?|HOSTS?|ADDR(ESS)?|SERVERS?|URL|ENDPOINT)$/, /KAFKA_BROKER_(HOST|ADDR|URL)$/],
    schemes: ['kafka', 'plaintext', 'ssl', 'sasl_plaintext', 'sasl_ssl'],
    commands: [/\bredpanda start\b/, /kafka-server-start/],
    shapes: ['subroutine'],
    classes: ['broker'],
    // Managed Kafka a reference architecture names by its service.
    closest: [{ product: 'a managed Kafka (Amazon MSK, Confluent Cloud, Azure Event Hubs)', names: ['msk', 'amazon-msk', 'confluent-cloud', 'event-hubs', 'eventhubs', 'azure-event-hubs'] }],
    helpers: [
      { product: 'ZooKeeper', images: [/(^|\/)cp-zookeeper$/, /(^|\/)zookeeper$/, /bitnami\/zookeeper$/], names: ['zookeeper', 'zk'], serverEnv: [/^ZOOKEEPER_CLIENT_PORT$/, /^ZOO_MY_ID$/] },
      { product: 'topic set-up job', commands: [/kafka-topics(\.sh)? .*--create/, /rpk topic create/] },
    ],
  },
  rabbitmq: {
    healthchecks: [/rabbitmq-diagnostics|rabbitmqctl/],
    images: [/(^|\/)rabbitmq$/, /bitnami\/rabbitmq$/],
    names: ['rabbitmq', 'rabbit', 'amqp'],
    words: ['queue', 'queues', 'message-queue', 'mq'],
    ports: [5672, 15672],
    serverEnv: [/^RABBITMQ_(DEFAULT_USER|DEFAULT_PASS|DEFAULT_VHOST|ERLANG_COOKIE)$/],
    clientEnv: [/^(SPRING_)?RABBIT(MQ)?_(HOST|HOSTNAME|URL|URI|ADDR(ESS)?|ADDRESSES|SERVER)$/, /^AMQP_(URL|URI|HOST|ADDR)$/, /^CLOUDAMQP_URL$/],
    schemes: ['amqp', 'amqps'],
  },
  nats: {
    healthchecks: [/8222\/healthz/],
    images: [/(^|\/)nats(-streaming)?$/, /bitnami\/nats$/],
    names: ['nats', 'jetstream'],
    ports: [4222, 6222, 8222],
    clientEnv: [/^NATS_(URL|URLS|HOST|SERVERS?|ADDR(ESS)?)$/],
    schemes: ['nats', 'tls'],
    commands: [/\bnats-server\b/],
  },
  'mqtt-broker': {
    images: [/eclipse-mosquitto$/, /(^|\/)mosquitto$/, /emqx/, /hivemq/, /vernemq/, /nanomq/],
    names: ['mosquitto', 'mqtt', 'emqx', 'hivemq', 'vernemq', 'mqtt-broker'],
    ports: [1883, 8883],
    clientEnv: [/^MQTT_(BROKER|HOST|SERVER|URL|URI|ADDR(ESS)?)(_(HOST|URL|ADDR(ESS)?))?$/],
    schemes: ['mqtt', 'mqtts'],
  },
  'ibm-mq': {
    images: [/ibm-messaging\/mq$/, /ibmcom\/mq$/],
    names: ['ibmmq', 'ibm-mq', 'websphere-mq', 'queue-manager'],
    ports: [1414],
    serverEnv: [/^MQ_QMGR_NAME$/],
    clientEnv: [/^(IBM_)?MQ_(HOST|CONN_?NAME|CONNECTION)$/],
  },

  // Brokers added in catalog 1.
  activemq: {
    images: [/activemq-artemis(-broker)?$/, /(^|\/)artemis$/],
    names: ['activemq', 'artemis', 'activemq-artemis'],
    ports: [61616, 8161],
    serverEnv: [/^ARTEMIS_(USER|PASSWORD)$/, /^ANONYMOUS_LOGIN$/, /^AMQ_(USER|PASSWORD)$/],
    clientEnv: [/^(SPRING_)?(ACTIVEMQ|ARTEMIS)_(BROKER_URL|URL|HOST|BROKER_HOST)$/],
    closest: [{ product: 'ActiveMQ Classic', images: [/(^|\/)activemq$/, /rmohr\/activemq$/, /apache\/activemq-classic$/, /webcenter\/activemq$/], names: ['activemq-classic'] }],
  },
  // ── Stream and data plumbing ────────────────────────────────────────────
  'schema-registry': {
    healthchecks: [/8081\/subjects/],
    images: [/(^|\/)cp-schema-registry$/, /(^|\/)schema-registry$/, /apicurio-registry(-[a-z]+)?$/, /karapace/],
    names: ['schema-registry', 'apicurio', 'karapace'],
    serverEnv: [/^SCHEMA_REGISTRY_(HOST_NAME|LISTENERS|KAFKASTORE_BOOTSTRAP_SERVERS)$/],
    clientEnv: [/SCHEMA_REGISTRY_(URL|HOST)$/],
    reachedThroughBroker: true,
  },
  debezium: {
    healthchecks: [/8083\/connectors/],
    images: [/debezium\/connect(-[a-z0-9-]+)?$/],
    // Debezium Server: the same capture, streamed to a sink of its own (Pub/Sub, Kinesis, Redis ...) rather than Kafka.
    closest: [{ product: 'Debezium Server', images: [/debezium\/server$/], names: ['debezium-server'] }],
    api: 'http',
    names: ['debezium'],
    words: ['cdc', 'change-data-capture'],
    ports: [8083],
    serverEnv: [/^CONNECT_(BOOTSTRAP_SERVERS|GROUP_ID|REST_ADVERTISED_HOST_NAME|CONFIG_STORAGE_TOPIC)$/, /^(CONFIG|OFFSET|STATUS)_STORAGE_TOPIC$/],
    clientEnv: [/(KAFKA_)?CONNECT_(URL|HOST)$/],
    helpers: [{ product: 'connector registration', commands: [/curl .*\/connectors\b/] }],
  },
  // A generic Connect worker (any connector); a Debezium image stays Debezium.
  'kafka-connect': {
    healthchecks: [/8083\/connectors/],
    images: [/(^|\/)cp-kafka-connect(-base)?$/, /(^|\/)cp-server-connect(-base)?$/, /(^|\/)kafka-connect(-[a-z0-9-]+)?$/, /strimzi\/kafka-connect/],
    api: 'http',
    names: ['connect', 'kafka-connect', 'connect-worker', 'connect-cluster'],
    ports: [8083],
    serverEnv: [/^CONNECT_(BOOTSTRAP_SERVERS|GROUP_ID|REST_ADVERTISED_HOST_NAME|CONFIG_STORAGE_TOPIC|PLUGIN_PATH)$/],
    clientEnv: [/(KAFKA_)?CONNECT_(URL|HOST)$/],
    helpers: [{ product: 'connector registration', commands: [/curl .*\/connectors\b/] }],
  },
  flink: {
    images: [/(^|\/)flink$/, /apache\/flink$/],
    api: 'http',
    names: ['flink', 'jobmanager', 'flink-jobmanager'],
    words: ['stream-processing'],
    ports: [6123],
    commands: [/\bjobmanager(\.sh)?\b/, /standalone-job/],
    consumesByDefault: true,
    classes: ['plumbing'],
    closest: [
      { product: 'ksqlDB server (a stream processor)', images: [/(^|\/)cp-ksqldb-server$/, /ksqldb-server/, /ksql-server/], names: ['ksqldb', 'ksqldb-server', 'ksql', 'ksql-server'], serverEnv: [/^KSQL_LISTENERS$/] },
    ],
    helpers: [
      { product: 'Flink task manager', names: ['taskmanager', 'flink-taskmanager'], commands: [/\btaskmanager(\.sh)?\b/] },
      { product: 'Flink job submission', commands: [/\bflink run\b/], names: ['sql-client', 'flink-sql-client'] },
      { product: 'ksqlDB CLI', images: [/ksqldb-cli/, /ksql-cli/], names: ['ksqldb-cli', 'ksql-cli'] },
    ],
  },

  // ── Stores and targets ──────────────────────────────────────────────────
  postgres: {
    healthchecks: [/\bpg_isready\b/],
    images: [
      /postgis/, /(^|\/)postgres(ql)?$/, /timescaledb/, /bitnami\/postgresql$/, /supabase\/postgres$/, /(^|\/)example-postgres$/, /citus/, /pgvector/, /(^|\/)cockroach$/,
    ],
    names: ['postgres', 'postgresql', 'pg', 'postgis', 'timescale', 'timescaledb', 'pgsql', 'cockroachdb', 'citus'],
    words: ['db', 'database', 'rdbms', 'sql-database', 'datastore'],
    sorts: ['store'],
    ports: [5432],
    serverEnv: [/^POSTGRES_(PASSWORD|PASSWORD_FILE|DB|INITDB_ARGS|HOST_AUTH_METHOD)$/, /^PGDATA$/],
    clientEnv: [/^(POSTGRES(QL)?|PG)_?(HOST|HOSTNAME|SERVER|ADDR(ESS)?|SEEDS|URL|URI|DSN)$/, /_PG_HOST$/],
    schemes: ['postgres', 'postgresql', 'pgsql'],
    shapes: ['cylinder'],
    classes: ['store', 'database', 'db'],
    closest: [
      { product: 'SQL Server', images: [/mssql/], names: ['mssql', 'sqlserver'], ports: [1433] },
      // Managed relational databases a reference architecture names by their service.
      { product: 'a managed SQL database (RDS, Aurora, Cloud SQL, Azure SQL)', names: ['rds', 'aurora', 'amazon-rds', 'cloud-sql', 'azure-sql', 'cloudsql'] },
      { product: 'Oracle Database', images: [/oracle\/database/, /gvenzl\/oracle/], names: ['oracle', 'oracledb'], ports: [1521] },
    ],
  },
  mysql: {
    healthchecks: [/\bmysqladmin\b.*\bping\b/, /healthcheck\.sh/],
    images: [/(^|\/)mysql(-server)?$/, /(^|\/)mariadb$/, /percona-server$/, /(^|\/)percona$/, /bitnami\/mysql$/, /bitnami\/mariadb$/, /(^|\/)example-mysql$/],
    names: ['mysql', 'mariadb', 'percona'],
    ports: [3306],
    serverEnv: [/^(MYSQL|MARIADB)_(ROOT_PASSWORD|DATABASE|ALLOW_EMPTY_PASSWORD|RANDOM_ROOT_PASSWORD|ROOT_HOST)$/],
    clientEnv: [/^(MYSQL|MARIADB)_(HOST|HOSTNAME|SERVER|ADDR(ESS)?|URL|URI|DSN)$/],
    schemes: ['mysql', 'mariadb', 'mysqlx'],
  },
  mongodb: {
    healthchecks: [/\bmongo(sh)?\b.*(ping|serverStatus)/],
    images: [/(^|\/)mongo(db)?(-community-server)?$/, /bitnami\/mongodb$/, /percona-server-mongodb/],
    names: ['mongo', 'mongodb'],
    words: ['document-store', 'nosql'],
    ports: [27017],
    serverEnv: [/^MONGO_INITDB_(ROOT_USERNAME|ROOT_PASSWORD|DATABASE)$/],
    clientEnv: [/^(SPRING_DATA_)?MONGO(DB)?_(URL|URI|HOST|HOSTNAME|SERVER|ADDR(ESS)?|DSN)$/],
    schemes: ['mongodb', 'mongodb+srv'],
    closest: [
      { product: 'Cassandra', images: [/(^|\/)cassandra$/, /scylladb/], names: ['cassandra', 'scylla'], ports: [9042] },
      { product: 'CouchDB', images: [/couchdb/], names: ['couchdb'], ports: [5984] },
      { product: 'a managed document or key-value database (DynamoDB, Cosmos DB, Firestore, DocumentDB)', names: ['dynamodb', 'cosmosdb', 'cosmos-db', 'firestore', 'documentdb'] },
    ],
  },
  redis: {
    healthchecks: [/\b(redis|valkey|keydb)-cli\b/],
    images: [/(^|\/)redis(-stack(-server)?)?$/, /bitnami\/redis$/, /valkey/, /keydb/, /dragonfly/],
    names: ['redis', 'valkey', 'keydb', 'dragonfly', 'redis-cache'],
    words: ['cache', 'session-store', 'kv'],
    ports: [6379],
    commands: [/\bredis-server\b/],
    clientEnv: [/^(SPRING_)?(REDIS|VALKEY)_(URL|HOST|HOSTNAME|ADDR(ESS)?|SERVER|URI|DSN)$/, /^CACHE_(URL|HOST|ADDR)$/],
    schemes: ['redis', 'rediss'],
    closest: [
      { product: 'Memcached', images: [/(^|\/)memcached$/], names: ['memcached'], ports: [11211] },
      { product: 'a managed Redis (ElastiCache, Memorystore, Azure Cache for Redis)', names: ['elasticache', 'memorystore', 'azure-cache'] },
    ],
  },
  elasticsearch: {
    healthchecks: [/_cluster\/health/],
    images: [/elasticsearch\/elasticsearch$/, /(^|\/)elasticsearch$/, /opensearchproject\/opensearch$/, /(^|\/)opensearch$/, /bitnami\/elasticsearch$/],
    names: ['elasticsearch', 'elastic', 'opensearch', 'es'],
    words: ['search', 'search-engine', 'index'],
    ports: [9200, 9300],
    serverEnv: [/^ES_JAVA_OPTS$/, /^OPENSEARCH_JAVA_OPTS$/, /^discovery\.type$/, /^cluster\.name$/, /^xpack\./],
    clientEnv: [/^(ELASTICSEARCH|ELASTIC|ES|OPENSEARCH)_(HOSTS?|URLS?|ADDR(ESS)?|SEEDS|ENDPOINT|NODES)$/],
  },
  clickhouse: {
    healthchecks: [/clickhouse-client|\b8123\/ping\b/],
    images: [/clickhouse-server$/, /(^|\/)clickhouse$/],
    names: ['clickhouse'],
    words: ['olap', 'analytics-db'],
    ports: [8123, 9000],
    serverEnv: [/^CLICKHOUSE_(DB|USER|PASSWORD|DEFAULT_ACCESS_MANAGEMENT)$/],
    clientEnv: [/^CLICKHOUSE_(URL|HOST|ADDR(ESS)?|DSN|SERVER)$/],
    schemes: ['clickhouse', 'tcp+clickhouse'],
    closest: [
      { product: 'InfluxDB (a time-series database)', images: [/(^|\/)influxdb$/], names: ['influxdb', 'influx'], ports: [8086], serverEnv: [/^INFLUXDB_/, /^DOCKER_INFLUXDB_INIT_/], protocol: 'http' },
      { product: 'Apache Druid or Pinot', images: [/apache\/druid/, /apachepinot/], names: ['druid', 'pinot'] },
    ],
  },
  'object-storage': {
    healthchecks: [/\bmc ready\b|\/minio\/health\//],
    images: [/minio\/minio$/, /(^|\/)minio$/, /bitnami\/minio$/, /localstack\/localstack$/, /seaweedfs/, /zenko\/cloudserver/],
    names: ['minio', 's3', 'seaweedfs', 'localstack', 'object-storage', 'blob-storage', 'r2', 'gcs'],
    sorts: ['storage'],
    words: ['bucket', 'buckets', 'data-lake', 'datalake', 'blob', 'object-store'],
    ports: [9000, 9001],
    serverEnv: [/^MINIO_(ROOT_USER|ROOT_PASSWORD|ACCESS_KEY|SECRET_KEY)$/],
    clientEnv: [/^(S3|MINIO|AWS_S3)_(ENDPOINT|URL|HOST)$/, /^AWS_ENDPOINT_URL(_S3)?$/],
    schemes: ['s3'],
    commands: [/\bminio server\b/, /^server\s.*(--console-address|\/data)/],
    helpers: [{ product: 'MinIO client (bucket set-up)', images: [/minio\/mc$/] }],
  },
  snowflake: {
    names: ['snowflake'],
    words: ['warehouse', 'data-warehouse', 'dwh'],
    clientEnv: [/^SNOWFLAKE_(ACCOUNT|URL|HOST)$/],
  },

  // ── Observability ───────────────────────────────────────────────────────
  prometheus: {
    healthchecks: [/\/-\/(ready|healthy)\b/],
    images: [/prom\/prometheus$/, /(^|\/)prometheus$/, /bitnami\/prometheus$/],
    names: ['prometheus', 'prom'],
    words: ['monitoring', 'metrics', 'alerting'],
    ports: [9090],
    commands: [/--config\.file=\S*prometheus/],
    classes: ['observability'],
    closest: [{ product: 'VictoriaMetrics or another Prometheus-compatible store', images: [/victoria-?metrics/, /thanos/, /grafana\/mimir/, /cortexproject\/cortex/], names: ['victoriametrics', 'thanos', 'mimir', 'cortex'] }],
    helpers: [
      { product: 'Alertmanager', images: [/alertmanager/], names: ['alertmanager'] },
      { product: 'Pushgateway', images: [/pushgateway/], names: ['pushgateway'] },
      { product: 'node exporter', images: [/node-exporter/], names: ['node-exporter', 'nodeexporter'] },
      { product: 'cAdvisor', images: [/cadvisor/], names: ['cadvisor'] },
      { product: 'blackbox exporter', images: [/blackbox-exporter/], names: ['blackbox-exporter', 'blackbox'] },
      { product: 'a metrics exporter', images: [/exporter/], names: ['exporter'] },
    ],
  },
  grafana: {
    healthchecks: [/\/api\/health\b/],
    images: [/grafana\/grafana(-oss|-enterprise)?$/, /(^|\/)grafana$/, /bitnami\/grafana$/],
    names: ['grafana'],
    words: ['dashboards', 'visualisation', 'visualization'],
    ports: [3000],
    serverEnv: [/^GF_/],
    closest: [
      { product: 'Kibana (dashboards over Elasticsearch)', images: [/kibana\/kibana$/, /(^|\/)kibana$/], names: ['kibana'], ports: [5601], protocol: 'http' },
      { product: 'OpenSearch Dashboards', images: [/opensearch-dashboards/], names: ['opensearch-dashboards'], ports: [5601], protocol: 'http' },
      { product: 'a BI dashboard (Metabase, Superset)', images: [/metabase/, /superset/], names: ['metabase', 'superset'], protocol: 'http' },
    ],
  },
  jaeger: {
    images: [/jaegertracing\/(all-in-one|jaeger|jaeger-(collector|query|agent|ingester|remote-storage))$/],
    names: ['jaeger', 'jaeger-collector', 'jaeger-query', 'jaeger-agent', 'jaeger-ingester', 'jaeger-ui', 'jaeger-all-in-one'],
    words: ['tracing', 'traces', 'trace-store'],
    ports: [16686, 14268, 14250],
    closest: [
      { product: 'Zipkin', images: [/openzipkin\/zipkin/, /(^|\/)zipkin$/], names: ['zipkin'], ports: [9411] },
    ],
  },
  'otel-collector': {
    images: [/opentelemetry-collector/, /otelcol/],
    names: ['otel-collector', 'otelcol', 'opentelemetry-collector', 'otel', 'collector'],
    words: ['telemetry-pipeline'],
    ports: [4317, 4318, 55680, 55681, 13133],
    clientEnv: [/^OTEL_EXPORTER_OTLP(_TRACES|_METRICS|_LOGS)?_ENDPOINT$/, /^OTLP_ENDPOINT$/, /^OTEL_COLLECTOR_(HOST|URL|ADDR(ESS)?|ENDPOINT)$/],
    closest: [
      { product: 'Logstash (a log pipeline)', images: [/logstash/], names: ['logstash'], ports: [5044, 9600], protocol: 'http' },
      { product: 'Fluentd or Fluent Bit (a log pipeline)', images: [/fluent\/fluentd/, /fluent-bit/, /(^|\/)fluentd$/], names: ['fluentd', 'fluent-bit', 'fluentbit'], ports: [24224] },
      { product: 'Vector (a log pipeline)', images: [/timberio\/vector/, /(^|\/)vector$/], names: ['vector'] },
      { product: 'Beats (a log and metrics shipper)', images: [/beats\/(file|metric|heart|packet|audit)beat/, /(file|metric|heart)beat$/], names: ['filebeat', 'metricbeat', 'heartbeat', 'packetbeat'] },
      { product: 'Promtail or Grafana Alloy (a telemetry agent)', images: [/grafana\/promtail/, /grafana\/alloy/, /grafana\/agent/], names: ['promtail', 'alloy', 'grafana-agent'] },
    ],
  },

  // Observability: log and trace stores (loki, tempo).
  loki: {
    images: [/grafana\/loki$/, /(^|\/)loki$/],
    names: ['loki', 'grafana-loki'],
    words: ['logs', 'log-store', 'logging'],
    ports: [3100],
    healthchecks: [/\b3100\/ready\b/],
    commands: [/-config\.file=\S*loki/],
    clientEnv: [/^LOKI_(URL|HOST|ADDR(ESS)?|ENDPOINT|PUSH_URL)$/],
  },
  tempo: {
    images: [/grafana\/tempo$/, /(^|\/)tempo$/],
    names: ['tempo', 'grafana-tempo'],
    ports: [3200, 9095],
    healthchecks: [/\b3200\/ready\b/],
    commands: [/-config\.file=\S*tempo/],
    clientEnv: [/^TEMPO_(URL|HOST|ADDR(ESS)?|ENDPOINT)$/],
  },

  // ── Security ────────────────────────────────────────────────────────────
  keycloak: {
    images: [/keycloak\/keycloak$/, /(^|\/)keycloak$/, /bitnami\/keycloak$/],
    names: ['keycloak'],
    words: ['auth', 'identity', 'iam', 'sso', 'idp', 'oauth', 'oidc', 'identity-provider', 'login'],
    ports: [8180],
    serverEnv: [/^KEYCLOAK_(ADMIN|USER|ADMIN_PASSWORD|PASSWORD|IMPORT)$/, /^KC_(DB|HOSTNAME|BOOTSTRAP_ADMIN_USERNAME|HEALTH_ENABLED|HTTP_ENABLED|PROXY)/],
    clientEnv: [/^KEYCLOAK_(URL|HOST|ISSUER|SERVER_URL|AUTH_SERVER_URL|BASE_URL)$/, /^(OIDC|OAUTH2?|AUTH)_(ISSUER|ISSUER_URL|ISSUER_URI|SERVER_URL|PROVIDER_URL)$/],
    classes: ['security'],
    closest: [
      { product: 'an identity provider (Authentik, Authelia, Ory, Dex, Zitadel)', images: [/goauthentik/, /authelia/, /oryd\//, /dexidp\/dex/, /zitadel/], names: ['authentik', 'authelia', 'hydra', 'kratos', 'dex', 'zitadel'] },
    ],
    helpers: [{ product: 'realm set-up job', images: [/keycloak-config-cli/], names: ['keycloak-config-cli'] }],
  },
  vault: {
    healthchecks: [/\bvault status\b|\/v1\/sys\/health/],
    images: [/(^|\/)vault$/, /hashicorp\/vault$/, /bitnami\/vault$/, /openbao/],
    names: ['vault', 'openbao'],
    words: ['secrets', 'secret-store', 'kms'],
    ports: [8200],
    serverEnv: [/^VAULT_(DEV_ROOT_TOKEN_ID|DEV_LISTEN_ADDRESS|LOCAL_CONFIG)$/],
    clientEnv: [/^VAULT_(ADDR|ADDRESS|URL|HOST|API_ADDR)$/],
  },
};
