// @vitest-environment jsdom
import fc from 'fast-check';
import { beforeAll, describe, it } from 'vitest';
import type { CheckEnv } from '../fuzz/checks';
import { domCheckEnv } from '../fuzz/dom';
import { CI_SEED, PROPERTIES } from '../fuzz/properties';

/**
 * Fuzzing of the generated bundle (fixed seed; `npm run fuzz` runs the same properties longer
 * with a new seed): random designs of every kind with hostile text everywhere; every file parses
 * with its real parser (Mermaid's under jsdom), the diagrams draw exactly the design, and no text
 * a user typed adds a service, a route, a node, a statement or a command. See test/fuzz/checks.ts.
 */
let env: CheckEnv;
beforeAll(async () => {
  env = await domCheckEnv();
});

describe('fuzz: the generated bundle', () => {
  for (const p of PROPERTIES.filter((x) => x.needsDom)) {
    it(p.name, async () => {
      await fc.assert(p.property(env), { seed: CI_SEED, numRuns: p.ciRuns });
    }, 300_000);
  }
});
