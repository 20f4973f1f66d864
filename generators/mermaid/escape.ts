/**
 * Escaping for Mermaid flowchart text. Everything a user typed goes through `mermaidLabel`
 * and ends up inside a double-quoted label, so it can never change the diagram's structure:
 * ASCII punctuation becomes a Mermaid entity code (`#34;` for `"`), control, line-break and
 * bidirectional-formatting characters become spaces, and the text is cut to a readable length
 * (shared/text.ts's `oneLine`, as everywhere else).
 */
import { oneLine } from '../../shared/text';

/** ASCII characters written as they are; every other ASCII character becomes `#<code>;`. */
const SAFE_ASCII = /[A-Za-z0-9 .,:/_+@!?'~=-]/;
/** Text `mermaidLabel` writes as it is. */
const SAFE_TEXT = /^[A-Za-z0-9 .,:/_+@!?'~=-]*$/;

/**
 * The text a label shows: the user's text on one line, or `fallback` (an id) when nothing
 * visible is left of it.
 */
export function shownText(value: unknown, max: number, fallback = ''): string {
  return oneLine(value, max) || oneLine(fallback, max);
}

/** Text for inside a double-quoted Mermaid label: entity-encoded, one line, never empty unless `fallback` is. */
export function mermaidLabel(value: unknown, max = 60, fallback = ''): string {
  const text = shownText(value, max, fallback);
  if (SAFE_TEXT.test(text)) return text;
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    out += code < 0x80 && !SAFE_ASCII.test(ch) ? `#${code};` : ch;
  }
  return out;
}

/** Text for `accTitle`/`accDescr` lines, which Mermaid reads raw to the end of the line. */
export function accessibleText(value: unknown, max: number): string {
  return oneLine(String(value ?? '').replace(/[^\p{L}\p{N}\p{M} .,_-]/gu, ' '), max);
}

/**
 * Mermaid ids: topology ids match `[a-z][a-z0-9-]*`; `-` becomes `_` (ids never contain `_`, so
 * the mapping is one-to-one) and a prefix keeps words like `end` or `graph` and ids starting
 * with `o`/`x` from being read as keywords or arrow heads.
 */
export function nodeRef(id: string): string {
  return safeRef('n', id);
}

export function groupRef(id: string): string {
  return safeRef('g', id);
}

function safeRef(prefix: 'n' | 'g', id: string): string {
  if (/^[a-z][a-z0-9-]*$/.test(id)) return `${prefix}_${id.replace(/-/g, '_')}`;
  // An id outside the format (an invalid file): hex-encoded under another prefix, still one-to-one.
  return `${prefix}x_` + Array.from(id, (ch) => ch.codePointAt(0)!.toString(16)).join('_');
}
