import type { Topology } from '../../shared/model/types';
import type { SecretFinding } from '../../shared/validation/rules/secrets';
import type { ResolvedDesign } from '../../shared/resolve';
import { outputModel, redactedSecrets } from '../output-model';
import type { OutputFile } from '../types';

import { StackContext } from './context';
import { buildCompose } from './compose';
import { channelNotes } from './channels';
import { composeRefs } from './env';
import { renderReadme } from './readme';
import { KIND_MODULES } from '../kinds';
import type { KindId } from '../../shared/catalog';
import { ref } from '../kinds/env';
import { oneLine } from './text';

/**
 * The starter stack: `docker-compose.yml`, `.env.example`, a config per component under
 * `config/<component id>/` (the stand-in program under `config/_stand-in/`), and `README.md`.
 * A pure function of the design, read through the resolved model: same design, same bytes.
 */

function secretWhere(f: SecretFinding): string {
  const where = f.where.replace(/^the /, '');
  return f.owner === 'design' ? `${where[0]!.toUpperCase()}${where.slice(1)}` : f.owner === 'requirements' ? `Requirement ${where.replace(/^setting /, '')}` : `${where[0]!.toUpperCase()}${where.slice(1)} of ${f.owner}`;
}

/** Kinds the stack generator knows how to start (every containerised catalog kind). */
export const STACK_KINDS: readonly string[] = Object.values(KIND_MODULES).filter((m) => m.stack.services !== null).map((m) => m.id);

export function generateStack(design: Topology | ResolvedDesign): OutputFile[] {
  // Credentials typed into the design (TF509) become ${VARIABLE} references, declared with the
  // names validation announced.
  const model = outputModel(design);
  const found = redactedSecrets(model);
  const doc = model.doc;
  const ctx = new StackContext(model);
  for (const f of found) {
    const owner = ctx.node(f.owner)?.service ?? f.owner;
    ctx.env.declare({ name: f.variable, owner, comment: `${secretWhere(f)}, typed into the design: set the real value here`, secret: true });
  }
  for (const n of ctx.nodes) {
    if (!n.containerised) continue;
    const services = KIND_MODULES[n.kind.id as KindId].stack.services;
    if (services) services(ctx, n);
    else ctx.note(`\`${n.service}\` (${n.kind.name}) has no starter configuration yet and is not started.`);
  }
  for (const note of channelNotes(ctx.resolved.messaging)) ctx.note(note);
  if (ctx.services.size === 0) {
    // Compose v1 reads a file without services as the legacy format; keep the file runnable.
    ctx.addService({
      name: ctx.serviceName('placeholder'),
      node: '',
      description: 'Placeholder: no component of the design runs in a container yet (one-shot)',
      image: 'busybox:1.36.1',
      command: ['echo', 'No component of this design runs in a container yet: add services, brokers or stores and generate again.'],
      environment: {},
      publishes: false,
      binds: [],
      volumes: [],
      needs: [],
      oneShot: true,
    });
  }
  // A service you build gets each credential setting of its component as an environment variable.
  for (const f of found) {
    const setting = /^nodes\[\d+\]\.props\.(.+)$/.exec(f.path)?.[1];
    const c = ctx.node(f.owner);
    const spec = c ? ctx.services.get(c.service) : undefined;
    if (!f.whole || !setting || !spec || !c || spec.node !== c.id || !c.roles.includes('built')) continue;
    if (!(f.key in spec.environment)) spec.environment[f.key] = { parts: [ref(f.variable)] };
  }
  const compose = buildCompose(ctx);
  const title = oneLine(doc.name, 100) || 'Design';
  // Comments may hold labels (any text); only values can refer to variables.
  // Credentials typed into the design are listed whether or not a container reads them: validation
  // tells the user to set them in .env, and other files show the reference where the value was.
  const used = ctx.env.used([...composeRefs(compose.text.replace(/^\s*#.*$/gm, '')), ...found.map((f) => f.variable)]);
  const files: OutputFile[] = [
    { path: 'docker-compose.yml', content: compose.text },
    { path: '.env.example', content: ctx.env.render(title, used) },
    { path: 'README.md', content: renderReadme(ctx, compose, used) },
  ];
  const config = [...ctx.files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return [...files, ...config];
}

export default generateStack;
