/**
 * Generator benchmark: each generator, and the whole bundle, on synthetic designs of 100 to
 * 10,000 components. Target: the whole bundle for 1,000 components in under 500 ms, and
 * linear growth (10k costs at most 11 × 1k). The Output panel and the export run
 * `generateBundle` (in a Web Worker in the app).
 */
import type { Topology } from '../../shared/model/types';
import { generateBundle } from '../../generators/bundle';
import { generateIntegrationDoc } from '../../generators/doc';
import { interopFiles } from '../../generators/interop';
import { generateMermaid } from '../../generators/mermaid';
import { generateStack } from '../../generators/stack';
import { measure } from './measure';
import { synthesizeDesign } from './synth';
import type { BenchResult } from './validate-bench';

export const GENERATORS: Array<{ name: string; run: (doc: Topology) => unknown }> = [
  { name: 'generate doc (INTEGRATION.md)', run: (d) => generateIntegrationDoc(d) },
  { name: 'generate mermaid', run: (d) => generateMermaid(d) },
  { name: 'generate stack (compose + configs)', run: (d) => generateStack(d) },
  { name: 'generate interop (asyncapi, openapi, drawio)', run: (d) => interopFiles(d) },
  { name: 'generate bundle (everything)', run: (d) => generateBundle(d) },
];

export function benchGenerate(sizes: readonly number[] = [100, 1_000, 5_000, 10_000]): BenchResult[] {
  const rows: BenchResult[] = [];
  for (const n of sizes) {
    const doc = synthesizeDesign(n, 7);
    for (const g of GENERATORS) {
      // Small sizes: many runs. Big ones: a few, within a budget (the JIT is warm by then).
      const t = n <= 1_000 ? measure(() => g.run(doc), { runs: 15, warmup: 2, budgetMs: 4_000, minRuns: 5 }) : measure(() => g.run(doc), { runs: 7, warmup: 0, budgetMs: 16_000, minRuns: 3 });
      rows.push({ name: g.name, n: doc.nodes.length, ms: t.median, min: t.min });
    }
  }
  return rows;
}
