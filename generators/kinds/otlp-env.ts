import type { ClientLink, Env } from './env';

/** Where a component sends OTLP: the standard OpenTelemetry SDK variables. */
export function otlpEnv({ flow: e, client: n, server: s }: ClientLink): Env {
  if (e.protocol !== 'otlp' || !s.containerised) return {};
  return {
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://${e.host ?? s.service}:${e.port ?? s.listenPort}`,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
    OTEL_SERVICE_NAME: n.service,
    OTEL_SIGNALS: typeof e.props.signals === 'string' ? e.props.signals : 'traces',
  };
}
