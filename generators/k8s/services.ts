import type { Component } from '../../shared/resolve';
import { str } from '../../shared/resolve/props';
import { STAND_IN_IMAGE, standInConf } from '../stack/services';
import { configMap, configVolume, container, envConfigMapName, httpProbes, safePath, service, splitEnv, valueEnv, workload } from './build';
import type { K8sContext } from './context';
import type { EnvEntry } from './types';

/**
 * The services you build (REST, gRPC, GraphQL, web apps, workers, batch jobs, devices): a
 * Deployment, its Service and a ConfigMap of its environment; your image when the component
 * names one, else the stand-in.
 */

/**
 * The stand-in that runs until a component names its image: the ONE place that says what it is.
 * Today the compose stack's nginx answering every path with 200 (and a Prometheus exposition on
 * the metrics path), configured by a ConfigMap; when the generic stand-in program of the
 * starter stack lands, this function runs it instead, with the same environment.
 */
export function standInContainer(ctx: K8sContext, c: Component, env: readonly EnvEntry[], envFrom: string[], port: number): { container: Record<string, unknown>; volumes: Array<Record<string, unknown>> } {
  const conf = ctx.name('ConfigMap', `${c.id}/stand-in`, `${c.service}-stand-in`, 253);
  configMap(ctx, c, conf, { 'default.conf': standInConf(c, port) });
  const healthPath = safePath(str(c.props, 'healthPath')) ?? '/';
  return {
    container: container({
      name: 'app',
      image: STAND_IN_IMAGE,
      ports: [{ name: 'http', containerPort: port }],
      env,
      envFrom,
      probes: httpProbes(healthPath, 'http', { interval: '10s', timeout: '5s', retries: 5 }),
      size: 'tiny',
      volumeMounts: [{ name: 'stand-in', mountPath: '/etc/nginx/conf.d', readOnly: true }],
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
