import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ALL_CODES, CODES, validate } from './index';
import { EXAMPLES } from '../../test/fixtures/code-examples';

const HERE = dirname(fileURLToPath(import.meta.url));
const DOC = readFileSync(join(HERE, '..', '..', 'docs', 'diagnostics.md'), 'utf8');

interface DocEntry {
  severity: string | undefined;
  example: string | undefined;
}

/** The validation codes documented in docs/diagnostics.md (the file reader's TF0xx section is not ours). */
function documented(): Map<string, DocEntry> {
  const out = new Map<string, DocEntry>();
  const sections = DOC.split(/^## /m).slice(1);
  for (const section of sections) {
    if (section.startsWith('File errors')) continue;
    for (const block of section.split(/^### /m).slice(1)) {
      const code = /^(TF\d{3}):/.exec(block)?.[1];
      if (!code) continue;
      expect(out.has(code), `${code} documented twice`).toBe(false);
      out.set(code, {
        severity: /\*\*Severity:\*\* (\w+)/.exec(block)?.[1],
        example: /\*\*Example:\*\* `([^`]+)`/.exec(block)?.[1],
      });
    }
  }
  return out;
}

/** Every `'TFnnn'` the engine's sources mention (its rules, not the registry or the tests). */
function emittedInSource(): Set<string> {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const f of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, f.name);
      if (f.isDirectory()) walk(p);
      else if (f.name.endsWith('.ts') && !f.name.endsWith('.test.ts') && !['codes.ts', 'testkit.ts'].includes(f.name)) {
        for (const m of readFileSync(p, 'utf8').matchAll(/'(TF\d{3})'/g)) found.add(m[1]!);
      }
    }
  };
  walk(HERE);
  return found;
}

describe('diagnostic codes', () => {
  it('the codes the engine can emit are exactly the codes documented', () => {
    const docs = [...documented().keys()].sort();
    const source = [...emittedInSource()].sort();
    expect(source).toEqual([...ALL_CODES].sort());
    expect(docs).toEqual([...ALL_CODES].sort());
  });

  it('documents each code with its severity', () => {
    for (const [code, entry] of documented()) {
      expect(entry.severity, code).toBe(CODES[code as keyof typeof CODES].severity);
    }
  });

  it('every code is emitted by its example design, with the message the documentation shows', () => {
    const docs = documented();
    for (const code of ALL_CODES) {
      const found = validate(EXAMPLES[code]()).filter((d) => d.code === code);
      expect(found.length, `${code} not emitted by its example`).toBeGreaterThan(0);
      expect(found[0]!.severity).toBe(CODES[code].severity);
      expect(found[0]!.message, code).toBe(docs.get(code)?.example);
    }
  });

  it('keeps the file reader\'s section for TF0xx codes', () => {
    expect(DOC).toMatch(/^## File errors \(TF0xx\)$/m);
  });
});
