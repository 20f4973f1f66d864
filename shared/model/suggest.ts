/**
 * "Did you mean ...?" for unknown kinds and protocols: the closest candidate by edit distance
 * (optimal string alignment: a swap of two neighbouring letters counts as one edit), or one whose
 * search words contain the typed text exactly.
 */
export function closest(
  typed: string,
  candidates: readonly string[],
  aliases: ReadonlyMap<string, string> = new Map(),
): string | undefined {
  const t = typed.trim().toLowerCase();
  if (!t || t.length > 100) return undefined;
  const exact = candidates.find((c) => c.toLowerCase() === t);
  if (exact) return exact;
  const alias = aliases.get(t);
  if (alias) return alias;
  let best: string | undefined;
  let bestDist = Infinity;
  for (const c of candidates) {
    const d = distance(t, c.toLowerCase());
    if (d < bestDist) {
      best = c;
      bestDist = d;
    }
  }
  const allowed = Math.max(2, Math.floor(t.length / 3));
  return bestDist <= allowed ? best : undefined;
}

/** Optimal string alignment distance (Levenshtein plus transpositions). */
export function distance(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  let cur = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m]!;
}
