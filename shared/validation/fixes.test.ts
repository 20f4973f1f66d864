import { describe, expect, it } from 'vitest';
import { CODES, type Code } from './codes';
import { EXAMPLES } from '../../test/fixtures/code-examples';
import { applyFix, fixFor } from './fixes';
import { validate } from './index';
import { design, edge, node } from './testkit';

const ERRORS = (Object.keys(CODES) as Code[]).filter((c) => CODES[c].severity === 'error' && EXAMPLES[c]);

describe('one-step fixes', () => {
  it.each(ERRORS)('%s: its example gets a fix that clears the error and adds none', (code) => {
    const doc = EXAMPLES[code]();
    const found = validate(doc).filter((d) => d.code === code);
    expect(found.length).toBeGreaterThan(0);
    for (const d of found) {
      const fix = fixFor(doc, d);
      expect(fix, `${code}: ${d.message}`).toBeDefined();
      const after = validate(applyFix(doc, fix!));
      expect(after.filter((x) => x.severity === 'error').map((x) => `${x.code} ${x.message}`)).toEqual([]);
    }
  });

  it('a queue drawn into a database gets a worker between them, connected both ways', () => {
    const doc = { ...design({ nodes: [node('q', 'rabbitmq'), node('db', 'postgres')], edges: [edge('q', 'db')] }), layout: { q: { x: 0, y: 0 }, db: { x: 400, y: 0 } } };
    const d = validate(doc).find((x) => x.code === 'TF101')!;
    const fix = fixFor(doc, d)!;
    expect(fix.label).toBe('Put a Worker between them');
    const after = applyFix(doc, fix);
    expect(after.nodes.map((n) => [n.id, n.kind])).toEqual([['q', 'rabbitmq'], ['db', 'postgres'], ['worker', 'worker']]);
    expect(after.layout!['worker']).toEqual({ x: 200, y: 80 });
    expect(after.edges.map((e) => `${e.from}->${e.to} ${e.protocol}`)).toEqual(['q->worker amqp', 'worker->db sql']);
    expect(doc.nodes).toHaveLength(2); // the design given is not changed
  });

  it('an invalid id is renamed with the connections that name it', () => {
    const doc = design({ nodes: [node('Orders API', 'rest-service'), node('db', 'postgres')], edges: [edge('Orders API', 'db')] });
    const d = validate(doc).find((x) => x.code === 'TF207')!;
    const after = applyFix(doc, fixFor(doc, d)!);
    expect(after.nodes[0]!.id).toBe('orders-api');
    expect(after.edges[0]!.from).toBe('orders-api');
  });
});
