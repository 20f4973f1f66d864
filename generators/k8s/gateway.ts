import type { Component, Flow } from '../../shared/resolve';
import { num, str } from '../../shared/resolve/props';
import { meta, objectLabels, safePath } from './build';
import type { K8sContext } from './context';
import { COMPONENT_LABEL } from './platform';
import type { K8sObject } from './types';

/**
 * Gateways through the Gateway API: the drawn gateway becomes a `Gateway` of the class its
 * controller installs (its data plane in the Gateway's namespace, labelled through
 * `spec.infrastructure` so NetworkPolicies and the Service the model names select it), and each
 * call it forwards an `HTTPRoute` (or a `GRPCRoute`) to the target's Service, with the
 * connection's path (else `/<target>`, stripped before the call) and timeout.
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

/** A Gateway API duration (at most 5 digits per unit). */
export function duration(ms: number): string {
  if (ms % 1000 === 0 && ms / 1000 <= 99999) return `${ms / 1000}s`;
  if (ms <= 99999) return `${ms}ms`;
  return `${Math.round(ms / 1000)}s`;
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
  const paths = new Set<string>();
  let grpc = 0;
  const timeoutOf = (f: Flow) => f.resilience?.timeoutFrom === 'connection' ? f.resilience.timeoutMs : num(c.props, 'timeoutMs') || f.resilience?.timeoutMs || 60000;
  for (const f of c.out) {
    const target = f.server;
    if (f.kind !== 'call' || f.client !== c || !target || target === c || target.roles.includes('identity-provider')) continue;
    if (!target.containerised || !f.host || f.port === undefined) {
      ctx.note(`\`${c.service}\`: no route to \`${target.service}\`, which runs outside the cluster (a Gateway API backend is a Service in the cluster).`);
      continue;
    }
    const backendRefs = [{ name: f.host, port: f.port }];
    const routeName = ctx.name(f.protocol === 'grpc' ? 'GRPCRoute' : 'HTTPRoute', f.id, `${c.service}-${target.service}`, 253);
    const parentRefs = [{ name }];
    if (f.protocol === 'grpc') {
      grpc++;
      const object = ctx.add(c, { apiVersion: GATEWAY_API, kind: 'GRPCRoute', metadata: { name: routeName, labels: objectLabels(ctx, c) }, spec: { parentRefs, rules: [{ backendRefs }] } });
      routes.push({ flow: f, target, path: '', stripPrefix: false, object });
      continue;
    }
    const explicit = safePath(str(f.props, 'path'));
    const path = explicit ?? `/${target.service}`;
    if (paths.has(path)) {
      ctx.note(`\`${c.service}\`: the route ${path} to \`${target.service}\` repeats an earlier route and was left out; give the connection its own path.`);
      continue;
    }
    paths.add(path);
    const method = str(f.props, 'method');
    const match = { path: { type: 'PathPrefix', value: path }, ...(method && method !== 'ANY' ? { method } : {}) };
    const object = ctx.add(c, {
      apiVersion: GATEWAY_API,
      kind: 'HTTPRoute',
      metadata: { name: routeName, labels: objectLabels(ctx, c) },
      spec: {
        parentRefs,
        rules: [
          {
            matches: [match],
            ...(explicit === undefined && path !== '/' ? { filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } }] } : {}),
            backendRefs,
            timeouts: { request: duration(timeoutOf(f)) },
          },
        ],
      },
    });
    routes.push({ flow: f, target, path, stripPrefix: explicit === undefined, object });
  }
  if (grpc > 1) ctx.note(`\`${c.service}\` forwards gRPC to ${grpc} services: each GRPCRoute matches every call until you add the gRPC service names to its matches.`);
  if (routes.some((r) => r.flow.resilience && r.flow.resilience.retries > 0)) ctx.note(`\`${c.service}\`: retries of its routes are not set on Kubernetes (HTTPRoute retries are not in the Gateway API standard channel).`);
  return routes;
}
