import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FILE_CODES } from './fileCodes';
import { parseTopology } from './parse';

const DOC = readFileSync(join(__dirname, '..', '..', 'docs', 'diagnostics.md'), 'utf8');

function fileSection(): Map<string, { title: string; severity?: string; body: string }> {
  const section = DOC.split(/^## /m).find((s) => s.startsWith('File errors (TF0xx)'));
  expect(section, 'docs/diagnostics.md has a "File errors (TF0xx)" section').toBeDefined();
  const out = new Map<string, { title: string; severity?: string; body: string }>();
  for (const block of section!.split(/^### /m).slice(1)) {
    const m = /^(TF\d{3}): (.+)$/m.exec(block);
    if (!m) continue;
    expect(out.has(m[1]!), `${m[1]} documented twice`).toBe(false);
    out.set(m[1]!, { title: m[2]!.trim(), severity: /\*\*Severity:\*\* (\w+)/.exec(block)?.[1], body: block });
  }
  return out;
}

describe('file error codes', () => {
  it('are each documented in docs/diagnostics.md with their title and severity, and nothing else is', () => {
    const docs = fileSection();
    expect([...docs.keys()].sort()).toEqual(Object.keys(FILE_CODES).sort());
    for (const [code, def] of Object.entries(FILE_CODES)) {
      expect(docs.get(code)?.title, code).toBe(def.title);
      expect(docs.get(code)?.severity, code).toBe(def.severity);
    }
  });

  it('documented examples are what the parser says', () => {
    const docs = fileSection();
    const samples: Array<[string, string]> = [
      ['TF003', 'topoforge: 1\nname: x\nnodes: []\nedges: []\nnodes: []\n'],
      ['TF006', 'topoforge: 1\nname: x\n---\ntopoforge: 1\n'],
      ['TF010', 'topoforge: 0\nname: x\n'],
      ['TF011', 'topoforge: 2\nname: x\n'],
      ['TF020', 'topoforge: 1\nname: x\nnodes:\n  - id: orders\n'],
      ['TF022', 'topoforge: 1\nname: x\nnodes:\n  - id: Orders_API\n    kind: worker\n'],
      ['TF029', 'topoforge: 1\nname: x\ngroups:\n  - id: z\n    trust: high\n'],
      ['TF030', 'topoforge: 1\nname: x\nlayout:\n  ghost: { x: 1, y: 1 }\n'],
      ['TF032', 'topoforge: 1\nname: x\nnodes:\n  - id: a\n    kind: worker\n    label: !custom text\n'],
    ];
    for (const [code, text] of samples) {
      const d = parseTopology(text).diagnostics.find((x) => x.code === code);
      expect(d, code).toBeDefined();
      expect(docs.get(code)!.body, code).toContain(d!.message);
    }
  });
});
