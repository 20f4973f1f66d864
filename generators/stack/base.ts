import type { RNode, ServiceSpec, StackContext } from './context';

/**
 * The service of a containerised component with what the catalog and the model say: its service
 * name, image, health check; its ports are the component's resolved ports (published on the host
 * only where the model says so).
 */
export function mainService(ctx: StackContext, n: RNode, over: Partial<ServiceSpec> = {}): ServiceSpec {
  return ctx.addService({
    name: n.service,
    node: n.id,
    description: n.kind.product,
    image: n.kind.image ?? 'busybox:1.36.1',
    // Without a prototype: a dictionary for V8, not a hidden class per new variable name (mergeEnv adds them one by one).
    environment: Object.create(null) as ServiceSpec['environment'],
    publishes: true,
    binds: [],
    volumes: [],
    ...(n.healthcheck ? { healthcheck: n.healthcheck } : {}),
    needs: [],
    ...over,
  });
}

/** A sidecar or one-shot job serving component `n` (named `<service>-<suffix>`, made unique). */
export function sideService(
  ctx: StackContext,
  n: RNode,
  suffix: string,
  spec: Omit<ServiceSpec, 'name' | 'node' | 'attachedTo' | 'binds' | 'volumes' | 'needs' | 'environment' | 'publishes'> & Partial<ServiceSpec>,
): ServiceSpec {
  return ctx.addService({
    name: ctx.serviceName(`${n.service}-${suffix}`),
    node: n.id,
    attachedTo: n.service,
    publishes: false,
    binds: [],
    volumes: [],
    needs: [],
    environment: Object.create(null) as ServiceSpec['environment'],
    ...spec,
  });
}

/** Path of a config file of component `n` in the bundle (folders are named by component id). */
export const cfg = (n: RNode, file: string): string => `config/${n.id}/${file}`;

/** A named volume of component `n`. */
export const dataVolume = (n: RNode, suffix = 'data'): string => `${n.service}-${suffix}`;
