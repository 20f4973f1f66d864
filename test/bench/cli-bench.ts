/**
 * The `topoforge` command as a user runs it: whole-process wall time (node start to exit) and
 * peak resident memory of `topoforge --help`, `validate` and `generate` on synthetic designs of
 * 1k, 10k and 20k components. Each run is a fresh `node …/bin/topoforge.mjs` of the package as
 * users get it: `npm pack`, installed offline from the tarball into a temporary folder (as
 * test/unit/cli-pack.test.ts does). The same bin in this source checkout first checks that the
 * build is newer than every source (~450 files, 30–100 ms here), which an installed package
 * skips; where packing fails, the checkout's bin is used (with a warning). Memory and CPU time
 * come from a preload that prints process.resourceUsage() at exit (process-usage.cjs). Where
 * /dev/shm exists, `generate` runs a second time into it: the same command without the disk.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { writeFolderAtomic } from '../../node-io/atomic-write';
import { serializeTopology } from '../../shared/model/serialize';
import { median } from './measure';
import { synthesizeDesign } from './synth';
import { installPacked } from '../tools/packed';
import type { BenchResult } from './validate-bench';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The bin that runs: the installed package's (set by benchCli), else the checkout's. */
let BIN = join(ROOT, 'bin', 'topoforge.mjs');
const PRELOAD = join(ROOT, 'test', 'bench', 'process-usage.cjs');
/** Sizes: 20k is the most a design may have (LIMITS.maxNodes = 20,000); the synthetic design of 19,900 has about 19,900. */
export const CLI_SIZES = [1_000, 10_000, 19_900];

interface Run {
  ms: number;
  rssMb: number;
  cpuMs: number;
}

function once(args: string[], cwd: string): Run {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--require', PRELOAD, BIN, ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`topoforge ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  const m = /PROCESS_USAGE (\d+) (\d+)/.exec(r.stderr);
  return { ms, rssMb: m ? Number(m[1]) / 1024 : NaN, cpuMs: m ? Number(m[2]) / 1000 : NaN };
}

function row(name: string, n: number, runs: number, args: (run: number) => string[], cwd: string): BenchResult {
  const out: Run[] = [];
  for (let i = 0; i < runs; i++) out.push(once(args(i), cwd));
  return { name, n, ms: median(out.map((r) => r.ms)), min: Math.min(...out.map((r) => r.ms)), rssMb: Math.max(...out.map((r) => r.rssMb)), cpuMs: Math.min(...out.map((r) => r.cpuMs)) };
}

/**
 * The disk's part of `generate`: the same bundle (every file `generate` wrote, read back into
 * memory) written again by the same writer (node-io's writeFolderAtomic: everything flushed to
 * disk, then renamed into place), in this process. `generate` cannot be faster than
 * this on the machine; the row is the floor its whole-process time is read against.
 */
async function writingAlone(bundle: string, n: number, copy: string): Promise<BenchResult> {
  const files: Array<{ path: string; data: Uint8Array }> = [];
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(join(d, e.name), p);
      else files.push({ path: p, data: readFileSync(join(d, e.name)) });
    }
  };
  walk(bundle, '');
  const runs: number[] = [];
  for (let i = 0; i < 2; i++) {
    const t0 = performance.now();
    await writeFolderAtomic(`${copy}-${i}`, files);
    runs.push(performance.now() - t0);
  }
  for (let i = 0; i < 2; i++) rmSync(`${copy}-${i}`, { recursive: true, force: true });
  const mb = files.reduce((a, f) => a + f.data.length, 0) / 1024 / 1024;
  return { name: `cli: writing its bundle alone (${files.length} files, ${mb.toFixed(0)} MB)`, n, ms: median(runs), min: Math.min(...runs) };
}

export async function benchCli(): Promise<BenchResult[]> {
  const built = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-cli.mjs'), '--if-stale', '--quiet'], { cwd: ROOT, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`building the CLI failed: ${built.stderr}`);
  const dir = mkdtempSync(join(tmpdir(), 'topoforge-cli-bench-'));
  try {
    BIN = installPacked(dir).script;
  } catch (e) {
    console.warn(`cli bench: ${e instanceof Error ? e.message : String(e)}; TIMING THE SOURCE CHECKOUT'S BIN INSTEAD (its staleness check adds to every row)`);
  }
  // A memory-backed folder (Linux), where there is one.
  const shm = existsSync('/dev/shm') ? mkdtempSync(join('/dev/shm', 'topoforge-cli-bench-')) : undefined;
  try {
    const rows: BenchResult[] = [];
    // A warm-up run: the first start after a build reads the files from disk.
    once(['--help'], dir);
    rows.push(row('cli: topoforge --help', 0, 10, () => ['--help'], dir));
    for (const n of CLI_SIZES) {
      const doc = synthesizeDesign(n, 7);
      const file = join(dir, `design-${n}.topo.yaml`);
      writeFileSync(file, serializeTopology(doc));
      const size = doc.nodes.length;
      rows.push(row('cli: topoforge validate', size, n >= 10_000 ? 3 : 5, () => ['validate', file], dir));
      // Each run writes a new folder; they are removed after the last one. Removing a bundle
      // before the next run made that run's file creation slow on a disk whose ext4 has no
      // journal (this project's VM): it then skips inodes freed in the last minutes, one by one.
      const runs = n >= 10_000 ? 2 : 3;
      const out = (i: number) => join(dir, `out-${n}-${i}`);
      rows.push(row('cli: topoforge generate', size, runs, (i) => ['generate', file, '-o', out(i)], dir));
      rows.push(await writingAlone(out(0), size, join(dir, `copy-${n}`)));
      for (let i = 0; i < runs; i++) rmSync(out(i), { recursive: true, force: true });
      if (shm) {
        // The same command writing into memory (tmpfs): what is left is our compute, not the disk.
        const mem = (i: number) => join(shm, `out-${n}-${i}`);
        rows.push(row('cli: topoforge generate, output on tmpfs', size, runs, (i) => ['generate', file, '-o', mem(i)], dir));
        for (let i = 0; i < runs; i++) rmSync(mem(i), { recursive: true, force: true });
      }
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (shm) rmSync(shm, { recursive: true, force: true });
  }
}
