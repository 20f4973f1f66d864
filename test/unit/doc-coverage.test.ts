/**
 * Acceptance of issue 17: on the bundled examples and the real-world designs, at least 80% of the
 * template's fields are design-specific (stated from the design or decided in its requirements)
 * or explicitly "not used by this design"; the rest are listed as decisions.
 */
import { describe, expect, it } from 'vitest';
import { coverage } from './doc-coverage';

const rows = coverage();

describe('the template’s fields are answered or explicitly not used', () => {
  it('measures the examples and the real-world designs', () => {
    expect(rows.filter((r) => r.set === 'example').length).toBeGreaterThanOrEqual(3);
    expect(rows.filter((r) => r.set === 'realworld').length).toBeGreaterThanOrEqual(2);
  });
  for (const r of rows.filter((x) => x.set !== 'fixture')) {
    it(`${r.name}: ${(r.share * 100).toFixed(1)}% (${r.fact} stated, ${r.decided} decided, ${r.unused} not used, ${r.open} open of ${r.total})`, () => {
      expect(r.fact + r.decided + r.unused + r.open).toBe(r.total);
      expect(r.share).toBeGreaterThanOrEqual(0.8);
    });
  }
});
