import fc from 'fast-check';

/**
 * Hostile text: what a user (or a file from somewhere else) may put into a label, a
 * description, a setting or a requirement. Each piece targets one generated format: shell
 * (`$( )`, backticks, `${}`), SQL (`'; DROP`), YAML (indicators, `---`, `...`), Mermaid
 * (`-->`, `%%`, `:::`, brackets), Go/Jinja templates (`{{ }}`), nginx (`;`, `{`, `$var`), HTML
 * and Markdown (`<script>`, backticks, `|`), plus control characters, NUL, bidi marks, emoji,
 * lone surrogates and very long strings.
 */

export const HOSTILE_PIECES: readonly string[] = [
  '"',
  "'",
  '`',
  '\\',
  '${HOME}',
  '${IDP_ADMIN_PASSWORD}',
  '${env:HOME}',
  '$$',
  '$HOME',
  '$(id)',
  '`id`',
  '; rm -rf /',
  '&& reboot',
  '| cat /etc/passwd',
  'x"; DROP TABLE t; --',
  "x'); DROP TABLE users; --",
  '*/ DROP TABLE t; /*',
  '-->',
  '---',
  '...',
  '%%',
  '%%{init: {"theme": "dark"}}%%',
  ':::',
  'A-->B',
  'end',
  'subgraph',
  'click n_a call alert()',
  '[',
  ']',
  '((',
  '))',
  '{',
  '}',
  '{{ .Values }}',
  '{{ x }}',
  '{{',
  '}}',
  ': ',
  '- ',
  '# ',
  '#',
  '&anchor',
  '*alias',
  '!!python/object',
  '!tag',
  '|',
  '>',
  '? ',
  '@',
  '%',
  ',',
  '<script>alert(1)</script>',
  '</script>',
  '<!--',
  '&amp;',
  '&#10;',
  ']]>',
  'location / { return 200; }',
  'server { listen 1; }',
  'include /etc/passwd;',
  '\n',
  '\r\n',
  '\r',
  '\t',
  '\u0000',
  '\u0001',
  '\u001b[31m',
  '\u007f',
  '\u0085',
  '\u2028',
  '\u2029',
  '\u200b',
  '\u200e',
  '\u200f',
  '\u202e',
  '\u2066',
  '\ufeff',
  '\ufffe',
  '\ud800',
  '\udfff',
  '🎉',
  '👩‍👩‍👧',
  '🇺🇸',
  'é',
  'Ω',
  'ﬂ°°',
  '中文',
  'العربية',
  'null',
  'true',
  'yes',
  'on',
  '~',
  '0x1F',
  '1e3',
  '07',
  '22:22',
  '__proto__',
  'constructor',
  'toString',
];

/** 10,000 characters, mixing the pieces (the same string every run). */
export const LONG_HOSTILE = (() => {
  let s = '';
  for (let i = 0; s.length < 10_000; i++) s += HOSTILE_PIECES[(i * 7) % HOSTILE_PIECES.length];
  return s.slice(0, 10_000);
})();

export const LONG_PLAIN = 'a'.repeat(10_000);

/** Text made of hostile pieces and random characters; sometimes empty, sometimes 10,000 characters. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...HOSTILE_PIECES) }, { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) }), { minLength: 1, maxLength: 6 }).map((a) => a.join('')) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', LONG_HOSTILE, LONG_PLAIN) },
);

/** Keys a user may add to props or requirements. */
export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('password', 'apiKey', 'token', 'secret', 'client_secret', 'note', 'x', '__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'toJSON', 'hasOwnProperty', 'a.b', 'a[0]', '"', ': ', '- x', '#', '&a', '*a', '{{x}}', '${X}', '\n', ''),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }),
);

/** Any value a YAML or JSON file may give a setting: text, numbers, booleans, lists, mappings. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 5, arbitrary: hostileText },
    { weight: 1, arbitrary: fc.integer({ min: -1_000_000, max: 100_000_000 }) },
    { weight: 1, arbitrary: fc.constantFrom(0, -1, 1.5, 65536, 70000, 1e21, Number.MAX_SAFE_INTEGER, -0) },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.array(tie('v'), { maxLength: 3 }) },
    { weight: 1, arbitrary: fc.dictionary(hostileKey, tie('v'), { maxKeys: 3, noNullPrototype: true }) },
  ),
})).v;
