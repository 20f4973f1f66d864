import type { Component } from '../../shared/resolve';

/** What the database kinds share: who needs a transactional outbox, table names. */

/**
 * Name of the statistics-only user a database's metrics exporter reads with (its password is the
 * database's MONITOR_PASSWORD credential): never the superuser.
 */
export const MONITOR_USER = 'exporter';

/** Components that write to database `db` over SQL and publish to a broker: they need a transactional outbox. */
export function outboxWriters(db: Component): Component[] {
  const out: Component[] = [];
  for (const e of db.in) {
    if (e.protocol !== 'sql' || e.props.access === 'read') continue;
    const svc = e.from;
    const publishes = svc.out.some((m) => m.kind === 'message' && m.client === svc && m.server !== svc && !!m.server?.roles.includes('broker'));
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
