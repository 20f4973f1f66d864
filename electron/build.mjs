// Builds the Electron main process and preload script into CommonJS bundles:
//   electron/dist/main.cjs     (package.json "main")
//   electron/dist/preload.cjs  (loaded sandboxed by every window)
// `electron` stays external (Electron provides it); everything else (shared/, yaml...) is bundled,
// so the packaged app needs no node_modules at run time.
// Usage: node electron/build.mjs [--check | --outdir DIR]
//   --check: build to a temporary folder, report, delete; --outdir: build there instead.
import { build } from 'esbuild';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const check = process.argv.includes('--check');
const at = process.argv.indexOf('--outdir');
const outdir = check ? mkdtempSync(join(tmpdir(), 'tf-electron-build-')) : at > 0 && process.argv[at + 1] ? resolve(process.argv[at + 1]) : join(here, 'dist');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['electron'],
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  absWorkingDir: join(here, '..'),
};

await build({ ...common, entryPoints: [join(here, 'main.ts')], outfile: join(outdir, 'main.cjs') });
await build({ ...common, entryPoints: [join(here, 'preload.ts')], outfile: join(outdir, 'preload.cjs') });

for (const f of ['main.cjs', 'preload.cjs']) {
  console.log(`${join(outdir, f)}: ${(statSync(join(outdir, f)).size / 1024).toFixed(1)} KB`);
}
if (check) rmSync(outdir, { recursive: true, force: true });
