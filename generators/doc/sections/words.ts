import type { GatewayAuth } from '../../../shared/resolve';

/** How callers authenticate at a gateway, in words. */
export const AUTH_WORDS: Record<GatewayAuth, string> = {
  none: 'no authentication',
  'key-auth': 'API keys',
  jwt: 'JWT bearer tokens',
  oidc: 'OpenID Connect tokens',
  basic: 'HTTP basic auth',
  mtls: 'client certificates (mTLS)',
};

/** The template's wording of the same methods (its choices for Authentication Method). */
export const AUTH_CHOICE: Record<GatewayAuth, string> = {
  none: 'none',
  'key-auth': 'API keys',
  jwt: 'JWT',
  oidc: 'OAuth 2.0',
  basic: 'basic auth',
  mtls: 'mTLS',
};

/** The wire protocol of a call, in the template's words. */
export const WIRE: Record<string, string> = { http: 'HTTP/1.1', grpc: 'gRPC over HTTP/2', graphql: 'GraphQL over HTTP', websocket: 'WebSocket' };
