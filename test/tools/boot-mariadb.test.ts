import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturedTables } from '../../shared/resolve';
import { findTool, output, run, toolAvailable } from './helpers';
import { Procs, bootCases, freePort, interpolate, readerLogins, removeCases, serviceEnv, tempDir, waitFor, requiredCredentials } from './boot';

/**
 * MariaDB (Debian's MySQL) runs each MySQL database's generated init files as the MySQL image
 * does (after creating the database and MYSQL_USER with every right on it): the tables exist,
 * the outbox takes a row without an id, the application user creates its own tables, and the
 * replication user of change data capture has the binlog privileges and SELECT on this database
 * only, no administration (SUPER, ALL).
 */

const mariadbd = findTool('mariadbd', ['/usr/sbin/mariadbd']);
const client = findTool('mariadb', ['/usr/bin/mariadb']) ?? findTool('mysql');
const cases = bootCases();
const dbs = cases.flatMap((c) => c.resolved.components.filter((x) => x.kind.id === 'mysql').map((b) => [c, b] as const));
afterAll(() => removeCases(cases));

describe.skipIf(!toolAvailable('mariadb-server', !!mariadbd && !!client) || dbs.length === 0)('boot: MariaDB runs the generated MySQL init files', () => {
  const procs = new Procs();
  let dir = '';
  let port = 0;
  const rootPassword = 'root pw "q" \\ x';
  const sock = () => join(dir, 'mysqld.sock');
  const sql = (user: string, password: string, statement: string, db = '') =>
    run(client!, ['--protocol=tcp', '-h', '127.0.0.1', '-P', String(port), '-u', user, `-p${password}`, '-N', '-B', ...(db ? [db] : []), '-e', statement], { timeoutMs: 30_000 });
  const rootSql = (statement: string, db = '') => run(client!, ['--protocol=socket', `--socket=${sock()}`, '-uroot', `-p${rootPassword}`, '-N', '-B', ...(db ? [db] : []), '-e', statement], { timeoutMs: 30_000 });

  beforeAll(async () => {
    dir = tempDir('mariadb');
    port = await freePort();
    const root = process.getuid?.() === 0;
    if (root) run('chown', ['-R', 'mysql', dir]);
    const install = run('mariadb-install-db', [`--datadir=${join(dir, 'data')}`, '--auth-root-authentication-method=normal', '--skip-test-db', ...(root ? ['--user=mysql'] : [])], { timeoutMs: 120_000 });
    expect(install.status, output(install)).toBe(0);
    const srv = procs.start(mariadbd!, [`--datadir=${join(dir, 'data')}`, `--socket=${sock()}`, `--port=${port}`, '--bind-address=127.0.0.1', `--pid-file=${join(dir, 'pid')}`, '--skip-log-error', '--log-bin=mysql-bin', '--binlog-format=ROW', '--server-id=1', ...(root ? ['--user=mysql'] : [])]);
    await waitFor('mariadbd', () => existsSync(sock()) && run(client!, ['--protocol=socket', `--socket=${sock()}`, '-uroot', '-e', 'SELECT 1']).status === 0, 60_000).catch((e) => {
      throw new Error(`${e.message}\n${procs.log(srv)}`);
    });
    // The container's mysql client finds the server's socket where the image puts it; here it is in the temporary folder.
    mkdirSync(join(dir, 'bin'));
    writeFileSync(join(dir, 'bin', 'mysql'), `#!/bin/sh\nexec ${client} --socket=${sock()} "$@"\n`);
    chmodSync(join(dir, 'bin', 'mysql'), 0o755);
    const pw = rootPassword.replace(/\\/g, '\\\\').replace(/'/g, "''");
    const set = run(client!, ['--protocol=socket', `--socket=${sock()}`, '-uroot', '-e', `ALTER USER 'root'@'localhost' IDENTIFIED BY '${pw}'`]);
    expect(set.status, output(set)).toBe(0);
  }, 120_000);

  afterAll(async () => {
    await procs.stopAll();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it.each(dbs.map(([c, b], i) => [`${c.name}: ${b.service}`, c, b, i] as const))('%s', (_label, c, b, i) => {
    // No .env, or a credential left blank: docker compose refuses to start it (never an open server).
    expect(requiredCredentials(c, b).length).toBeGreaterThan(0);
    const env = serviceEnv(c, b.service);
    const db = `d${i}_${env.MYSQL_DATABASE!.replace(/[^a-z0-9_]/g, '_')}`;
    const lit = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
    // What the MySQL image does before the init files: the database and MYSQL_USER with every right on it.
    const image = rootSql(`CREATE DATABASE \`${db}\`; CREATE USER ${lit(env.MYSQL_USER!)}@'%' IDENTIFIED BY ${lit(env.MYSQL_PASSWORD!)}; GRANT ALL ON \`${db}\`.* TO ${lit(env.MYSQL_USER!)}@'%';`);
    expect(image.status, output(image)).toBe(0);
    const initDir = join(c.dir, 'config', b.id, 'init');
    for (const f of readdirSync(initDir).sort()) {
      const file = join(initDir, f);
      const r = f.endsWith('.sql')
        ? rootSql(readFileSync(file, 'utf8').replace(/^USE `[^`]+`;$/m, `USE \`${db}\`;`))
        : run('sh', [file], { env: { ...process.env, ...env, MYSQL_DATABASE: db, MYSQL_ROOT_PASSWORD: rootPassword, MYSQL_UNIX_PORT: sock(), PATH: `${join(dir, 'bin')}:${process.env.PATH}` } });
      expect(r.status, `${f}: ${output(r)}`).toBe(0);
    }
    const tables = rootSql('SHOW TABLES', db).stdout.split('\n').filter(Boolean);
    for (const t of (b.props.tables as string[] | undefined) ?? []) expect(tables).toContain(t);
    if (tables.includes('outbox')) {
      // The outbox id has a default: a row without one goes in.
      const row = sql(env.MYSQL_USER!, env.MYSQL_PASSWORD!, `INSERT INTO outbox (aggregatetype, aggregateid, type, payload) VALUES ('a', '1', 't', '{}'); SELECT count(*) FROM outbox WHERE id IS NOT NULL`, db);
      expect(row.stdout.trim(), output(row)).toBe('1');
    }
    // The application user creates its own tables.
    const own = sql(env.MYSQL_USER!, env.MYSQL_PASSWORD!, 'CREATE TABLE app_made_this (id INT); INSERT INTO app_made_this VALUES (1); SELECT count(*) FROM app_made_this', db);
    expect(own.stdout.trim(), output(own)).toBe('1');
    // Clients drawn with read access log in as the read-only user: it reads this database (a
    // table the application user made after the init files too), and its writes are refused.
    for (const login of readerLogins(c, b, env)) {
      const read = sql(login.user, login.password, 'SELECT count(*) FROM app_made_this', db);
      expect(read.stdout.trim(), output(read)).toBe('1');
      const write = sql(login.user, login.password, 'INSERT INTO app_made_this VALUES (2)', db);
      expect(write.stderr, 'the database refuses a reader\'s write').toMatch(/command denied/i);
      expect(sql(login.user, login.password, 'SHOW GRANTS').stdout).not.toMatch(/INSERT|UPDATE|DELETE|ALL PRIVILEGES|ON \*\.\*.*SELECT/);
    }
    // Scraped: the exporter logs in as its own user, which reads statistics and no data.
    const scraped = c.resolved.observability.scrapes.some((x) => x.target === b && x.via === 'exporter');
    expect(env.MONITOR_DB_PASSWORD !== undefined, 'a password for the exporter exactly when it is scraped').toBe(scraped);
    if (scraped) {
      const exporter = c.compose.services[`${b.service}-exporter`]!;
      expect(exporter.command).toContain('--mysqld.username=exporter');
      expect(interpolate(String(exporter.environment!.MYSQLD_EXPORTER_PASSWORD), c.env)).toBe(env.MONITOR_DB_PASSWORD);
      const grants = sql('exporter', env.MONITOR_DB_PASSWORD!, 'SHOW GRANTS').stdout;
      expect(grants).toMatch(/PROCESS/);
      expect(grants).not.toMatch(/SUPER|ALL PRIVILEGES|ON `d/);
      const status = sql('exporter', env.MONITOR_DB_PASSWORD!, "SHOW GLOBAL STATUS LIKE 'Threads_connected'");
      expect(status.stdout, output(status)).toMatch(/Threads_connected/);
      expect(sql('exporter', env.MONITOR_DB_PASSWORD!, 'SELECT count(*) FROM app_made_this', db).status, 'the exporter reads no data').not.toBe(0);
    }
    const cdc = b.out.filter((e) => e.protocol === 'cdc' && e.to.roles.includes('cdc-connector'));
    if (cdc.length === 0) {
      expect(env.CDC_DB_USER).toBeUndefined();
      return;
    }
    // The replication user: binlog privileges, SELECT on this database, nothing that administers.
    const grants = sql(env.CDC_DB_USER!, env.CDC_DB_PASSWORD!, 'SHOW GRANTS').stdout;
    expect(grants).toMatch(/REPLICATION SLAVE/);
    expect(grants).toMatch(/REPLICATION CLIENT|BINLOG MONITOR/);
    expect(grants).not.toMatch(/SUPER|ALL PRIVILEGES ON \*\.\*/);
    for (const t of cdc.flatMap((e) => capturedTables(b, e))) {
      const r = sql(env.CDC_DB_USER!, env.CDC_DB_PASSWORD!, `SELECT count(*) FROM \`${t.table}\``, db);
      expect(r.status, `${t.table}: ${output(r)}`).toBe(0);
    }
    const binlog = sql(env.CDC_DB_USER!, env.CDC_DB_PASSWORD!, 'SHOW MASTER STATUS');
    expect(binlog.status, output(binlog)).toBe(0);
    const refused = sql(env.CDC_DB_USER!, env.CDC_DB_PASSWORD!, 'CREATE TABLE nope (id INT)', db);
    expect(refused.status).not.toBe(0);
  }, 60_000);
});
