import { describe, expect, it } from 'vitest';
import { emptyTopology } from '../../shared/model/types';
import { addNode, connect } from '../store/doc-ops';
import { computeOutput } from './output';

function design() {
  let doc = emptyTopology('Orders');
  doc = addNode(doc, { kind: 'rest-service', position: { x: 0, y: 0 }, label: 'Orders API' }).doc;
  doc = addNode(doc, { kind: 'kafka', position: { x: 300, y: 0 } }).doc;
  const c = connect(doc, 'orders-api', 'kafka', 'kafka');
  if (!c.ok) throw new Error(c.message);
  return c.doc;
}

describe('the Output panel content', () => {
  it('has the document, the compose file and the diagram of the design, and the files behind them', async () => {
    const out = await computeOutput(design());
    expect(out.errors).toEqual([]);
    expect(out.template).toContain('Orders');
    expect(out.compose).toContain('orders-api');
    expect(out.mermaid).toMatch(/^(---[\s\S]*?---\n)?flowchart/m);
    const paths = out.files.map((f) => f.path);
    expect(paths).toEqual([...paths].sort());
    expect(paths).toEqual(expect.arrayContaining(['INTEGRATION.md', 'docker-compose.yml', 'diagram.mmd']));
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('gives the same files for the same design', async () => {
    const a = await computeOutput(design());
    const b = await computeOutput(design());
    expect(b.files).toEqual(a.files);
  });
});
