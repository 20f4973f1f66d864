import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../assets/examples';
import { parseTopology } from '../../shared/model/parse';
import { serializeTopology } from '../../shared/model/serialize';
import { validate } from '../../shared/validation';
// @ts-expect-error: a plain ES module script without types
import { buildExamplesModule, EXAMPLES_DIR, MODULE_PATH } from '../../scripts/build-examples.mjs';

const dir = EXAMPLES_DIR as string;
const files = readdirSync(dir).filter((f) => f.endsWith('.topo.yaml'));

describe('bundled examples', () => {
  it('are the three the product ships', () => {
    expect(EXAMPLES.map((e) => e.id)).toEqual(['starter', 'ecommerce-orders', 'trading-data']);
    expect(files.sort()).toEqual(['ecommerce-orders.topo.yaml', 'starter.topo.yaml', 'trading-data.topo.yaml']);
  });

  it('assets/examples/index.ts matches the files byte for byte (run scripts/build-examples.mjs)', () => {
    expect(readFileSync(MODULE_PATH as string, 'utf8')).toBe((buildExamplesModule as (d: string) => string)(dir));
    for (const e of EXAMPLES) expect(e.yaml).toBe(readFileSync(join(dir, `${e.id}.topo.yaml`), 'utf8'));
  });

  for (const file of files) {
    describe(file, () => {
      const text = readFileSync(join(dir, file), 'utf8');
      const parsed = parseTopology(text, { fileName: file });

      it('parses with no file diagnostics', () => {
        expect(parsed.ok ? parsed.diagnostics : parsed.diagnostics).toEqual([]);
        expect(parsed.ok).toBe(true);
      });

      it('is written in the canonical form (serializing it gives the file back)', () => {
        if (!parsed.ok) throw new Error('does not parse');
        expect(serializeTopology(parsed.doc)).toBe(text);
      });

      it('validates with no errors', () => {
        if (!parsed.ok) throw new Error('does not parse');
        const errors = validate(parsed.doc).filter((d) => d.severity === 'error');
        expect(errors).toEqual([]);
      });

      it('places every component and zone, with no two boxes overlapping', () => {
        if (!parsed.ok) throw new Error('does not parse');
        const { doc } = parsed;
        const W = 200;
        const H = 70;
        for (const n of doc.nodes) expect(doc.layout[n.id], n.id).toBeDefined();
        for (const g of doc.groups) expect(doc.layout[g.id], g.id).toMatchObject({ w: expect.any(Number), h: expect.any(Number) });
        const boxes = doc.nodes.map((n) => ({ id: n.id, ...doc.layout[n.id]! }));
        for (let i = 0; i < boxes.length; i++) {
          for (let j = i + 1; j < boxes.length; j++) {
            const a = boxes[i]!;
            const b = boxes[j]!;
            const overlap = a.x < b.x + W && b.x < a.x + W && a.y < b.y + H && b.y < a.y + H;
            expect(overlap, `${a.id} overlaps ${b.id}`).toBe(false);
          }
        }
        // Each component in a zone sits inside the zone's box.
        for (const n of doc.nodes) {
          if (!n.group) continue;
          const z = doc.layout[n.group]!;
          const p = doc.layout[n.id]!;
          expect(p.x >= z.x && p.y >= z.y && p.x + W <= z.x + z.w! && p.y + H <= z.y + z.h!, `${n.id} inside ${n.group}`).toBe(true);
        }
      });
    });
  }

  it('the two template examples carry the requirements of the template usage examples', () => {
    const get = (id: string) => {
      const r = parseTopology(EXAMPLES.find((e) => e.id === id)!.yaml);
      if (!r.ok) throw new Error(id);
      return r.doc;
    };
    expect(get('ecommerce-orders')).toMatchObject({
      name: 'OrderProcessingIntegration',
      requirements: { latencyP99Ms: 100, throughputTps: 10000, availability: '99.9%', security: ['PCI DSS'], compliance: ['SOX'] },
    });
    expect(get('trading-data')).toMatchObject({
      name: 'TradingDataIntegration',
      requirements: { latencyP99Ms: 10, throughputTps: 100000, availability: '99.99%', security: ['SOX', 'MiFID II'], compliance: ['Basel III', 'CCAR'] },
    });
  });
});
