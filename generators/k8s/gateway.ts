import type { Component, Flow, GatewayPlan } from '../../shared/resolve';
import { meta, objectLabels } from './build';
import type { K8sContext } from './context';
import { COMPONENT_LABEL } from './platform';
import type { K8sObject } from './types';

/**
 * Gateways through the Gateway API: the drawn gateway becomes a `Gateway` of the class its
 * controller installs (its data plane in the Gateway's namespace, labelled through
 * `spec.infrastructure` so NetworkPolicies and the Service the model names select it), and each
 * route of its resolved plan an `HTTPRoute` (or a `GRPCRoute`) to the target's Service, with the
 * route's path (the connection's, else `/<target>`, stripped before the call), method and timeout.
 */

export const GATEWAY_API = 'gateway.networking.k8s.io/v1';

export interface GatewayClass {
  /** `gatewayClassName` the controller's installation creates. */
  readonly className: string;
  /** Namespace of its control plane (NetworkPolicies let it configure the data plane). */
  readonly controlPlane: string;
  /** The container port of its data plane's Prometheus endpoint, when it has one. */
  readonly metricsPort?: number;
}

export interface Route {
  readonly flow: Flow;
  readonly target: Component;
  readonly path: string;
  readonly stripPrefix: boolean;
  readonly object: K8sObject;
}

/** A Gateway API duration (at most 5 digits per unit, up to four units: `90s`, `250ms`, `277h46m40s`). */
export function duration(ms: number): string {
  const total = Math.max(0, Math.round(ms));
  if (total % 1000 === 0 && total / 1000 <= 99999) return `${total / 1000}s`;
  if (total <= 99999) return `${total}ms`;
  const seconds = Math.round(total / 1000);
  if (seconds <= 99999) return `${seconds}s`;
  const h = Math.min(99999, Math.floor(seconds / 3600));
  const clamped = h === 99999;
  const m = clamped ? 0 : Math.floor((seconds - h * 3600) / 60);
  const s = clamped ? 0 : seconds % 60;
  return `${h}h${m ? `${m}m` : ''}${s ? `${s}s` : ''}`;
}

/** The resolved plan of a gateway: its routes, authentication, rate limit and CORS, as the compose stack configures them. */
export function gatewayPlanOf(ctx: K8sContext, c: Component): GatewayPlan | undefined {
  return ctx.resolved.gateways.find((p) => p.gateway === c);
}

/**
 * What a gateway that is only Gateway API objects (nginx, Envoy) becomes: a Gateway and a route
 * per forwarded call. Authentication, a rate limit and CORS are policies of each controller,
 * outside the Gateway API's standard channel: they are not generated, and the README says so
 * (until then the routes are open).
 */
export function standardGateway(cls: GatewayClass): (ctx: K8sContext, c: Component) => void {
  return (ctx, c) => {
    gatewayObjects(ctx, c, cls);
    const plan = gatewayPlanOf(ctx, c);
    const asked = [plan && plan.auth !== 'none' ? `its authentication (${plan.auth})` : '', plan?.rateLimit ? `its rate limit (${plan.rateLimit.perMinute} requests per minute)` : '', plan?.cors ? 'CORS' : ''].filter(Boolean);
    if (asked.length > 0) {
      ctx.note(`\`${c.service}\`: ${asked.join(', ')} ${asked.length > 1 ? 'are policies' : 'is a policy'} of the controller (not in the Gateway API standard channel) and ${asked.length > 1 ? 'are' : 'is'} not generated; set ${asked.length > 1 ? 'them' : 'it'} with your controller's policy resources: until then the routes are open.`);
    }
  };
}

/** The Gateway, its Service, its routes; returns the routes (for plugins the gateway's kind attaches). */
export function gatewayObjects(ctx: K8sContext, c: Component, cls: GatewayClass): Route[] {
  const name = c.service;
  const port = c.listenPort;
  ctx.add(c, {
    apiVersion: GATEWAY_API,
    kind: 'Gateway',
    metadata: meta(ctx, c, name),
    spec: {
      gatewayClassName: cls.className,
      infrastructure: { labels: { [COMPONENT_LABEL]: c.service } },
      listeners: [{ name: 'http', protocol: 'HTTP', port, allowedRoutes: { namespaces: { from: 'Same' } } }],
    },
  });
  // The model's name for it: a Service over its data plane (the listener, and its metrics where the model scrapes them).
  const ports = [{ name: 'http', port, targetPort: port }];
  if (c.kind.metricsPort !== undefined && cls.metricsPort !== undefined) ports.push({ name: 'metrics', port: c.kind.metricsPort, targetPort: cls.metricsPort });
  ctx.registerService({ name, component: c, ports, emitted: true });
  ctx.add(c, { apiVersion: 'v1', kind: 'Service', metadata: meta(ctx, c, name), spec: { selector: { [COMPONENT_LABEL]: c.service }, ports: ports.map((p) => ({ ...p, protocol: 'TCP' })) } });
  const t = ctx.extra(c);
  if (c.entry) t.exposed.push(port);
  t.operators.push({ namespace: cls.controlPlane, ports: [] });

  const routes: Route[] = [];
  let grpc = 0;
  // The routes the resolved plan gives the gateway: the same paths, methods, prefixes and timeouts as the compose stack's.
  const plan = gatewayPlanOf(ctx, c);
  for (const text of plan?.skipped ?? []) if (!/is external and has no base URL/.test(text)) ctx.note(text);
  for (const r of plan?.routes ?? []) {
    const f = r.flow;
    const target = r.target;
    if (r.upstream.external || !target.containerised || !f.host || f.port === undefined) {
      ctx.note(`\`${c.service}\`: no route to \`${target.service}\`, which runs outside the cluster (a Gateway API backend is a Service in the cluster).`);
      continue;
    }
    const backendRefs = [{ name: f.host, port: f.port }];
    const routeName = ctx.name(r.protocol === 'grpc' ? 'GRPCRoute' : 'HTTPRoute', f.id, `${c.service}-${target.service}`, 253);
    const parentRefs = [{ name }];
    if (r.protocol === 'grpc') {
      grpc++;
      const object = ctx.add(c, { apiVersion: GATEWAY_API, kind: 'GRPCRoute', metadata: { name: routeName, labels: objectLabels(ctx, c) }, spec: { parentRefs, rules: [{ backendRefs }] } });
      routes.push({ flow: f, target, path: '', stripPrefix: false, object });
      continue;
    }
    const match = { path: { type: 'PathPrefix', value: r.path }, ...(r.methods.length === 1 ? { method: r.methods[0] } : {}) };
    const strip = r.stripPath && r.path !== '/';
    const object = ctx.add(c, {
      apiVersion: GATEWAY_API,
      kind: 'HTTPRoute',
      metadata: { name: routeName, labels: objectLabels(ctx, c) },
      spec: {
        parentRefs,
        rules: [
          {
            matches: [match],
            ...(strip ? { filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } }] } : {}),
            backendRefs,
            timeouts: { request: duration(r.timeoutMs) },
          },
        ],
      },
    });
    routes.push({ flow: f, target, path: r.path, stripPrefix: strip, object });
  }
  if (grpc > 1) ctx.note(`\`${c.service}\` forwards gRPC to ${grpc} services: each GRPCRoute matches every call until you add the gRPC service names to its matches.`);
  if (routes.some((r) => r.flow.resilience && r.flow.resilience.retries > 0)) ctx.note(`\`${c.service}\`: retries of its routes are not set on Kubernetes (HTTPRoute retries are not in the Gateway API standard channel).`);
  return routes;
}
