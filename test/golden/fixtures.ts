/**
 * Designs the generator tests share: one with every catalog kind, and a loader for the example
 * designs in `assets/examples/` and `test/golden/designs/` (read with the app's own parser).
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseTopology } from '../../shared/model/parse';
import { compatibleProtocols, getKind, KINDS } from '../../shared/catalog';
import type { TopoEdge, Topology } from '../../shared/model/types';
import { emptyTopology } from '../../shared/model/types';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const EXAMPLES_DIR = join(ROOT, 'assets', 'examples');

/** Reads a design file with the app's own parser; a file it rejects fails the test that loads it. */
export function loadDesign(path: string): Topology {
  const r = parseTopology(readFileSync(path, 'utf8'), { fileName: path });
  if (!r.ok) throw new Error(`${path}: ${r.diagnostics.map((d) => d.message).join('; ')}`);
  return r.doc;
}

function designsIn(dir: string): { name: string; doc: Topology }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.topo.yaml'))
    .sort()
    .map((f) => ({ name: f.replace(/\.topo\.yaml$/, ''), doc: loadDesign(join(dir, f)) }));
}

/** The example designs shipped with the app (assets/examples). */
export function loadExamples(): { name: string; doc: Topology }[] {
  return designsIn(EXAMPLES_DIR);
}

/** Test designs kept beside the golden files (test/golden/designs). */
export const DESIGNS_DIR = join(ROOT, 'test', 'golden', 'designs');
export function loadTestDesigns(): { name: string; doc: Topology }[] {
  return designsIn(DESIGNS_DIR);
}

/** Every catalog kind once, in three zones, each node wired to the next one it can talk to. */
export function allKindsDesign(): Topology {
  const doc = emptyTopology('AllKinds');
  doc.description = 'Every component kind of the catalog, wired where the catalog allows.';
  doc.groups = [
    { id: 'edge', label: 'Edge', trust: 'dmz' },
    { id: 'core', label: 'Core', trust: 'internal' },
    { id: 'data', label: 'Data', trust: 'restricted' },
  ];
  doc.nodes = KINDS.map((k, i) => ({
    id: k.id === 'end' ? 'end-node' : k.id,
    kind: k.id,
    label: k.name,
    group: k.category === 'gateway' ? 'edge' : k.category === 'store' ? 'data' : i % 3 === 0 ? undefined : 'core',
    props: {},
  }));
  const edges: TopoEdge[] = [];
  for (const a of doc.nodes) {
    for (const b of doc.nodes) {
      if (a === b) continue;
      const options = compatibleProtocols(getKind(a.kind)!, getKind(b.kind)!);
      if (options.length && edges.filter((e) => e.from === a.id).length < 2 && !edges.some((e) => e.to === b.id && e.protocol === options[0])) {
        edges.push({ from: a.id, to: b.id, protocol: options[0], props: {} });
      }
    }
  }
  doc.edges = edges;
  return doc;
}
