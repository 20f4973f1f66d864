#!/usr/bin/env node
// `npm start`: runs the desktop app on the bundled example design.
//  1. If Electron's binary is installed: builds the main process and preload (electron/build.mjs)
//     and the renderer (vite, via scripts/web.mjs) when their sources are newer than the build,
//     then launches Electron on assets/examples/ecommerce-orders.topo.yaml.
//  2. If it is not (it is downloaded from outside the npm registry at install time), says so and
//     runs the same app in the browser instead (`npm run web`).
// Extra arguments are passed to the app as files to open instead of the example.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newestOf } from './build-cli.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLE = join(ROOT, 'assets', 'examples', 'ecommerce-orders.topo.yaml');
const require = createRequire(import.meta.url);

/** The Electron executable, or null when its binary is not installed. */
function electronBinary() {
  try {
    const p = require('electron');
    return typeof p === 'string' && existsSync(p) && statSync(p).isFile() ? p : null;
  } catch {
    return null;
  }
}

function builtAt(file) {
  try {
    return statSync(join(ROOT, file)).mtimeMs;
  } catch {
    return 0;
  }
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

/** Runs `npm run <script>` as a child with the terminal, forwarding Ctrl+C; exits with its code. */
function npmRun(script) {
  const npmCli = process.env.npm_execpath;
  const child = npmCli && /\.(c?js|mjs)$/.test(npmCli)
    ? spawn(process.execPath, [npmCli, 'run', '--silent', script], { cwd: ROOT, stdio: 'inherit' })
    : spawn(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', script], { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  forward(child);
}

function forward(child) {
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  child.on('error', (err) => {
    console.error(err.message);
    process.exit(1);
  });
}

const electron = electronBinary();
if (!electron) {
  console.log(
    "Electron's binary is not installed on this machine (it is downloaded from GitHub at install time, which was not possible here).\n" +
      'To get it: `npx electron@40.8.5 --version` with network access, or `npm rebuild electron`.\n' +
      'Meanwhile, here is the app in your browser:',
  );
  npmRun('web');
} else {
  if (builtAt('electron/dist/main.cjs') < newestOf(['electron', 'shared']) || builtAt('electron/dist/preload.cjs') === 0) {
    run(process.execPath, [join(ROOT, 'electron', 'build.mjs')]);
  }
  if (builtAt('dist/renderer/index.html') < newestOf(['renderer', 'shared', 'generators', 'assets', 'vite.config.ts'])) {
    const { buildRenderer } = await import('./web.mjs');
    await buildRenderer();
  }
  const files = process.argv.slice(2);
  const args = [ROOT, ...(files.length ? files.map((f) => resolve(f)) : existsSync(EXAMPLE) ? [EXAMPLE] : [])];
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  forward(spawn(electron, args, { cwd: ROOT, stdio: 'inherit', env }));
}
