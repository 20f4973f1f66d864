/**
 * Golden files: for every example design (assets/examples) and test design (test/golden/designs),
 * the generated INTEGRATION.md and diagram.mmd must match test/golden/<name>/ byte for byte.
 * After a deliberate change, regenerate with `UPDATE_GOLDEN=1 npx vitest run test/golden`
 * and read the new files before committing them: they are reviewed, not blindly updated.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateIntegrationDoc } from '../../generators/doc';
import { generateMermaid } from '../../generators/mermaid';
import { loadExamples, loadTestDesigns, ROOT } from './fixtures';

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const designs = [...loadExamples(), ...loadTestDesigns()];

function golden(name: string, file: string, actual: string): void {
  const dir = join(ROOT, 'test', 'golden', name);
  const path = join(dir, file);
  if (UPDATE) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path, actual);
  }
  expect(existsSync(path), `${path} is missing: run UPDATE_GOLDEN=1 npx vitest run test/golden`).toBe(true);
  expect(actual, `${name}/${file} differs from the golden file`).toBe(readFileSync(path, 'utf8'));
}

describe('golden files', () => {
  it('has designs to check', () => {
    expect(designs.length).toBeGreaterThan(0);
    expect(new Set(designs.map((d) => d.name)).size, 'an example and a test design share a name').toBe(designs.length);
  });

  for (const { name, doc } of designs) {
    it(`${name}: INTEGRATION.md`, () => golden(name, 'INTEGRATION.md', generateIntegrationDoc(doc)));
    it(`${name}: diagram.mmd`, () => golden(name, 'diagram.mmd', generateMermaid(doc)));
  }
});
