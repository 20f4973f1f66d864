import type { KindId } from '../../shared/catalog';
import type { BrokerPlan, Component } from '../../shared/resolve';
import type { StackContext } from '../stack/context';
import type { K8sFacet } from '../k8s/types';
import type { ExporterSettings, RequestMetrics } from '../stack/observability';
import type { ClientEnvFacet } from './env';

/**
 * A kind's behaviour in the generators, in one module per kind (as Excalidraw registers actions
 * and tldraw registers shape utils): what it adds to the starter stack, the environment its
 * clients get, and later what it says in the document and what it becomes on Kubernetes.
 * Cross-cutting generators ask the module of a component's kind instead of naming kinds
 * themselves. Per-kind *facts* (ports, roles, image, credentials, metrics) are fields of the
 * catalog entry in `shared/catalog/kinds.ts`.
 *
 * Every member is required (a kind with nothing to add says `null`), so that a kind added to the
 * catalog without its module, or a module missing an answer, is a type error.
 */
export interface KindModule {
  readonly id: KindId;
  /** What it adds to the starter stack (`generators/stack/`). */
  readonly stack: StackFacet;
  /**
   * The environment a component gets to reach it over a connection (a pure function of the
   * resolved model, shared by the compose stack and Kubernetes); `null` when nothing connects to it.
   */
  readonly clientEnv: ClientEnvFacet | null;
  /** What it becomes on Kubernetes: its objects, its clients' environment (`generators/k8s/`). */
  readonly k8s: K8sFacet;
  /** What the document says about it beyond its roles and catalog facts; `null` when nothing. */
  readonly doc: DocFacet | null;
}

/** How a broker carries messages, in the document's words (one phrase each, no trailing period). */
export interface BrokerWords {
  /** "publish-subscribe", "point-to-point queues". */
  paradigm(plan: BrokerPlan): string;
  /** How consumers share the work: "consumers in one group share the partitions". */
  paradigmDetail(plan: BrokerPlan): string;
  routing(plan: BrokerPlan): string;
  ordering(plan: BrokerPlan): string;
  durability(plan: BrokerPlan): string;
  acknowledgement(plan: BrokerPlan): string;
  /** The delivery guarantee: "at-least-once". */
  guarantee(plan: BrokerPlan): string;
  retention(plan: BrokerPlan): string;
  /** How far back consumers can read again; undefined when a message is gone once consumed. */
  replay(plan: BrokerPlan): string | undefined;
  /** "dead-letter topic", "dead-letter queue", "backout queue". */
  readonly deadLetterWord: string;
  /** How a message that keeps failing reaches its dead-letter channel. */
  deadLetterHow(plan: BrokerPlan): string;
  /** Keeps a replayable log of events (an event streaming platform). */
  streaming(c: Component): boolean;
}

/**
 * A kind's answers in the document (generators/doc), where its roles and catalog entry are not
 * enough: its own settings in words. Every member is optional; the document asks the facet of
 * a component's kind instead of naming kinds.
 */
export interface DocFacet {
  readonly broker?: BrokerWords;
  /** Its product as its settings make it, where they change the catalog's ("NATS 2.10" without JetStream). */
  readonly product?: (c: Component) => string;
  /** An API you build: its style ("RESTful (HTTP/JSON)") and the standard that documents it ("OpenAPI 3"). */
  readonly api?: { readonly style: string; readonly standard: string };
  /** The format of what it writes or keeps, when its settings say ("Avro"); the default when not set. */
  readonly format?: (c: Component) => string | undefined;
  /** Whether the format was set in the drawing (not the catalog's default). */
  readonly formatSet?: (c: Component) => boolean;
  /** A database whose changes a CDC connector reads: from what ("the row binlog"). */
  readonly changeLog?: string;
  /** Kept as the event store of event sourcing. */
  readonly eventStore?: (c: Component) => boolean;
  /** Replication it runs beyond CDC ("logical replication"), if any. */
  readonly replication?: (c: Component) => string | undefined;
  /** Connections the server accepts. */
  readonly maxConnections?: (c: Component) => number | undefined;
  /** A stream processor's settings. */
  readonly stream?: {
    parallelism(c: Component): number;
    /** "5-minute tumbling windows", undefined without windows. */
    windows(c: Component): string | undefined;
    /** "RocksDB state". */
    state(c: Component): string;
    checkpointMs(c: Component): number;
    exactlyOnce(c: Component): boolean;
    cep(c: Component): boolean;
  };
  /** A scheduled job's settings. */
  readonly schedule?: { cron(c: Component): string; batchSize(c: Component): number; onError(c: Component): string };
  /** A file server's files. */
  readonly files?: { format(c: Component): string | undefined; encryption(c: Component): string | undefined; archiveDays(c: Component): number };
  /** Object storage: lifecycle. */
  readonly archiveDays?: (c: Component) => number;
  readonly schemas?: { format(c: Component): string; compatibility(c: Component): string };
  /** A CDC connector: what it reads before streaming changes. */
  readonly snapshot?: (c: Component) => string;
  readonly identity?: { authorization(c: Component): string; roles(c: Component): readonly string[] };
  /** A secrets store: how it runs in the stack. */
  readonly secrets?: (c: Component) => string;
  readonly dashboardTitle?: (c: Component) => string | undefined;
  /** A proxy that sheds load: "above 1,024 outstanding requests per upstream". */
  readonly loadShedding?: (c: Component) => string | undefined;
  /** A consumer's bulkhead: messages in parallel, and whether it may see a message twice. */
  readonly worker?: (c: Component) => { concurrency: number; idempotent: boolean };
  /** An external system: how you authenticate to it ("API key"), undefined for none. */
  readonly outboundAuth?: (c: Component) => string | undefined;
  /** A device fleet: how many, how often each publishes. */
  readonly devices?: (c: Component) => { count: number; perMinute: number };
  /** What it is used for ("cache", "rate-limit counters"), from its settings. */
  readonly usage?: (c: Component) => string | undefined;
}

/** A kind's part of the starter stack. */
export interface StackFacet {
  /** Its compose service(s) and config files; `null` for kinds the stack does not run (external). */
  readonly services: ((ctx: StackContext, c: Component) => void) | null;
  /** Settings of the exporter the stack runs beside it when it is scraped (kinds with a catalog `exporter`). */
  readonly exporter: ((ctx: StackContext, c: Component) => ExporterSettings) | null;
  /** The metric selectors its endpoint reports requests with (for request alerts and dashboards); `null`: none. */
  readonly requestMetrics: ((job: string) => RequestMetrics) | null;
  /** For a kind the stack does not run: what the README tells the user to configure for it. */
  readonly outside: string | null;
}

export type { ClientEnvFacet, ClientLink } from './env';
