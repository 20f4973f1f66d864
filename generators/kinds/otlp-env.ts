import type { OtlpSignal } from '../../shared/catalog';
import type { ClientLink, Env } from './env';

/**
 * Where a component sends OTLP: the standard OpenTelemetry SDK variables. A receiver taking
 * gRPC with every signal (the default) gets the general endpoint; one whose catalog entry says
 * otherwise (`otlpIn`: Loki takes logs over OTLP/HTTP) gets the per-signal variables of only its
 * signals, so that it does not clash with a collector or trace store the component also sends to.
 */
export function otlpEnv({ flow: e, client: n, server: s }: ClientLink): Env {
  if (e.protocol !== 'otlp' || !s.containerised) return {};
  const host = e.host ?? s.service;
  const port = e.port ?? s.listenPort;
  const into = s.kind.otlpIn;
  if (into) return signalEnv(into.signals, into.transport, `http://${host}:${port}${into.path ?? ''}`, n.service);
  return {
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://${host}:${port}`,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
    OTEL_SERVICE_NAME: n.service,
    OTEL_SIGNALS: typeof e.props.signals === 'string' ? e.props.signals : 'traces',
  };
}

/** Per-signal OTLP variables: `OTEL_EXPORTER_OTLP_LOGS_ENDPOINT` (a full URL over HTTP), its protocol, `OTEL_LOGS_EXPORTER=otlp`. */
export function signalEnv(signals: readonly OtlpSignal[], transport: 'grpc' | 'http', base: string, service: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const sig of signals) {
    const S = sig.toUpperCase();
    out[`OTEL_EXPORTER_OTLP_${S}_ENDPOINT`] = transport === 'http' ? `${base}/v1/${sig}` : base;
    out[`OTEL_EXPORTER_OTLP_${S}_PROTOCOL`] = transport === 'http' ? 'http/protobuf' : 'grpc';
    out[`OTEL_${S}_EXPORTER`] = 'otlp';
  }
  out.OTEL_SERVICE_NAME = service;
  return out;
}
