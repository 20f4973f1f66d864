/**
 * Validation benchmark: full validation of synthetic designs of 100 to 10,000 components, and
 * revalidation after a single edit at 1,000 components with the incremental validator.
 * Targets: 1k < 5 ms, 10k < 60 ms, one edit at 1k < 2 ms, linear growth. Rows carry the
 * median (`ms`) and the fastest run (`min`, the best guess on a machine nobody else is using).
 */
import type { Topology } from '../../shared/model/types';
import { createValidator, validate } from '../../shared/validation';
import { createResolver, resolve } from '../../shared/resolve';
import type { ResolvedDesign } from '../../shared/resolve';
import { measure } from './measure';
import { synthesizeDesign } from './synth';

export interface BenchResult {
  name: string;
  /** Size of the input (components). */
  n: number;
  /** Median time in milliseconds. */
  ms: number;
  /** Fastest run in milliseconds: the best guess of the cost on a machine nobody else is using. */
  min?: number;
  /** Peak resident memory of a whole process, MB (the CLI rows). */
  rssMb?: number;
  /** Least CPU time (user + system), ms: of a whole process (the CLI rows), or of the process during one run (serialize, parse). */
  cpuMs?: number;
}

/** The design with node `i`'s props replaced (a new node object, the rest shared), as the store does. */
function editNode(doc: Topology, i: number, round: number): Topology {
  const nodes = doc.nodes.slice();
  const node = nodes[i]!;
  nodes[i] = { ...node, label: `${node.label} (edited ${round})`, props: { ...node.props, replicas: 1 + (round % 5) } };
  return { ...doc, nodes };
}

function editEdge(doc: Topology, i: number, round: number): Topology {
  const edges = doc.edges.slice();
  const edge = edges[i]!;
  edges[i] = { ...edge, props: { ...edge.props, description: `edited ${round}` } };
  return { ...doc, edges };
}

export function benchValidate(): BenchResult[] {
  const results: BenchResult[] = [];
  for (const n of [100, 1_000, 5_000, 10_000]) {
    const doc = synthesizeDesign(n, 7);
    const runs = n <= 1_000 ? 41 : 31;
    const t = measure(() => validate(doc), { runs, warmup: 3, collect: false });
    results.push({ name: 'validate (full)', n: doc.nodes.length, ms: t.median, min: t.min });
  }

  const base = synthesizeDesign(1_000, 7);
  const v = createValidator();
  v.validate(base);
  let doc = base;
  let round = 0;
  const nodeEdit = measure(
    () => {
      round++;
      doc = editNode(doc, (round * 37) % doc.nodes.length, round);
      v.validate(doc);
    },
    { runs: 41, warmup: 5, collect: false },
  );
  results.push({ name: 'revalidate after one node edit', n: base.nodes.length, ms: nodeEdit.median, min: nodeEdit.min });
  const edgeEdit = measure(
    () => {
      round++;
      doc = editEdge(doc, (round * 53) % doc.edges.length, round);
      v.validate(doc);
    },
    { runs: 41, warmup: 5, collect: false },
  );
  results.push({ name: 'revalidate after one edge edit', n: base.nodes.length, ms: edgeEdit.median, min: edgeEdit.min });
  return results;
}

/** Every part of the model, the lazy design-wide ones included (what a full generation reads). */
function touch(r: ResolvedDesign): number {
  return r.components.length + r.flows.length + r.networks.length + r.messaging.length + r.gateways.length + r.observability.scrapes.length + r.notes.length;
}

/**
 * The resolved model (issue 14): all of it for designs of 100 to 10,000 components, and again
 * after one component or connection edit at 1,000 with `createResolver()` (target < 2 ms, as
 * validation's), every design-wide part recomputed.
 */
export function benchResolve(): BenchResult[] {
  const results: BenchResult[] = [];
  for (const n of [100, 1_000, 5_000, 10_000]) {
    const doc = synthesizeDesign(n, 7);
    const t = measure(() => touch(resolve(doc)), { runs: n <= 1_000 ? 41 : 21, warmup: 3, collect: false });
    results.push({ name: 'resolve (whole model)', n: doc.nodes.length, ms: t.median, min: t.min });
  }
  const base = synthesizeDesign(1_000, 7);
  const r = createResolver();
  touch(r.resolve(base));
  let doc = base;
  let round = 0;
  const nodeEdit = measure(
    () => {
      round++;
      doc = editNode(doc, (round * 37) % doc.nodes.length, round);
      touch(r.resolve(doc));
    },
    { runs: 41, warmup: 5, collect: false },
  );
  results.push({ name: 're-resolve after one node edit', n: base.nodes.length, ms: nodeEdit.median, min: nodeEdit.min });
  const edgeEdit = measure(
    () => {
      round++;
      doc = editEdge(doc, (round * 53) % doc.edges.length, round);
      touch(r.resolve(doc));
    },
    { runs: 41, warmup: 5, collect: false },
  );
  results.push({ name: 're-resolve after one edge edit', n: base.nodes.length, ms: edgeEdit.median, min: edgeEdit.min });
  // What validation reads on every edit: the components and connections (the design-wide parts stay lazy).
  const eager = measure(
    () => {
      round++;
      doc = editNode(doc, (round * 37) % doc.nodes.length, round);
      const m = r.resolve(doc);
      return m.components.length + m.flows.length;
    },
    { runs: 41, warmup: 5, collect: false },
  );
  results.push({ name: 're-resolve components and connections after one node edit', n: base.nodes.length, ms: eager.median, min: eager.min });
  return results;
}
