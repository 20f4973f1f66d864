import { MESSAGING_PROTOCOLS } from '../../shared/model/types';
import type { RNode, StackContext } from './context';
import { connectionOf, hasRole } from './context';
import { str } from '../../shared/resolve/props';

/** What the database kinds share: who needs a transactional outbox, table names. */

/** Services that write to database `db` and also publish to a broker: they need a transactional outbox. */
export function outboxWriters(ctx: StackContext, db: RNode): RNode[] {
  const out: RNode[] = [];
  for (const e of ctx.edgesTo(db, ['sql'])) {
    const access = str(e.props, 'access') || 'read-write';
    if (access === 'read') continue;
    const svc = e.from;
    const publishes = ctx.edgesFrom(svc, MESSAGING_PROTOCOLS).some((m) => hasRole('broker')(m.to) && connectionOf(m)?.client === svc);
    if (publishes && !out.includes(svc)) out.push(svc);
  }
  return out;
}

export interface Table {
  schema: string;
  name: string;
}

export function parseTable(t: string, defaultSchema: string): Table | undefined {
  const m = /^(?:([a-z_][a-z0-9_]{0,62})\.)?([a-z_][a-z0-9_]{0,62})$/.exec(t);
  if (!m) return undefined;
  return { schema: m[1] ?? defaultSchema, name: m[2]! };
}
