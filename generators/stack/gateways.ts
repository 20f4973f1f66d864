import type { Component, GatewayPlan, GatewayRoute } from '../../shared/resolve';
import type { RNode, StackContext } from './context';

/**
 * What the gateway kinds share: their plan from the resolved model (routes, authentication, rate
 * limit), the identity provider's issuer, whether they are scraped or traced.
 */

export type Route = GatewayRoute;

/** The resolved plan of gateway `gw`. */
export function gatewayPlan(ctx: StackContext, gw: RNode): GatewayPlan {
  const p = ctx.resolved.gateways.find((x) => x.gateway === gw);
  if (!p) throw new Error(`no gateway plan for ${gw.id}`);
  return p;
}

/** The realm of an identity provider. */
export function realmOf(kc: Component): string {
  return typeof kc.props.realm === 'string' && kc.props.realm ? kc.props.realm : 'topoforge';
}

/** The issuer URL of an identity provider's realm as services inside the stack reach it. */
export function inStackIssuer(kc: Component): string {
  return `http://${kc.service}:${kc.listenPort}/realms/${realmOf(kc)}`;
}

/** Wired to a metrics store by a metrics connection. */
export function scrapedBy(ctx: StackContext, n: RNode): boolean {
  return ctx.resolved.observability.scrapes.some((s) => s.target === n);
}

/** Where a component sends its traces (a collector or a trace store in the stack). */
export function tracingSink(n: RNode): RNode | undefined {
  return n.out.concat(n.in).find((e) => e.protocol === 'otlp' && e.source === n && e.sink !== n && e.sink.containerised)?.sink;
}

export function durationMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/** Seconds as Envoy and Kong's Lua write them: `0.2s`. */
export const seconds = (ms: number): string => `${(ms / 1000).toFixed(3).replace(/\.?0+$/, '')}s`;
