/**
 * Timing helpers for the benchmarks: the median and the fastest of a few runs, with a time
 * budget so that the big sizes stay bounded. With `node --expose-gc` (as `npm run bench` runs
 * it) the garbage of one run is collected before the next is timed.
 */
import { performance } from 'node:perf_hooks';

export interface Timing {
  /** Median run, ms. */
  median: number;
  /** Fastest run, ms: the best guess of the cost on a machine nobody else is using. */
  min: number;
  runs: number;
  /** Least CPU time (user + system) of the process during one run, ms: what the machine's load changes least. */
  cpuMin: number;
}

export interface MeasureOptions {
  /** Timed runs at most. */
  runs: number;
  /** Untimed runs first (JIT warm-up). */
  warmup?: number;
  /** Stop after this much timed work (but never before `minRuns` runs). */
  budgetMs?: number;
  minRuns?: number;
  /** Collect the last run's garbage before each timed run (with --expose-gc); default true. */
  collect?: boolean;
}

const gc = (globalThis as { gc?: () => void }).gc;

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function measure(fn: () => unknown, opts: MeasureOptions): Timing {
  for (let i = 0; i < (opts.warmup ?? 1); i++) fn();
  const samples: number[] = [];
  let cpuMin = Infinity;
  let spent = 0;
  const minRuns = opts.minRuns ?? 2;
  for (let i = 0; i < opts.runs; i++) {
    if (opts.collect !== false) gc?.();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    const dt = performance.now() - t0;
    const c = process.cpuUsage(c0);
    cpuMin = Math.min(cpuMin, (c.user + c.system) / 1000);
    samples.push(dt);
    spent += dt;
    if (opts.budgetMs !== undefined && spent > opts.budgetMs && samples.length >= minRuns) break;
  }
  return { median: median(samples), min: Math.min(...samples), runs: samples.length, cpuMin };
}
