import type { StackFacet } from './types';
import { builtService, wireBuilt } from '../stack/built';
import type { RNode, ServiceSpec, StackContext } from '../stack/context';
import type { RequestMetrics } from '../stack/observability';

/** The stack facet of a service you build: your image or a stand-in, wired to what it connects to. */
export function builtStack(extra: ((ctx: StackContext, n: RNode, spec: ServiceSpec) => void) | null, requestMetrics: StackFacet['requestMetrics']): StackFacet {
  return {
    services: (ctx, n) => {
      const spec = builtService(ctx, n);
      extra?.(ctx, n, spec);
      wireBuilt(ctx, n, spec);
    },
    exporter: null,
    requestMetrics,
    alerts: null,
    outside: null,
  };
}

/** The request metrics a service you build exports (the stand-in does), the Prometheus client names. */
export function builtRequestMetrics(job: string): RequestMetrics {
  const sel = `job=${JSON.stringify(job)}`;
  return { total: `http_requests_total{${sel}}`, errors: `http_requests_total{${sel},code=~"5.."}`, bucket: `http_request_duration_seconds_bucket{${sel}}`, unit: 1000 };
}
