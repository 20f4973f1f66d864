/**
 * The floor: the least any checker or generator of a design has to do, timed on the same designs
 * in the same run as the real work. It reads every component (id, kind, label, every setting)
 * into a record kept by id, and every connection (both ends looked up by id, every setting) into
 * a record of its own: an index, with no rule and no output.
 *
 * Its 10k/1k growth is what the machine gives for work that is linear by construction. On the
 * build machines (1 MiB of L2 cache per core, an L3 shared with other tenants) a 1k design and
 * its records stay in the caches between runs and a 10k one does not, so even this floor grows
 * well past ×10 there; `npm run bench` prints every growth factor next to it.
 */
import type { Topology } from '../../shared/model/types';
import { measure } from './measure';
import { synthesizeDesign } from './synth';
import type { BenchResult } from './validate-bench';

export const FLOOR = 'floor: read the design into one record per item';

interface NodeRecord {
  id: string;
  kind: unknown;
  label: unknown;
  settings: number;
  out: number;
  in: number;
}

interface EdgeRecord {
  from: NodeRecord | undefined;
  to: NodeRecord | undefined;
  protocol: unknown;
  settings: number;
}

/** How many settings an object holds, reading each value (as a checker does). */
function readSettings(props: unknown): number {
  if (!props || typeof props !== 'object') return 0;
  let n = 0;
  const p = props as Record<string, unknown>;
  for (const k in p) {
    const v = p[k];
    n += typeof v === 'string' ? 1 + (v.length & 1) : 1;
  }
  return n;
}

/** The floor's work on one design; returns a number so that nothing is optimised away. */
export function readIndex(doc: Topology): number {
  const byId = new Map<string, NodeRecord>();
  for (const node of doc.nodes) {
    const r: NodeRecord = { id: node.id, kind: node.kind, label: node.label, settings: readSettings(node.props), out: 0, in: 0 };
    if (!byId.has(node.id)) byId.set(node.id, r);
  }
  const edges: EdgeRecord[] = [];
  for (const edge of doc.edges) {
    const r: EdgeRecord = { from: byId.get(edge.from), to: byId.get(edge.to), protocol: edge.protocol, settings: readSettings(edge.props) };
    if (r.from) r.from.out++;
    if (r.to) r.to.in++;
    edges.push(r);
  }
  return byId.size + edges.length;
}

export function benchFloor(): BenchResult[] {
  const rows: BenchResult[] = [];
  for (const n of [100, 1_000, 5_000, 10_000]) {
    const doc = synthesizeDesign(n, 7);
    // Timed as validation is (no collection between runs), so that the two growths compare.
    const t = measure(() => readIndex(doc), { runs: n <= 1_000 ? 101 : 41, warmup: 5, collect: false });
    rows.push({ name: FLOOR, n: doc.nodes.length, ms: t.median, min: t.min });
  }
  return rows;
}
