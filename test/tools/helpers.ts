import { spawnSync } from 'node:child_process';
import type { SpawnSyncReturns } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseTopology } from '../../shared/model/parse';
import type { Topology } from '../../shared/model/types';
import type { OutputFile } from '../../generators/types';

/** Helpers for tests that run the real tools (docker-compose, nginx, promtool, ...) on generated bundles. */

export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const IN_CI = !!process.env.CI;

/** Example designs (assets/examples), the test designs (test/fixtures/designs) and the realworld designs (../shared/fixtures/realworld/designs). */
export function designFiles(): string[] {
  const out: string[] = [];
  for (const dir of ['assets/examples', 'test/fixtures/designs', '../shared/fixtures/realworld/designs']) {
    const abs = join(ROOT, dir);
    if (!existsSync(abs)) continue;
    for (const f of readdirSync(abs).sort()) if (f.endsWith('.topo.yaml')) out.push(join(abs, f));
  }
  return out;
}

export function loadDesign(path: string): Topology {
  const r = parseTopology(readFileSync(path, 'utf8'), { fileName: path });
  if (!r.ok) throw new Error(`${path} does not parse: ${r.diagnostics.map((d) => d.message).join('; ')}`);
  return r.doc;
}

export function writeBundle(files: OutputFile[], dir: string): string {
  for (const f of files) {
    const p = join(dir, f.path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, f.content);
    chmodSync(p, f.mode ?? 0o644);
  }
  return dir;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `topoforge-${prefix}-`));
}

/** Absolute path of an executable on PATH (or one of `extra` paths), or undefined. */
export function findTool(name: string, extra: string[] = []): string | undefined {
  for (const p of extra) if (existsSync(p)) return p;
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const p = join(dir, name);
    if (dir && existsSync(p)) return p;
  }
  return undefined;
}

/**
 * Whether a tool-backed test can run. In CI a missing tool is a failure (the test runs and
 * fails on the missing tool); locally the test is skipped, and says why.
 */
export function toolAvailable(label: string, present: boolean): boolean {
  if (!present && !IN_CI) console.warn(`[tools] ${label} is not installed: its checks are skipped here (in CI they fail). Install it with: sudo bash scripts/install-test-tools.sh`);
  return present || IN_CI;
}

export function run(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; input?: string } = {}): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, timeout: opts.timeoutMs ?? 30_000, encoding: 'utf8', input: opts.input });
  if (r.error) throw new Error(`${cmd} ${args.join(' ')} could not run: ${r.error.message}`);
  return r;
}

/** Output of a finished command, for assertion messages. */
export function output(r: SpawnSyncReturns<string>): string {
  return `exit ${r.status}${r.signal ? ` (${r.signal})` : ''}\n${r.stdout ?? ''}${r.stderr ?? ''}`;
}

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      srv.close(() => res(port));
    });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Files of a bundle matching a path pattern. */
export function bundlePaths(files: OutputFile[], re: RegExp): string[] {
  return files.map((f) => f.path).filter((p) => re.test(p));
}
