import type { Severity } from '../model/types';

/**
 * Every code validation can emit, with its severity. Each is documented in
 * docs/diagnostics.md (a test keeps the two lists equal). Ranges:
 * TF1xx connection errors, TF2xx component and setting errors, TF3xx design warnings,
 * TF4xx requirement and capacity warnings, TF5xx security and observability warnings, TF9xx infos.
 * (TF0xx are the file reader's, see shared/model/fileCodes.ts.)
 */
export const CODES = {
  TF101: { severity: 'error', title: 'The two ends have no protocol in common' },
  TF102: { severity: 'error', title: 'Protocol not allowed between these components' },
  TF103: { severity: 'error', title: 'Several protocols possible and none chosen' },
  TF104: { severity: 'error', title: 'Connection to itself' },
  TF105: { severity: 'error', title: 'Gateway routing to something that is not an API' },
  TF106: { severity: 'error', title: 'Change data capture not from a database into Debezium' },
  TF107: { severity: 'error', title: 'Connection to a component that does not exist' },
  TF108: { severity: 'error', title: 'Connection drawn backwards' },
  TF109: { severity: 'error', title: 'Messaging or file transfer without a broker or server' },
  TF110: { severity: 'error', title: 'Unknown protocol' },

  TF201: { severity: 'error', title: 'Unknown component kind' },
  TF202: { severity: 'error', title: 'Invalid component setting' },
  TF203: { severity: 'error', title: 'Invalid connection setting' },
  TF204: { severity: 'error', title: 'Two containers on one host port' },
  TF205: { severity: 'error', title: 'Component in a zone that does not exist' },
  TF206: { severity: 'error', title: 'Two components with one id' },
  TF207: { severity: 'error', title: 'Invalid component id' },

  TF301: { severity: 'warning', title: 'Component not connected' },
  TF302: { severity: 'warning', title: 'Messages published but never consumed' },
  TF303: { severity: 'warning', title: 'Consumer of a topic or queue nobody publishes to' },
  TF304: { severity: 'warning', title: 'Retries without a dead-letter' },
  TF305: { severity: 'warning', title: 'Deep synchronous call chain without timeout or circuit breaker' },
  TF306: { severity: 'warning', title: 'Duplicate connection' },
  TF307: { severity: 'warning', title: 'Consumer group shared by different consumers' },
  TF308: { severity: 'warning', title: 'Processor with no input' },
  TF309: { severity: 'warning', title: 'Database written by several components' },
  TF310: { severity: 'warning', title: 'Synchronous calls in a loop' },
  TF311: { severity: 'warning', title: 'Non-idempotent consumer with redelivery' },
  TF312: { severity: 'warning', title: 'Gateway routes to nothing' },
  TF313: { severity: 'warning', title: 'Debezium not writing to Kafka' },
  TF314: { severity: 'warning', title: 'External call without timeout or circuit breaker' },

  TF401: { severity: 'warning', title: 'Slowest synchronous path over the latency requirement' },
  TF402: { severity: 'warning', title: 'Kafka topic with too few partitions for the throughput' },
  TF403: { severity: 'warning', title: 'RabbitMQ queue over what one queue carries' },
  TF404: { severity: 'warning', title: 'Synchronous call asked to carry over 1,000 TPS' },

  TF501: { severity: 'warning', title: 'Internet-facing gateway without authentication' },
  TF502: { severity: 'warning', title: 'Plaintext across zones where mTLS is required' },
  TF503: { severity: 'warning', title: 'No metrics collected for a high-availability design' },
  TF504: { severity: 'warning', title: 'No dashboards for a high-availability design' },
  TF505: { severity: 'warning', title: 'Schema format without a schema registry' },
  TF506: { severity: 'warning', title: 'OIDC gateway without an identity provider' },
  TF507: { severity: 'warning', title: 'Internet caller bypassing the gateway' },
  TF508: { severity: 'warning', title: 'Data store in an exposed zone' },
  TF509: { severity: 'warning', title: 'Credential typed into the design' },

  TF901: { severity: 'info', title: 'Protocol taken by default' },
  TF902: { severity: 'info', title: 'Unknown setting kept' },
  TF903: { severity: 'info', title: 'External component: no container' },
  TF904: { severity: 'info', title: 'Requirement not understood' },
  TF905: { severity: 'info', title: 'Store drawn the way its data flows' },
} as const satisfies Record<string, { severity: Severity; title: string }>;

export type Code = keyof typeof CODES;

export const ALL_CODES = Object.keys(CODES) as Code[];
