import { describe, expect, it } from 'vitest';
import { md as docMd } from './doc/markdown';
import { mermaidLabel } from './mermaid/escape';
import { oneLine, visibleText } from '../shared/text';
import { md as stackMd, oneLine as stackOneLine } from './stack/text';
import { seededRandom } from '../test/random';

/**
 * The escaping helpers return plain text as it is without running their replacements (the
 * common case, for speed). Below are the same helpers without that shortcut; on text from an
 * alphabet of every character class that matters, both must agree exactly.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Zs}\uFFFE\uFFFF]/gu;

/** shared/text.ts's one meaning of "one line of user text", without its shortcut. */
function refOneLine(value: unknown, max = 500): string {
  const s = String(value ?? '').replace(LONE_SURROGATE, '\uFFFD').replace(INVISIBLE, ' ').replace(/ {2,}/g, ' ').trim();
  const chars = Array.from(s);
  return chars.length <= max ? s : chars.slice(0, Math.max(1, max - 1)).join('').trimEnd() + '…';
}

function refVisibleText(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD').replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\uFFFE\uFFFF]+/gu, ' ');
}

function refDocMd(value: unknown, max = 500): string {
  let s = refOneLine(value, max).replace(/[\\`*_[\]<>|~]/g, (c) => '\\' + c).replace(/&/g, '&amp;');
  s = s.replace(/^([#+\-!=])/, '\\$1').replace(/^(\d+)([.)])(?=\s|$)/, '$1\\$2');
  s = s.replace(/(https?|ftp|file)(:\/\/)/gi, '$1&#58;//').replace(/(javascript|data|vbscript|mailto|xmpp)(:)(?!\s)/gi, '$1&#58;').replace(/(www)\./gi, '$1&#46;').replace(/@/g, '&#64;');
  return s;
}

/** One line with no comment terminator. */
function refStackOneLine(text: unknown, max = 120): string {
  return refOneLine(String(text ?? '').replace(/\*\//g, '* /').replace(/-->/g, '- ->'), max);
}

function refStackMd(text: unknown, max = 120): string {
  return refStackOneLine(text, max)
    .replace(/\\/g, '\\\\')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/([`*_[\]#])/g, '\\$1')
    .replace(/^([+\-=])/, '\\$1')
    .replace(/^(\d+)([.)])(?=\s|$)/, '$1\\$2');
}

function refMermaidLabel(value: unknown, max = 60, fallback = ''): string {
  let out = '';
  for (const ch of refOneLine(value, max) || refOneLine(fallback, max)) {
    const code = ch.codePointAt(0)!;
    out += code < 0x80 && !/[A-Za-z0-9 .,:/_+@!?'~=-]/.test(ch) ? `#${code};` : ch;
  }
  return out;
}

const PIECES = [
  'a', 'Orders', 'db', '1', '12', '1.', '2)', ' ', '  ', '\t', '\n', '.', ',', ':', '://', 'http', 'https://x', 'javascript:', 'www.', 'WWW.', 'mailto:', '@',
  '#', '+', '-', '-->', '*/', '*', '!', '=', '_', '`', '[', ']', '<', '>', '|', '~', '&', '\\', '(', ')', '"', "'", '$', '%', '^', '{', '}', '?', '/', ';',
  '\u00e9', '\u2014', '\u00fc', '\u3000', '\u2009', '\u1680', '\u205f', '\u00a0', '\u200b', '\u202e', '\u2066', '\u2028', '\uFEFF', '\uFFFE', '\uD800', '\uDC00', '😀', '\u0000', '\u007f', 'x'.repeat(70), 'y'.repeat(130),
];

describe('escaping shortcuts agree with the full escaping', () => {
  it('on 20,000 random texts', () => {
    const r = seededRandom(5);
    for (let i = 0; i < 20_000; i++) {
      let s = '';
      const n = 1 + Math.floor(r() * 6);
      for (let k = 0; k < n; k++) s += PIECES[Math.floor(r() * PIECES.length)];
      const max = [20, 60, 120, 500][Math.floor(r() * 4)]!;
      expect(oneLine(s, max)).toBe(refOneLine(s, max));
      expect(visibleText(s)).toBe(refVisibleText(s));
      expect(docMd(s, max)).toBe(refDocMd(s, max));
      expect(stackOneLine(s, max)).toBe(refStackOneLine(s, max));
      expect(stackMd(s, max)).toBe(refStackMd(s, max));
      expect(mermaidLabel(s, max, 'fallback-id')).toBe(refMermaidLabel(s, max, 'fallback-id'));
    }
  });
});
