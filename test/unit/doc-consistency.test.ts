/**
 * The document tells the truth: every checkable statement of INTEGRATION.md (networks, routes,
 * API versions, dead-letter channels, authentication, encryption, alerts, scrape targets,
 * ports, images) is checked against the files generated in the same bundle, for every design of
 * the test suite. The statements come from the document itself (each claim's Markdown must be
 * in INTEGRATION.md); what they must match comes from the generated files (doc-checks.ts).
 *
 * These assertions are the contract between the document and the stack: where the stack does
 * not yet do what the resolved model says, they fail, and are kept failing until it does.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateBundle } from '../../generators/bundle';
import type { Claim } from '../../generators/doc';
import { integrationDocument } from '../../generators/doc';
import type { Topology } from '../../shared/model/types';
import { resolve } from '../../shared/resolve';
import { allKindsDesign, loadDesign, loadExamples, ROOT } from '../golden/fixtures';
import { Bundle, checkClaim } from './doc-checks';

const REALWORLD = join(ROOT, '..', 'shared', 'fixtures', 'realworld', 'designs');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'designs');

function designsIn(dir: string): { name: string; doc: Topology }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.topo.yaml'))
    .sort()
    .map((f) => ({ name: f.replace(/\.topo\.yaml$/, ''), doc: loadDesign(join(dir, f)) }));
}

const DESIGNS = [...loadExamples(), ...designsIn(REALWORLD), ...designsIn(FIXTURES), { name: 'all-kinds', doc: allKindsDesign() }];

const TYPES: readonly Claim['type'][] = ['network', 'route', 'route-timeout', 'versioned-route', 'gateway-auth', 'rate-limit', 'channel', 'channel-settings', 'dead-letter', 'retries', 'client-auth', 'plaintext', 'alert', 'scrape', 'port', 'unpublished', 'image'];

describe('INTEGRATION.md agrees with the files generated with it', () => {
  it('checks the examples, the real-world designs and the test fixtures', () => {
    expect(DESIGNS.length).toBeGreaterThanOrEqual(7);
  });

  for (const { name, doc } of DESIGNS) {
    describe(name, () => {
      const files = generateBundle(doc);
      const markdown = files.find((f) => f.path === 'INTEGRATION.md')!.content;
      const { claims } = integrationDocument(doc);
      const bundle = new Bundle(files, resolve(doc));

      it('states every checkable statement in the document it writes into the bundle', () => {
        const own = integrationDocument(doc).markdown;
        expect(own.endsWith('\n') ? own : `${own}\n`).toBe(markdown);
        expect(claims.length).toBeGreaterThan(0);
        const unstated = claims.filter((c) => !markdown.includes(c.text));
        expect(unstated.map((c) => `${c.type}: ${c.text}`)).toEqual([]);
      });

      for (const type of TYPES) {
        const mine = claims.filter((c) => c.type === type);
        if (!mine.length) continue;
        it(`${type}: ${mine.length} ${mine.length === 1 ? 'statement matches' : 'statements match'} the files`, () => {
          const wrong = [...new Set(mine.map((c) => checkClaim(c, bundle)).filter((x): x is string => !!x))];
          expect(wrong).toEqual([]);
        });
      }
    });
  }
});
