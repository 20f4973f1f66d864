/**
 * Text a user typed, on one line: one meaning for every place that shows it (the resolved
 * model's labels, the document, the Mermaid diagram, the starter stack's comments, the exports,
 * the CLI's messages), so that what one file strips another does not let through.
 *
 * - Lone surrogates are not text: each becomes U+FFFD.
 * - Controls (C0, C1, line breaks), format characters (bidirectional overrides and isolates,
 *   zero-width characters), line and paragraph separators, and U+FFFE/U+FFFF (YAML readers refuse
 *   them even in a comment) become a space. A bidirectional override in a generated comment would
 *   show the line around it in another order than the one a tool reads (Trojan Source,
 *   CVE-2021-42574).
 * - Runs of spaces become one; the ends are trimmed.
 * - Text longer than `max` code points is cut between code points, never inside an emoji, and
 *   ends with `…`.
 */

/** A high surrogate not followed by a low one, or a low one not after a high one. */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Characters that never stand in one line of output (see above); the plain space is not one of them. */
export const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\uFFFE\uFFFF]/gu;
/** Runs of INVISIBLE characters. */
const INVISIBLE_RUN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\uFFFE\uFFFF]+/gu;
/** INVISIBLE and every space separator (no-break, ideographic, …). */
const INVISIBLE_OR_SPACE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Zs}\uFFFE\uFFFF]/gu;
/** Whether a text holds anything `visibleText` replaces (in `u` mode a surrogate pair is one code point, so only a lone surrogate is \p{Cs}). */
const ANY_REPLACED = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\uFFFE\uFFFF]/u;
/** Printable ASCII with single spaces inside: left as it is (when short enough). */
const PLAIN_ASCII = /^[!-~]+(?: [!-~]+)*$/;
/** Whatever `oneLine` changes in other text: INVISIBLE, lone surrogates, every space but U+0020, two spaces, a space at an end. */
const ONE_LINE_CHANGES = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\uFFFE\uFFFF]|(?! )\p{Zs}| {2}|^ | $/u;

/** `value` (a string, else its `String()`; nothing for null and undefined) on one line, at most `max` code points. */
export function oneLine(value: unknown, max = 500): string {
  const raw = typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
  // The common case (ids, names, labels) without the replacements and the array of characters.
  if (raw.length <= max && PLAIN_ASCII.test(raw)) return raw;
  // Other text with nothing to replace (accents, dashes, emoji): one search instead of three replacements.
  if (!ONE_LINE_CHANGES.test(raw)) return cutText(raw, max);
  const s = raw.replace(LONE_SURROGATE, '\uFFFD').replace(INVISIBLE_OR_SPACE, ' ').replace(/ {2,}/g, ' ').trim();
  return cutText(s, max);
}

/** Text that keeps its spacing (pieces of a sentence): lone surrogates and each run of INVISIBLE characters replaced as `oneLine` does. */
export function visibleText(text: string): string {
  // Nearly every message and sentence is printable ASCII: a loop over its characters is cheaper than the regular expression.
  if (printableAscii(text) || !ANY_REPLACED.test(text)) return text;
  return text.replace(LONE_SURROGATE, '\uFFFD').replace(INVISIBLE_RUN, ' ');
}

function printableAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

/** `s` cut to at most `max` code points, the last of them `…` when it was cut. */
export function cutText(s: string, max: number): string {
  // At most as many code points as code units: short text needs no counting.
  if (s.length <= max) return s;
  const chars = Array.from(s);
  return chars.length <= max ? s : chars.slice(0, Math.max(1, max - 1)).join('').trimEnd() + '…';
}
