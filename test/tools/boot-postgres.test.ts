import { chownSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturedTables } from '../../shared/resolve';
import { findTool, output, run, toolAvailable } from './helpers';
import { Procs, bootCases, freePort, readerLogins, removeCases, serviceEnv, startStandIn, tempDir, waitFor, requiredCredentials } from './boot';

/**
 * PostgreSQL (a throwaway cluster, password authentication over TCP) runs each database's
 * generated init scripts with the environment the compose file gives it: the application user
 * logs in with its password, owns its schema and creates tables; the replication user of change
 * data capture is no superuser, may replicate and read exactly the captured tables, and the
 * publication holds exactly those; a service's stand-in writes its outbox rows.
 */

const pgBin = (() => {
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) for (const v of readdirSync(base).sort((a, b) => Number(b) - Number(a))) if (existsSync(join(base, v, 'bin', 'initdb'))) return join(base, v, 'bin');
  const initdb = findTool('initdb');
  return initdb ? initdb.replace(/\/initdb$/, '') : undefined;
})();

const cases = bootCases();
const dbs = cases.flatMap((c) => c.resolved.components.filter((x) => x.kind.id === 'postgres').map((b) => [c, b] as const));
afterAll(() => removeCases(cases));

describe.skipIf(!toolAvailable('PostgreSQL (initdb)', !!pgBin) || dbs.length === 0)('boot: PostgreSQL runs the generated init scripts', () => {
  const procs = new Procs();
  let dir = '';
  let port = 0;
  const root = process.getuid?.() === 0;
  const asPostgres = (cmd: string, args: string[]) => (root ? run('runuser', ['-u', 'postgres', '--', cmd, ...args], { timeoutMs: 60_000 }) : run(cmd, args, { timeoutMs: 60_000 }));
  const sockEnv = () => ({ ...process.env, PGHOST: dir, PGPORT: String(port) });
  const psql = (db: string, sql: string) => run(join(pgBin!, 'psql'), ['-X', '-v', 'ON_ERROR_STOP=1', '-U', 'topoforge', '-d', db, '-Atc', sql], { env: sockEnv() });
  /** psql over TCP as `user` with `password` (SCRAM), as a service connects. */
  const tcp = (user: string, password: string, db: string, sql: string, extra: string[] = []) =>
    run(join(pgBin!, 'psql'), ['-X', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(port), '-U', user, '-d', db, ...extra, '-Atc', sql], { env: { ...process.env, PGPASSWORD: password } });

  beforeAll(async () => {
    expect(pgBin, 'PostgreSQL is not installed').toBeDefined();
    dir = tempDir('postgres');
    if (root) chownSync(dir, Number(run('id', ['-u', 'postgres']).stdout.trim()), Number(run('id', ['-g', 'postgres']).stdout.trim()));
    port = await freePort();
    const init = asPostgres(join(pgBin!, 'initdb'), ['-D', join(dir, 'data'), '-U', 'topoforge', '--auth-local=trust', '--auth-host=scram-sha-256', '--no-sync']);
    expect(init.status, output(init)).toBe(0);
    const start = asPostgres(join(pgBin!, 'pg_ctl'), ['-D', join(dir, 'data'), '-l', join(dir, 'log'), '-w', '-t', '60', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c wal_level=logical -c max_replication_slots=10 -c max_wal_senders=10 -c fsync=off`, 'start']);
    expect(start.status, output(start)).toBe(0);
  }, 120_000);

  afterAll(async () => {
    await procs.stopAll();
    if (dir && existsSync(join(dir, 'data', 'postmaster.pid'))) asPostgres(join(pgBin!, 'pg_ctl'), ['-D', join(dir, 'data'), '-m', 'immediate', '-w', 'stop']);
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it.each(dbs.map(([c, b], i) => [`${c.name}: ${b.service}`, c, b, i] as const))('%s', async (_label, c, b, i) => {
    // No .env, or a credential left blank: docker compose refuses to start it (never an open server).
    expect(requiredCredentials(c, b).length).toBeGreaterThan(0);
    const db = `d${i}_${(serviceEnv(c, b.service).POSTGRES_DB ?? 'app').replace(/[^a-z0-9_]/g, '_')}`;
    const created = psql('postgres', `CREATE DATABASE ${db}`);
    expect(created.status, output(created)).toBe(0);
    const env: Record<string, string | undefined> = { ...sockEnv(), ...serviceEnv(c, b.service), POSTGRES_USER: 'topoforge', POSTGRES_DB: db };
    const initDir = join(c.dir, 'config', b.id, 'init');
    const scripts = readdirSync(initDir).sort();
    expect(scripts).toEqual(['00-users.sh', '01-schema.sh']);
    for (const s of scripts) {
      const r = run('sh', [join(initDir, s)], { env: env as NodeJS.ProcessEnv });
      expect(r.status, `${s}: ${output(r)}`).toBe(0);
    }
    const app = { user: env.APP_DB_USER!, password: env.APP_DB_PASSWORD! };
    // The application user logs in with its password, owns the tables and creates its own.
    const tables = psql(db, "SELECT schemaname || '.' || tablename || ' ' || tableowner FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')").stdout.split('\n').filter(Boolean);
    for (const t of (b.props.tables as string[] | undefined) ?? []) expect(tables).toContain(`${t.includes('.') ? t : `public.${t}`} ${app.user}`);
    const own = tcp(app.user, app.password, db, 'CREATE TABLE app_made_this (id int); INSERT INTO app_made_this VALUES (1); SELECT count(*) FROM app_made_this');
    expect(own.stdout.trim().split('\n').at(-1), output(own)).toBe('1');
    // Clients drawn with read access log in as the read-only user: it reads the application's
    // tables (one the application user made after the init scripts too), and its writes are refused.
    for (const login of readerLogins(c, b, env as Record<string, string>)) {
      const read = tcp(login.user, login.password, db, 'SELECT count(*) FROM app_made_this');
      expect(read.stdout.trim(), output(read)).toBe('1');
      for (const t of (b.props.tables as string[] | undefined) ?? []) {
        const r = tcp(login.user, login.password, db, `SELECT count(*) FROM ${t.split('.').map((x) => `"${x}"`).join('.')}`);
        expect(r.status, `${t}: ${output(r)}`).toBe(0);
      }
      const write = tcp(login.user, login.password, db, 'INSERT INTO app_made_this VALUES (2)');
      expect(write.stderr, 'the database refuses a reader\'s write').toMatch(/permission denied/);
      const create = tcp(login.user, login.password, db, 'CREATE TABLE reader_made_this (id int)');
      expect(create.stderr, 'and its tables').toMatch(/permission denied/);
    }
    // Scraped: the exporter logs in as its own user (pg_monitor), no superuser, no data.
    const scraped = c.resolved.observability.scrapes.some((x) => x.target === b && x.via === 'exporter');
    expect(env.MONITOR_DB_PASSWORD !== undefined, 'a password for the exporter exactly when it is scraped').toBe(scraped);
    if (scraped) {
      const exporter = serviceEnv(c, `${b.service}-exporter`);
      expect(exporter.DATA_SOURCE_USER).toBe('exporter');
      expect(exporter.DATA_SOURCE_PASS).toBe(env.MONITOR_DB_PASSWORD);
      const role = tcp('exporter', env.MONITOR_DB_PASSWORD!, 'postgres', "SELECT rolsuper::text || ' ' || pg_has_role(current_user, 'pg_monitor', 'member')::text FROM pg_roles WHERE rolname = current_user");
      expect(role.stdout.trim(), output(role)).toBe('false true');
      const stats = tcp('exporter', env.MONITOR_DB_PASSWORD!, db, 'SELECT count(*) > 0 FROM pg_stat_database');
      expect(stats.stdout.trim(), output(stats)).toBe('t');
      expect(tcp('exporter', env.MONITOR_DB_PASSWORD!, db, 'SELECT count(*) FROM app_made_this').stderr, 'the exporter reads no data').toMatch(/permission denied/);
    }
    // Change data capture: a replication user that is no superuser reads exactly the captured tables.
    const cdc = b.out.filter((e) => e.protocol === 'cdc' && e.to.roles.includes('cdc-connector'));
    if (cdc.length === 0) {
      expect(env.CDC_DB_USER).toBeUndefined();
    } else {
      const cdcUser = env.CDC_DB_USER!;
      const role = psql(db, `SELECT rolsuper, rolreplication, rolcanlogin FROM pg_roles WHERE rolname = $q$${cdcUser}$q$`);
      expect(role.stdout.trim(), output(role)).toBe('f|t|t');
      const captured = [...new Set(cdc.flatMap((e) => capturedTables(b, e).map((t) => `${t.schema}.${t.table}`)))].sort();
      const published = psql(db, "SELECT schemaname || '.' || tablename FROM pg_publication_tables").stdout.split('\n').filter(Boolean).sort();
      expect([...new Set(published)]).toEqual(captured);
      for (const t of captured) {
        const r = tcp(cdcUser, env.CDC_DB_PASSWORD!, db, `SELECT count(*) FROM ${t.split('.').map((x) => `"${x}"`).join('.')}`);
        expect(r.status, `${t}: ${output(r)}`).toBe(0);
      }
      const other = tcp(cdcUser, env.CDC_DB_PASSWORD!, db, 'SELECT count(*) FROM app_made_this');
      expect(other.stderr, 'the replication user reads nothing else').toMatch(/permission denied/);
      // It can open a logical replication slot over the replication protocol, as Debezium does.
      const slot = tcp(cdcUser, env.CDC_DB_PASSWORD!, `dbname=${db} replication=database`, `CREATE_REPLICATION_SLOT topoforge_${i} LOGICAL pgoutput`);
      expect(slot.status, output(slot)).toBe(0);
      expect(psql(db, `SELECT pg_drop_replication_slot('topoforge_${i}')`).status).toBe(0);
    }
    // Each service that writes here runs its stand-in: it logs in and writes (its outbox rows, when it has one).
    for (const f of b.in.filter((e) => e.protocol === 'sql' && e.client && e.client !== b && e.client.roles.includes('built'))) {
      const P = b.envPrefix;
      const stand = await startStandIn(procs, c, f.client!.service, (t) => t === `sql:${P}`, { [`${P}_HOST`]: '127.0.0.1', [`${P}_PORT`]: String(port), [`${P}_DATABASE`]: db });
      const outbox = serviceEnv(c, f.client!.service)[`${P}_OUTBOX_TABLE`];
      if (outbox) await waitFor(`${f.client!.service} writes its outbox`, () => Number(psql(db, `SELECT count(*) FROM public.${outbox} WHERE aggregatetype = '${f.client!.service}'`).stdout.trim()) > 0, 15_000).catch((e) => {
        throw new Error(`${e.message}\n${stand.log()}`);
      });
      else await waitFor(`${f.client!.service} connects`, () => stand.log().includes(`sql ${P}: connected`), 15_000).catch((e) => {
        throw new Error(`${e.message}\n${stand.log()}`);
      });
      await procs.stop(stand.proc);
    }
  }, 90_000);
});
