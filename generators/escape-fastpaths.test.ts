import { describe, expect, it } from 'vitest';
import { md as docMd, oneLine as docOneLine } from './doc/markdown';
import { mermaidLabel, plainText } from './mermaid/escape';
import { md as stackMd, oneLine as stackOneLine } from './stack/text';
import { seededRandom } from '../test/random';

/**
 * The escaping helpers return plain text as it is without running their replacements (the
 * common case, for speed). These are the helpers as they were before that shortcut; on text
 * from an alphabet of every character class that matters, both must agree exactly.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Zs}]/gu;

function refDocOneLine(value: unknown, max = 500): string {
  const s = String(value ?? '').replace(LONE_SURROGATE, '\uFFFD').replace(INVISIBLE, ' ').replace(/ {2,}/g, ' ').trim();
  const chars = Array.from(s);
  return chars.length <= max ? s : chars.slice(0, Math.max(1, max - 1)).join('').trimEnd() + '…';
}

function refDocMd(value: unknown, max = 500): string {
  let s = refDocOneLine(value, max).replace(/[\\`*_[\]<>|~]/g, (c) => '\\' + c).replace(/&/g, '&amp;');
  s = s.replace(/^([#+\-!=])/, '\\$1').replace(/^(\d+)([.)])(?=\s|$)/, '$1\\$2');
  s = s.replace(/(https?|ftp|file)(:\/\/)/gi, '$1&#58;//').replace(/(javascript|data|vbscript|mailto|xmpp)(:)(?!\s)/gi, '$1&#58;').replace(/(www)\./gi, '$1&#46;').replace(/@/g, '&#64;');
  return s;
}

function refStackOneLine(text: unknown, max = 120): string {
  const s = typeof text === 'string' ? text : text === undefined || text === null ? '' : String(text);
  const cleaned = s
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\uFFFE\uFFFF]+/g, ' ')
    .replace(/\*\//g, '* /')
    .replace(/-->/g, '- ->')
    .replace(/\s+/g, ' ')
    .trim();
  if (cleaned.length <= max) return cleaned;
  const cut = cleaned.slice(0, max - 1);
  return `${/[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut}…`;
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

function refPlainText(value: unknown, max: number): string {
  const s = String(value ?? '').replace(LONE_SURROGATE, '\uFFFD').replace(INVISIBLE, ' ').replace(/ {2,}/g, ' ').trim();
  const chars = Array.from(s);
  if (chars.length <= max) return s;
  return chars.slice(0, Math.max(1, max - 1)).join('').trimEnd() + '…';
}

function refMermaidLabel(value: unknown, max = 60, fallback = ''): string {
  let out = '';
  for (const ch of refPlainText(value, max) || refPlainText(fallback, max)) {
    const code = ch.codePointAt(0)!;
    out += code < 0x80 && !/[A-Za-z0-9 .,:/_+@!?'~=-]/.test(ch) ? `#${code};` : ch;
  }
  return out;
}

const PIECES = [
  'a', 'Orders', 'db', '1', '12', '1.', '2)', ' ', '  ', '\t', '\n', '.', ',', ':', '://', 'http', 'https://x', 'javascript:', 'www.', 'WWW.', 'mailto:', '@',
  '#', '+', '-', '-->', '*/', '*', '!', '=', '_', '`', '[', ']', '<', '>', '|', '~', '&', '\\', '(', ')', '"', "'", '$', '%', '^', '{', '}', '?', '/', ';',
  '\u00e9', '\u00a0', '\u200b', '\u2028', '\uFEFF', '\uFFFE', '\uD800', '\uDC00', '😀', '\u0000', '\u007f', 'x'.repeat(70), 'y'.repeat(130),
];

describe('escaping shortcuts agree with the full escaping', () => {
  it('on 20,000 random texts', () => {
    const r = seededRandom(5);
    for (let i = 0; i < 20_000; i++) {
      let s = '';
      const n = 1 + Math.floor(r() * 6);
      for (let k = 0; k < n; k++) s += PIECES[Math.floor(r() * PIECES.length)];
      const max = [20, 60, 120, 500][Math.floor(r() * 4)]!;
      expect(docOneLine(s, max)).toBe(refDocOneLine(s, max));
      expect(docMd(s, max)).toBe(refDocMd(s, max));
      expect(stackOneLine(s, max)).toBe(refStackOneLine(s, max));
      expect(stackMd(s, max)).toBe(refStackMd(s, max));
      expect(plainText(s, max)).toBe(refPlainText(s, max));
      expect(mermaidLabel(s, max, 'fallback-id')).toBe(refMermaidLabel(s, max, 'fallback-id'));
    }
  });
});
