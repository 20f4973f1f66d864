import type { RNode, ServiceSpec, StackContext } from './context';
import { mainService } from './base';
import { str } from '../../shared/resolve/props';
import { STAND_IN_SOURCE } from './stand-in-source';
import { mergeEnv, wireClient } from './wiring';
import type { EnvValue } from '../kinds/env';

/**
 * The user's own services. Until a component names its image, the stand-in runs in its place:
 * one small program (`config/_stand-in/stand-in.mjs`, Node.js, no dependencies) configured by its
 * environment from the model. It serves HTTP (and gRPC health) with `/health` and Prometheus
 * metrics, calls what the component calls, publishes on its channels at a gentle rate and
 * consumes its subscriptions, acknowledging what it can parse and rejecting the rest (so that
 * dead-lettering is exercised). Where it cannot speak a protocol it says so in its log.
 */

/** The stand-in's runtime: the official Node.js image, slim (Alpine), pinned. */
export const STAND_IN_IMAGE = 'node:22.12.0-alpine3.20';
export const STAND_IN_PATH = 'config/_stand-in/stand-in.mjs';
const STAND_IN_TARGET = '/topoforge/stand-in.mjs';

/** What the stand-in is told about the component it stands in for. */
function roleOf(n: RNode): string {
  if (n.roles.includes('device')) return 'device';
  if (n.roles.includes('frontend')) return 'frontend';
  if (n.roles.includes('scheduled')) return 'batch';
  if (n.roles.includes('api')) return 'api';
  return 'worker';
}

/** A service you build: your image, or the stand-in until you set one. */
export function builtService(ctx: StackContext, n: RNode, extra: Record<string, EnvValue> = {}): ServiceSpec {
  const port = n.listenPort;
  const image = str(n.props, 'image');
  const healthPath = safePath(str(n.props, 'healthPath')) ?? (image ? '/' : '/health');
  const spec = mainService(ctx, n, {
    description: image ? `${n.kind.name} (your image)` : `${n.kind.name} (stand-in until you set its image)`,
    image: image || STAND_IN_IMAGE,
    healthcheck: { test: ['CMD', 'wget', '-q', '-O', '/dev/null', `http://127.0.0.1:${port}${healthPath}`], interval: '10s', timeout: '5s', retries: 5, startPeriod: '10s' },
  });
  if (!image) {
    ctx.addFile(STAND_IN_PATH, STAND_IN_SOURCE);
    spec.command = ['node', STAND_IN_TARGET];
    spec.user = 'node';
    spec.binds.push({ source: STAND_IN_PATH, target: STAND_IN_TARGET, readOnly: true });
  } else {
    ctx.note(`\`${n.service}\` runs your image ${image}; its health check calls \`wget\` on http://127.0.0.1:${port}${healthPath}, so the image needs wget (or change the healthcheck).`);
  }
  Object.assign(spec.environment, {
    SERVICE_NAME: n.service,
    PORT: String(port),
    HEALTH_PATH: healthPath,
    METRICS_PATH: n.kind.metricsPath ?? '/metrics',
    ROLE: roleOf(n),
    ...extra,
  });
  mergeEnv(spec, wireClient(ctx, n));
  return spec;
}

/** A path from the design with no `.`/`..` segment (the catalog pattern already limits its characters). */
export function safePath(p: string): string | undefined {
  if (!/^\/[A-Za-z0-9._~/-]*$/.test(p)) return undefined;
  if (p.split('/').some((s) => s === '.' || s === '..')) return undefined;
  return p;
}
