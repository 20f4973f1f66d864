import type { ResolvedDesign } from '../../shared/resolve';
import { envText } from '../kinds/env';
import type { EnvValue } from '../kinds/env';
import { oneLine } from './text';

/**
 * The variables of `.env.example`, named by the resolved model: each component's credentials
 * (`<PREFIX>_<KEY>`) and the host ports it publishes (`<PREFIX>_<PORT>_PORT`), plus the few a
 * generator adds (a Keycloak client's secret, a credential typed into the design). Only the
 * variables `docker-compose.yml` uses are listed. Nothing secret is written anywhere else.
 */

export interface EnvVar {
  name: string;
  /** Who it belongs to (a service name, or `design`), for grouping in `.env.example`. */
  owner: string;
  /** What goes after `=` in `.env.example`. */
  example: string;
  comment: string;
  secret: boolean;
}

export const SECRET_PLACEHOLDER = 'change-me';

/** How Compose reads a reference: required (refusing to start without it) or with a default. */
export function composeRef(name: string, fallback?: string): string {
  return fallback !== undefined ? `\${${name}:-${fallback}}` : `\${${name}:?${name} is not set: copy .env.example to .env and fill it in}`;
}

/** A literal for a Compose file value: `$` is Compose's interpolation character. */
export function composeLiteral(s: string): string {
  // Most values hold no `$`: the search is cheaper than the regular expression's replace.
  return s.includes('$') ? s.replace(/\$/g, '$$$$') : s;
}

/** An environment value as Compose reads it: literal text with `$` doubled, references required. */
export function composeValue(v: EnvValue): string {
  return envText(v, (name, fallback) => composeRef(name, fallback), composeLiteral);
}

/** Every `${NAME...}` reference of a Compose text (not `$${...}`, which is a literal). */
export function composeRefs(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/(\$*)\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-?+][^}]*)?\}/g)) if (m[1]!.length % 2 === 0) out.add(m[2]!);
  return [...out];
}

export class EnvRegistry {
  private readonly byName = new Map<string, EnvVar>();
  private readonly order: EnvVar[] = [];
  private readonly owners: string[] = [];

  constructor(r?: ResolvedDesign) {
    if (!r) return;
    for (const c of r.components) {
      this.owners.push(c.service);
      for (const cr of Object.values(c.credentials)) this.declare({ name: cr.variable, owner: c.service, comment: cr.comment, example: cr.secret ? SECRET_PLACEHOLDER : cr.example || 'change-me', secret: cr.secret });
      for (const p of c.ports) {
        if (p.host === null || !p.variable) continue;
        this.declare({ name: p.variable, owner: c.service, comment: `Host port of ${c.service} (${p.name}), published on ${p.hostIp}`, example: String(p.host), secret: false });
      }
    }
  }

  /** A variable the stack may use (first declaration of a name wins). */
  declare(v: { name: string; owner: string; comment: string; example?: string; secret?: boolean }): string {
    if (this.byName.has(v.name)) return v.name;
    const secret = v.secret ?? false;
    const e: EnvVar = { name: v.name, owner: v.owner, comment: v.comment, secret, example: v.example ?? (secret ? SECRET_PLACEHOLDER : '') };
    this.byName.set(v.name, e);
    this.order.push(e);
    return v.name;
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  get(name: string): EnvVar | undefined {
    return this.byName.get(name);
  }

  /** The declared variables among `names`, in declaration order (unknown names throw: a generator bug). */
  used(names: Iterable<string>): EnvVar[] {
    const want = new Set(names);
    for (const n of want) if (!this.byName.has(n)) throw new Error(`The stack uses \${${n}}, which no component declares.`);
    return this.order.filter((v) => want.has(v.name));
  }

  /** `.env.example` with the variables `vars`, grouped by owner in design order. */
  render(title: string, vars: readonly EnvVar[]): string {
    const lines = [
      `# Environment of the ${title} starter stack.`,
      '# Copy this file to .env and replace every change-me before you start the stack:',
      '#   cp .env.example .env',
      '# docker compose refuses to start while a credential is missing or blank.',
      '# Keep .env out of version control: it holds the credentials of every component.',
      '',
    ];
    const byOwner = new Map<string, EnvVar[]>();
    for (const v of vars) {
      const l = byOwner.get(v.owner);
      if (l) l.push(v);
      else byOwner.set(v.owner, [v]);
    }
    const owners = [...new Set([...this.owners.filter((o) => byOwner.has(o)), ...byOwner.keys()])];
    owners.forEach((owner, i) => {
      if (i > 0) lines.push('');
      lines.push(`# ── ${oneLine(owner, 200)} ──`);
      for (const v of byOwner.get(owner)!) {
        // A comment can hold text from the design (a setting's name): one line, nothing a reader refuses.
        lines.push(`# ${oneLine(v.comment, 400)}${v.secret ? ' (secret)' : ''}`);
        lines.push(`${v.name}=${v.example}`);
      }
    });
    return `${lines.join('\n')}\n`;
  }
}
