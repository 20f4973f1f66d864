import type { HealthCheck } from '../../shared/catalog';
import type { Component } from '../../shared/resolve';
import type { K8sContext, ServicePort } from './context';
import { COMPONENT_LABEL } from './platform';
import type { EnvEntry, K8sObject, SecretRef } from './types';

/**
 * Builders the kinds' `k8s` facets share: labels, containers, probes, workloads with their
 * Service and ConfigMap, exporters. Everything a user typed reaches these only as values.
 */

/** Labels of a component's pods: the one the NetworkPolicies and Services select on, and the recommended ones. */
export function podLabels(ctx: K8sContext, c: Component): Record<string, string> {
  return {
    [COMPONENT_LABEL]: c.service,
    'app.kubernetes.io/name': c.service,
    'app.kubernetes.io/component': c.kind.id,
    'app.kubernetes.io/part-of': ctx.app,
    // Its trust zone (informational: the NetworkPolicies allow each drawn connection, not whole zones).
    ...(c.zone ? { 'topoforge.dev/zone': c.zone.network } : {}),
  };
}

/** Labels of the objects of a component (not selectors). */
export function objectLabels(ctx: K8sContext, c: Component): Record<string, string> {
  return { 'app.kubernetes.io/name': c.service, 'app.kubernetes.io/part-of': ctx.app, 'app.kubernetes.io/managed-by': 'topoforge' };
}

export const selectorOf = (c: Component): Record<string, string> => ({ [COMPONENT_LABEL]: c.service });

export function meta(ctx: K8sContext, c: Component, name: string, annotations?: Record<string, string>): K8sObject['metadata'] {
  return { name, labels: objectLabels(ctx, c), ...(annotations && Object.keys(annotations).length > 0 ? { annotations } : {}) };
}

/** A literal value for `env[].value`, `command` or `args`: `$(` would name a variable, `$$(` keeps it as text. */
export function literal(s: string): string {
  // Most values hold no `$(`: the search is cheaper than the regular expression's replace.
  return s.includes('$(') ? s.replace(/\$\(/g, '$$$$(') : s;
}

/** `$(NAME)`: the value of an earlier variable of the same container. */
export const varRef = (name: string): string => `$(${name})`;

export const secretEnv = (name: string, secret: SecretRef): EnvEntry => ({ name, secret });
export const valueEnv = (name: string, value: string): EnvEntry => ({ name, value });

/**
 * A container's `env`: Secret keys first (so that values can name them as `$(NAME)`), then the
 * values in order; the first entry of a name wins.
 */
export function envList(entries: readonly EnvEntry[]): Array<Record<string, unknown>> {
  const seen = new Set<string>();
  const secrets: Array<Record<string, unknown>> = [];
  const values: Array<Record<string, unknown>> = [];
  for (const e of entries) {
    if (seen.has(e.name)) continue;
    seen.add(e.name);
    if ('secret' in e) secrets.push({ name: e.name, valueFrom: { secretKeyRef: { name: e.secret.name, key: e.secret.key } } });
    else values.push({ name: e.name, value: e.value });
  }
  return [...secrets, ...values];
}

/** Values that name no other variable can live in a ConfigMap; the rest stay in `env`. */
export function splitEnv(entries: readonly EnvEntry[]): { plain: Record<string, string>; env: EnvEntry[] } {
  const plain: Record<string, string> = {};
  const env: EnvEntry[] = [];
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.name)) continue;
    seen.add(e.name);
    // In a ConfigMap read with envFrom nothing is expanded: a value is plain when it holds no
    // `$(NAME)` (a literal `$$(` is unescaped back first).
    if (!('secret' in e) && (!e.value.includes('$(') || !/(^|[^$])\$\(/.test(e.value))) plain[e.name] = e.value.includes('$$(') ? e.value.replace(/\$\$\(/g, '$(') : e.value;
    else env.push(e);
  }
  return { plain, env };
}

// ── Resources ─────────────────────────────────────────────────────────────

export type Size = 'tiny' | 'small' | 'medium' | 'large';

const SIZES: Record<Size, { requests: { cpu: string; memory: string }; limits: { cpu: string; memory: string } }> = {
  tiny: { requests: { cpu: '25m', memory: '32Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
  small: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
  medium: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } },
  large: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '2', memory: '2Gi' } },
};

export function resources(size: Size): Record<string, unknown> {
  const s = SIZES[size];
  return { requests: { ...s.requests }, limits: { ...s.limits } };
}

// ── Probes ────────────────────────────────────────────────────────────────

const seconds = (d: string | undefined, fallback: number): number => {
  const m = d ? /^(\d+)(ms|s|m)?$/.exec(d) : null;
  if (!m) return fallback;
  const n = Number(m[1]);
  return m[2] === 'm' ? n * 60 : m[2] === 'ms' ? Math.max(1, Math.ceil(n / 1000)) : n;
};

export interface Probes {
  readinessProbe: Record<string, unknown>;
  livenessProbe: Record<string, unknown>;
  startupProbe?: Record<string, unknown>;
}

/** Readiness, liveness and (with a start period) startup probes running a check. */
export function probes(check: Record<string, unknown>, h: { interval?: string; timeout?: string; retries?: number; startPeriod?: string } = {}): Probes {
  const period = seconds(h.interval, 10);
  const timeout = seconds(h.timeout, 5);
  const failures = h.retries ?? 3;
  const start = seconds(h.startPeriod, 0);
  return {
    readinessProbe: { ...check, periodSeconds: period, timeoutSeconds: timeout, failureThreshold: failures },
    livenessProbe: { ...check, periodSeconds: period * 2, timeoutSeconds: timeout, failureThreshold: failures },
    ...(start > 0 ? { startupProbe: { ...check, periodSeconds: period, timeoutSeconds: timeout, failureThreshold: Math.max(failures, Math.ceil(start / period) + failures) } } : {}),
  };
}

/** The catalog's health check (a Compose `test`) as probes: `CMD` runs as it is, `CMD-SHELL` in `sh -c`. */
export function healthProbes(h: HealthCheck | undefined): Probes | undefined {
  if (!h || h.test.length < 2) return undefined;
  const [form, ...rest] = h.test;
  // Compose writes `$$` for a literal `$`; probes are not expanded.
  const command = form === 'CMD-SHELL' ? ['sh', '-c', rest.join(' ').replace(/\$\$/g, '$')] : rest.map((a) => a.replace(/\$\$/g, '$'));
  return probes({ exec: { command } }, h);
}

export function httpProbes(path: string, port: number | string, h: { interval?: string; timeout?: string; retries?: number; startPeriod?: string } = {}): Probes {
  return probes({ httpGet: { path, port } }, h);
}

export function tcpProbes(port: number | string, h: { interval?: string; timeout?: string; retries?: number; startPeriod?: string } = {}): Probes {
  return probes({ tcpSocket: { port } }, h);
}

// ── Containers and workloads ─────────────────────────────────────────────

export interface ContainerSpec {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  ports?: Array<{ name: string; containerPort: number; protocol?: 'TCP' | 'UDP' }>;
  env?: readonly EnvEntry[];
  /** ConfigMaps read whole as environment variables. */
  envFrom?: string[];
  probes?: Probes;
  size: Size;
  volumeMounts?: Array<{ name: string; mountPath: string; subPath?: string; readOnly?: boolean }>;
}

export function container(spec: ContainerSpec): Record<string, unknown> {
  const env = envList(spec.env ?? []);
  return {
    name: spec.name,
    image: spec.image,
    ...(spec.command ? { command: spec.command } : {}),
    ...(spec.args ? { args: spec.args } : {}),
    ...(spec.ports && spec.ports.length > 0 ? { ports: spec.ports.map((p) => ({ name: p.name, containerPort: p.containerPort, protocol: p.protocol ?? 'TCP' })) } : {}),
    ...(spec.envFrom && spec.envFrom.length > 0 ? { envFrom: spec.envFrom.map((name) => ({ configMapRef: { name } })) } : {}),
    ...(env.length > 0 ? { env } : {}),
    resources: resources(spec.size),
    ...(spec.probes ?? {}),
    ...(spec.volumeMounts && spec.volumeMounts.length > 0 ? { volumeMounts: spec.volumeMounts } : {}),
  };
}

export interface WorkloadSpec {
  kind: 'Deployment' | 'StatefulSet';
  /** Defaults to the component's service name. */
  name?: string;
  containers: Array<Record<string, unknown>>;
  initContainers?: Array<Record<string, unknown>>;
  volumes?: Array<Record<string, unknown>>;
  /** StatefulSet: a PersistentVolumeClaim per pod, mounted by the containers that name `data`. */
  storage?: string;
  /** Extra pod labels (the component label is always there). */
  labels?: Record<string, string>;
  /** Containers need the Kubernetes API (default false: no token is mounted). */
  serviceAccountToken?: boolean;
}

export function workload(ctx: K8sContext, c: Component, spec: WorkloadSpec): K8sObject {
  const name = spec.name ?? c.service;
  const labels = { ...podLabels(ctx, c), ...(spec.labels ?? {}) };
  const selector = { [COMPONENT_LABEL]: c.service, ...(spec.labels ?? {}) };
  const pod = {
    metadata: { labels },
    spec: {
      automountServiceAccountToken: spec.serviceAccountToken ?? false,
      ...(spec.initContainers && spec.initContainers.length > 0 ? { initContainers: spec.initContainers } : {}),
      containers: spec.containers,
      ...(spec.volumes && spec.volumes.length > 0 ? { volumes: spec.volumes } : {}),
    },
  };
  const obj: K8sObject =
    spec.kind === 'Deployment'
      ? { apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta(ctx, c, name), spec: { replicas: 1, selector: { matchLabels: selector }, template: pod } }
      : {
          apiVersion: 'apps/v1',
          kind: 'StatefulSet',
          metadata: meta(ctx, c, name),
          spec: {
            serviceName: c.service,
            replicas: 1,
            selector: { matchLabels: selector },
            template: pod,
            ...(spec.storage
              ? { volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: spec.storage } } } }] }
              : {}),
          },
        };
  return ctx.add(c, obj);
}

/** A Service selecting the component's pods (or pods with `selector`), registered for clients and NetworkPolicies. */
export function service(ctx: K8sContext, c: Component, ports: readonly ServicePort[], opts: { name?: string; selector?: Record<string, string>; headless?: boolean } = {}): K8sObject | undefined {
  if (ports.length === 0) return undefined;
  const name = opts.name ?? c.service;
  ctx.registerService({ name, component: c, ports, emitted: true });
  return ctx.add(c, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(ctx, c, name),
    spec: {
      ...(opts.headless ? { clusterIP: 'None' } : {}),
      selector: opts.selector ?? selectorOf(c),
      ports: ports.map((p) => ({ name: p.name, port: p.port, targetPort: p.targetPort, protocol: 'TCP' })),
    },
  });
}

/**
 * A Job that sets a component up once it answers (registers connectors, makes buckets): run to
 * completion, retried until it does, no Kubernetes API token, its pods labelled as the
 * component's so that its NetworkPolicy lets them reach it (`self` traffic).
 */
export function setupJob(ctx: K8sContext, c: Component, job: { id: string; name: string; container: Record<string, unknown>; volumes?: Array<Record<string, unknown>> }): K8sObject {
  ctx.extra(c).self = true;
  return ctx.add(c, {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: meta(ctx, c, ctx.name('Job', `${c.id}/${job.id}`, job.name)),
    spec: {
      backoffLimit: 10,
      template: {
        metadata: { labels: podLabels(ctx, c) },
        spec: {
          automountServiceAccountToken: false,
          restartPolicy: 'OnFailure',
          ...(job.volumes ? { volumes: job.volumes } : {}),
          containers: [job.container],
        },
      },
    },
  });
}

export function configMap(ctx: K8sContext, c: Component, name: string, data: Record<string, string>): K8sObject {
  return ctx.add(c, { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(ctx, c, name), data });
}

/** The component's ConfigMap of plain environment variables (`<service>-env`). */
export function envConfigMapName(ctx: K8sContext, c: Component): string {
  return ctx.name('ConfigMap', `${c.id}/env`, `${c.service}-env`, 253);
}

/** Ports of the catalog entry as container ports (names cut to the 15 characters Kubernetes allows). */
export function catalogPorts(c: Component): Array<{ name: string; containerPort: number }> {
  return (c.kind.ports ?? []).map((p) => ({ name: portName(p.name), containerPort: p.container }));
}

export function portName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').slice(0, 15).replace(/^-+|-+$/g, '') || 'port';
}

/** The Service of a component on its catalog ports (the same port inside and out). */
export function catalogService(ctx: K8sContext, c: Component, opts: { name?: string; selector?: Record<string, string> } = {}): void {
  const ports = catalogPorts(c).map((p) => ({ name: p.name, port: p.containerPort, targetPort: p.containerPort }));
  // Kafka-like kinds listen for in-cluster clients on another port than their first one.
  if (!ports.some((p) => p.port === c.listenPort)) ports.unshift({ name: 'client', port: c.listenPort, targetPort: c.listenPort });
  // Its own metrics endpoint, when it is on a port of its own.
  const m = c.kind.metricsPort;
  if (m !== undefined && !ports.some((p) => p.port === m)) ports.push({ name: 'metrics', port: m, targetPort: m });
  service(ctx, c, ports, opts);
}

/**
 * The exporter the model names for a kind without a metrics endpoint of its own: a container
 * beside the component (in the same pod) and the Service `<service>-exporter` Prometheus
 * scrapes. `env` tells the exporter how to reach the component on localhost.
 */
export function exporterSidecar(ctx: K8sContext, c: Component, env: readonly EnvEntry[], args?: string[]): Record<string, unknown> | undefined {
  const ex = c.kind.exporter;
  if (!ex) return undefined;
  const scrape = ctx.exporterScrape(c);
  if (scrape) service(ctx, c, [{ name: 'metrics', port: ex.port, targetPort: ex.port }], { name: scrape.service });
  return container({ name: 'exporter', image: ex.image, ...(args ? { args } : {}), ports: [{ name: 'metrics', containerPort: ex.port }], env, size: 'tiny', probes: tcpProbes(ex.port) });
}

export const dataMount = (mountPath: string) => ({ name: 'data', mountPath });
export const configVolume = (volume: string, configMapName: string, mode?: number) => ({ name: volume, configMap: { name: configMapName, ...(mode ? { defaultMode: mode } : {}) } });

const SAFE_URL = /^https?:\/\/[A-Za-z0-9.-]+(:[0-9]{1,5})?(\/[A-Za-z0-9._~/%-]*)?$/;

/** A base URL from the design only if it holds nothing but a plain scheme://host[:port][/path]. */
export function safeBaseUrl(url: string): string | undefined {
  return SAFE_URL.test(url) ? url : undefined;
}

/** A URL path safe to write unquoted into probes and routes: the resolver's rule. */
export { safePath } from '../../shared/resolve';
