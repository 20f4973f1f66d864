/**
 * The topology document: the in-memory form of a `*.topo.yaml` file (format version 1).
 * This is the one source of truth every other layer reads: the store holds it, the canvas
 * derives its nodes and edges from it, validation and the generators read it.
 */

export const FORMAT_VERSION = 1 as const;

export const PROTOCOLS = [
  'http',
  'grpc',
  'graphql',
  'websocket',
  'kafka',
  'amqp',
  'mqtt',
  'nats',
  'jms',
  'sql',
  'mongodb',
  'redis',
  'cdc',
  'sftp',
  's3',
  'otlp',
  'metrics',
] as const;
export type Protocol = (typeof PROTOCOLS)[number];

/** Request-reply protocols: edges are drawn caller -> callee. */
export const SYNC_PROTOCOLS: readonly Protocol[] = ['http', 'grpc', 'graphql', 'websocket'];
/** Messaging protocols: edges are drawn producer -> broker -> consumer. */
export const MESSAGING_PROTOCOLS: readonly Protocol[] = ['kafka', 'amqp', 'mqtt', 'nats', 'jms'];
/** Observability links are understood whichever way they are drawn. */
export const OBSERVABILITY_PROTOCOLS: readonly Protocol[] = ['metrics', 'otlp'];

export interface Requirements {
  integrationType?: string;
  businessPurpose?: string;
  scope?: string;
  stakeholders?: string;
  latencyP99Ms?: number;
  throughputTps?: number;
  availability?: string;
  security?: string[];
  compliance?: string[];
  /** Unknown keys are kept, not dropped. */
  [key: string]: unknown;
}

export const GROUP_KINDS = ['zone', 'trust-boundary', 'network', 'team'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

/** How exposed a zone is; drives the "internet-facing gateway" and "crossing a trust boundary" checks. */
export const TRUST_LEVELS = ['internet', 'dmz', 'internal', 'restricted'] as const;
export type TrustLevel = (typeof TRUST_LEVELS)[number];

export interface Group {
  id: string;
  label: string;
  kind?: GroupKind;
  trust?: TrustLevel;
  [key: string]: unknown;
}

export type PropValue = unknown;

export interface TopoNode {
  id: string;
  kind: string;
  label: string;
  group?: string;
  props: Record<string, PropValue>;
  [key: string]: unknown;
}

export interface TopoEdge {
  from: string;
  to: string;
  protocol?: Protocol;
  label?: string;
  props: Record<string, PropValue>;
  [key: string]: unknown;
}

export interface Position {
  x: number;
  y: number;
  /** Only zones (groups) carry a size. */
  w?: number;
  h?: number;
}

export interface Topology {
  topoforge: typeof FORMAT_VERSION;
  name: string;
  description?: string;
  requirements: Requirements;
  groups: Group[];
  nodes: TopoNode[];
  edges: TopoEdge[];
  /** Positions keyed by node or group id, kept apart from the model. */
  layout: Record<string, Position>;
  [key: string]: unknown;
}

export const ID_PATTERN = /^[a-z][a-z0-9-]*$/;
export const MAX_ID_LENGTH = 63;

export type Severity = 'error' | 'warning' | 'info';

/** Every finding about a design, whether from parsing or from validation. */
export interface Diagnostic {
  /** Stable code, e.g. `TF101`; documented in docs/diagnostics.md. */
  code: string;
  severity: Severity;
  /** A sentence a user understands. */
  message: string;
  /** Node (or group) ids it concerns. */
  nodes: string[];
  /** Edge ids (see `edgeId`) it concerns. */
  edges: string[];
  /** How to fix it. */
  hint: string;
  /** A path into the document, e.g. `nodes[2].props.port`, where known. */
  path?: string;
  /** 1-based line in the source file, where known. */
  line?: number;
  column?: number;
}

export function emptyTopology(name = 'Untitled'): Topology {
  return {
    topoforge: FORMAT_VERSION,
    name,
    requirements: {},
    groups: [],
    nodes: [],
    edges: [],
    layout: {},
  };
}
