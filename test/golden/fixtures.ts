/**
 * Designs the generator tests share: one with every catalog kind, and a loader for the example
 * designs in `assets/examples/` (read with the plain YAML parser and given the model's defaults).
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { compatibleProtocols, getKind, KINDS } from '../../shared/catalog';
import type { TopoEdge, TopoNode, Topology } from '../../shared/model/types';
import { emptyTopology } from '../../shared/model/types';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const EXAMPLES_DIR = join(ROOT, 'assets', 'examples');

/** A document with the model's defaults filled in (what the file parser hands the generators). */
export function normalise(raw: Record<string, unknown>): Topology {
  const t = { ...emptyTopology(), ...raw } as Topology;
  t.requirements = (raw.requirements as Topology['requirements']) ?? {};
  t.groups = (raw.groups as Topology['groups']) ?? [];
  t.nodes = ((raw.nodes as TopoNode[]) ?? []).map((n) => ({ ...n, label: n.label ?? n.id, props: n.props ?? {} }));
  t.edges = ((raw.edges as TopoEdge[]) ?? []).map((e) => ({ ...e, props: e.props ?? {} }));
  t.layout = (raw.layout as Topology['layout']) ?? {};
  return t;
}

export function loadExamples(): { name: string; doc: Topology }[] {
  if (!existsSync(EXAMPLES_DIR)) return [];
  return readdirSync(EXAMPLES_DIR)
    .filter((f) => f.endsWith('.topo.yaml'))
    .sort()
    .map((f) => ({ name: f.replace(/\.topo\.yaml$/, ''), doc: normalise(parse(readFileSync(join(EXAMPLES_DIR, f), 'utf8')) as Record<string, unknown>) }));
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
