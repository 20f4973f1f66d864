import type { HealthCheck, KindDef, Role } from '../catalog';
import type { Group, Protocol, TopoEdge, TopoNode, Topology, TrustLevel } from '../model/types';
import type { Props } from './props';

/**
 * What a design means, resolved once: every component with its kind, settings, service name,
 * networks, ports and credentials; every connection with its protocol, its ends in the data-flow
 * and connection sense, its channels and dead-letter handling; the observability wiring.
 * Validation, every generator and the inspector read this instead of the raw document, so that
 * they cannot disagree about what the drawing says.
 */
export interface ResolvedDesign {
  readonly doc: Topology;
  /** Components with a valid, unique id and a known kind, in document order. */
  readonly components: readonly Component[];
  readonly byId: ReadonlyMap<string, Component>;
  /** Connections with both ends among the components, in document order. */
  readonly flows: readonly Flow[];
  /** Zones (groups) with their network, in document order. */
  readonly zones: readonly Zone[];
  /** Networks the stack defines, in order: the default one first, then one per used zone. */
  readonly networks: readonly Network[];
  /** What flows through each broker, per protocol it hosts. */
  readonly messaging: readonly BrokerPlan[];
  /** What each gateway routes and enforces, in document order. */
  readonly gateways: readonly GatewayPlan[];
  readonly observability: Observability;
  /** Sentences about what was left out or replaced while resolving (for the stack's README). */
  readonly notes: readonly string[];
  /** Settings that were not valid and were replaced by their defaults. */
  readonly ignored: readonly string[];
}

export interface Component {
  readonly id: string;
  /** Position in `doc.nodes`. */
  readonly index: number;
  readonly node: TopoNode;
  readonly kind: KindDef;
  readonly roles: readonly Role[];
  /** The label on one line (the id when blank). */
  readonly label: string;
  /** "Orders API (REST service)". */
  readonly display: string;
  /** Settings checked against the catalog; defaults where absent or invalid. */
  readonly props: Props;
  /** Its zone, when it is in one. */
  readonly zone: Zone | undefined;
  /** Trust of its zone (`internal` when none). */
  readonly trust: TrustLevel;
  /** Runs in a container of the stack (external kinds do not). */
  readonly containerised: boolean;
  /**
   * Its service name in the stack and its host name on the stack's networks: derived from the
   * label (stable, unique, DNS-safe); the id stays the key of the design.
   */
  readonly service: string;
  /** Upper-case prefix of its `.env` variables, e.g. `ORDERS_DB`. */
  readonly envPrefix: string;
  /** Port it listens on inside the stack (its main port). */
  readonly listenPort: number;
  /** Its ports: which are published on the host, where, and why. */
  readonly ports: readonly ResolvedPort[];
  /** Its main port (`listenPort`) when it is published on the host, where a browser or a person reaches it. */
  readonly published: ResolvedPort | undefined;
  /** Networks it joins: its zone's, and the zone of every component it opens a connection to. */
  readonly networks: readonly string[];
  /** An entry point: reached from outside the stack (a gateway, a web app, an API nothing calls). */
  readonly entry: boolean;
  /**
   * Reachable from the internet: in an internet or DMZ zone, or a gateway whose Exposure says
   * internet, or (Exposure unset) that nothing inside the stack calls.
   */
  readonly exposed: boolean;
  /** Its catalog credentials as `.env` variables, by key (e.g. `APP_PASSWORD`). */
  readonly credentials: Readonly<Record<string, Credential>>;
  readonly healthcheck: HealthCheck | undefined;
  /** Connections drawn from it, into it, and both (self-loops once), in document order. */
  readonly out: readonly Flow[];
  readonly in: readonly Flow[];
  readonly at: readonly Flow[];
}

export interface Credential {
  /** The `.env` variable, e.g. `ORDERS_DB_APP_PASSWORD`. */
  readonly variable: string;
  /** `${ORDERS_DB_APP_PASSWORD}`. */
  readonly ref: string;
  readonly comment: string;
  readonly example: string;
  readonly secret: boolean;
}

export interface ResolvedPort {
  readonly name: string;
  readonly container: number;
  /** Host port, or null when it stays inside the stack. */
  readonly host: number | null;
  /** Address it is bound to on the host when published. */
  readonly hostIp: string;
  readonly protocol: 'tcp' | 'udp';
  /** Why it is published: an entry point, an admin console, or a host port set by hand. */
  readonly reason: 'entry' | 'admin' | 'by-hand' | 'internal';
  /** The host port was set by hand (a setting of the component). */
  readonly byHand: boolean;
  /** The host port asked for, when another component took it first (moved to `host`). */
  readonly wanted?: number;
  /** The setting that holds it, for messages. */
  readonly prop?: string;
  /** The `.env` variable that moves it on the host, e.g. `GATEWAY_PROXY_PORT`. */
  readonly variable?: string;
}

/** How a connection is used, for wording and wiring. */
export type FlowKind = 'call' | 'message' | 'query' | 'cdc' | 'file' | 'object' | 'telemetry' | 'scrape' | 'datasource';

export interface Flow {
  /** `from->to`, `#2` for a repeated pair. */
  readonly id: string;
  /** Position in `doc.edges`. */
  readonly index: number;
  readonly edge: TopoEdge;
  readonly from: Component;
  readonly to: Component;
  /** The protocol carried: set on the connection, or the one the two kinds imply; undefined when neither. */
  readonly protocol: Protocol | undefined;
  /** Whether the protocol was set on the connection. */
  readonly explicit: boolean;
  /** Settings of the protocol, checked; defaults where absent or invalid. */
  readonly props: Props;
  /** The two ends in the data-flow sense (observability links may be drawn either way). */
  readonly source: Component;
  readonly sink: Component;
  /** The end that opens the connection and the one that serves it (undefined without a protocol). */
  readonly client: Component | undefined;
  readonly server: Component | undefined;
  /**
   * Where the client connects, inside the stack: the server's service name (its exporter's for a
   * scrape through an exporter) and the port it listens on for this protocol (the scrape port,
   * the data-source port, the port that serves the protocol, else its `listenPort`). Undefined
   * when the server runs outside the stack or the connection has no client and server.
   */
  readonly host: string | undefined;
  readonly port: number | undefined;
  readonly kind: FlowKind | undefined;
  /** Timeout, retries and circuit breaking of a call or query. */
  readonly resilience: Resilience | undefined;
}

export interface Resilience {
  /** Set on the connection, or derived from the latency budget (0: none). */
  readonly timeoutMs: number;
  readonly timeoutFrom: 'connection' | 'latency-budget' | 'none';
  readonly retries: number;
  readonly circuitBreaker: boolean;
}

export interface Zone {
  readonly id: string;
  readonly group: Group;
  readonly label: string;
  readonly trust: TrustLevel;
  /** Its network's name in the stack. */
  readonly network: string;
}

export interface Network {
  readonly name: string;
  /** The zone it stands for; undefined for the default network. */
  readonly zone: Zone | undefined;
  /**
   * No route out of the stack (Compose `internal: true`): zones of trust `internal` or
   * `restricted`. Components that must reach outside or publish a port also join the default
   * network.
   */
  readonly internal: boolean;
  /** Component ids on it, in document order. */
  readonly members: readonly string[];
}

// ── Messaging ─────────────────────────────────────────────────────────────

export type ChannelKind = 'topic' | 'exchange' | 'queue' | 'subject';

export interface Channel {
  readonly name: string;
  readonly kind: ChannelKind;
  /** RabbitMQ exchanges: topic, direct, fanout or headers. */
  readonly exchangeType?: string;
  /** Declared in the broker's settings (rather than only named on a connection). */
  readonly listed: boolean;
  /** Topics and queues: settings from the broker's list, or the broker's defaults. */
  readonly partitions?: number;
  readonly retentionHours?: number;
  readonly cleanupPolicy?: 'delete' | 'compact';
  readonly durable?: boolean;
  readonly messageTtlMs?: number;
  readonly maxLength?: number;
  /** For a dead-letter, retry or backout channel: the channel it serves. */
  readonly serves?: string;
  readonly role: 'main' | 'dead-letter' | 'retry';
}

export interface Publication {
  readonly flow: Flow;
  readonly client: Component;
  /** Topic, exchange, subject or queue written. */
  readonly channel: string;
  /** RabbitMQ: the routing key published with. */
  readonly routingKey?: string;
  /** Written by a CDC connector for a captured table. */
  readonly cdc?: { readonly database: Component; readonly table: string };
}

export interface Subscription {
  readonly flow: Flow;
  readonly client: Component;
  /** Channels read: topics, subjects, queues (RabbitMQ: one queue). */
  readonly channels: readonly string[];
  /** Kafka consumer group; NATS durable consumer. */
  readonly group?: string;
  /** RabbitMQ: the exchanges its queue is bound to, and the binding key. */
  readonly boundTo?: readonly string[];
  readonly routingKey?: string;
  readonly prefetch?: number;
  /** Failed messages go to these channels (one per channel read) after `retries`. */
  readonly deadLetter: readonly string[];
  readonly retries: number;
  /** RabbitMQ: queues that redeliver after a delay. */
  readonly retry: readonly string[];
}

export interface BrokerPlan {
  readonly broker: Component;
  readonly protocol: 'kafka' | 'amqp' | 'mqtt' | 'nats' | 'jms';
  readonly channels: readonly Channel[];
  readonly publications: readonly Publication[];
  readonly subscriptions: readonly Subscription[];
  /** RabbitMQ: its virtual host; bindings of queues to exchanges (the dead-letter exchange included). */
  readonly vhost?: string;
  readonly bindings?: readonly { readonly source: string; readonly destination: string; readonly routingKey: string }[];
  /** Name of the dead-letter exchange (RabbitMQ), when any queue dead-letters. */
  readonly deadLetterExchange?: string;
}

// ── Gateways ──────────────────────────────────────────────────────────────

/** How callers authenticate at a gateway (its `auth` setting); the stack enforces it on every route. */
export type GatewayAuth = 'none' | 'key-auth' | 'jwt' | 'oidc' | 'basic' | 'mtls';

export interface RouteUpstream {
  readonly scheme: 'http' | 'https' | 'grpc';
  /** The target's service name, or the host of an external target's base URL. */
  readonly host: string;
  readonly port: number;
  /** Path prefix of an external base URL (no trailing slash); '' inside the stack. */
  readonly basePath: string;
  readonly external: boolean;
}

export interface GatewayRoute {
  readonly gateway: Component;
  readonly flow: Flow;
  readonly target: Component;
  /** Unique among the gateway's routes (the target's service name, `-2`...). */
  readonly name: string;
  /** Path prefix routed: the connection's `path`, else `/<target service>`. */
  readonly path: string;
  /** The default `/<target service>` prefix is removed before the request goes upstream (never on gRPC routes). */
  readonly stripPath: boolean;
  readonly protocol: 'http' | 'grpc' | 'graphql' | 'websocket';
  readonly upstream: RouteUpstream;
  /** HTTP methods routed; empty for all. */
  readonly methods: readonly string[];
  /** The call's timeout (connection or latency budget), else the gateway's. */
  readonly timeoutMs: number;
  readonly retries: number;
  readonly circuitBreaker: boolean;
  /** The API version the path carries (`/v1/orders` → `v1`), if any. */
  readonly version?: string;
}

export interface GatewayPlan {
  readonly gateway: Component;
  readonly routes: readonly GatewayRoute[];
  /** Calls that got no route, one sentence each (a repeated path, an external target without a base URL). */
  readonly skipped: readonly string[];
  /**
   * Checked on every route: the gateway's setting; unset, OpenID Connect with its identity
   * provider, else what the requirements name (that the gateway can check alone), else API keys.
   */
  readonly auth: GatewayAuth;
  /** Where `auth` comes from: set on the gateway (`none` switches it off), or a default. */
  readonly authFrom: 'setting' | 'identity-provider' | 'requirements' | 'default';
  /** The request header that carries the API key (key-auth), the same at every gateway kind. */
  readonly apiKeyHeader: string;
  /** The identity provider wired to it that issues the tokens (jwt, oidc). */
  readonly identityProvider?: Component;
  /**
   * Requests per minute per consumer or client address (`instance`: every caller together, per
   * running gateway, for a kind that can count no other way): the setting, else the requirements'
   * `rateLimiting`, else 1000 (the template's); absent when the setting is 0 (switched off).
   * Counters live in `store` when a cache is wired to the gateway.
   */
  readonly rateLimit?: { readonly perMinute: number; readonly by: 'consumer' | 'ip' | 'instance'; readonly from: 'setting' | 'requirements' | 'default'; readonly store?: Component };
  readonly cors?: { readonly origins: readonly string[] };
  /** How API versions are told apart, as set; a route carries a version only when its path does. */
  readonly versioning: 'none' | 'url-path' | 'header' | 'query';
  /** It faces the internet (Component.exposed: its Exposure, its zone, or nothing inside the stack calls it). */
  readonly internetFacing: boolean;
}

// ── Observability ─────────────────────────────────────────────────────────

export interface ScrapeTarget {
  readonly scraper: Component;
  readonly target: Component;
  readonly flow: Flow;
  /** Job name (the target's service name). */
  readonly job: string;
  /** Service and port scraped: the component's own endpoint, or its exporter beside it. */
  readonly service: string;
  readonly port: number;
  readonly path: string;
  readonly via: 'native' | 'exporter';
  /** Metric families the endpoint exports (from the catalog). */
  readonly families: readonly string[];
}

export interface DataSource {
  readonly dashboard: Component;
  readonly source: Component;
  readonly flow: Flow;
  readonly type: string;
  /** Its uid in Grafana: the source's service name. */
  readonly uid: string;
  readonly url: string;
}

export interface TracePipe {
  /** Who sends OTLP, and where (a collector or a trace store). */
  readonly sender: Component;
  readonly receiver: Component;
  readonly flow: Flow;
  /** What it carries, `+`-joined (`traces+metrics`): the connection's setting, or the signals its receiver takes (`otlpIn`). */
  readonly signals: string;
}

export interface Observability {
  readonly scrapes: readonly ScrapeTarget[];
  /** Components wired to a scraper that expose no metrics (nothing to scrape). */
  readonly unscrapable: readonly { readonly scraper: Component; readonly target: Component }[];
  readonly dataSources: readonly DataSource[];
  readonly traces: readonly TracePipe[];
  /** The alert rules each scraper evaluates (see `alerts.ts`), in order: per scraper, target down, request rules, broker rules. */
  readonly alerts: readonly AlertRule[];
}

export type AlertKind = 'target-down' | 'error-rate' | 'latency-p95' | 'latency-p99' | 'consumer-lag' | 'queue-backlog' | 'dead-letters';

export interface AlertRule {
  /** Unique per scraper, e.g. `HighErrorRateOrdersApi`, `DeadLettersKafka`. */
  readonly name: string;
  readonly kind: AlertKind;
  readonly scraper: Component;
  /** The target it watches; undefined for `target-down`, which watches every target. */
  readonly target?: ScrapeTarget;
  /** The metric family its expression reads (one the target exports; `up` for target-down). */
  readonly family: string;
  /** Fires above this: a ratio (error rate), milliseconds (latency), records or messages. */
  readonly threshold: number;
  readonly unit: 'ratio' | 'ms' | 'records' | 'messages' | 'targets';
  /** How long the condition must hold, as Prometheus writes it (`5m`). */
  readonly for: string;
  readonly severity: 'warning' | 'critical';
  /** Queue backlog and dead-letter rules: the channels watched. */
  readonly channels: readonly string[];
}
