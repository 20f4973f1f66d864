import type { Component } from '../../../shared/resolve';
import { num } from '../../../shared/resolve/props';

/** Where Tempo keeps its write-ahead log and blocks (the image creates it for its user 10001). */
export const TEMPO_DATA = '/var/tempo';

/**
 * Tempo as a single binary with local storage, in its documented configuration file
 * (`-config.file`): the query API on 3200, OTLP receivers on every interface (gRPC 4317, HTTP
 * 4318: the defaults listen on localhost only in recent releases), the WAL and blocks under
 * /var/tempo, and the compactor deleting blocks older than the retention.
 */
export function tempoConfig(c: Component): Record<string, unknown> {
  const hours = num(c.props, 'retentionHours') || 336;
  return {
    stream_over_http_enabled: true,
    server: { http_listen_port: 3200, grpc_listen_port: 9095, log_level: 'info' },
    distributor: { receivers: { otlp: { protocols: { grpc: { endpoint: '0.0.0.0:4317' }, http: { endpoint: '0.0.0.0:4318' } } } } },
    ingester: { max_block_duration: '5m' },
    compactor: { compaction: { block_retention: `${hours}h` } },
    storage: { trace: { backend: 'local', wal: { path: `${TEMPO_DATA}/wal` }, local: { path: `${TEMPO_DATA}/blocks` } } },
    usage_report: { reporting_enabled: false },
  };
}
