import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package as users get it: `npm pack` of this checkout, then `npm install ./<name>-<version>.tgz`
 * into an empty folder with no network and an empty npm cache (so nothing but the tarball can be
 * installed). Used by the packed-CLI test (test/unit/cli-pack.test.ts) and the CLI bench.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Installed {
  /** The folder it is installed in (a package.json of its own, node_modules/). */
  app: string;
  /** `node_modules/.bin/topoforge`, as a shell runs it. */
  bin: string;
  /** The installed package's `bin/topoforge.mjs`, to run with `node` (and its options). */
  script: string;
}

/** npm, as the caller was started (`npm test`, `npm run bench` set npm_execpath), else from the PATH; throws with npm's message when it fails. */
export function npm(args: string[], cwd: string): string {
  const cli = process.env.npm_execpath && /\.(c?js|mjs)$/.test(process.env.npm_execpath) ? process.env.npm_execpath : undefined;
  const env = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
  const r = cli ? spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env }) : spawnSync('npm', args, { cwd, encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(`npm ${args[0]} failed: ${(r.stderr || r.stdout || String(r.error)).slice(0, 500)}`);
  return r.stdout;
}

/** Packs this checkout into `dir` and installs the tarball offline into `dir`/app. */
export function installPacked(dir: string): Installed {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  npm(['pack', '--pack-destination', dir, '--silent'], ROOT);
  const app = join(dir, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), '{ "name": "empty", "version": "1.0.0", "private": true }\n');
  npm(['install', join(dir, `${pkg.name}-${pkg.version}.tgz`), '--offline', '--cache', join(dir, 'empty-cache'), '--no-package-lock'], app);
  return { app, bin: join(app, 'node_modules', '.bin', 'topoforge'), script: join(app, 'node_modules', pkg.name, 'bin', 'topoforge.mjs') };
}
