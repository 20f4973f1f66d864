import { getKind } from '../../shared/catalog';
import type { Topology } from '../../shared/model/types';

/**
 * Find (Mod+F): components matched by label, kind (id or display name) or id, case-insensitive;
 * a whole-word or prefix match ranks above a match inside a word, which ranks above the letters
 * appearing in order ("pgsql" finds PostgreSQL).
 */

export interface Hit {
  id: string;
  label: string;
  kind: string;
  score: number;
}

/** How well `q` (lower-case) matches `text`: 0 for no match. */
export function matchScore(text: string, q: string): number {
  if (!q) return 0;
  const t = text.toLowerCase();
  if (t === q) return 100;
  if (t.startsWith(q)) return 80;
  const at = t.indexOf(q);
  if (at > 0) return /[^a-z0-9]/.test(t[at - 1]!) ? 70 : 60;
  // The letters in order, fewer gaps is better.
  let i = 0;
  let gaps = 0;
  let last = -1;
  for (let j = 0; j < t.length && i < q.length; j++) {
    if (t[j] === q[i]) {
      if (last >= 0 && j !== last + 1) gaps++;
      last = j;
      i++;
    }
  }
  return i === q.length ? Math.max(1, 30 - gaps * 4) : 0;
}

/** Matching components, best first (document order among equals). Several words must all match. */
export function findNodes(doc: Topology, query: string, limit = 50): Hit[] {
  const words = query.toLowerCase().trim().split(/\s+/).filter(Boolean);
  if (!words.length) return [];
  const hits: Hit[] = [];
  const seen = new Set<string>();
  for (const n of doc.nodes) {
    if (seen.has(n.id)) continue;
    seen.add(n.id);
    const kindName = getKind(n.kind)?.name ?? n.kind;
    const fields = [n.label ?? '', n.id, n.kind, kindName];
    let total = 0;
    for (const w of words) {
      const best = Math.max(...fields.map((f, i) => matchScore(f, w) - (i === 0 ? 0 : 2)));
      if (best <= 0) {
        total = 0;
        break;
      }
      total += best;
    }
    if (total > 0) hits.push({ id: n.id, label: n.label || n.id, kind: kindName, score: total });
  }
  // Stable sort keeps document order among equal scores.
  return hits.sort((a, b) => b.score - a.score).slice(0, limit);
}
