import type { Protocol } from '../model/types';

export const CATEGORIES = [
  { id: 'service', label: 'Services & sources' },
  { id: 'gateway', label: 'Gateways' },
  { id: 'broker', label: 'Brokers & streams' },
  { id: 'plumbing', label: 'Stream & data plumbing' },
  { id: 'store', label: 'Stores & targets' },
  { id: 'observability', label: 'Observability' },
  { id: 'security', label: 'Security' },
] as const;
export type Category = (typeof CATEGORIES)[number]['id'];

export type PropType =
  | 'string'
  | 'text'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'enum'
  | 'string-list'
  /** A list of objects, each described by `item`. */
  | 'list';

export interface PropDef {
  key: string;
  label: string;
  type: PropType;
  default: unknown;
  help: string;
  min?: number;
  max?: number;
  /** For `enum`: the allowed values. */
  options?: readonly string[];
  /** For `string` and `string-list` items: a RegExp source the value must match. */
  pattern?: string;
  /** Human wording of `pattern`, for error messages. */
  patternHint?: string;
  /** For `list`: the fields of each item. */
  item?: readonly PropDef[];
  /** For `list`: the item key that names the item (e.g. `name`). */
  itemKey?: string;
  maxLength?: number;
  maxItems?: number;
  /** A credential: written to `.env` as a variable, never inline. */
  secret?: boolean;
  /** For `string`: a placeholder shown in the inspector. */
  placeholder?: string;
}

export interface PortDef {
  /** Port inside the container. */
  container: number;
  /** Preferred port on the host when it is published (the next free one is taken on a clash). */
  host: number | null;
  protocol?: 'tcp' | 'udp';
  name: string;
  /** The prop that sets the host port by hand (which also publishes an internal port), if any. */
  prop?: string;
  /**
   * Whether the starter stack publishes it on the host by default: `entry` (where users and
   * callers come in: a gateway's proxy, a web app) and `admin` (a console a person opens:
   * Grafana, the RabbitMQ management UI) are published on 127.0.0.1; absent, it stays inside
   * the stack unless a user sets its host port by hand.
   */
  publish?: 'entry' | 'admin';
  /**
   * Protocols clients speak to this port when it is not the component's main port (its
   * `listenPort`): Jaeger takes OTLP on `otlp-grpc`, ClickHouse SQL on its native port.
   */
  serves?: readonly Protocol[];
}

/**
 * What a kind is for, beyond its category: the facts other code asks instead of naming kind ids.
 * A kind may have several roles.
 */
export const ROLES = [
  /** A service the user builds: a stand-in runs until its image is set. */
  'built',
  /** Serves an API (HTTP, gRPC, GraphQL): an entry point when nothing in the design calls it. */
  'api',
  /** A browser front end. */
  'frontend',
  /** Runs on a schedule. */
  'scheduled',
  /** Consumes messages or events and acts on them: what goes between a broker and what it feeds. */
  'processor',
  /** Devices or sensors publishing telemetry (simulated in the stack). */
  'device',
  /** A system run by someone else (drawn and documented, no container). */
  'external-system',
  /** Routes calls from outside to services (authentication, rate limits). */
  'gateway',
  /** Hosts messaging channels (topics, queues, subjects) between producers and consumers. */
  'broker',
  /** Serves files (SFTP). */
  'file-server',
  /** Schemas of the records on a broker. */
  'schema-registry',
  /** Runs connectors between a broker and other systems (Kafka Connect). */
  'connector',
  /** Captures row changes of databases into a broker. */
  'cdc-connector',
  /** Stateful stream processing. */
  'stream-processor',
  /** A database of tables or documents. */
  'database',
  /** A cache or key-value store. */
  'cache',
  /** A search engine. */
  'search',
  /** Object storage (buckets). */
  'object-store',
  /** A data warehouse. */
  'warehouse',
  /** Stores metrics and scrapes targets (Prometheus). */
  'metrics-store',
  /** Dashboards over data sources (Grafana). */
  'dashboard',
  /** Stores traces. */
  'trace-store',
  /** Stores logs. */
  'log-store',
  /** Receives, processes and forwards telemetry (OpenTelemetry Collector). */
  'telemetry-pipeline',
  /** Issues and checks tokens (OpenID Connect). */
  'identity-provider',
  /** Keeps secrets. */
  'secrets',
] as const;
export type Role = (typeof ROLES)[number];

/**
 * A credential of a kind, kept in `.env` as `<SERVICE>_<key>` (e.g. `ORDERS_DB_APP_PASSWORD`)
 * and referenced as `${VAR}` everywhere: in the component, its clients, its exporter.
 */
export interface CredentialDef {
  /** Upper-case suffix of the variable, e.g. `APP_PASSWORD`. */
  key: string;
  /** The comment in `.env.example`; `{}` stands for the component's service name. */
  about: string;
  secret: boolean;
  /** The example value in `.env.example` (secrets get a placeholder). */
  example?: string;
  /** A setting whose value is the example (e.g. the admin user's name). */
  exampleProp?: string;
}

/** A Grafana data-source type (the `type` of a provisioned data source). */
export type DataSourceType = 'prometheus' | 'loki' | 'tempo' | 'jaeger' | 'grafana-postgresql-datasource' | 'mysql' | 'elasticsearch' | 'grafana-clickhouse-datasource';

/** An OpenTelemetry signal. */
export type OtlpSignal = 'traces' | 'metrics' | 'logs';

/** How a kind takes OTLP (see `KindDef.otlpIn`). */
export interface OtlpIn {
  /** `http`: OTLP/HTTP (protobuf) at `http://<service>:<port><path>/v1/<signal>`. */
  transport: 'grpc' | 'http';
  /** Base path of the OTLP/HTTP endpoint, e.g. `/otlp` (the signal's `/v1/logs` is appended). */
  path?: string;
  /** The signals it stores or forwards; the others are not sent to it. */
  signals: readonly OtlpSignal[];
}

/** A Prometheus exporter the starter stack runs beside a kind without a native metrics endpoint. */
export interface ExporterDef {
  image: string;
  port: number;
  /** Suffix of its service name, e.g. `postgres-exporter`. */
  name: string;
}

export interface HealthCheck {
  /** The `test` of a Compose healthcheck, CMD form. */
  test: readonly string[];
  interval?: string;
  timeout?: string;
  retries?: number;
  startPeriod?: string;
}

/** Outlines of diagram nodes beyond the category's own. */
export type Figure = 'stadium' | 'inv-trapezoid' | 'flag' | 'trapezoid' | 'cloud';

export interface KindDef {
  /** Catalog id: part of the file format. */
  id: string;
  name: string;
  category: Category;
  /** One line shown in the palette and the docs. */
  description: string;
  /** What the document says it is, e.g. "Apache Kafka 3.x". */
  product: string;
  /** Drawn and documented but gets no container. */
  external: boolean;
  /** Protocols it can be the source of an edge for (caller, producer, data source). */
  emits: readonly Protocol[];
  /** Protocols it can be the target of an edge for (callee, broker, consumer, data sink). */
  accepts: readonly Protocol[];
  /** When an edge into this kind has several possible protocols and none is set, this one is taken. */
  defaultIn?: Protocol;
  /** What it is for: the facts other code asks instead of naming kind ids. */
  roles: readonly Role[];
  /**
   * Protocols it is the server in the middle for: two components can only exchange Kafka
   * records, SFTP files or S3 objects through a kind that hosts the protocol.
   */
  hosts?: readonly Protocol[];
  /**
   * How the AsyncAPI export names a protocol it hosts, where the product's own binding differs
   * from the protocol's usual one (IBM MQ: `ibmmq`; AMQP 1.0 rather than 0-9-1).
   */
  asyncapi?: Partial<Record<Protocol, { protocol: string; version?: string }>>;
  /** Exposes a Prometheus metrics endpoint (scraped when wired to Prometheus). */
  metricsPath?: string;
  metricsPort?: number;
  /** Exporter sidecar the stack adds when it has no metrics endpoint of its own. */
  exporter?: ExporterDef;
  /**
   * Metric families its endpoint (or exporter) exports, as alert rules and dashboards may name
   * them; a rule names only families some scraped target exports.
   */
  metricFamilies?: readonly string[];
  /**
   * Databases: what the first part of a captured table's name is (`schema.table`): a schema
   * (`public` by default) or the database itself (MySQL, MongoDB).
   */
  tableNamespace?: 'schema' | 'database';
  /** Stores fed by a worker from a broker: what the worker does, e.g. "indexes the messages into it". */
  ingestVerb?: string;
  /** Its credentials, as `.env` variables. */
  credentials?: readonly CredentialDef[];
  /**
   * How it takes OTLP when that is not gRPC with every signal on the port that serves `otlp`
   * (the default: Jaeger, the OTel Collector): Loki takes only logs, over OTLP/HTTP under `/otlp`.
   */
  otlpIn?: OtlpIn;
  /**
   * The Grafana data source it becomes when Grafana is wired to it; `address: 'host-port'` when
   * Grafana reaches it as `host:port` (SQL databases) rather than an HTTP URL.
   */
  dataSource?: { type: DataSourceType; port: number; path?: string; address?: 'host-port' };
  props: readonly PropDef[];
  /** Containerised kinds only. */
  image?: string;
  ports?: readonly PortDef[];
  /** The port clients inside the stack connect to, when it is not its first port's (Kafka's in-stack listener). */
  clientPort?: number;
  healthcheck?: HealthCheck;
  /** Key of an icon in `shared/catalog/icons.ts`. */
  icon: string;
  /**
   * The outline diagrams (Mermaid, draw.io) give it when its category's outline does not say
   * what it is: a web front end is a stadium, a batch job an inverted trapezoid, a device fleet a
   * flag, a file drop a trapezoid, a SaaS a cloud.
   */
  figure?: Figure;
  /**
   * A gateway whose rate limit counts every caller together, per running instance (Envoy's
   * local rate limit: one token bucket): it cannot count per consumer or per client address.
   */
  rateLimitPerInstance?: true;
  /** Search words for the palette. */
  keywords?: readonly string[];
}
