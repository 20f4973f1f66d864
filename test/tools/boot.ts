import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { generateStack } from '../../generators/stack';
import type { OutputFile } from '../../generators/types';
import { expect } from 'vitest';
import { readsAsReader, resolve } from '../../shared/resolve';
import type { Component, ResolvedDesign } from '../../shared/resolve';
import type { Topology } from '../../shared/model/types';
import { ROOT, designFiles, freePort, loadDesign, sleep, tempDir, writeBundle } from './helpers';

/**
 * Boot tests: the real servers Debian ships, started as throwaway instances on 127.0.0.1 (free
 * ports, temporary folders, always stopped) with the configuration files of a GENERATED bundle,
 * and the stand-in program itself (assets/stand-in/stand-in.mjs, as the bundle carries it) as the
 * services of the design. The only changes made to a generated file are the ones a container
 * would make differently: listen ports, paths inside the container, host names of the stack's
 * network (each says where it is made).
 */

export const STAND_IN = join(ROOT, 'assets/stand-in/stand-in.mjs');

export interface ComposeService {
  image: string;
  command?: string[];
  entrypoint?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  ports?: string[];
}

export interface BootCase {
  name: string;
  doc: Topology;
  resolved: ResolvedDesign;
  files: OutputFile[];
  dir: string;
  compose: { services: Record<string, ComposeService>; networks?: Record<string, { internal?: boolean }> };
  /** A value for every variable of .env.example (what a user puts in .env). */
  env: Record<string, string>;
}

/** The bundled examples, the test designs (one uses every kind) and the realworld designs. */
export const bootDesignFiles = designFiles;

/**
 * Values for .env: user names of letters and digits; passwords with what breaks careless
 * configurations (spaces, quotes, a backslash, $, digits only) where the component must cope
 * with any character; API keys in the characters the gateways accept.
 */
export function envValues(envExample: string, seed: number): Record<string, string> {
  const out: Record<string, string> = {};
  let i = seed;
  for (const line of envExample.split('\n')) {
    const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line);
    if (!m) continue;
    const [, name, example] = m as unknown as [string, string, string];
    i++;
    if (/_PORT$/.test(name)) out[name] = example;
    else if (/_API_KEY$|_BASIC_PASSWORD$|_JWT_SECRET$|_REPLICA_KEY$/.test(name)) out[name] = `Key${i}x${seed}Zq8`;
    else if (/_(PASSWORD|SECRET|TOKEN|CREDENTIAL|SECRET_KEY)$/.test(name)) out[name] = i % 2 === 0 ? `${20240000 + i}` : `pw ${i} "q" \\ $x 'y'`;
    else if (/_(USER|ACCESS_KEY|BASIC_USER|ADMIN_USER|APP_USER|CDC_USER|DEVICE_USER|ROOT_USER)$/.test(name)) out[name] = `u${i}${name.toLowerCase().replace(/[^a-z]/g, '').slice(-6)}`;
    else out[name] = example && example !== 'change-me' ? example : `v${i}`;
  }
  return out;
}

export function bootCases(): BootCase[] {
  return bootDesignFiles().map((path, i) => {
    const doc = loadDesign(path);
    const files = generateStack(doc);
    const name = basename(path);
    const dir = writeBundle(files, tempDir(`boot-${basename(path, '.topo.yaml')}`));
    const envExample = files.find((f) => f.path === '.env.example')!.content;
    return { name, doc, resolved: resolve(doc), files, dir, compose: parse(files.find((f) => f.path === 'docker-compose.yml')!.content, { version: '1.1' }), env: envValues(envExample, i * 100) };
  });
}

export function removeCases(cases: readonly BootCase[]): void {
  for (const c of cases) rmSync(c.dir, { recursive: true, force: true });
}

/**
 * A value of the compose file as the container sees it, interpolated as docker compose does:
 * `${VAR}` from .env (empty when unset), `${VAR:-x}`/`${VAR-x}` defaults, `${VAR:?message}` and
 * `${VAR?message}` refuse (an Error naming the variable), `$$` is `$`.
 */
export function interpolate(value: string, env: Record<string, string>): string {
  return value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])([^}]*))?\}/g, (m, name: string | undefined, colon: string | undefined, op: string | undefined, rest: string | undefined) => {
    if (m === '$$') return '$';
    const v = env[name!];
    const missing = v === undefined || (colon === ':' && v === '');
    if (!missing) return v!;
    if (op === '-') return rest ?? '';
    if (op === '?') throw new Error(`${name} is not set: ${rest ?? ''}`);
    return '';
  });
}

/**
 * The credentials of `component` its compose service reads (environment, command, entry point,
 * health check), each one required: with it missing from .env or left blank, docker compose
 * refuses to start the stack naming it (no server ever starts open because .env was not filled
 * in). Returns the variables checked; each of the component's credentials that .env.example
 * lists must be read by its own service.
 */
export function requiredCredentials(c: BootCase, component: Component): string[] {
  const s = c.compose.services[component.service];
  if (!s) throw new Error(`${c.name}: no service ${component.service}`);
  const text = JSON.stringify([s.environment ?? {}, s.command ?? [], s.entrypoint ?? [], s.healthcheck ?? {}]);
  const checked: string[] = [];
  for (const cred of Object.values(component.credentials)) {
    // A credential the stack does not use is not in .env.example (a replication user without CDC).
    if (!(cred.variable in c.env)) continue;
    if (!text.includes(cred.variable)) throw new Error(`${c.name}: ${component.service} does not read ${cred.variable}`);
    for (const env of [{ ...c.env, [cred.variable]: '' }, Object.fromEntries(Object.entries(c.env).filter(([k]) => k !== cred.variable))]) {
      let refused: unknown;
      try {
        interpolate(text, env);
      } catch (e) {
        refused = e;
      }
      if (!(refused instanceof Error) || !refused.message.startsWith(`${cred.variable} is not set`)) throw new Error(`${c.name}: ${component.service} starts with ${cred.variable} blank or missing`);
    }
    checked.push(cred.variable);
  }
  return checked;
}

/** The environment of a compose service, interpolated. */
export function serviceEnv(c: BootCase, service: string): Record<string, string> {
  const s = c.compose.services[service];
  if (!s) throw new Error(`${c.name}: no service ${service}`);
  return Object.fromEntries(Object.entries(s.environment ?? {}).map(([k, v]) => [k, interpolate(String(v), c.env)]));
}

/**
 * The logins of the clients drawn with read access to database `db` (whose compose environment is
 * `dbEnv`): each must be the database's read-only user, never the application user's password,
 * and the read-only user exists exactly when such a client does. A service gets <DB>_USER and
 * <DB>_PASSWORD; Grafana the credential variables its data source reads.
 */
export function readerLogins(c: BootCase, db: Component, dbEnv: Record<string, string>): Array<{ client: string; user: string; password: string }> {
  const readers = [...db.in, ...db.out].filter((f) => f.server === db && readsAsReader(f));
  expect(dbEnv.READER_DB_USER !== undefined, 'a read-only user exactly when a client reads only').toBe(readers.length > 0);
  const P = db.envPrefix;
  const cr = db.credentials;
  return readers.map((f) => {
    const client = serviceEnv(c, f.client!.service);
    const login = client[`${P}_USER`] !== undefined ? [client[`${P}_USER`], client[`${P}_PASSWORD`]] : [client[cr.READER_USER!.variable], client[cr.READER_PASSWORD!.variable]];
    expect(login, `${f.client!.service} logs in as the read-only user`).toEqual([dbEnv.READER_DB_USER, dbEnv.READER_DB_PASSWORD]);
    expect(client[cr.APP_PASSWORD!.variable], `${f.client!.service} is not given the application user's password`).toBeUndefined();
    return { client: f.client!.service, user: login[0]!, password: login[1]! };
  });
}

/** Processes a test started, stopped at the end (by their id). */
export class Procs {
  private readonly list: ChildProcess[] = [];
  readonly logs = new Map<ChildProcess, string>();

  start(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): ChildProcess {
    const p = spawn(cmd, args, { env: opts.env ?? process.env, cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    this.list.push(p);
    this.logs.set(p, '');
    const add = (d: Buffer) => {
      const l = (this.logs.get(p) ?? '') + String(d);
      this.logs.set(p, l.length > 200_000 ? l.slice(-100_000) : l);
    };
    p.stdout!.on('data', add);
    p.stderr!.on('data', add);
    return p;
  }

  log(p: ChildProcess): string {
    return this.logs.get(p) ?? '';
  }

  async stop(p: ChildProcess): Promise<void> {
    if (p.exitCode !== null || p.signalCode !== null) return;
    p.kill('SIGTERM');
    await Promise.race([new Promise((r) => p.once('exit', r)), sleep(5000)]);
    if (p.exitCode === null && p.signalCode === null) {
      p.kill('SIGKILL');
      await Promise.race([new Promise((r) => p.once('exit', r)), sleep(2000)]);
    }
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.list.map((p) => this.stop(p)));
  }
}

/** Waits until `check` returns a truthy value (or throws the last error after `timeoutMs`). */
export async function waitFor<T>(what: string, check: () => Promise<T> | T, timeoutMs = 20_000, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
    await sleep(everyMs);
  }
}

/** Counter values of a Prometheus text exposition, by `name{labels}`. */
export function parseMetrics(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const i = line.lastIndexOf(' ');
    out.set(line.slice(0, i), Number(line.slice(i + 1)));
  }
  return out;
}

/** The sum of a metric's samples whose labels include `labels`. */
export function metricSum(m: Map<string, number>, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const [k, v] of m) {
    if (!k.startsWith(`${name}{`) && k !== name) continue;
    if (Object.entries(labels).every(([l, x]) => k.includes(`${l}="${x}"`))) sum += v;
  }
  return sum;
}

export interface StandIn {
  port: number;
  proc: ChildProcess;
  metrics(): Promise<Map<string, number>>;
  log(): string;
}

/**
 * Runs the stand-in program with the environment the compose file gives `service`, keeping only
 * the connections `keep` (others would point at servers this test does not run) and moving the
 * given server addresses to this machine (`overrides`). It publishes every second.
 */
export async function startStandIn(procs: Procs, c: BootCase, service: string, keep: (tag: string) => boolean, overrides: Record<string, string>): Promise<StandIn> {
  const env = serviceEnv(c, service);
  const port = await freePort();
  env.PORT = String(port);
  env.PUBLISH_INTERVAL_SECONDS = '1';
  env.TOPOFORGE_CONNECTIONS = (env.TOPOFORGE_CONNECTIONS ?? '').split(',').filter((t) => t && keep(t)).join(',');
  Object.assign(env, overrides);
  const proc = procs.start(process.execPath, [STAND_IN], { env: { PATH: process.env.PATH, ...env } });
  const metrics = async () => {
    const res = await fetch(`http://127.0.0.1:${port}${env.METRICS_PATH ?? '/metrics'}`);
    return parseMetrics(await res.text());
  };
  await waitFor(`${service} stand-in on ${port}`, async () => (await fetch(`http://127.0.0.1:${port}/health`)).ok, 15_000);
  return { port, proc, metrics, log: () => procs.log(proc) };
}

/** Files of a case whose path matches. */
export function filesOf(c: BootCase, re: RegExp): OutputFile[] {
  return c.files.filter((f) => re.test(f.path));
}

export function readBundle(c: BootCase, path: string): string {
  return readFileSync(join(c.dir, path), 'utf8');
}

export { freePort, sleep, tempDir };
