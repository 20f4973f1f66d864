import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { marked } from 'marked';
import { ROOT } from '../../test/golden/fixtures';
import { FastInlineHooks, fastInlineTokens } from './fast-inline';
import { code, md, row } from './markdown';

/** What marked makes of `source` on its own, and with the shortcut for simple inline text. */
const both = (source: string) => [marked.parse(source, { async: false, gfm: true }) as string, marked.parse(source, { async: false, gfm: true, hooks: new FastInlineHooks() }) as string];

describe('the shortcut through marked for simple inline text', () => {
  it('renders every golden INTEGRATION.md exactly as marked does', () => {
    for (const name of ['starter', 'order-processing', 'ecommerce-orders', 'trading-data']) {
      const [plain, fast] = both(readFileSync(join(ROOT, 'test', 'golden', name, 'INTEGRATION.md'), 'utf8'));
      expect(fast, name).toBe(plain);
    }
  });

  it('renders list items, table cells and paragraphs of any text exactly as marked does', () => {
    const piece = fc.oneof(
      fc.constantFrom('a', 'Orders API', '_stand-in until an image is set_', '_external, not run_', '_a (b)_', '_x_', ' ', '  ', '`', '``', '`x`', '` y `', '`a_b`', '\\', '\\*', '\\_', '\\|', '\\a', '*', '**', '_', '~', '~~', '[', ']', '(', ')', '!', '<', '>', '&', '&amp;', '&#58;', '@', 'a@b.io', 'http', 'http://x.io', 'www.', 'WWW.x', ':', '//', '|', '#', '"', "'", '\n', '1.', 'é', '→'),
      fc.string({ maxLength: 6 }),
    );
    const text = fc.array(piece, { maxLength: 10 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, text, fc.constantFrom('', 'Label', 'API Gateway', 'Note', 'Retry (x)', 'a_b'), (a, b, label) => {
        const item = label ? `- **${label}**: ${a}` : `- ${a}`;
        const escaped = [md(a, 80), code(b || 'x'), `\`${b.replace(/`/g, '')}\``].join(' ');
        const source = [item, `- **${label || 'L'}** ${escaped}`, '', row(['A', 'B']), row(['---', '---']), row([md(a), escaped]), row([a.replace(/\n/g, ' '), b.replace(/\n/g, ' ')]), '', a, '', b].join('\n');
        const [plain, fast] = both(source);
        expect(fast).toBe(plain);
      }),
      { numRuns: 3000, seed: 19 },
    );
  });

  it('renders tables of any cells exactly as marked does', () => {
    const cell = fc.oneof(fc.constantFrom('', ' ', 'a', 'Orders API', '`x`', '|', '\\|', '\\', '_e_', '**b**', '-', ':---', '---'), fc.string({ maxLength: 5 }));
    const line = fc.array(cell, { maxLength: 5 }).map((cs) => `| ${cs.join(' | ')} |`);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.array(line, { maxLength: 4 }), fc.constantFrom('', '\n', '\n\nafter', '\nlazy line', '\n  \nx', '\n- item', '\n# Title'), (cols, delims, rows, tail) => {
        const head = `| ${Array.from({ length: cols }, (_, i) => `H${i}`).join(' | ')} |`;
        const source = `${[head, `|${' --- |'.repeat(delims)}`, ...rows].join('\n')}${tail}`;
        const [plain, fast] = both(`- before\n\n${source}`);
        expect(fast).toBe(plain);
      }),
      { numRuns: 3000, seed: 23 },
    );
  });

  it('takes the shortcut for the text the document writes, and leaves the rest to marked', () => {
    expect(fastInlineTokens('`orders-api` (Kong Gateway 3.x) with 4 routes \\* and \\_')).toBeDefined();
    expect(fastInlineTokens('**Message Patterns**: request-reply over HTTP')).toBeDefined();
    expect(fastInlineTokens('_external, not run_')).toBeDefined();
    expect(fastInlineTokens('_Not decided: `x`._')).toBeUndefined();
    expect(fastInlineTokens('see http://example.com')).toBeUndefined();
    expect(fastInlineTokens('a & b')).toBeUndefined();
  });
});
