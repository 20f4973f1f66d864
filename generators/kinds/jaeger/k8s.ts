import { valueEnv } from '../../k8s/build';
import { runComponent } from '../../k8s/stateful';
import { facet } from '../../k8s/types';

/** Jaeger all-in-one: a Deployment taking OTLP (traces kept in memory); senders get its OTLP endpoint. */
export const k8s = facet({
  objects: (ctx, c) => {
    runComponent(ctx, c, {
      env: [valueEnv('COLLECTOR_OTLP_ENABLED', 'true')],
      size: 'small',
      noClientEnv: true,
    });
    ctx.note(`\`${c.service}\` (Jaeger all-in-one) keeps traces in memory: give it a storage backend for production.`);
  },
  clientEnv: otlpEnv,
});

export function otlpEnv(_ctx: unknown, _s: unknown, f: { host?: string; port?: number; props: Record<string, unknown> }, client: { service: string }) {
  return [
    valueEnv('OTEL_EXPORTER_OTLP_ENDPOINT', `http://${f.host}:${f.port}`),
    valueEnv('OTEL_EXPORTER_OTLP_PROTOCOL', 'grpc'),
    valueEnv('OTEL_SERVICE_NAME', client.service),
    valueEnv('OTEL_SIGNALS', typeof f.props.signals === 'string' ? f.props.signals : 'traces'),
  ];
}
