/**
 * How the template's fields stand for each design of the acceptance set (the bundled examples
 * and ../shared/fixtures/realworld/designs) and the test fixtures: stated from the design,
 * decided in its requirements, not used by it, or open. `npm run doc:coverage` prints the table;
 * doc-coverage.test.ts holds the floor (80% answered or explicitly not used).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fieldStats } from '../../generators/doc';
import type { Topology } from '../../shared/model/types';
import { loadDesign, loadExamples, ROOT } from '../golden/fixtures';

export interface Coverage {
  name: string;
  set: 'example' | 'realworld' | 'fixture';
  total: number;
  fact: number;
  decided: number;
  unused: number;
  open: number;
  /** (fact + decided + unused) / total. */
  share: number;
}

function designsIn(dir: string): { name: string; doc: Topology }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.topo.yaml'))
    .sort()
    .map((f) => ({ name: f.replace(/\.topo\.yaml$/, ''), doc: loadDesign(join(dir, f)) }));
}

export function coverage(): Coverage[] {
  const sets: [Coverage['set'], { name: string; doc: Topology }[]][] = [
    ['example', loadExamples()],
    ['realworld', designsIn(join(ROOT, '..', 'shared', 'fixtures', 'realworld', 'designs'))],
    ['fixture', designsIn(join(ROOT, 'test', 'fixtures', 'designs'))],
  ];
  return sets.flatMap(([set, designs]) =>
    designs.map(({ name, doc }) => {
      const s = fieldStats(doc);
      return { name, set, ...s, share: (s.fact + s.decided + s.unused) / s.total };
    }),
  );
}

const isMain = process.argv[1] !== undefined && /doc-coverage\.ts$/.test(process.argv[1]);
if (isMain) {
  const rows = coverage();
  const pad = (s: string | number, n: number) => String(s).padEnd(n);
  console.log(`${pad('design', 34)}${pad('set', 11)}${pad('stated', 8)}${pad('decided', 9)}${pad('unused', 8)}${pad('open', 6)}answered or not used`);
  for (const r of rows) console.log(`${pad(r.name, 34)}${pad(r.set, 11)}${pad(r.fact, 8)}${pad(r.decided, 9)}${pad(r.unused, 8)}${pad(r.open, 6)}${(r.share * 100).toFixed(1)}% of ${r.total}`);
}
