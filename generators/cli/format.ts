import { edgeIds } from '../../shared/model/ids';
import { visibleText } from '../../shared/text';
import type { SourceLocation } from '../../shared/model/parse';
import type { Diagnostic, Topology } from '../../shared/model/types';

/** Gives each diagnostic a line: its own, else where its path is, else where its first node or edge is. */
export function locateDiagnostics(diagnostics: readonly Diagnostic[], doc: Topology, locate: (path: string) => SourceLocation | undefined): Diagnostic[] {
  // Most findings have a path: the maps by id are made for the first one that has none.
  let nodeIndex: Map<string, number> | undefined;
  let edgeIndex: Map<string, number> | undefined;
  const where = (d: Diagnostic): SourceLocation | undefined => {
    if (d.path) {
      const l = locate(d.path);
      if (l) return l;
    }
    if (!nodeIndex) {
      const m = (nodeIndex = new Map<string, number>());
      doc.nodes.forEach((n, i) => m.set(n.id, i));
      doc.groups.forEach((g, i) => m.set(`group:${g.id}`, i));
    }
    for (const id of d.nodes) {
      const i = nodeIndex.get(id);
      if (i !== undefined) return locate(`nodes[${i}]`);
      const g = nodeIndex.get(`group:${id}`);
      if (g !== undefined) return locate(`groups[${g}]`);
    }
    if (d.edges.length === 0) return undefined;
    if (!edgeIndex) {
      const m = (edgeIndex = new Map<string, number>());
      edgeIds(doc.edges).forEach((id, i) => m.set(id, i));
    }
    for (const id of d.edges) {
      const i = edgeIndex.get(id);
      if (i !== undefined) return locate(`edges[${i}]`);
    }
    return undefined;
  };
  return diagnostics.map((d) => {
    if (d.line !== undefined) return d;
    const l = where(d);
    if (!l) return d;
    // A copy with its place (what `{ ...d, line, column }` gives, several times faster on thousands of findings).
    const placed: Diagnostic = Object.assign({}, d);
    placed.line = l.line;
    placed.column = l.column;
    return placed;
  });
}

/** `FILE:LINE: severity CODE message` and the hint indented below, one block per diagnostic. */
export function formatDiagnostics(file: string, diagnostics: readonly Diagnostic[], fixes?: ReadonlyMap<Diagnostic, string>): string {
  return diagnostics
    .map((d) => {
      const place = d.line !== undefined ? `${file}:${d.line}:` : `${file}:`;
      const head = `${place} ${d.severity} ${d.code} ${visibleText(d.message)}`;
      const fix = fixes?.get(d);
      const tail = fix ? `    fix: ${visibleText(fix)} (topoforge fix ${file})\n` : '';
      return d.hint ? `${head}\n    ${visibleText(d.hint)}\n${tail}` : `${head}\n${tail}`;
    })
    .join('');
}

export function summarize(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number; infos: number } {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const d of diagnostics) {
    if (d.severity === 'error') errors++;
    else if (d.severity === 'warning') warnings++;
    else infos++;
  }
  return { errors, warnings, infos };
}
