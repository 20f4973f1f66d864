import { Hooks, Lexer, Tokenizer } from 'marked';
import type { MarkedOptions, Token, Tokens } from 'marked';

/**
 * A shortcut through marked's inline lexer for the inline Markdown the document generator
 * writes: plain text, `code` spans, backslash escapes (what `md` makes of user text), and a
 * leading `**Label**`, or a whole `_emphasis_`. For such text the tokens are built directly, exactly as marked builds
 * them, and marked's renderer renders them; anything else (emphasis elsewhere, links, HTML,
 * entities, line breaks...) goes through marked's own inline lexer. marked's inline lexer tries
 * a dozen rules at every stop of the text; on INTEGRATION.md of a 10,000-component design that
 * was about 1 s, most of INTEGRATION.html's time.
 *
 * Text is "plain" here when no inline rule can start in it: no `\ < [ ] ! * _ ~ @ & newline`,
 * no `://` or `www.` (GFM's autolinks), no backtick (handled as a code span). Such text is
 * one text token (marked may split it into several, which render the same).
 */

const PLAIN = /^[^\\<[\]!*_`~@&\n\r]*$/;
const AUTOLINKISH = /:\/\/|www\./i;
/** The characters marked's escape rule takes after a backslash. */
const ESCAPABLE = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');
/** A `**Label**` at the start that marked makes strong text: plain, starting with a letter or digit, ending with one or `)`. */
const STRONG_LABEL = /^\*\*([A-Za-z0-9](?:[A-Za-z0-9 (),./'-]*[A-Za-z0-9)])?)\*\*(?=$|[ :])/;

function text(raw: string): Tokens.Text {
  return { type: 'text', raw, text: raw, escaped: false };
}

function plain(s: string): boolean {
  return PLAIN.test(s) && !AUTOLINKISH.test(s);
}

/** Where plain text stops: a backtick or backslash (handled), or what makes the text not simple. */
const STOP = /[\\`<[\]!*_~@&\n\r]|:\/\/|[wW][wW][wW]\./g;

/** Appends the tokens of `src` from `from` on to `out`; false when it is not of the simple kind. */
function simpleTokens(src: string, from: number, out: Token[]): boolean {
  const n = src.length;
  let i = from;
  while (i < n) {
    const c = src.charCodeAt(i);
    if (c === 96 /* ` */) {
      // A code span of single backticks around text without one; marked strips one space at both ends.
      if (src.charCodeAt(i + 1) === 96) return false;
      const end = src.indexOf('`', i + 1);
      if (end < 0 || end === i + 1 || src.charCodeAt(end + 1) === 96) return false;
      let content = src.slice(i + 1, end);
      if (content.includes('\n') || content.includes('\r')) return false;
      if (content.charCodeAt(0) === 32 && content.charCodeAt(content.length - 1) === 32 && /[^ ]/.test(content)) content = content.slice(1, -1);
      out.push({ type: 'codespan', raw: src.slice(i, end + 1), text: content } satisfies Tokens.Codespan);
      i = end + 1;
    } else if (c === 92 /* \ */) {
      const next = src[i + 1];
      if (next === undefined || !ESCAPABLE.has(next)) return false;
      out.push({ type: 'escape', raw: `\\${next}`, text: next } satisfies Tokens.Escape);
      i += 2;
    } else {
      // Plain text up to the next backtick or backslash; anything else that could start an inline rule: not simple.
      STOP.lastIndex = i;
      const m = STOP.exec(src);
      const j = m ? m.index : n;
      if (j > i) out.push(text(i === 0 && j === n ? src : src.slice(i, j)));
      if (m && m[0] !== '`' && m[0] !== '\\') return false;
      i = j;
    }
  }
  return true;
}

/** A whole text in `_emphasis_` (the appendix's `_stand-in until an image is set_`): plain, starting with a letter or digit, ending with one or `)`. */
const EMPHASIS = /^_([A-Za-z0-9](?:[^_]*[A-Za-z0-9)])?)_$/;

/** The inline tokens of `src` when it is of the simple kind (see above), else undefined. */
export function fastInlineTokens(src: string): Token[] | undefined {
  const em = src.charCodeAt(0) === 95 /* _ */ ? EMPHASIS.exec(src) : null;
  if (em) {
    const inner = em[1]!;
    return plain(inner) ? [{ type: 'em', raw: src, text: inner, tokens: [text(inner)] } satisfies Tokens.Em] : undefined;
  }
  const out: Token[] = [];
  let from = 0;
  const strong = src.startsWith('**') ? STRONG_LABEL.exec(src) : null;
  if (strong) {
    const label = strong[1]!;
    if (!plain(label)) return undefined;
    out.push({ type: 'strong', raw: strong[0], text: label, tokens: [text(label)] } satisfies Tokens.Strong);
    from = strong[0].length;
  }
  return simpleTokens(src, from, out) ? out : undefined;
}

/** marked's lexer, with the shortcut for simple inline text. */
class FastLexer extends Lexer {
  static override lex<P = string, R = string>(src: string, options?: MarkedOptions<P, R>): ReturnType<typeof Lexer.lex> {
    return new FastLexer({ ...(options as unknown as MarkedOptions | undefined), tokenizer: new FastTokenizer() }).lex(src);
  }

  static override lexInline<P = string, R = string>(src: string, options?: MarkedOptions<P, R>): Token[] {
    return new FastLexer((options as unknown as MarkedOptions | undefined)).inlineTokens(src);
  }

  override inlineTokens(src: string, tokens: Token[] = []): Token[] {
    if (!this.state.inLink && !this.state.inRawBlock) {
      const fast = fastInlineTokens(src);
      if (fast) {
        for (const t of fast) tokens.push(t);
        return tokens;
      }
    }
    return super.inlineTokens(src, tokens);
  }
}

/**
 * marked's `splitCells` for a table row without a backslash: every `|` is a cell border, so
 * the cells are the text between them, trimmed; an empty first and last cell (the outer
 * borders) dropped; padded with empty cells or cut to `count`.
 */
function splitRow(row: string, count?: number): string[] {
  const cells = row.split('|');
  if (!cells[0]!.trim()) cells.shift();
  if (cells.length > 0 && !cells[cells.length - 1]!.trim()) cells.pop();
  if (count) {
    if (cells.length > count) cells.splice(count);
    else while (cells.length < count) cells.push('');
  }
  for (let i = 0; i < cells.length; i++) cells[i] = cells[i]!.trim();
  return cells;
}

/** A delimiter row without alignment: `| --- | --- |`. */
const DELIMITER_ROW = /^\|(?: *-+ *\|)+$/;

/**
 * marked's tokenizer with a shortcut for the tables the document writes: a header row and a
 * delimiter row without alignment, then rows that all start with `|` and hold no backslash, up
 * to a blank line or the end. Anything else is marked's own table rule.
 */
class FastTokenizer extends Tokenizer {
  override table(src: string): Tokens.Table | undefined {
    const fast = this.simpleTable(src);
    if (fast) return fast;
    // marked's rule needs a second line starting (after up to 3 spaces) with |, : or -: every
    // list item and paragraph is tried as a table first, and the rule scans the whole line.
    const nl = src.indexOf('\n');
    if (nl < 0) return undefined;
    let i = nl + 1;
    while (i < nl + 4 && src.charCodeAt(i) === 32) i++;
    const c = src.charCodeAt(i);
    if (c !== 124 && c !== 58 && c !== 45) return undefined;
    return super.table(src);
  }

  private simpleTable(src: string): Tokens.Table | undefined {
    if (src.charCodeAt(0) !== 124 /* | */) return undefined;
    const headEnd = src.indexOf('\n');
    if (headEnd < 0) return undefined;
    const delimEnd = src.indexOf('\n', headEnd + 1);
    const head = src.slice(0, headEnd);
    const delim = src.slice(headEnd + 1, delimEnd < 0 ? src.length : delimEnd);
    if (head.includes('\\') || head.includes('\r') || !DELIMITER_ROW.test(delim)) return undefined;
    const header = splitRow(head);
    const columns = delim.split('|').length - 2;
    if (header.length !== columns) return undefined;
    // Rows: lines starting with `|`, up to a blank line or the end.
    const rows: string[] = [];
    let end = delimEnd < 0 ? src.length : delimEnd;
    let at = delimEnd < 0 ? src.length : delimEnd + 1;
    while (at < src.length) {
      let lineEnd = src.indexOf('\n', at);
      if (lineEnd < 0) lineEnd = src.length;
      const line = src.slice(at, lineEnd);
      if (/^ *$/.test(line)) break;
      if (line.charCodeAt(0) !== 124 || line.includes('\\') || line.includes('\r')) return undefined;
      rows.push(line);
      end = lineEnd;
      at = lineEnd + 1;
    }
    if (rows.length === 0) return undefined;
    const align = header.map(() => null);
    return {
      type: 'table',
      raw: src.slice(0, end),
      align,
      header: header.map((text) => ({ text, tokens: this.lexer.inline(text), header: true, align: null })),
      rows: rows.map((r) => splitRow(r, header.length).map((text) => ({ text, tokens: this.lexer.inline(text), header: false, align: null }))),
    };
  }
}

/** Hooks that make marked lex with `FastLexer`. */
export class FastInlineHooks extends Hooks {
  override provideLexer(block: boolean | undefined = this.block): typeof Lexer.lexInline {
    return block ? FastLexer.lex : FastLexer.lexInline;
  }
}
