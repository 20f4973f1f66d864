import type { RNode } from './context';
import { lowerSnake } from './text';

/** What a CDC connector and the databases it reads share: table lists, publication names. */

/** Tables named on a CDC connection: `schema.table` entries, or none (capture everything). */
export function cdcTables(raw: string, defaultSchema: string | undefined): { tables: string[]; all: boolean } {
  const entries = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (entries.length === 0) return { tables: [], all: true };
  const tables: string[] = [];
  let all = false;
  for (const t of entries) {
    if (t.includes('*')) all = true;
    const full = defaultSchema && !t.includes('.') ? `${defaultSchema}.${t}` : t;
    if (!tables.includes(full)) tables.push(full);
  }
  return { tables, all };
}

export const includeList = (tables: string[]): string => tables.map((t) => t.replace(/\./g, '\\.').replace(/\*/g, '.*')).join(',');

/** Name of the publication / replication slot a Debezium node uses on a PostgreSQL database. */
export const publicationOf = (dbz: RNode): string => `dbz_${lowerSnake(dbz.service)}`.slice(0, 63);
