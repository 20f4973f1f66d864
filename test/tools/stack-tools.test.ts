import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chownSync, copyFileSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { basename, join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateStack } from '../../generators/stack';
import type { OutputFile } from '../../generators/types';
import type { Topology } from '../../shared/model/types';
import { ROOT, bundlePaths, designFiles, findTool, freePort, loadDesign, output, run, sleep, tempDir, toolAvailable, writeBundle } from './helpers';

/**
 * Every example design and every test design (one of them uses every catalog kind) is turned
 * into a starter stack in a temporary folder, and the real tools check what came out:
 * the Compose Specification schema, docker-compose 1.29, nginx -t, promtool, RabbitMQ's
 * import_definitions, PostgreSQL running the init scripts, and mosquitto.
 */

interface Case {
  name: string;
  doc: Topology;
  files: OutputFile[];
  dir: string;
}

const cases: Case[] = designFiles().map((path) => {
  const doc = loadDesign(path);
  const files = generateStack(doc);
  return { name: basename(path), doc, files, dir: writeBundle(files, tempDir(basename(path, '.topo.yaml'))) };
});

afterAll(() => {
  for (const c of cases) rmSync(c.dir, { recursive: true, force: true });
});

describe('the designs under test', () => {
  it('include the bundled examples and a design that uses every catalog kind', async () => {
    const { KINDS } = await import('../../shared/catalog');
    const every = cases.find((c) => c.name === 'every-kind.topo.yaml');
    expect(every, 'test/fixtures/designs/every-kind.topo.yaml').toBeDefined();
    expect(new Set(every!.doc.nodes.map((n) => n.kind))).toEqual(new Set(KINDS.map((k) => k.id)));
    expect(cases.filter((c) => c.name !== 'every-kind.topo.yaml' && c.name !== 'orders.topo.yaml').length).toBeGreaterThan(0);
  });
});

describe('docker-compose.yml against the Compose Specification JSON schema (ajv)', () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/compose-spec.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false });
  const validate = ajv.compile(schema);
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const compose = parse(readFileSync(join(c.dir, 'docker-compose.yml'), 'utf8'), { version: '1.1' });
    const ok = validate(compose);
    expect(ok, JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(compose.version).toBeUndefined();
    expect(compose.name).toBeUndefined();
  });
});

const compose = findTool('docker-compose');
describe.skipIf(!toolAvailable('docker-compose', !!compose))('docker-compose config -q (Compose v1.29)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(compose, 'docker-compose is not installed').toBeDefined();
    copyFileSync(join(c.dir, '.env.example'), join(c.dir, '.env'));
    const r = run(compose!, ['--project-directory', c.dir, '-f', join(c.dir, 'docker-compose.yml'), 'config', '-q'], { cwd: c.dir, timeoutMs: 60_000 });
    expect(r.status, output(r)).toBe(0);
    // Every ${VAR} the file uses is in .env.example: compose warns about any it cannot find.
    expect(r.stderr, output(r)).not.toMatch(/variable is not set/i);
  });
});

const nginx = findTool('nginx', ['/usr/sbin/nginx']);
describe.skipIf(!toolAvailable('nginx', !!nginx))('nginx -t on every generated nginx config', () => {
  const confs = cases.flatMap((c) => bundlePaths(c.files, /\/(nginx|stand-in)\.conf$/).map((p) => [`${c.name}: ${p}`, c, p] as const));
  it.each(confs)('%s', (_label, c, p) => {
    expect(nginx, 'nginx is not installed').toBeDefined();
    const prefix = tempDir('nginx');
    try {
      let conf = join(c.dir, p);
      if (p.endsWith('stand-in.conf')) {
        // A stand-in is a server block for conf.d: test it inside a minimal main config.
        conf = join(prefix, 'main.conf');
        writeFileSync(conf, `events {}\nhttp {\n    include ${join(c.dir, p)};\n}\n`);
      }
      const r = run(nginx!, ['-t', '-p', prefix, '-c', conf, '-g', `pid ${join(prefix, 'nginx.pid')}; error_log stderr;`], { timeoutMs: 20_000 });
      expect(r.status, output(r)).toBe(0);
      expect(r.stderr, output(r)).toMatch(/test is successful/);
    } finally {
      rmSync(prefix, { recursive: true, force: true });
    }
  });
});

const promtool = findTool('promtool');
describe.skipIf(!toolAvailable('promtool', !!promtool))('promtool check config / check rules', () => {
  const proms = cases.flatMap((c) => bundlePaths(c.files, /^config\/[^/]+\/prometheus\.yml$/).map((p) => [`${c.name}: ${p}`, c, p] as const));
  it.each(proms)('%s', (_label, c, p) => {
    expect(promtool, 'promtool is not installed').toBeDefined();
    const cfg = run(promtool!, ['check', 'config', join(c.dir, p)], { timeoutMs: 30_000 });
    expect(cfg.status, output(cfg)).toBe(0);
    expect(cfg.stdout, output(cfg)).toMatch(/SUCCESS: 1 rule files found/);
    const rules = join(c.dir, p.replace(/prometheus\.yml$/, 'rules/alerts.yml'));
    const r = run(promtool!, ['check', 'rules', rules], { timeoutMs: 30_000 });
    expect(r.status, output(r)).toBe(0);
    expect(r.stdout, output(r)).toMatch(/SUCCESS: \d+ rules found/);
  });
});

describe('generated shell scripts parse (sh -n, bash -n) and init JavaScript parses (node --check)', () => {
  const scripts = cases.flatMap((c) => bundlePaths(c.files, /\.(sh|js)$/).map((p) => [`${c.name}: ${p}`, c, p] as const));
  it.each(scripts)('%s', (_label, c, p) => {
    const file = join(c.dir, p);
    const r = p.endsWith('.js')
      ? run(process.execPath, ['--check', file])
      : run(readFileSync(file, 'utf8').startsWith('#!/bin/bash') ? 'bash' : 'sh', ['-n', file]);
    expect(r.status, output(r)).toBe(0);
    if (p.endsWith('.sh')) expect(c.files.find((f) => f.path === p)!.mode, 'executable').toBe(0o755);
  });
});

// ── RabbitMQ: a throwaway node with its own name, ports, data and epmd ───────

const rabbitSbin = (() => {
  const base = '/usr/lib/rabbitmq/lib';
  if (existsSync(base)) {
    for (const d of readdirSync(base).sort().reverse()) {
      const sbin = join(base, d, 'sbin');
      if (existsSync(join(sbin, 'rabbitmq-server'))) return sbin;
    }
  }
  const server = findTool('rabbitmq-server');
  return server ? server.replace(/\/rabbitmq-server$/, '') : undefined;
})();

describe.skipIf(!toolAvailable('rabbitmq-server', !!rabbitSbin))('RabbitMQ rabbitmqctl import_definitions', () => {
  const defs = cases.flatMap((c) => bundlePaths(c.files, /^config\/[^/]+\/definitions\.json$/).map((p) => [`${c.name}: ${p}`, c, p] as const));
  let home = '';
  let env: NodeJS.ProcessEnv = {};
  let node = '';
  let server: ChildProcess | undefined;
  const ctl = (...args: string[]) => run(join(rabbitSbin!, 'rabbitmqctl'), ['-n', node, ...args], { env, timeoutMs: args[0] === 'stop' ? 20_000 : 60_000 });

  beforeAll(async () => {
    expect(rabbitSbin, 'rabbitmq-server is not installed').toBeDefined();
    home = tempDir('rabbitmq');
    const [amqp, dist, epmd] = [await freePort(), await freePort(), await freePort()];
    node = `topoforge${process.pid}@localhost`;
    writeFileSync(join(home, 'enabled_plugins'), '[].\n');
    writeFileSync(join(home, 'rabbitmq.conf'), `listeners.tcp.default = ${amqp}\n`);
    env = {
      ...process.env,
      HOME: home,
      RABBITMQ_NODENAME: node,
      RABBITMQ_NODE_PORT: String(amqp),
      RABBITMQ_DIST_PORT: String(dist),
      ERL_EPMD_PORT: String(epmd),
      RABBITMQ_MNESIA_BASE: join(home, 'mnesia'),
      RABBITMQ_LOG_BASE: join(home, 'log'),
      RABBITMQ_ENABLED_PLUGINS_FILE: join(home, 'enabled_plugins'),
      RABBITMQ_CONFIG_FILE: join(home, 'rabbitmq.conf'),
      RABBITMQ_PID_FILE: join(home, 'rabbit.pid'),
      RABBITMQ_PLUGINS_EXPAND_DIR: join(home, 'plugins-expand'),
    };
    server = spawn(join(rabbitSbin!, 'rabbitmq-server'), [], { env, stdio: 'ignore' });
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (ctl('-q', 'await_startup', '--timeout', '5').status === 0) break;
      if (Date.now() > deadline || server.exitCode !== null) throw new Error(`the throwaway RabbitMQ node did not start (see ${join(home, 'log')})`);
      await sleep(1000);
    }
  }, 120_000);

  afterAll(async () => {
    if (node) ctl('stop');
    if (server && server.exitCode === null) {
      await Promise.race([new Promise((r) => server!.once('exit', r)), sleep(15_000)]);
      if (server.exitCode === null) server.kill('SIGKILL');
    }
    if (env.ERL_EPMD_PORT) run('epmd', ['-port', env.ERL_EPMD_PORT, '-kill'], { env, timeoutMs: 10_000 });
    if (home) rmSync(home, { recursive: true, force: true });
  }, 60_000);

  it.each(defs)('%s', async (_label, c, p) => {
    const file = join(c.dir, p);
    const d = JSON.parse(readFileSync(file, 'utf8')) as { vhosts: Array<{ name: string }>; queues: Array<{ name: string; vhost: string }>; exchanges: Array<{ name: string; vhost: string }> };
    // Start from empty virtual hosts, so that designs with the same queue names do not clash.
    for (const v of d.vhosts) ctl('delete_vhost', v.name);
    const r = ctl('import_definitions', file);
    expect(r.status, output(r)).toBe(0);
    for (const v of d.vhosts) {
      const want = d.queues.filter((q) => q.vhost === v.name).map((q) => q.name).sort();
      let got: string[] = [];
      for (let i = 0; i < 20; i++) {
        const l = ctl('-q', 'list_queues', '-p', v.name, '--no-table-headers', 'name');
        expect(l.status, output(l)).toBe(0);
        got = l.stdout.split('\n').map((s) => s.trim()).filter(Boolean).sort();
        if (got.length >= want.length) break;
        await sleep(500);
      }
      expect(got).toEqual(want);
      const ex = ctl('-q', 'list_exchanges', '-p', v.name, '--no-table-headers', 'name');
      const exchanges = ex.stdout.split('\n').map((s) => s.trim());
      for (const x of d.exchanges.filter((e) => e.vhost === v.name)) expect(exchanges).toContain(x.name);
    }
  }, 90_000);
});

// ── PostgreSQL: a temporary cluster that runs each design's init scripts ─────

const pgBin = (() => {
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    for (const v of readdirSync(base).sort((a, b) => Number(b) - Number(a))) if (existsSync(join(base, v, 'bin', 'initdb'))) return join(base, v, 'bin');
  }
  const initdb = findTool('initdb');
  return initdb ? initdb.replace(/\/initdb$/, '') : undefined;
})();

describe.skipIf(!toolAvailable('PostgreSQL (initdb)', !!pgBin))('PostgreSQL runs the generated init scripts', () => {
  const dbs = cases.flatMap((c) =>
    c.doc.nodes.filter((n) => n.kind === 'postgres').map((n) => [`${c.name}: ${n.id}`, c, n.id] as const),
  );
  let dir = '';
  let port = 0;
  const asPostgres = (cmd: string, args: string[]) => (process.getuid?.() === 0 ? run('runuser', ['-u', 'postgres', '--', cmd, ...args], { timeoutMs: 60_000 }) : run(cmd, args, { timeoutMs: 60_000 }));
  const psqlEnv = () => ({ ...process.env, PGHOST: dir, PGPORT: String(port) });
  const psql = (db: string, sql: string) => run(join(pgBin!, 'psql'), ['-X', '-v', 'ON_ERROR_STOP=1', '-U', 'topoforge', '-d', db, '-Atc', sql], { env: psqlEnv() });

  beforeAll(async () => {
    expect(pgBin, 'PostgreSQL is not installed').toBeDefined();
    dir = tempDir('postgres');
    if (process.getuid?.() === 0) chownSync(dir, Number(run('id', ['-u', 'postgres']).stdout.trim()), Number(run('id', ['-g', 'postgres']).stdout.trim()));
    port = await freePort();
    const init = asPostgres(join(pgBin!, 'initdb'), ['-D', join(dir, 'data'), '-U', 'topoforge', '-A', 'trust', '--no-sync']);
    expect(init.status, output(init)).toBe(0);
    const start = asPostgres(join(pgBin!, 'pg_ctl'), ['-D', join(dir, 'data'), '-l', join(dir, 'log'), '-w', '-t', '60', '-o', `-p ${port} -k ${dir} -c listen_addresses='' -c wal_level=logical -c fsync=off`, 'start']);
    expect(start.status, output(start)).toBe(0);
  }, 120_000);

  afterAll(() => {
    if (dir && existsSync(join(dir, 'data', 'postmaster.pid'))) asPostgres(join(pgBin!, 'pg_ctl'), ['-D', join(dir, 'data'), '-m', 'immediate', '-w', 'stop']);
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it.each(dbs)('%s', (_label, c, id) => {
    const i = dbs.findIndex((x) => x[1] === c && x[2] === id);
    const db = `design${i}`;
    const appUser = `app ${i} "quoted" 'user'`;
    const created = psql('postgres', `CREATE DATABASE ${db}`);
    expect(created.status, output(created)).toBe(0);
    const initDir = join(c.dir, 'config', id, 'init');
    const scripts = readdirSync(initDir).sort();
    expect(scripts[0]).toBe('00-users.sh');
    for (const s of scripts) {
      const env = { ...psqlEnv(), POSTGRES_USER: 'topoforge', POSTGRES_DB: db, APP_DB_USER: appUser, APP_DB_PASSWORD: `pa'ss"word; DROP TABLE x; --${i}` };
      const r = s.endsWith('.sh')
        ? run('sh', [join(initDir, s)], { env })
        : run(join(pgBin!, 'psql'), ['-X', '-v', 'ON_ERROR_STOP=1', '-U', 'topoforge', '-d', db, '-f', join(initDir, s)], { env });
      expect(r.status, `${s}: ${output(r)}`).toBe(0);
    }
    const node = c.doc.nodes.find((n) => n.id === id)!;
    const tables = psql(db, "SELECT schemaname || '.' || tablename FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')").stdout.split('\n').filter(Boolean);
    for (const t of (node.props.tables as string[] | undefined) ?? []) expect(tables).toContain(t.includes('.') ? t : `public.${t}`);
    // The application user exists, has a password, and may write the tables.
    const role = psql(db, `SELECT rolcanlogin, rolpassword IS NOT NULL FROM pg_authid WHERE rolname = $q$${appUser}$q$`);
    expect(role.stdout.trim(), output(role)).toBe('t|t');
    for (const t of tables) {
      const can = psql(db, `SELECT has_table_privilege($q$${appUser}$q$, $q$${t}$q$, 'INSERT')`);
      expect(can.stdout.trim(), `${t}: ${output(can)}`).toBe('t');
    }
    // An outbox where a service writes here and publishes to a broker; a publication per CDC connection.
    const brokers = new Set(c.doc.nodes.filter((n) => ['kafka', 'rabbitmq', 'nats', 'mqtt-broker', 'ibm-mq'].includes(n.kind)).map((n) => n.id));
    const writers = c.doc.edges.filter((e) => e.to === id && e.protocol === 'sql' && e.props?.access !== 'read').map((e) => e.from);
    const publishes = writers.some((w) => c.doc.edges.some((e) => e.from === w && brokers.has(e.to)));
    expect(tables.includes('public.outbox')).toBe(publishes || ((node.props.tables as string[] | undefined) ?? []).includes('outbox'));
    const cdc = c.doc.edges.filter((e) => e.from === id && e.protocol === 'cdc');
    const pubs = psql(db, 'SELECT pubname FROM pg_publication').stdout.split('\n').filter(Boolean);
    expect(pubs.length).toBe(cdc.length);
  }, 60_000);
});

// ── Mosquitto: start it with the generated config and check it stays up ─────

const mosquitto = findTool('mosquitto', ['/usr/sbin/mosquitto']);
describe.skipIf(!toolAvailable('mosquitto', !!mosquitto))('mosquitto -c with the generated mosquitto.conf', () => {
  const confs = cases.flatMap((c) => bundlePaths(c.files, /^config\/[^/]+\/mosquitto\.conf$/).map((p) => [`${c.name}: ${p}`, c, p] as const));
  const started: ChildProcess[] = [];
  afterAll(() => {
    for (const p of started) if (p.exitCode === null) p.kill('SIGKILL');
  });

  it.each(confs)('%s', async (_label, c, p) => {
    expect(mosquitto, 'mosquitto is not installed').toBeDefined();
    const dir = tempDir('mosquitto');
    try {
      const port = await freePort();
      // The container paths and port, moved to a temporary folder and a free port.
      const conf = readFileSync(join(c.dir, p), 'utf8').replace(/\/mosquitto\/data\//g, `${dir}/`).replace(/^listener 1883\b/m, `listener ${port} 127.0.0.1`);
      expect(conf).toContain(`listener ${port}`);
      writeFileSync(join(dir, 'mosquitto.conf'), conf);
      const passwd = findTool('mosquitto_passwd', ['/usr/bin/mosquitto_passwd']);
      expect(passwd, 'mosquitto_passwd is not installed').toBeDefined();
      expect(run(passwd!, ['-b', '-c', join(dir, 'passwd'), 'app', 'secret']).status).toBe(0);
      expect(run(passwd!, ['-b', join(dir, 'passwd'), 'healthcheck', 'secret2']).status).toBe(0);
      if (process.getuid?.() === 0) run('chown', ['-R', 'mosquitto', dir]);
      let log = '';
      const proc = spawn(mosquitto!, ['-c', join(dir, 'mosquitto.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
      started.push(proc);
      proc.stdout!.on('data', (d) => (log += String(d)));
      proc.stderr!.on('data', (d) => (log += String(d)));
      let accepted = false;
      for (let i = 0; i < 30 && !accepted && proc.exitCode === null; i++) {
        await sleep(200);
        accepted = await new Promise<boolean>((res) => {
          const s = connect(port, '127.0.0.1', () => {
            s.destroy();
            res(true);
          });
          s.on('error', () => res(false));
        });
      }
      await sleep(500);
      expect(proc.exitCode, `mosquitto exited: ${log}`).toBeNull();
      expect(accepted, `mosquitto did not accept connections on ${port}: ${log}`).toBe(true);
      proc.kill('SIGTERM');
      await Promise.race([new Promise((r) => proc.once('exit', r)), sleep(5000)]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
