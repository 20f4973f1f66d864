import type { Topology } from '../../shared/model/types';
import { redactSecrets, type SecretFinding } from '../../shared/validation/rules/secrets';
import type { OutputFile } from '../types';

import { StackContext } from './context';
import { buildCompose } from './compose';
import { renderReadme } from './readme';
import { KIND_MODULES } from '../kinds';
import type { KindId } from '../../shared/catalog';
import { oneLine } from './text';
import { derived } from '../derived';

/**
 * The starter stack: `docker-compose.yml`, `.env.example`, a config per component under
 * `config/<node-id>/`, and `README.md`. A pure function of the design: same design, same bytes.
 */

function secretWhere(f: SecretFinding): string {
  const where = f.where.replace(/^the /, '');
  return f.owner === 'design' ? `${where[0]!.toUpperCase()}${where.slice(1)}` : f.owner === 'requirements' ? `Requirement ${where.replace(/^setting /, '')}` : `${where[0]!.toUpperCase()}${where.slice(1)} of ${f.owner}`;
}

/** Kinds the stack generator knows how to start (every containerised catalog kind). */
export const STACK_KINDS: readonly string[] = Object.values(KIND_MODULES).filter((m) => m.stack.services !== null).map((m) => m.id);

export function generateStack(design: Topology): OutputFile[] {
  // Credentials typed into the design (TF509) become ${VARIABLE} references, declared first so
  // that they keep the names validation announced.
  const { doc, found } = derived(design, redactSecrets, () => redactSecrets(design));
  const ctx = new StackContext(doc);
  for (const f of found) ctx.env.define(f.owner, f.key, { comment: `${secretWhere(f)}, typed into the design: set the real value here`, secret: true });
  for (const n of ctx.nodes) {
    if (n.kind.external) continue;
    const handler = KIND_MODULES[n.kind.id as KindId].stack.services;
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
  // A service you build gets each credential setting of its node as an environment variable.
  for (const f of found) {
    const setting = /^nodes\[\d+\]\.props\.(.+)$/.exec(f.path)?.[1];
    const spec = ctx.services.get(f.owner);
    if (!f.whole || !setting || !spec || spec.node !== f.owner || !ctx.node(f.owner)?.roles.includes('built')) continue;
    if (!(f.key in spec.environment)) spec.environment[f.key] = `\${${f.variable}}`;
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
