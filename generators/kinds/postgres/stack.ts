import type { StackFacet } from '../types';
import type { RNode, StackContext } from '../../stack/context';
import { capturedTables, cdcReadsOf, hasReaders } from '../../../shared/resolve';
import { oneLine, pgIdent } from '../../stack/text';
import { cfg, dataVolume, mainService } from '../../stack/base';
import { scrapedThroughExporter } from '../../stack/observability';
import { MONITOR_USER, outboxWriters, parseTable } from '../../stack/databases';
import type { Table } from '../../stack/databases';
import { publicationOf } from '../../stack/cdc';
import { num, str, strs } from '../../../shared/resolve/props';
import { cred } from '../env';

/**
 * PostgreSQL: the database, its application user (which owns the application schema, creates
 * and alters its tables), a read-only user when a client is drawn with read access, and, when change data capture reads it, a replication user that is not
 * a superuser and may only read the captured tables, with a publication of exactly those tables.
 * Credentials come from the environment into psql variables, which quote them (:"x" as an
 * identifier, :'x' as a literal), so nothing in them can change the SQL.
 */

/**
 * Roles: the application user (owner of the schema), with CDC the replication user, with clients
 * drawn read-only the read-only user, and when the database is scraped the exporter's user
 * (pg_monitor: statistics, no data, no superuser).
 */
export function pgUsersScript(cdc: boolean, monitor = false, reader = false): string {
  return `#!/bin/sh
# Creates the application user from the environment (APP_DB_USER, APP_DB_PASSWORD): it owns the
# application schema, so it creates and alters its own tables.${cdc ? `
# Creates the replication user change data capture reads with (CDC_DB_USER, CDC_DB_PASSWORD):
# REPLICATION, not a superuser; 01-schema.sh lets it read the captured tables only.` : ''}${reader ? `
# Creates the read-only user the clients drawn with read access log in as (READER_DB_USER,
# READER_DB_PASSWORD): 01-schema.sh lets it SELECT the application's tables, nothing else.` : ''}${monitor ? `
# Creates the user the metrics exporter reads with (${MONITOR_USER}, MONITOR_DB_PASSWORD): a member
# of pg_monitor (statistics only), no superuser, no right on the application's tables.` : ''}
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \\
  -v app_user="$APP_DB_USER" -v app_password="$APP_DB_PASSWORD" -v db="$POSTGRES_DB"${cdc ? ' \\\n  -v cdc_user="$CDC_DB_USER" -v cdc_password="$CDC_DB_PASSWORD"' : ''}${reader ? ' \\\n  -v reader_user="$READER_DB_USER" -v reader_password="$READER_DB_PASSWORD"' : ''}${monitor ? ' \\\n  -v monitor_password="$MONITOR_DB_PASSWORD"' : ''} <<'EOSQL'
CREATE ROLE :"app_user" LOGIN PASSWORD :'app_password';
GRANT CONNECT, TEMPORARY, CREATE ON DATABASE :"db" TO :"app_user";
ALTER SCHEMA public OWNER TO :"app_user";${cdc ? `
CREATE ROLE :"cdc_user" LOGIN REPLICATION PASSWORD :'cdc_password';
GRANT CONNECT ON DATABASE :"db" TO :"cdc_user";` : ''}${reader ? `
CREATE ROLE :"reader_user" LOGIN PASSWORD :'reader_password';
GRANT CONNECT ON DATABASE :"db" TO :"reader_user";` : ''}${monitor ? `
SELECT 'CREATE ROLE ${MONITOR_USER} LOGIN IN ROLE pg_monitor' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${MONITOR_USER}') \\gexec
ALTER ROLE ${MONITOR_USER} PASSWORD :'monitor_password';` : ''}
EOSQL
`;
}

/** The tables of database `n`: those listed, those captured, and the outbox where a service needs one. */
export function pgTables(n: RNode): { tables: Table[]; outbox: boolean; publications: Array<{ dbz: RNode; tables: Table[] }> } {
  const tables: Table[] = [];
  const add = (t: Table | undefined) => {
    if (t && !tables.some((x) => x.schema === t.schema && x.name === t.name)) tables.push(t);
  };
  for (const t of strs(n.props, 'tables')) add(parseTable(t, 'public'));
  const publications: Array<{ dbz: RNode; tables: Table[] }> = [];
  for (const e of cdcReadsOf(n)) {
    const list = capturedTables(n, e).map((t) => ({ schema: t.schema, name: t.table }));
    list.forEach(add);
    const existing = publications.find((p) => p.dbz === e.to);
    if (existing) for (const t of list) if (!existing.tables.some((x) => x.schema === t.schema && x.name === t.name)) existing.tables.push(t);
    if (!existing) publications.push({ dbz: e.to, tables: list });
  }
  const outbox = outboxWriters(n).length > 0 || tables.some((t) => t.schema === 'public' && t.name === 'outbox');
  return { tables: tables.filter((t) => !(t.schema === 'public' && t.name === 'outbox')), outbox, publications };
}

/** Tables (owned by the application user), publications, and what the replication user may read. */
export function pgSchemaScript(n: RNode): string {
  const { tables, outbox, publications } = pgTables(n);
  const writers = outboxWriters(n);
  const q = (t: Table) => `${pgIdent(t.schema)}.${pgIdent(t.name)}`;
  const cdc = publications.length > 0;
  const reader = hasReaders(n);
  const sql: string[] = ['-- Created by the application user: it owns them.', 'SET ROLE :"app_user";'];
  for (const schema of [...new Set(tables.map((t) => t.schema))]) if (schema !== 'public') sql.push(`CREATE SCHEMA IF NOT EXISTS ${pgIdent(schema)};`);
  for (const t of tables) {
    sql.push('', `CREATE TABLE IF NOT EXISTS ${q(t)} (`, '    "id" bigserial PRIMARY KEY,', `    "payload" jsonb NOT NULL DEFAULT '{}'::jsonb,`, '    "created_at" timestamptz NOT NULL DEFAULT now(),', '    "updated_at" timestamptz NOT NULL DEFAULT now()', ');');
  }
  if (outbox) {
    sql.push(
      '',
      writers.length > 0 ? `-- Transactional outbox: ${writers.map((w) => w.service).join(', ')} write here in the same transaction as their data;` : '-- Transactional outbox.',
      '-- change data capture (or a relay) publishes the rows to the broker.',
      'CREATE TABLE IF NOT EXISTS "public"."outbox" (',
      '    "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),',
      '    "aggregatetype" varchar(255) NOT NULL,',
      '    "aggregateid" varchar(255) NOT NULL,',
      '    "type" varchar(255) NOT NULL,',
      '    "payload" jsonb NOT NULL,',
      '    "created_at" timestamptz NOT NULL DEFAULT now()',
      ');',
      'CREATE INDEX IF NOT EXISTS "outbox_created_at_idx" ON "public"."outbox" ("created_at");',
    );
  }
  sql.push('', 'RESET ROLE;');
  for (const p of publications) {
    sql.push('', `-- Change data capture by ${p.dbz.service} (Debezium, pgoutput): exactly the captured tables.`);
    sql.push(`CREATE PUBLICATION ${pgIdent(publicationOf(p.dbz))} FOR TABLE ${p.tables.map(q).join(', ')};`);
  }
  if (reader) {
    // The read-only user: SELECT on the application's tables, those made here and those the
    // application user makes later (its default privileges), in every schema it owns.
    const schemas = ['public', ...new Set(tables.map((t) => t.schema).filter((x) => x !== 'public'))];
    sql.push('', '-- The read-only user reads the application\'s tables, now and later; it writes nothing.');
    for (const schema of schemas) sql.push(`GRANT USAGE ON SCHEMA ${pgIdent(schema)} TO :"reader_user";`, `GRANT SELECT ON ALL TABLES IN SCHEMA ${pgIdent(schema)} TO :"reader_user";`);
    sql.push('ALTER DEFAULT PRIVILEGES FOR ROLE :"app_user" GRANT USAGE ON SCHEMAS TO :"reader_user";', 'ALTER DEFAULT PRIVILEGES FOR ROLE :"app_user" GRANT SELECT ON TABLES TO :"reader_user";');
  }
  if (cdc) {
    const captured = publications.flatMap((p) => p.tables);
    sql.push('', '-- The replication user reads the captured tables, nothing else.');
    for (const schema of [...new Set(captured.map((t) => t.schema))]) sql.push(`GRANT USAGE ON SCHEMA ${pgIdent(schema)} TO :"cdc_user";`);
    for (const t of captured) sql.push(`GRANT SELECT ON ${q(t)} TO :"cdc_user";`);
  }
  return `#!/bin/sh
# Database ${str(n.props, 'database') || 'app'} of ${oneLine(n.service, 80)}, generated by Topoforge: runs once, on an
# empty data directory, after 00-users.sh. Replace the placeholder columns with your own.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \\
  -v app_user="$APP_DB_USER"${cdc ? ' -v cdc_user="$CDC_DB_USER"' : ''}${reader ? ' -v reader_user="$READER_DB_USER"' : ''} <<'EOSQL'
${sql.join('\n')}
EOSQL
`;
}

function postgres(ctx: StackContext, n: RNode): void {
  const db = str(n.props, 'database') || 'app';
  const { publications } = pgTables(n);
  const cdc = publications.length > 0;
  const monitor = scrapedThroughExporter(ctx, n);
  const reader = hasReaders(n);
  const replication = str(n.props, 'replication');
  const command = ['postgres', '-c', `max_connections=${num(n.props, 'maxConnections') || 100}`];
  if (cdc || replication === 'logical') command.push('-c', 'wal_level=logical', '-c', 'max_replication_slots=10', '-c', 'max_wal_senders=10');
  else if (replication === 'streaming') command.push('-c', 'wal_level=replica', '-c', 'max_wal_senders=10');
  const spec = mainService(ctx, n, { command });
  const c = n.credentials;
  Object.assign(spec.environment, {
    POSTGRES_USER: cred(c.ADMIN_USER!),
    POSTGRES_PASSWORD: cred(c.ADMIN_PASSWORD!),
    POSTGRES_DB: db,
    APP_DB_USER: cred(c.APP_USER!),
    APP_DB_PASSWORD: cred(c.APP_PASSWORD!),
    ...(cdc ? { CDC_DB_USER: cred(c.CDC_USER!), CDC_DB_PASSWORD: cred(c.CDC_PASSWORD!) } : {}),
    ...(reader ? { READER_DB_USER: cred(c.READER_USER!), READER_DB_PASSWORD: cred(c.READER_PASSWORD!) } : {}),
    ...(monitor ? { MONITOR_DB_PASSWORD: cred(c.MONITOR_PASSWORD!) } : {}),
  });
  ctx.addFile(cfg(n, 'init/00-users.sh'), pgUsersScript(cdc, monitor, reader), 0o755);
  ctx.addFile(cfg(n, 'init/01-schema.sh'), pgSchemaScript(n), 0o755);
  spec.binds.push({ source: cfg(n, 'init'), target: '/docker-entrypoint-initdb.d', readOnly: true });
  spec.volumes.push({ name: dataVolume(n), target: '/var/lib/postgresql/data' });
}

export const stack: StackFacet = {
  services: postgres,
  exporter: (_ctx, t) => ({ environment: { DATA_SOURCE_URI: `${t.service}:${t.listenPort}/postgres?sslmode=disable`, DATA_SOURCE_USER: MONITOR_USER, DATA_SOURCE_PASS: cred(t.credentials.MONITOR_PASSWORD!) } }),
  requestMetrics: null,
  outside: null,
};
