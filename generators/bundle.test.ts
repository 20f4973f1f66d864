import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../assets/examples';
import { parseTopology } from '../shared/model/parse';
import { generateBundle } from './bundle';
import { checkOutputPaths } from './cli/writeBundle';

function design(id: string) {
  const r = parseTopology(EXAMPLES.find((e) => e.id === id)!.yaml);
  if (!r.ok) throw new Error(`${id} does not parse`);
  return r.doc;
}

describe('generateBundle', () => {
  for (const example of EXAMPLES) {
    it(`${example.id}: the files of the bundle layout, safe paths, sorted, same bytes twice`, () => {
      const doc = design(example.id);
      const files = generateBundle(doc);
      const paths = files.map((f) => f.path);
      for (const p of ['INTEGRATION.md', 'diagram.mmd', 'docker-compose.yml', '.env.example', 'README.md']) expect(paths).toContain(p);
      expect(paths.some((p) => p.startsWith('config/'))).toBe(true);
      expect(paths).toEqual([...paths].sort());
      expect(() => checkOutputPaths(files)).not.toThrow();
      for (const f of files) expect(f.content.endsWith('\n'), f.path).toBe(true);
      expect(generateBundle(design(example.id))).toEqual(files);
    });
  }

  it('embeds the diagram in the document and names the design', () => {
    const files = generateBundle(design('starter'));
    const md = files.find((f) => f.path === 'INTEGRATION.md')!.content;
    expect(md).toContain('```mermaid');
    expect(md).toMatch(/^# Starter/);
    expect(files.find((f) => f.path === 'diagram.mmd')!.content).toMatch(/^flowchart LR/);
  });
});
