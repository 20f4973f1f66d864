import type { Env, ClientLink } from './env';

/**
 * What a caller gets for a component it calls over HTTP, GraphQL, WebSocket or gRPC:
 * `<SERVER>_URL` (`<SERVER>_ADDRESS` for gRPC, host:port) and, where the connection sets them
 * or the latency budget gives one, `<SERVER>_TIMEOUT_MS`, `<SERVER>_RETRIES` and
 * `<SERVER>_CIRCUIT_BREAKER`.
 */
export function callEnv(link: ClientLink, path = ''): Env {
  const { flow: f, server: s } = link;
  const P = s.envPrefix;
  const host = f.host ?? s.service;
  const port = f.port ?? s.listenPort;
  const out: Env = {};
  switch (f.protocol) {
    case 'http':
    case 'graphql':
      out[`${P}_URL`] = `http://${host}:${port}${path}`;
      break;
    case 'websocket':
      out[`${P}_URL`] = `ws://${host}:${port}${path}`;
      break;
    case 'grpc':
      out[`${P}_ADDRESS`] = `${host}:${port}`;
      break;
    default:
      return out;
  }
  const r = f.resilience;
  if (r && r.timeoutMs > 0) out[`${P}_TIMEOUT_MS`] = String(r.timeoutMs);
  if (r && r.retries > 0) out[`${P}_RETRIES`] = String(r.retries);
  if (r?.circuitBreaker) out[`${P}_CIRCUIT_BREAKER`] = 'true';
  return out;
}
