import { create } from 'zustand';
import type { Diagnostic, Topology } from '../../shared/model/types';
import type { DiagSummary } from './derive';
import { summarise } from './derive';

/**
 * The findings about the design: derived from the document (app/runtime.ts runs the checks after
 * each change), never written into the editor's store. `forDoc` is the document they are about,
 * so a consumer can tell whether they are up to date (the Output panel waits for them rather than
 * generating twice). `checks` are validation's own findings (what the generated document lists);
 * `all` adds the findings about the file it was read from.
 */

export interface Findings {
  forDoc: Topology | null;
  checks: Diagnostic[];
  all: Diagnostic[];
  /** Findings per component and per connection id, for the canvas badges (unchanged entries keep their identity). */
  nodeDiags: ReadonlyMap<string, DiagSummary>;
  edgeDiags: ReadonlyMap<string, DiagSummary>;
}

export const useFindings = create<Findings>()(() => ({ forDoc: null, checks: [], all: [], nodeDiags: new Map(), edgeDiags: new Map() }));

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function sameSummary(a: DiagSummary, b: DiagSummary): boolean {
  return a.errors === b.errors && a.warnings === b.warnings && a.infos === b.infos && sameList(a.messages, b.messages);
}

/** The new summaries, reusing the previous objects where nothing changed. */
function keepSame(prev: ReadonlyMap<string, DiagSummary>, next: Map<string, DiagSummary>): ReadonlyMap<string, DiagSummary> {
  for (const [k, v] of next) {
    const p = prev.get(k);
    if (p && sameSummary(p, v)) next.set(k, p);
  }
  return next;
}

/** Publishes the findings about `doc`: validation's `checks` and the file's own. */
export function publishFindings(doc: Topology, checks: Diagnostic[], fileDiagnostics: readonly Diagnostic[]): void {
  const all = fileDiagnostics.length ? [...checks, ...fileDiagnostics] : checks;
  const { nodes, edges } = summarise(all);
  const prev = useFindings.getState();
  useFindings.setState({ forDoc: doc, checks, all, nodeDiags: keepSame(prev.nodeDiags, nodes), edgeDiags: keepSame(prev.edgeDiags, edges) });
}
