import type { Component } from '../../shared/resolve';
import { str } from '../../shared/resolve/props';
import { STAND_IN_IMAGE, standInRole } from '../stack/built';
import { STAND_IN_SOURCE } from '../stack/stand-in-source';
import { configMap, configVolume, container, envConfigMapName, httpProbes, safePath, service, splitEnv, valueEnv, workload } from './build';
import type { K8sContext } from './context';
import type { EnvEntry } from './types';

/**
 * The services you build (REST, gRPC, GraphQL, web apps, workers, batch jobs, devices): a
 * Deployment, its Service and a ConfigMap of its environment; your image when the component
 * names one, else the stand-in.
 */

/**
 * The one ConfigMap of the stand-in program, which every stand-in mounts (written once, in
 * `base/shared.yaml`, as the compose stack mounts one `config/_stand-in/`): its name.
 */
function standInProgram(ctx: K8sContext): string {
  const name = ctx.name('ConfigMap', 'stand-in program', 'topoforge-stand-in', 253);
  if (ctx.shared.some((o) => o.kind === 'ConfigMap' && o.metadata.name === name)) return name;
  ctx.shared.push({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, labels: { 'app.kubernetes.io/name': 'topoforge-stand-in', 'app.kubernetes.io/part-of': ctx.app, 'app.kubernetes.io/managed-by': 'topoforge' } },
    data: { 'stand-in.mjs': STAND_IN_SOURCE },
  });
  return name;
}

/**
 * The stand-in that runs until a component names its image: the starter stack's stand-in program
 * (one dependency-free Node.js file, `generators/stack/stand-in-source.ts`) from the shared
 * ConfigMap, on the same pinned Node.js image, told what it stands in for by its environment. It
 * serves the health and metrics paths; it reaches what the component connects to where its
 * environment names the connections (TOPOFORGE_CONNECTIONS, as in the compose stack).
 */
export function standInContainer(ctx: K8sContext, c: Component, env: readonly EnvEntry[], envFrom: string[], port: number): { container: Record<string, unknown>; volumes: Array<Record<string, unknown>> } {
  const conf = standInProgram(ctx);
  const healthPath = safePath(str(c.props, 'healthPath')) ?? '/health';
  const own = [valueEnv('SERVICE_NAME', c.service), valueEnv('HEALTH_PATH', healthPath), valueEnv('METRICS_PATH', c.kind.metricsPath ?? '/metrics'), valueEnv('ROLE', standInRole(c))];
  const known = new Set(env.map((e) => (e as { name?: string }).name));
  return {
    container: container({
      name: 'app',
      image: STAND_IN_IMAGE,
      command: ['node', '/topoforge/stand-in.mjs'],
      ports: [{ name: 'http', containerPort: port }],
      env: [...own.filter((e) => !known.has((e as { name?: string }).name)), ...env],
      envFrom,
      probes: httpProbes(healthPath, 'http', { interval: '10s', timeout: '5s', retries: 5 }),
      size: 'tiny',
      volumeMounts: [{ name: 'stand-in', mountPath: '/topoforge', readOnly: true }],
    }),
    volumes: [configVolume('stand-in', conf)],
  };
}

/** A service you build, with `extra` settings of its kind before the environment of its connections. */
export function builtService(ctx: K8sContext, c: Component, extra: readonly EnvEntry[] = [], opts: { serves?: boolean } = {}): void {
  const port = c.listenPort;
  const serves = opts.serves ?? true;
  const env = [...(serves ? [valueEnv('PORT', String(port))] : []), ...extra, ...ctx.clientEnv(c)];
  const { plain, env: rest } = splitEnv(env);
  const cm = envConfigMapName(ctx, c);
  configMap(ctx, c, cm, plain);
  const image = str(c.props, 'image');
  let main: Record<string, unknown>;
  let volumes: Array<Record<string, unknown>> = [];
  if (image) {
    const healthPath = safePath(str(c.props, 'healthPath')) ?? '/';
    main = container({ name: 'app', image, ...(serves ? { ports: [{ name: 'http', containerPort: port }] } : {}), env: rest, envFrom: [cm], ...(serves ? { probes: httpProbes(healthPath, 'http') } : {}), size: 'small' });
  } else {
    ({ container: main, volumes } = standInContainer(ctx, c, rest, [cm], port));
    ctx.standIns.push(c);
  }
  workload(ctx, c, { kind: 'Deployment', containers: [main], volumes });
  ctx.scaling.set(c, { apiVersion: 'apps/v1', kind: 'Deployment', name: c.service, path: '/spec/replicas', pdb: true });
  if (serves) {
    service(ctx, c, [{ name: 'http', port, targetPort: port }]);
    if (c.entry) ctx.extra(c).exposed.push(port);
  }
}
