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
  /** Default port on the host; `null` when it is not published. */
  host: number | null;
  protocol?: 'tcp' | 'udp';
  name: string;
  /** The prop that overrides the host port, if any. */
  prop?: string;
}

export interface HealthCheck {
  /** The `test` of a Compose healthcheck, CMD form. */
  test: readonly string[];
  interval?: string;
  timeout?: string;
  retries?: number;
  startPeriod?: string;
}

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
  /** Exposes a Prometheus metrics endpoint (scraped when wired to Prometheus). */
  metricsPath?: string;
  metricsPort?: number;
  props: readonly PropDef[];
  /** Containerised kinds only. */
  image?: string;
  ports?: readonly PortDef[];
  healthcheck?: HealthCheck;
  /** Key of an icon in `shared/catalog/icons.ts`. */
  icon: string;
  /** Search words for the palette. */
  keywords?: readonly string[];
}
