import type { BrokerPlan, Component, Flow, Publication, Subscription } from '../../shared/resolve';
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

const byClientCache = new WeakMap<BrokerPlan, Map<Component, { publications: Publication[]; subscriptions: Subscription[] }>>();
const NONE = { publications: [] as Publication[], subscriptions: [] as Subscription[] };

/** What `client` publishes and consumes through a broker's plan (indexed once per plan: brokers can have thousands of clients). */
export function clientPlan(plan: BrokerPlan | undefined, client: Component): { publications: readonly Publication[]; subscriptions: readonly Subscription[] } {
  if (!plan) return NONE;
  let m = byClientCache.get(plan);
  if (!m) {
    m = new Map();
    for (const p of plan.publications) {
      const e = m.get(p.client) ?? { publications: [], subscriptions: [] };
      e.publications.push(p);
      m.set(p.client, e);
    }
    for (const s of plan.subscriptions) {
      const e = m.get(s.client) ?? { publications: [], subscriptions: [] };
      e.subscriptions.push(s);
      m.set(s.client, e);
    }
    byClientCache.set(plan, m);
  }
  return m.get(client) ?? NONE;
}
