/**
 * Design-file benchmark: parse and serialize synthetic designs of 100 to 20,000 components, and
 * how long hostile files take to be refused (each must stay well under 2 s; see
 * docs/file-format.md, "Limits").
 */
import { performance } from 'node:perf_hooks';
import { LIMITS, parseTopology } from '../../shared/model/parse';
import { measure } from './measure';
import { serializeTopology } from '../../shared/model/serialize';
import { synthesizeDesign } from './synth';
import type { BenchResult } from './validate-bench';

function time(fn: () => unknown, runs: number): number {
  fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return samples[samples.length >> 1]!;
}

function hostile(): Array<[string, string]> {
  const bomb = 'abcdefghi'
    .split('')
    .map((l, i, a) => (i === 0 ? `${l}: &${l} [lol,lol,lol,lol,lol,lol,lol,lol,lol]` : `${l}: &${l} [${Array(9).fill(`*${a[i - 1]}`).join(',')}]`))
    .join('\n');
  return [
    ['refuse alias bomb', `topoforge: 1\nname: x\n${bomb}\n`],
    ['refuse 100k-deep nesting', `topoforge: 1\nname: x\nnodes: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`],
    ['refuse oversize (50 MB)', 'a'.repeat(50 * 1024 * 1024)],
    ['refuse binary (1 MB)', Array.from({ length: 1 << 20 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join('')],
    ['refuse too many nodes', `topoforge: 1\nname: x\nnodes:\n${Array.from({ length: LIMITS.maxNodes + 1 }, (_, i) => `  - {id: n${i}, kind: worker}`).join('\n')}\n`],
  ];
}

export function benchFile(): BenchResult[] {
  const rows: BenchResult[] = [];
  // 19,900 gives a design of about 20,000 components, the most a design may have.
  for (const n of [100, 1_000, 5_000, 10_000, 19_900]) {
    const doc = synthesizeDesign(n, 7);
    const text = serializeTopology(doc);
    const opts = n >= 5_000 ? { runs: 7, warmup: 1, budgetMs: 8_000, minRuns: 3 } : { runs: 15, warmup: 2, budgetMs: 4_000, minRuns: 5 };
    const s = measure(() => serializeTopology(doc), opts);
    rows.push({ name: 'serialize', n: doc.nodes.length, ms: s.median, min: s.min, cpuMs: s.cpuMin });
    const p = measure(() => parseTopology(text), opts);
    rows.push({ name: 'parse', n: doc.nodes.length, ms: p.median, min: p.min, cpuMs: p.cpuMin });
  }
  for (const [name, text] of hostile()) {
    rows.push({ name, n: text.length, ms: time(() => parseTopology(text), 3) });
  }
  return rows;
}
