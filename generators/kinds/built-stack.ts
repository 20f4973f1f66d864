import type { StackFacet } from './types';
import { builtService } from '../stack/built';
import type { RNode } from '../stack/context';
import type { EnvValue } from './env';
import type { RequestMetrics } from '../stack/observability';

/** The stack facet of a service you build: your image or the stand-in, wired to what it connects to. */
export function builtStack(extra: ((n: RNode) => Record<string, EnvValue>) | null, requestMetrics: StackFacet['requestMetrics']): StackFacet {
  return {
    services: (ctx, n) => {
      builtService(ctx, n, extra?.(n) ?? {});
    },
    exporter: null,
    requestMetrics,
    outside: null,
  };
}

/** The request metrics a service you build exports (the stand-in does): the Prometheus client names. */
export function builtRequestMetrics(job: string): RequestMetrics {
  const sel = `job=${JSON.stringify(job)}`;
  return { total: `http_requests_total{${sel}}`, errors: `http_requests_total{${sel},code=~"5.."}`, bucket: `http_request_duration_seconds_bucket{${sel}}`, unit: 1000 };
}
