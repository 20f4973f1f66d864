// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { autoLayout, NODE_HEIGHT, NODE_WIDTH, withLayout } from '../../shared/layout';
import { allKindsDesign, loadExamples } from '../../test/golden/fixtures';
import type { Topology } from '../../shared/model/types';
import { generateDrawio, xmlAttr } from './drawio';
import { apiDesign, HOSTILE_LABELS, messagingDesign } from '../../test/fixtures/interop-designs';

interface Cell {
  id: string;
  value: string | null;
  style: string;
  parent: string | null;
  source: string | null;
  target: string | null;
  vertex: boolean;
  edge: boolean;
  geo: { x: number; y: number; w: number; h: number };
}

/** Parses with the browser's XML parser (jsdom), failing on any well-formedness error. */
function parseDrawio(xml: string): { name: string; cells: Map<string, Cell> } {
  const dom = new DOMParser().parseFromString(xml, 'application/xml');
  expect(dom.getElementsByTagName('parsererror')).toHaveLength(0);
  expect(dom.documentElement.tagName).toBe('mxfile');
  const diagram = dom.querySelector('mxfile > diagram')!;
  expect(diagram.querySelector('mxGraphModel > root')).not.toBeNull();
  const cells = new Map<string, Cell>();
  for (const el of Array.from(dom.getElementsByTagName('mxCell'))) {
    const g = el.getElementsByTagName('mxGeometry')[0];
    const n = (k: string) => Number(g?.getAttribute(k) ?? 0);
    cells.set(el.getAttribute('id')!, {
      id: el.getAttribute('id')!,
      value: el.getAttribute('value'),
      style: el.getAttribute('style') ?? '',
      parent: el.getAttribute('parent'),
      source: el.getAttribute('source'),
      target: el.getAttribute('target'),
      vertex: el.getAttribute('vertex') === '1',
      edge: el.getAttribute('edge') === '1',
      geo: { x: n('x'), y: n('y'), w: n('width'), h: n('height') },
    });
  }
  return { name: diagram.getAttribute('name')!, cells };
}

function expectFaithful(doc: Topology, xml = generateDrawio(doc)) {
  const { cells } = parseDrawio(xml);
  for (const g of doc.groups) {
    const c = cells.get(`zone-${g.id}`)!;
    expect(c.value).toBe(g.label);
    expect(c.style).toContain('swimlane');
  }
  for (const n of doc.nodes) {
    const c = cells.get(`node-${n.id}`);
    expect(c, n.id).toBeDefined();
    expect(c!.value).toBe(n.label);
    expect(c!.vertex).toBe(true);
    expect(c!.style).toContain(`topoforgeKind=${n.kind};`);
    expect(c!.parent).toBe(n.group ? `zone-${n.group}` : '1');
  }
  const edges = [...cells.values()].filter((c) => c.edge);
  expect(edges.map((c) => `${c.source}>${c.target}`)).toEqual(doc.edges.map((e) => `node-${e.from}>node-${e.to}`));
  return cells;
}

describe('generateDrawio', () => {
  it('has a cell per component, zone and connection with the exact labels', () => {
    const doc = messagingDesign();
    const cells = expectFaithful(doc);
    expect(cells.get('edge-1')!.value).toBe('Kafka');
    expect(cells.get('edge-2')!.value).toBe('Kafka: payments.settled');
    expect(cells.get('edge-6')!.value).toBe('AMQP');
    expect(cells.get('edge-1')!.style).toContain('topoforgeProtocol=kafka;');
  });

  it('shapes components by category', () => {
    const cells = expectFaithful(allKindsDesign());
    expect(cells.get('node-postgres')!.style).toMatch(/^shape=cylinder3;/);
    expect(cells.get('node-kong')!.style).toMatch(/^shape=hexagon;/);
    expect(cells.get('node-kafka')!.style).toMatch(/^shape=process;/);
    expect(cells.get('node-saas-app')!.style).toContain('dashed=1');
    expect(cells.get('node-rest-service')!.style).toMatch(/^rounded=1;/);
  });

  it('puts components where the layout says, relative to their zone', async () => {
    const doc = await withLayout(apiDesign());
    const cells = expectFaithful(doc);
    for (const n of doc.nodes) {
      const c = cells.get(`node-${n.id}`)!;
      const zone = n.group ? doc.layout[n.group]! : { x: 0, y: 0 };
      expect([c.geo.x + zone.x, c.geo.y + zone.y]).toEqual([doc.layout[n.id]!.x, doc.layout[n.id]!.y]);
      expect([c.geo.w, c.geo.h]).toEqual([NODE_WIDTH, NODE_HEIGHT]);
      if (n.group) {
        // Inside its container.
        const z = cells.get(`zone-${n.group}`)!;
        expect(c.geo.x).toBeGreaterThanOrEqual(0);
        expect(c.geo.y).toBeGreaterThanOrEqual(0);
        expect(c.geo.x + c.geo.w).toBeLessThanOrEqual(z.geo.w);
        expect(c.geo.y + c.geo.h).toBeLessThanOrEqual(z.geo.h);
      }
    }
  });

  it('places a design with no layout without overlaps', () => {
    const doc = messagingDesign();
    const { cells } = parseDrawio(generateDrawio(doc));
    const abs = (id: string) => {
      const c = cells.get(id)!;
      const p = c.parent && c.parent !== '1' ? cells.get(c.parent)!.geo : { x: 0, y: 0 };
      return { x: c.geo.x + p.x, y: c.geo.y + p.y, w: c.geo.w, h: c.geo.h };
    };
    const boxes = doc.nodes.map((n) => abs(`node-${n.id}`));
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i]!, boxes[j]!];
        expect(a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h).toBe(false);
      }
  });

  it('escapes hostile labels: quotes, <, &, newlines and ]]> come back exactly', async () => {
    const doc = messagingDesign();
    doc.name = HOSTILE_LABELS[4]!;
    doc.groups.forEach((g, i) => (g.label = HOSTILE_LABELS[i + 1]!));
    doc.nodes.forEach((n, i) => (n.label = HOSTILE_LABELS[i % HOSTILE_LABELS.length]!.replace(/\r\n/g, '\n')));
    doc.edges[0]!.label = 'say "hi" & <bye>\n]]>';
    doc.layout = await autoLayout(doc);
    const xml = generateDrawio(doc);
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain(']]>');
    const { name, cells } = parseDrawio(xml);
    expect(name).toBe(HOSTILE_LABELS[4]);
    expectFaithful(doc, xml);
    expect(cells.get('edge-1')!.value).toBe('say "hi" & <bye>\n]]> (Kafka)');
    expect(generateDrawio(structuredClone(doc))).toBe(xml);
  });

  it('keeps control characters out of the XML', () => {
    expect(xmlAttr('a\u0000b\u0007c\u001fd')).toBe('abcd');
    expect(xmlAttr('\uD800x')).toBe('\uFFFDx');
    expect(xmlAttr('a\r\nb')).toBe('a&#10;b');
  });

  it('handles every example design', () => {
    for (const { doc } of loadExamples()) expectFaithful(doc);
  });
});
