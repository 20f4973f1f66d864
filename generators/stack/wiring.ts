import type { RNode, ServiceSpec, StackContext } from './context';
import { hosts } from './context';
import { clientEnvironment } from '../kinds/env';
import type { Env } from '../kinds/env';

/**
 * The environment a component gets for everything it connects to, from the kind modules'
 * client-environment facets (the same function the Kubernetes target uses).
 */

/** `host:port` of a component inside the stack network. */
export function addr(n: RNode): string {
  return `${n.service}:${n.listenPort}`;
}

/** The Kafka a component is wired to (by a kafka connection either way), or the only Kafka of the design. */
export function kafkaFor(ctx: StackContext, n: RNode): RNode | undefined {
  const linked = ctx.linked(n, hosts('kafka'));
  if (linked.length > 0) return linked[0];
  const all = ctx.nodes.filter(hosts('kafka'));
  return all.length === 1 ? all[0] : undefined;
}

const SAFE_URL = /^https?:\/\/[A-Za-z0-9.-]+(:[0-9]{1,5})?(\/[A-Za-z0-9._~/%-]*)?$/;

/** A base URL from the design only if it holds nothing but a plain scheme://host[:port][/path]. */
export function safeBaseUrl(url: string): string | undefined {
  return SAFE_URL.test(url) ? url : undefined;
}

export function wireClient(ctx: StackContext, n: RNode): Env {
  return clientEnvironment(ctx.resolved, n);
}

export function mergeEnv(spec: ServiceSpec, env: Env): void {
  for (const [k, v] of Object.entries(env)) if (!(k in spec.environment)) spec.environment[k] = v;
}
