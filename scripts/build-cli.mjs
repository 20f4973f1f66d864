#!/usr/bin/env node
// Builds the `topoforge` command into dist/cli/ (what bin/topoforge.mjs runs): one esbuild bundle
// of generators/cli/main.ts and everything it imports (js-yaml, yaml, elkjs, the generators...),
// so that the installed command needs no TypeScript and no node_modules at run time. Each command
// loads its own chunk (main.ts imports them with `await import`), so `topoforge --help` loads
// only the small entry chunk.
//
//   node scripts/build-cli.mjs            build dist/cli/ (npm's `prepare` runs this after
//                                         `npm ci` / `npm install`, and before `npm pack`)
//   node scripts/build-cli.mjs --if-stale build only when a source is newer than the build
//
// The build goes to a fresh folder that then takes dist/cli's place, so a command started
// meanwhile never sees half a build.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_DIR = join(ROOT, 'dist', 'cli');
export const CLI_ENTRY = join(CLI_DIR, 'topoforge.mjs');
/** What the CLI is built from (its sources and the package.json it reads its version from); bin/topoforge.mjs lists them too. */
const SOURCES = ['generators', 'shared', 'assets/examples', 'assets/template', 'package.json', 'scripts/build-cli.mjs'];

/** Newest modification time of the files under `paths` (relative to `root`; tests, builds and dot files skipped). scripts/start.mjs uses it for the app's builds. */
export function newestOf(paths, root = ROOT) {
  let t = 0;
  const walk = (p) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const n of readdirSync(p)) if (n !== 'node_modules' && n !== 'dist' && !n.startsWith('.')) walk(join(p, n));
    } else if (!/\.test\.tsx?$/.test(p)) t = Math.max(t, st.mtimeMs);
  };
  for (const p of paths) walk(join(root, p));
  return t;
}

/** Newest modification time of the CLI's sources. */
export function newestSource(root = ROOT) {
  return newestOf(SOURCES, root);
}

/** Whether dist/cli is missing or older than a source. */
export function isStale() {
  try {
    return statSync(join(CLI_DIR, '.built')).mtimeMs < newestSource();
  } catch {
    return true;
  }
}

export async function buildCli({ quiet = false } = {}) {
  const { build } = await import('esbuild');
  const started = Date.now();
  mkdirSync(dirname(CLI_DIR), { recursive: true });
  const tmp = `${CLI_DIR}.new-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  try {
    await build({
      absWorkingDir: ROOT,
      entryPoints: { topoforge: join(ROOT, 'generators/cli/main.ts'), 'generate-worker': join(ROOT, 'generators/cli/generate-worker.ts') },
      outdir: tmp,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      outExtension: { '.js': '.mjs' },
      chunkNames: 'chunks/[name]-[hash]',
      // CommonJS packages bundled into ES modules may call require() for Node's own modules.
      banner: { js: "import { createRequire as __topoforgeRequire } from 'node:module'; const require = __topoforgeRequire(import.meta.url);" },
      legalComments: 'eof',
      sourcemap: false,
      logLevel: quiet ? 'error' : 'warning',
    });
    writeFileSync(join(tmp, '.built'), `${new Date().toISOString()}\n`);
    const old = `${CLI_DIR}.old-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    if (existsSync(CLI_DIR)) renameSync(CLI_DIR, old);
    renameSync(tmp, CLI_DIR);
    rmSync(old, { recursive: true, force: true });
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  if (!quiet) console.log(`built ${CLI_ENTRY} in ${Date.now() - started} ms`);
  return CLI_ENTRY;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const ifStale = process.argv.includes('--if-stale');
  if (ifStale && !isStale()) process.exit(0);
  try {
    await buildCli({ quiet: process.argv.includes('--quiet') });
  } catch (e) {
    // npm's prepare (--if-stale) must not fail an install without devDependencies
    // (npm ci --omit=dev): the command then says how to build it when it is run.
    if (ifStale && e?.code === 'ERR_MODULE_NOT_FOUND') {
      console.warn('topoforge: esbuild is not installed, so the `topoforge` command was not built (npm run build:cli builds it).');
      process.exit(0);
    }
    throw e;
  }
}
