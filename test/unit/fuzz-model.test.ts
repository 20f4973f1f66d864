import fc from 'fast-check';
import { describe, it } from 'vitest';
import { CI_SEED, PROPERTIES } from '../fuzz/properties';

/**
 * Fuzzing of the design files and of validation (fixed seed; `npm run fuzz` runs the same
 * properties longer with a new seed). A failure names the seed, the path and the smallest
 * design or text that breaks the property.
 */
describe('fuzz: design files and validation', () => {
  for (const p of PROPERTIES.filter((x) => !x.needsDom)) {
    it(p.name, () => {
      fc.assert(p.property({}), { seed: CI_SEED, numRuns: p.ciRuns });
    }, 120_000);
  }
});
