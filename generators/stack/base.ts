import type { PortReq, RNode, ServiceSpec, StackContext } from './context';
import { num } from '../../shared/resolve/props';

/** The service of a containerised node with what the catalog says: image, ports, health check. */
export function mainService(ctx: StackContext, n: RNode, over: Partial<ServiceSpec> = {}): ServiceSpec {
  const ports: PortReq[] = (n.kind.ports ?? []).map((p) => {
    const override = p.prop ? num(n.props, p.prop) : 0;
    return { container: p.container, host: override > 0 ? override : p.host, name: p.name, ...(p.protocol ? { protocol: p.protocol } : {}) };
  });
  return ctx.addService({
    name: n.id,
    node: n.id,
    description: n.kind.product,
    image: n.kind.image ?? 'busybox:1.36.1',
    environment: {},
    ports,
    binds: [],
    volumes: [],
    ...(n.kind.healthcheck ? { healthcheck: n.kind.healthcheck } : {}),
    needs: [],
    ...over,
  });
}

/** A sidecar or one-shot job serving node `n` (named `<id>-<suffix>`, made unique). */
export function sideService(ctx: StackContext, n: RNode, suffix: string, spec: Omit<ServiceSpec, 'name' | 'node' | 'attachedTo' | 'ports' | 'binds' | 'volumes' | 'needs' | 'environment'> & Partial<ServiceSpec>): ServiceSpec {
  return ctx.addService({
    name: ctx.serviceName(`${n.id}-${suffix}`),
    node: n.id,
    attachedTo: n.id,
    ports: [],
    binds: [],
    volumes: [],
    needs: [],
    environment: {},
    ...spec,
  });
}

/** Path of a config file of node `n` in the bundle. */
export const cfg = (n: RNode, file: string): string => `config/${n.id}/${file}`;

export const dataVolume = (n: RNode, suffix = 'data'): string => `${n.id}-${suffix}`;
