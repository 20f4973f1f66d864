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
