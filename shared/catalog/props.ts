import type { PropDef } from './types';

/** Small builders so that each catalog entry reads as data. */

export const str = (key: string, label: string, def: string, help: string, extra: Partial<PropDef> = {}): PropDef => ({
  key,
  label,
  type: 'string',
  default: def,
  help,
  maxLength: 200,
  ...extra,
});

export const text = (key: string, label: string, def: string, help: string): PropDef => ({
  key,
  label,
  type: 'text',
  default: def,
  help,
  maxLength: 4000,
});

export const int = (key: string, label: string, def: number, min: number, max: number, help: string): PropDef => ({
  key,
  label,
  type: 'integer',
  default: def,
  min,
  max,
  help,
});

export const bool = (key: string, label: string, def: boolean, help: string): PropDef => ({
  key,
  label,
  type: 'boolean',
  default: def,
  help,
});

export const oneOf = (key: string, label: string, options: readonly string[], def: string, help: string): PropDef => ({
  key,
  label,
  type: 'enum',
  options,
  default: def,
  help,
});

export const strings = (key: string, label: string, def: string[], help: string, extra: Partial<PropDef> = {}): PropDef => ({
  key,
  label,
  type: 'string-list',
  default: def,
  help,
  maxItems: 500,
  ...extra,
});

export const list = (
  key: string,
  label: string,
  itemKey: string,
  item: readonly PropDef[],
  help: string,
  def: unknown[] = [],
): PropDef => ({ key, label, type: 'list', default: def, item, itemKey, help, maxItems: 1000 });

/** Names of topics, queues, exchanges, subjects, buckets, databases: safe in every generated file. */
export const NAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$';
export const NAME_HINT = 'letters, digits, dots, dashes and underscores, starting with a letter or digit';
export const name = (key: string, label: string, def: string, help: string): PropDef =>
  str(key, label, def, help, { pattern: NAME_PATTERN, patternHint: NAME_HINT, maxLength: 100 });

export const SQL_NAME_PATTERN = '^[a-z_][a-z0-9_]{0,62}$';
export const SQL_NAME_HINT = 'lower-case letters, digits and underscores, starting with a letter or underscore';

export const PATH_PATTERN = '^/[A-Za-z0-9._~/-]*$';
export const PATH_HINT = 'a URL path starting with /, made of letters, digits and . _ ~ / -';

export const port = (key: string, label: string, def: number, help = 'Port published on the host.'): PropDef =>
  int(key, label, def, 1, 65535, help);

export const latency = (def: number): PropDef =>
  int('latencyMs', 'Expected p99 latency (ms)', def, 0, 600000, 'What this component adds to a synchronous call path, used to check the latency requirement.');

/** Where a component's published ports listen on the host. */
export const publishOn = (): PropDef =>
  oneOf('publishOn', 'Publish on', ['localhost', 'all-interfaces'], 'localhost', 'Host address of its published ports: localhost (127.0.0.1) keeps them on this machine; all-interfaces (0.0.0.0) opens them to the network.');

/** Props every user-built service shares. */
export const serviceProps = (defPort: number, defLatency = 20): PropDef[] => [
  port('port', 'Port', defPort, 'Port the service listens on, inside its container and on the host.'),
  str('healthPath', 'Health check path', '/health', 'HTTP path answering 200 when the service is healthy.', {
    pattern: PATH_PATTERN,
    patternHint: PATH_HINT,
  }),
  str('image', 'Image', '', 'Your own container image (e.g. ghcr.io/acme/orders:1.4). Empty: a stand-in that answers its health check.', {
    pattern: '^([a-z0-9][a-z0-9._/-]*(:[A-Za-z0-9._-]+)?(@sha256:[a-f0-9]{64})?)?$',
    patternHint: 'an image reference such as registry/name:tag',
  }),
  int('replicas', 'Replicas', 1, 1, 100, 'Instances to run; the document reports it under scaling.'),
  oneOf('language', 'Language', ['unspecified', 'java', 'kotlin', 'go', 'node', 'python', 'dotnet', 'rust', 'other'], 'unspecified', 'Implementation language, for the document.'),
  oneOf('dataFormat', 'Data format', ['json', 'avro', 'protobuf', 'xml', 'csv', 'parquet'], 'json', 'Format of the payloads it produces.'),
  latency(defLatency),
  publishOn(),
];
