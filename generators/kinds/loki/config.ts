import type { Component } from '../../../shared/resolve';
import { num } from '../../../shared/resolve/props';

/** Where Loki keeps its index, chunks, rules and compactor state (the image creates it for its user 10001). */
export const LOKI_DATA = '/loki';

/**
 * Loki in single-binary mode with local storage, as its documented configuration file
 * (`-config.file`) takes it: no multi-tenancy (`auth_enabled: false`), an in-memory ring with one
 * replica, the TSDB index on the filesystem (schema v13, which OTLP ingestion needs for structured
 * metadata), and the compactor deleting lines older than the retention.
 */
export function lokiConfig(c: Component): Record<string, unknown> {
  const days = num(c.props, 'retentionDays') || 7;
  return {
    auth_enabled: false,
    server: { http_listen_port: 3100, grpc_listen_port: 9096, log_level: 'info' },
    common: {
      instance_addr: '127.0.0.1',
      path_prefix: LOKI_DATA,
      storage: { filesystem: { chunks_directory: `${LOKI_DATA}/chunks`, rules_directory: `${LOKI_DATA}/rules` } },
      replication_factor: 1,
      ring: { kvstore: { store: 'inmemory' } },
    },
    schema_config: { configs: [{ from: '2024-01-01', store: 'tsdb', object_store: 'filesystem', schema: 'v13', index: { prefix: 'index_', period: '24h' } }] },
    limits_config: { retention_period: `${days * 24}h`, allow_structured_metadata: true },
    compactor: { working_directory: `${LOKI_DATA}/compactor`, retention_enabled: true, delete_request_store: 'filesystem' },
    analytics: { reporting_enabled: false },
  };
}

/** What a client sending over HTTP gets: the base URL and the push endpoint of the Loki API. */
export function lokiHttpEnv(prefix: string, base: string): Record<string, string> {
  return { [`${prefix}_URL`]: base, [`${prefix}_PUSH_URL`]: `${base}/loki/api/v1/push` };
}
