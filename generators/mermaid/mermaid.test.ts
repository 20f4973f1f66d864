// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import mermaid from 'mermaid';
import { getKind, KINDS } from '../../shared/catalog';
import type { TopoEdge, Topology } from '../../shared/model/types';
import { emptyTopology } from '../../shared/model/types';
import { allKindsDesign, loadExamples } from '../../test/golden/fixtures';
import { edgeCaption, edgeProtocol } from './edges';
import { shownText } from './escape';
import { oneLine as plainText } from '../../shared/text';
import { generateMermaid, groupRef, nodeRef } from './index';
import { PALETTE_DARK, PALETTE_DEFAULT, STYLE_ORDER } from './style';

interface Parsed {
  vertices: Map<string, { text: string; type: string; classes: string[] }>;
  edges: { start: string; end: string; text: string }[];
  subgraphs: { id: string; title: string; nodes: string[] }[];
}

/** Mermaid keeps entity codes as placeholders until rendering; turn them back into characters. */
const decode = (s: string): string => s.replace(/ﬂ°°(\d+)¶ß/g, (_, n: string) => String.fromCodePoint(Number(n)));

async function parseDiagram(text: string): Promise<Parsed> {
  await mermaid.parse(text); // throws on a syntax error
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
  const db = diagram.db as unknown as {
    getVertices(): Map<string, { text: string; type: string; classes: string[] }>;
    getEdges(): { start: string; end: string; text: string }[];
    getSubGraphs(): { id: string; title: string; nodes: string[] }[];
  };
  const subgraphs = db.getSubGraphs();
  // Mermaid lists subgraphs among the vertices too; keep the nodes only.
  const vertices = new Map([...db.getVertices()].filter(([id]) => !subgraphs.some((s) => s.id === id)));
  return { vertices, edges: db.getEdges(), subgraphs };
}

/** The diagram holds exactly the design's nodes, groups and (well-formed) edges, with their texts. */
async function expectFaithful(doc: Topology, opts?: Parameters<typeof generateMermaid>[1]): Promise<void> {
  const text = generateMermaid(doc, opts);
  const parsed = await parseDiagram(text);
  const ids = [...new Set(doc.nodes.map((n) => n.id))];
  expect([...parsed.vertices.keys()].sort()).toEqual(ids.map(nodeRef).sort());
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  for (const id of ids) {
    const n = byId.get(id)!;
    const v = parsed.vertices.get(nodeRef(id))!;
    const [label, kindName] = decode(v.text).split('<br>');
    expect(label).toBe(shownText(n.label, 60, n.id));
    expect(kindName).toBe(plainText(getKind(n.kind)?.name ?? `unknown kind ${n.kind}`, 40));
  }
  const edges = doc.edges.filter((e) => byId.has(e.from) && byId.has(e.to));
  expect(parsed.edges.map((e) => [e.start, e.end])).toEqual(edges.map((e) => [nodeRef(e.from), nodeRef(e.to)]));
  parsed.edges.forEach((pe, i) => {
    const e = edges[i]!;
    expect(decode(pe.text)).toBe(plainText(edgeCaption(e, edgeProtocol(e, byId)), 60));
  });
  const groups = [...new Map(doc.groups.map((g) => [g.id, g])).values()];
  expect(parsed.subgraphs.map((s) => s.id).sort()).toEqual(groups.map((g) => groupRef(g.id)).sort());
  for (const g of groups) {
    const s = parsed.subgraphs.find((x) => x.id === groupRef(g.id))!;
    expect(decode(s.title)).toBe(shownText(g.label, 60, g.id));
    expect([...s.nodes].sort()).toEqual(ids.filter((id) => byId.get(id)!.group === g.id).map(nodeRef).sort());
  }
}

function orders(): Topology {
  const doc = emptyTopology('OrderProcessing');
  doc.groups = [{ id: 'dmz', label: 'DMZ' }];
  doc.nodes = [
    { id: 'storefront', kind: 'web-app', label: 'Storefront', group: 'dmz', props: {} },
    { id: 'gateway', kind: 'kong', label: 'API Gateway', group: 'dmz', props: {} },
    { id: 'orders', kind: 'rest-service', label: 'Orders API', props: {} },
    { id: 'bus', kind: 'kafka', label: 'Event bus', props: {} },
    { id: 'db', kind: 'postgres', label: 'Orders DB', props: {} },
    { id: 'stripe', kind: 'saas-app', label: 'Stripe', props: {} },
  ];
  doc.edges = [
    { from: 'storefront', to: 'gateway', props: {} },
    { from: 'gateway', to: 'orders', protocol: 'http', props: { path: '/orders', method: 'POST' } },
    { from: 'orders', to: 'bus', protocol: 'kafka', props: { topic: 'orders.created' } },
    { from: 'orders', to: 'db', protocol: 'sql', props: {} },
    { from: 'orders', to: 'stripe', protocol: 'http', props: {} },
  ];
  return doc;
}

describe('generateMermaid', () => {
  it('draws a design as a flowchart with zones, shapes and protocol labels', async () => {
    const text = generateMermaid(orders());
    expect(text.startsWith('flowchart LR\n')).toBe(true);
    expect(text).toContain('subgraph g_dmz["DMZ"]');
    expect(text).toContain('n_db[("Orders DB<br/>PostgreSQL")]');
    expect(text).toContain('n_bus[["Event bus<br/>Kafka"]]');
    expect(text).toContain('n_gateway{{"API Gateway<br/>Kong"}}');
    expect(text).toContain('n_stripe[/"Stripe<br/>SaaS app"/]');
    expect(text).toContain('n_orders -->|"Kafka: orders.created"| n_bus');
    expect(text).toContain('n_gateway -->|"HTTP: POST /orders"| n_orders');
    expect(text).toContain('n_storefront -->|"HTTP"| n_gateway');
    expect(text).toMatch(/class n_stripe external/);
    await expectFaithful(orders());
  });

  it('is deterministic', () => {
    expect(generateMermaid(allKindsDesign())).toBe(generateMermaid(allKindsDesign()));
  });

  it('Mermaid parses a design with every catalog kind, in every theme', async () => {
    const doc = allKindsDesign();
    expect(new Set(doc.nodes.map((n) => n.kind)).size).toBe(KINDS.length);
    expect(doc.edges.length).toBeGreaterThan(30);
    await expectFaithful(doc);
    await expectFaithful(doc, { theme: 'light' });
    await expectFaithful(doc, { theme: 'dark' });
    const parsed = await parseDiagram(generateMermaid(doc));
    // Shapes by category.
    expect(parsed.vertices.get('n_postgres')!.type).toBe('cylinder');
    expect(parsed.vertices.get('n_kafka')!.type).toBe('subroutine');
    expect(parsed.vertices.get('n_kong')!.type).toBe('hexagon');
    expect(parsed.vertices.get('n_rest_service')!.type).toBe('round');
    expect(parsed.vertices.get('n_legacy_system')!.type).toBe('lean_right');
    expect(parsed.vertices.get('n_snowflake')!.classes).toEqual(['store', 'external']);
  });

  it('Mermaid parses every example design (assets/examples) and the test designs', async () => {
    const designs = [...loadExamples().map((e) => e.doc), orders(), allKindsDesign()];
    for (const doc of designs) await expectFaithful(doc);
    expect(designs.length).toBeGreaterThanOrEqual(2);
  });

  it('keeps ids that are Mermaid keywords or look like arrow heads apart', async () => {
    const doc = emptyTopology('Keywords');
    const ids = ['end', 'graph', 'subgraph', 'style', 'class', 'click', 'o', 'x', 'o-x', 'x--o', 'a--b', 'classdef', 'default', 'flowchart', 'direction', 'lr'];
    doc.nodes = ids.map((id) => ({ id, kind: 'worker', label: id, props: {} }));
    doc.groups = [{ id: 'end', label: 'end' }];
    doc.nodes[0]!.group = 'end';
    doc.edges = ids.slice(1).map((id, i) => ({ from: ids[i]!, to: id, protocol: 'kafka' as const, props: {} }));
    await expectFaithful(doc);
  });

  it('no label, zone name or connection setting can add a node or an edge', async () => {
    const hostile = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc
        .array(
          fc.constantFrom('"', "'", '[', ']', '(', ')', '{{', '}}', '-->', '---', '==>', '-.->', '%%', '%%{init: {}}%%', ';', '#', '#quot;', '#35;', '|', '<', '>', '<script>alert(1)</script>', '&amp;', '&', '`', '```', '${x}', '\n', '\r\n', '\0', '\u202e', '\u200f', '\u2028', '😀', '👩‍👩‍👧', 'end', 'subgraph x', 'click n_a call alert()', 'style', ':::cls', '\\', '@{ shape: das }', 'A', ' '),
          { maxLength: 30 },
        )
        .map((parts) => parts.join('')),
      fc.constant('x'.repeat(10_000)),
      fc.constant('"'.repeat(10_000)),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(hostile, { minLength: 8, maxLength: 8 }), async (t) => {
        const doc = emptyTopology(t[0]!);
        doc.description = t[1]!;
        doc.groups = [{ id: 'zone', label: t[2]! }];
        doc.nodes = [
          { id: 'a', kind: 'rest-service', label: t[3]!, group: 'zone', props: {} },
          { id: 'b', kind: 'kafka', label: t[4]!, props: {} },
          { id: 'c', kind: t[5]!, label: t[5]!, props: {} },
        ];
        const edges: TopoEdge[] = [
          { from: 'a', to: 'b', protocol: 'kafka', label: t[6]!, props: { topic: t[7]! } },
          { from: 'b', to: 'a', protocol: 'kafka', props: { topic: t[6]! } },
          { from: 'a', to: 'c', protocol: 'http', props: { path: t[7]!, method: t[2]! } },
          { from: 'a', to: 'ghost', props: {} },
        ];
        doc.edges = edges;
        await expectFaithful(doc);
        await expectFaithful(doc, { theme: 'dark' });
      }),
      { numRuns: 60, seed: 20240611 },
    );
  });

  it('colours every category with readable text and shapes that stand out on light and dark pages', () => {
    const lum = (hex: string): number => {
      const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
      return 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!;
    };
    const contrast = (a: string, b: string): number => {
      const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
      return (x! + 0.05) / (y! + 0.05);
    };
    const GITHUB_LIGHT = '#ffffff';
    const GITHUB_DARK = '#0d1117';
    for (const cls of STYLE_ORDER) {
      const d = PALETTE_DEFAULT[cls];
      expect(contrast(d.color, d.fill), `${cls} text`).toBeGreaterThanOrEqual(7);
      for (const page of [GITHUB_LIGHT, GITHUB_DARK]) {
        expect(Math.max(contrast(d.fill, page), contrast(d.stroke, page)), `${cls} on ${page}`).toBeGreaterThanOrEqual(3);
      }
      const k = PALETTE_DARK[cls];
      expect(contrast(k.color, k.fill), `${cls} dark text`).toBeGreaterThanOrEqual(4.5);
      expect(Math.max(contrast(k.fill, GITHUB_DARK), contrast(k.stroke, GITHUB_DARK)), `${cls} dark`).toBeGreaterThanOrEqual(3);
    }
  });
});
