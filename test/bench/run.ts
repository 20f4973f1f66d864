/**
 * `npm run bench`: runs every benchmark below, prints one table with the growth factor from
 * 1,000 to 10,000 components (10 means linear), and writes bench-results.json.
 * To add a benchmark, add its function to BENCHES: it returns rows of { name, n, ms }.
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { benchFile } from './file-bench';
import { benchValidate, type BenchResult } from './validate-bench';

const BENCHES: Array<{ name: string; run: () => BenchResult[] | Promise<BenchResult[]> }> = [
  { name: 'validation', run: benchValidate },
  { name: 'design files', run: benchFile },
];

function pad(s: string, w: number, right = false): string {
  return right ? s.padStart(w) : s.padEnd(w);
}

async function main(): Promise<void> {
  const rows: BenchResult[] = [];
  for (const b of BENCHES) {
    process.stdout.write(`running ${b.name}...\n`);
    rows.push(...(await b.run()));
  }

  const growth: Array<{ name: string; from: number; to: number; factor: number }> = [];
  const byName = new Map<string, BenchResult[]>();
  for (const r of rows) byName.set(r.name, [...(byName.get(r.name) ?? []), r]);
  for (const [name, list] of byName) {
    const near = (n: number) => list.find((r) => Math.abs(r.n - n) / n < 0.05);
    const a = near(1_000), b = near(10_000);
    if (a && b && a.ms > 0) growth.push({ name, from: a.n, to: b.n, factor: b.ms / a.ms });
  }

  const w = Math.max(...rows.map((r) => r.name.length), 4);
  const lines = [`${pad('name', w)}  ${pad('n', 7, true)}  ${pad('ms', 9, true)}  ${pad('min ms', 9, true)}`, `${'-'.repeat(w)}  ${'-'.repeat(7)}  ${'-'.repeat(9)}  ${'-'.repeat(9)}`];
  for (const r of rows) lines.push(`${pad(r.name, w)}  ${pad(String(r.n), 7, true)}  ${pad(r.ms.toFixed(3), 9, true)}  ${pad(r.min === undefined ? '' : r.min.toFixed(3), 9, true)}`);
  for (const g of growth) lines.push(`growth ${g.name} ${g.from} → ${g.to}: ×${g.factor.toFixed(1)} (×10 is linear)`);
  // Medians mean little on a busy machine: say how busy it was.
  lines.push(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} CPUs`);
  process.stdout.write(`${lines.join('\n')}\n`);

  writeFileSync('bench-results.json', `${JSON.stringify({ node: process.version, loadavg: loadavg(), cpus: cpus().length, results: rows, growth }, null, 2)}\n`);
  process.stdout.write('wrote bench-results.json\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
