import type { Topology } from '../../shared/model/types';
import type { OutputFile } from '../types';
import type { RNode } from './context';
import { StackContext } from './context';
import { buildCompose } from './compose';
import { renderReadme } from './readme';
import { SERVICE_HANDLERS } from './services';
import { GATEWAY_HANDLERS } from './gateways';
import { STREAMING_HANDLERS } from './streaming';
import { BROKER_HANDLERS } from './brokers';
import { STORE_HANDLERS } from './stores';
import { OBSERVABILITY_HANDLERS } from './observability';
import { SECURITY_HANDLERS } from './security';
import { oneLine } from './text';

/**
 * The starter stack: `docker-compose.yml`, `.env.example`, a config per component under
 * `config/<node-id>/`, and `README.md`. A pure function of the design: same design, same bytes.
 */

const HANDLERS: Record<string, (ctx: StackContext, n: RNode) => void> = {
  ...SERVICE_HANDLERS,
  ...GATEWAY_HANDLERS,
  ...STREAMING_HANDLERS,
  ...BROKER_HANDLERS,
  ...STORE_HANDLERS,
  ...OBSERVABILITY_HANDLERS,
  ...SECURITY_HANDLERS,
};

/** Kinds the stack generator knows how to start (every containerised catalog kind). */
export const STACK_KINDS: readonly string[] = Object.keys(HANDLERS);

export function generateStack(doc: Topology): OutputFile[] {
  const ctx = new StackContext(doc);
  for (const n of ctx.nodes) {
    if (n.kind.external) continue;
    const handler = HANDLERS[n.kind.id];
    if (handler) handler(ctx, n);
    else ctx.note(`\`${n.id}\` (${n.kind.name}) has no starter configuration yet and is not started.`);
  }
  if (ctx.services.size === 0) {
    // Compose v1 reads a file without services as the legacy format; keep the file runnable.
    ctx.addService({
      name: ctx.serviceName('placeholder'),
      node: '',
      description: 'Placeholder: no component of the design runs in a container yet (one-shot)',
      image: 'busybox:1.36.1',
      command: ['echo', 'No component of this design runs in a container yet: add services, brokers or stores and generate again.'],
      environment: {},
      ports: [],
      binds: [],
      volumes: [],
      needs: [],
      oneShot: true,
    });
  }
  const compose = buildCompose(ctx);
  const title = oneLine(doc.name, 100) || 'Design';
  const files: OutputFile[] = [
    { path: 'docker-compose.yml', content: compose.text },
    { path: '.env.example', content: ctx.env.render(title, ctx.nodes.map((n) => n.id)) },
    { path: 'README.md', content: renderReadme(ctx, compose) },
  ];
  const config = [...ctx.files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return [...files, ...config];
}

export default generateStack;
