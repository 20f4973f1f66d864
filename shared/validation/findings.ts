import type { Diagnostic } from '../model/types';

/**
 * The order of findings: errors, then warnings, then infos; then by code, then by the first node
 * and connection id, path and message. The engine keeps the per-item findings sorted between runs
 * and merges in what changed.
 */

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    cmp(a.code, b.code) ||
    cmp(a.nodes[0] ?? '', b.nodes[0] ?? '') ||
    cmp(a.edges[0] ?? '', b.edges[0] ?? '') ||
    cmp(a.path ?? '', b.path ?? '') ||
    cmp(a.message, b.message) ||
    cmpList(a.nodes, b.nodes) ||
    cmpList(a.edges, b.edges)
  );
}

/** One comparison of text where most compared pairs are equal or the very same string. */
function cmp(a: string, b: string): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

/** `cmp(a.join(' '), b.join(' '))` for lists whose first items compared equal: nothing to join when neither has a second item. */
function cmpList(a: readonly string[], b: readonly string[]): number {
  if (a.length <= 1 && b.length <= 1 && (a[0] ?? '') === (b[0] ?? '')) return 0;
  return cmp(a.join(' '), b.join(' '));
}

export function sortAll(found: Diagnostic[][]): Diagnostic[] {
  const all: Diagnostic[] = [];
  for (const f of found) for (const d of f) all.push(d);
  return all.sort(compareDiagnostics);
}

/**
 * The sorted findings after some lists of them were replaced: drop the old ones, merge in the
 * new ones (sorted apart); everything again when much changed.
 */
export function updateSorted(sorted: Diagnostic[], before: Diagnostic[][], after: Diagnostic[][]): Diagnostic[] {
  const kept = new Set(after);
  const removed = new Set<Diagnostic>();
  for (const f of before) if (!kept.has(f)) for (const d of f) removed.add(d);
  const had = new Set(before);
  const added: Diagnostic[] = [];
  for (const f of after) if (!had.has(f)) for (const d of f) added.push(d);
  if (added.length + removed.size > 64) return sortAll(after);
  const rest = removed.size ? sorted.filter((d) => !removed.has(d)) : sorted;
  return merge(rest, added.sort(compareDiagnostics));
}

/** Merges two sorted lists into a new one. */
export function merge(a: Diagnostic[], b: Diagnostic[]): Diagnostic[] {
  if (b.length === 0) return a.slice();
  if (a.length === 0) return b;
  const out: Diagnostic[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = compareDiagnostics(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}
