import type { Component } from '../../shared/resolve';
import { catalogPorts, catalogService, configMap, configVolume, container, exporterSidecar, healthProbes, workload } from './build';
import type { Probes, Size } from './build';
import type { K8sContext } from './context';
import type { EnvEntry } from './types';

/**
 * A component that runs its catalog image (a store, a broker without an operator, an
 * observability tool): a StatefulSet with a PersistentVolumeClaim when it keeps data, else a
 * Deployment; its Service on its catalog ports; its config files in ConfigMaps; its exporter
 * beside it when Prometheus scrapes it through one; probes from its catalog health check.
 */
export interface RunSpec {
  image?: string;
  command?: string[];
  args?: string[];
  /** Its own settings and credentials (its connections' environment is added after). */
  env?: readonly EnvEntry[];
  /** Where its data lives: a StatefulSet with a claim of `size` mounted there. */
  data?: { mountPath: string; size?: string };
  /** Config files: one ConfigMap per folder, mounted read-only. */
  config?: Array<{ mountPath: string; files: Record<string, string>; mode?: number; subPath?: string }>;
  size: Size;
  /** The exporter's environment and arguments (it reaches the component on localhost). */
  exporter?: { env?: readonly EnvEntry[]; args?: string[] };
  initContainers?: Array<Record<string, unknown>>;
  volumes?: Array<Record<string, unknown>>;
  volumeMounts?: Array<{ name: string; mountPath: string; subPath?: string; readOnly?: boolean }>;
  probes?: Probes;
  /** Reached from outside the cluster (an entry point). */
  exposed?: boolean;
  /** Skip the environment of its own connections. */
  noClientEnv?: boolean;
}

export function runComponent(ctx: K8sContext, c: Component, spec: RunSpec): void {
  const volumes: Array<Record<string, unknown>> = [...(spec.volumes ?? [])];
  const mounts: Array<{ name: string; mountPath: string; subPath?: string; readOnly?: boolean }> = [...(spec.volumeMounts ?? [])];
  (spec.config ?? []).forEach((cfg, i) => {
    const volume = `config-${i + 1}`;
    const name = ctx.name('ConfigMap', `${c.id}/config-${i + 1}`, `${c.service}-config${i === 0 ? '' : `-${i + 1}`}`, 253);
    configMap(ctx, c, name, cfg.files);
    volumes.push(configVolume(volume, name, cfg.mode));
    mounts.push({ name: volume, mountPath: cfg.mountPath, ...(cfg.subPath ? { subPath: cfg.subPath } : {}), readOnly: true });
  });
  if (spec.data) mounts.push({ name: 'data', mountPath: spec.data.mountPath });
  const env = [...(spec.env ?? []), ...(spec.noClientEnv ? [] : ctx.clientEnv(c))];
  const ports = catalogPorts(c);
  if (c.kind.metricsPort !== undefined && !ports.some((p) => p.containerPort === c.kind.metricsPort)) ports.push({ name: 'metrics', containerPort: c.kind.metricsPort });
  const main = container({
    name: c.kind.id.replace(/[^a-z0-9-]/g, '-').slice(0, 63),
    image: spec.image ?? c.kind.image ?? 'busybox:1.36',
    ...(spec.command ? { command: spec.command } : {}),
    ...(spec.args ? { args: spec.args } : {}),
    ports,
    env,
    probes: spec.probes ?? healthProbes(c.healthcheck),
    size: spec.size,
    volumeMounts: mounts,
  });
  const containers = [main];
  if (spec.exporter) {
    const ex = exporterSidecar(ctx, c, spec.exporter.env ?? [], spec.exporter.args);
    if (ex) containers.push(ex);
  }
  workload(ctx, c, {
    kind: spec.data ? 'StatefulSet' : 'Deployment',
    containers,
    ...(spec.initContainers ? { initContainers: spec.initContainers } : {}),
    volumes,
    ...(spec.data ? { storage: spec.data.size ?? '1Gi' } : {}),
  });
  catalogService(ctx, c);
  if (spec.exposed ?? c.entry) ctx.extra(c).exposed.push(c.listenPort);
}
