/**
 * Names the stack derives from what a user typed: service names (DNS labels) from component
 * labels, network names from zone labels, `.env` prefixes from service names.
 */

/** Longest base of a derived name: room is left for `-2` and for helper suffixes such as `-exporter`. */
const MAX_BASE = 40;

/**
 * `Orders API (Node.js)` -> `orders-api`: lower-case letters, digits and single dashes, starting
 * with a letter; what stands in brackets (usually the technology) is left out unless nothing
 * else is there; '' when nothing usable is left.
 */
export function dnsName(text: string): string {
  const bare = text.includes('(') || text.includes('[') ? text.replace(/\([^()]*\)|\[[^[\]]*\]/g, ' ') : text;
  return slug(bare) || slug(text);
}

/** A character beyond ASCII: only such text needs Unicode normalisation (NFKD leaves ASCII as it is). */
const NON_ASCII = /[^\u0000-\u007f]/;

function slug(text: string): string {
  if (!NON_ASCII.test(text)) return asciiSlug(text.toLowerCase());
  const latin = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return latin
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .slice(0, MAX_BASE)
    .replace(/-+$/, '');
}

/**
 * `slug` of lower-cased ASCII text in one pass: runs of other characters than letters and digits
 * become one dash, what comes before the first letter is dropped, at most MAX_BASE characters,
 * no dash at the end.
 */
function asciiSlug(lower: string): string {
  const n = lower.length;
  let out = '';
  let i = 0;
  while (i < n) {
    while (i < n && !isAlnum(lower.charCodeAt(i))) i++;
    let start = i;
    while (i < n && isAlnum(lower.charCodeAt(i))) i++;
    if (out === '') {
      // Nothing kept yet: the name starts at the first letter.
      while (start < i && !isLetter(lower.charCodeAt(start))) start++;
      if (start < i) out = lower.slice(start, Math.min(i, start + MAX_BASE));
    } else if (start < i) {
      // A dash that would end the name is cut off, and what follows with it.
      if (out.length >= MAX_BASE - 1) break;
      out = `${out}-${lower.slice(start, Math.min(i, start + MAX_BASE - out.length - 1))}`;
    }
    if (out.length >= MAX_BASE) break;
  }
  return out;
}

const isLetter = (c: number): boolean => c >= 0x61 && c <= 0x7a;
const isAlnum = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);

/** Hands out names unique among those given so far: `base`, `base-2`, `base-3`, ... */
export class NameTaker {
  private readonly taken = new Set<string>();
  /** The next suffix to try per base, so that many equal labels cost one step each. */
  private readonly next = new Map<string, number>();

  constructor(reserved: Iterable<string> = []) {
    for (const r of reserved) this.taken.add(r);
  }

  take(base: string): string {
    let name = base;
    let i = this.next.get(base) ?? 2;
    if (this.taken.has(name)) {
      do name = `${base}-${i++}`;
      while (this.taken.has(name));
      this.next.set(base, i);
    }
    this.taken.add(name);
    return name;
  }
}

/** `orders-db` -> `ORDERS_DB`, for environment variables (always starting with a letter). */
export function upperSnake(id: string): string {
  if (isDnsLabel(id)) return id.toUpperCase().replaceAll('-', '_');
  const s = id.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[A-Z]/.test(s) ? s : `N_${s}`;
}

/** `[a-z][a-z0-9]*(-[a-z0-9]+)*`, what service names are: their `upperSnake` only swaps case and dashes. */
function isDnsLabel(s: string): boolean {
  const first = s.charCodeAt(0);
  if (!(first >= 0x61 && first <= 0x7a)) return false;
  let dash = false;
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x2d) {
      if (dash) return false;
      dash = true;
    } else if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) dash = false;
    else return false;
  }
  return !dash;
}
