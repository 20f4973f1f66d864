import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { STAND_IN_SOURCE } from './stand-in-source';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '../..');

describe('the stand-in program', () => {
  it('the bundle carries assets/stand-in/stand-in.mjs verbatim (run node scripts/build-stand-in.mjs after editing it)', () => {
    expect(STAND_IN_SOURCE).toBe(readFileSync(join(ROOT, 'assets/stand-in/stand-in.mjs'), 'utf8'));
  });

  it('uses nothing but Node.js itself: every import is a node: module', () => {
    const imports = [...STAND_IN_SOURCE.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
    expect(imports.length).toBeGreaterThan(0);
    for (const i of imports) expect(i).toMatch(/^node:/);
  });
});
