import type { Component, Flow } from '../../shared/resolve';
import { literal, secretEnv, valueEnv } from './build';
import type { K8sContext } from './context';
import type { EnvEntry } from './types';

/**
 * Pieces of the environment a client gets to reach a server (the `clientEnv` answers of the
 * kinds' facets): names from the server's `envPrefix`, addresses from the model's `Flow.host`
 * and `Flow.port`, credentials as keys of Secrets, composed into URLs as `$(NAME)`.
 */

export const addrOf = (f: Flow): string => `${f.host}:${f.port}`;

/** A comma-separated list of names from the design (topics, queues, subjects). */
export const listOf = (values: readonly string[]): string => literal([...new Set(values)].join(','));

/** `<PREFIX>_URL`: scheme://host:port/path. */
export function urlEnv(server: Component, f: Flow, scheme: string, path = ''): EnvEntry {
  return valueEnv(`${server.envPrefix}_URL`, `${scheme}://${addrOf(f)}${literal(path)}`);
}

/**
 * `<PREFIX>_USER`, `<PREFIX>_PASSWORD` from the server's credentials, and `<PREFIX>_URL` with
 * both in it (`scheme://$(USER):$(PASSWORD)@host:port/path`).
 */
export function credentialUrl(ctx: K8sContext, server: Component, f: Flow, scheme: string, userKey: string, passwordKey: string, path = ''): EnvEntry[] {
  const P = server.envPrefix;
  return [
    secretEnv(`${P}_USER`, ctx.credential(server, userKey)),
    secretEnv(`${P}_PASSWORD`, ctx.credential(server, passwordKey)),
    valueEnv(`${P}_URL`, `${scheme}://$(${P}_USER):$(${P}_PASSWORD)@${addrOf(f)}${literal(path)}`),
  ];
}

/** For a service you build or a gateway: its URL (gRPC: `<PREFIX>_ADDRESS`). */
export function apiClientEnv(_ctx: K8sContext, server: Component, f: Flow): EnvEntry[] {
  if (f.protocol === 'grpc') return [valueEnv(`${server.envPrefix}_ADDRESS`, addrOf(f))];
  const scheme = f.protocol === 'websocket' ? 'ws' : 'http';
  const endpoint = f.protocol === 'graphql' && typeof server.props.endpoint === 'string' ? server.props.endpoint : '';
  return [urlEnv(server, f, scheme, endpoint)];
}
