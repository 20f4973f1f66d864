import type { RNode, ServiceSpec, StackContext } from './context';
import { cfg, mainService } from './base';
import { num, str } from '../../shared/resolve/props';
import { nginxString } from './text';
import { mergeEnv, wireClient } from './wiring';

/**
 * The user's own services. Until the node names an image, a stand-in runs in its place: an
 * nginx that listens on the service's port and answers every path with 200 (and a valid,
 * tiny Prometheus exposition on the metrics path), so the stack starts and health checks pass.
 */

export const STAND_IN_IMAGE = 'nginx:1.27-alpine';

export function standInConf(n: RNode, port: number): string {
  const body = JSON.stringify({ service: n.id, kind: n.kind.id, status: 'stand-in' });
  const metricsPath = n.kind.metricsPath;
  const lines = [
    `# Stand-in for ${n.id} (${n.kind.name}): answers every request with 200 until you set the`,
    '# node\'s image to your own service. Mounted as /etc/nginx/conf.d/default.conf.',
    'server {',
    `    listen ${port};`,
    '    default_type application/json;',
  ];
  if (metricsPath) {
    lines.push(
      `    location = ${nginxString(metricsPath)} {`,
      '        default_type text/plain;',
      '        return 200 "# HELP topoforge_stand_in 1 while the stand-in runs.\\n# TYPE topoforge_stand_in gauge\\ntopoforge_stand_in 1\\n";',
      '    }',
    );
  }
  lines.push('    location / {', `        return 200 ${nginxString(body)};`, '    }', '}', '');
  return lines.join('\n');
}

/** A service you build: your image, or a stand-in until you set one. */
export function builtService(ctx: StackContext, n: RNode, opts: { published?: boolean } = {}): ServiceSpec {
  const port = num(n.props, 'port') || ctx.internalPort(n);
  const image = str(n.props, 'image');
  const healthPath = safePath(str(n.props, 'healthPath')) ?? '/';
  const spec = mainService(ctx, n, {
    description: image ? `${n.kind.name} (your image)` : `${n.kind.name} (stand-in until you set its image)`,
    image: image || STAND_IN_IMAGE,
    ports: opts.published === false ? [] : [{ container: port, host: port, name: 'http' }],
    healthcheck: { test: ['CMD', 'wget', '-q', '-O', '/dev/null', `http://127.0.0.1:${port}${healthPath}`], interval: '10s', timeout: '5s', retries: 5, startPeriod: '10s' },
  });
  if (!image) {
    spec.binds.push({ source: ctx.addFile(cfg(n, 'stand-in.conf'), standInConf(n, port)), target: '/etc/nginx/conf.d/default.conf', readOnly: true });
  } else {
    ctx.note(`\`${n.id}\` runs your image ${image}; its health check calls \`wget\` on http://127.0.0.1:${port}${healthPath}, so the image needs wget (or change the healthcheck).`);
  }
  spec.environment.PORT = String(port);
  return spec;
}

/** Its environment for what it connects to. */
export function wireBuilt(ctx: StackContext, n: RNode, spec: ServiceSpec): void {
  mergeEnv(spec, wireClient(ctx, n));
}

/** A path from the design with no `.`/`..` segment (the catalog pattern already limits its characters). */
export function safePath(p: string): string | undefined {
  if (!/^\/[A-Za-z0-9._~/-]*$/.test(p)) return undefined;
  if (p.split('/').some((s) => s === '.' || s === '..')) return undefined;
  return p;
}
