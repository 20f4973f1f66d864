/**
 * Document paths, as carried by `Diagnostic.path`: `nodes[3]`, `nodes[3].props.port`,
 * `layout.storefront`. A key that is not a plain word is written in brackets as a JSON string:
 * `nodes[0].props["a.b"]`.
 */

export type PathSegment = string | number;

const WORD = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

export function joinPath(base: string, segment: PathSegment): string {
  if (typeof segment === 'number') return `${base}[${segment}]`;
  if (WORD.test(segment)) return base ? `${base}.${segment}` : segment;
  return `${base}[${JSON.stringify(segment)}]`;
}

export function pathOf(...segments: PathSegment[]): string {
  return segments.reduce<string>((p, s) => joinPath(p, s), '');
}

/** Splits a path into keys and indexes; undefined when it is not a well-formed path. */
export function splitPath(path: string): PathSegment[] | undefined {
  return splitPlainPath(path) ?? splitAnyPath(path);
}

const isWordStart = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x24;
const isWordPart = (c: number): boolean => isWordStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d;

/**
 * The paths findings carry (`nodes[3].props.port`: words and numbers) in one pass over the
 * characters; undefined for anything else (a quoted key, a path that is not well-formed), which
 * `splitAnyPath` reads.
 */
function splitPlainPath(path: string): PathSegment[] | undefined {
  const out: PathSegment[] = [];
  const n = path.length;
  let i = 0;
  while (i < n) {
    let c = path.charCodeAt(i);
    if (c === 0x5b) {
      // [digits]
      let j = i + 1;
      let value = 0;
      while (j < n && path.charCodeAt(j) >= 0x30 && path.charCodeAt(j) <= 0x39) value = value * 10 + (path.charCodeAt(j++) - 0x30);
      if (j === i + 1 || j >= n || path.charCodeAt(j) !== 0x5d || j - i > 10) return undefined;
      out.push(value);
      i = j + 1;
      continue;
    }
    if (c === 0x2e) {
      if (out.length === 0) return undefined;
      c = path.charCodeAt(++i);
    } else if (out.length > 0) return undefined;
    if (!isWordStart(c)) return undefined;
    let j = i + 1;
    while (j < n && isWordPart(path.charCodeAt(j))) j++;
    out.push(path.slice(i, j));
    i = j;
  }
  return out;
}

function splitAnyPath(path: string): PathSegment[] | undefined {
  const out: PathSegment[] = [];
  const re = /\.?([A-Za-z_$][A-Za-z0-9_$-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;
  let i = 0;
  while (i < path.length) {
    re.lastIndex = i;
    const m = re.exec(path);
    if (!m) return undefined;
    if (m[1] !== undefined) {
      if (m[0].startsWith('.') && out.length === 0) return undefined;
      if (!m[0].startsWith('.') && out.length > 0) return undefined;
      out.push(m[1]);
    } else if (m[2] !== undefined) out.push(Number(m[2]));
    else {
      try {
        out.push(JSON.parse(m[3]!) as string);
      } catch {
        return undefined;
      }
    }
    i = re.lastIndex;
  }
  return out;
}
