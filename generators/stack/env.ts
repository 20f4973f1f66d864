import { oneLine, upperSnake } from './text';

/**
 * The variables of `.env.example`. Every credential and every per-environment setting the stack
 * reads is declared here and referenced as `${NAME}`; nothing secret is written anywhere else.
 */

export interface EnvVar {
  name: string;
  /** Node the variable belongs to (for grouping in `.env.example`). */
  owner: string;
  /** What goes after `=` in `.env.example`. */
  example: string;
  comment: string;
  secret: boolean;
}

export const SECRET_PLACEHOLDER = 'change-me';

export class EnvRegistry {
  private readonly byKey = new Map<string, EnvVar>();
  private readonly byName = new Map<string, EnvVar>();
  private readonly order: EnvVar[] = [];

  /**
   * The variable for (`owner`, `key`), e.g. (`orders-db`, `PASSWORD`) -> `ORDERS_DB_PASSWORD`,
   * created on first use. Two owners whose names would clash get distinct names.
   */
  define(owner: string, key: string, opts: { example?: string; comment: string; secret?: boolean }): string {
    const k = `${owner}\u0000${key}`;
    const existing = this.byKey.get(k);
    if (existing) return existing.name;
    const base = `${upperSnake(owner)}_${key}`;
    let name = base;
    for (let i = 2; this.byName.has(name); i++) name = `${base}_${i}`;
    const secret = opts.secret ?? false;
    const v: EnvVar = { name, owner, example: opts.example ?? (secret ? SECRET_PLACEHOLDER : ''), comment: opts.comment, secret };
    this.byKey.set(k, v);
    this.byName.set(name, v);
    this.order.push(v);
    return name;
  }

  /** `${NAME}` of a defined variable. */
  ref(owner: string, key: string, opts: { example?: string; comment: string; secret?: boolean }): string {
    return `\${${this.define(owner, key, opts)}}`;
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  all(): readonly EnvVar[] {
    return this.order;
  }

  /** `.env.example`; variables grouped by their node, nodes in `order` (design order) first. */
  render(title: string, order: readonly string[] = []): string {
    const lines = [
      `# Environment of the ${title} starter stack.`,
      '# Copy this file to .env and replace every change-me before you start the stack:',
      '#   cp .env.example .env',
      '# Keep .env out of version control: it holds the credentials of every component.',
      '',
    ];
    const byOwner = new Map<string, EnvVar[]>();
    for (const v of this.order) {
      const list = byOwner.get(v.owner);
      if (list) list.push(v);
      else byOwner.set(v.owner, [v]);
    }
    const owners = new Set(order.filter((o) => byOwner.has(o)));
    for (const o of byOwner.keys()) owners.add(o);
    [...owners].forEach((owner, i) => {
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
