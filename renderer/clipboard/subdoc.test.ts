import { beforeAll, describe, expect, it } from 'vitest';
import { parseTopology } from '../../shared/model/parse';
import { emptyTopology, type Topology } from '../../shared/model/types';
import { addGroup, addNode, connect, setNodeGroup } from '../store/doc-ops';
import { loadSerializer } from '../services/serializer';
import { copyText, extract, insert, placed, readClipboardText } from './subdoc';

// The page loads the design-file writer after its first paint; here, before the tests.
beforeAll(async () => {
  await loadSerializer();
});

function design(): Topology {
  let doc = emptyTopology('Shop');
  for (const [kind, x] of [['rest-service', 0], ['kafka', 300], ['postgres', 600]] as const) doc = addNode(doc, { kind, position: { x, y: 0 } }).doc;
  for (const [f, t] of [['rest-service', 'kafka'], ['kafka', 'postgresql']]) {
    const r = connect(doc, f!, t!);
    if (!r.ok) throw new Error(r.message);
    doc = r.doc;
  }
  doc = addGroup(doc, { label: 'Data', position: { x: 560, y: -60 }, size: { w: 320, h: 200 } }).doc;
  return setNodeGroup(doc, 'postgresql', 'data');
}

const size = { w: 208, h: 64 };

describe('copy and paste as design text', () => {
  it('copies the selected components with the connections among them only', () => {
    const sub = extract(design(), ['rest-service', 'kafka'])!;
    expect(sub.nodes.map((n) => n.id)).toEqual(['rest-service', 'kafka']);
    expect(sub.edges.map((e) => `${e.from}->${e.to}`)).toEqual(['rest-service->kafka']);
    expect(Object.keys(sub.layout)).toEqual(['rest-service', 'kafka']);
    expect(sub.groups).toEqual([]);
  });

  it('a copied zone brings its components; a component copied without its zone leaves it', () => {
    const withZone = extract(design(), ['data'])!;
    expect(withZone.groups.map((g) => g.id)).toEqual(['data']);
    expect(withZone.nodes.map((n) => [n.id, n.group])).toEqual([['postgresql', 'data']]);
    const alone = extract(design(), ['postgresql'])!;
    expect(alone.groups).toEqual([]);
    expect(alone.nodes[0]!.group).toBeUndefined();
    expect(extract(design(), [])).toBeUndefined();
  });

  it('the clipboard text is a design file that reads back', () => {
    const text = copyText(design(), ['kafka', 'postgresql', 'data'])!;
    expect(text).toMatch(/^topoforge: 1/);
    const r = parseTopology(text);
    expect(r.ok).toBe(true);
  });

  it('pastes under fresh ids, with connections and zones following, moved by the offset', () => {
    const doc = design();
    const read = readClipboardText(copyText(doc, ['kafka', 'postgresql', 'data'])!);
    if (!read.ok) throw new Error(read.message);
    const { layout } = placed(read.doc, size);
    const r = insert(doc, read.doc, layout, { x: 32, y: 32 });
    expect(r.nodes).toEqual(['kafka-2', 'postgresql-2']);
    expect(r.groups).toEqual(['data-2']);
    expect(r.doc.nodes.find((n) => n.id === 'postgresql-2')!.group).toBe('data-2');
    expect(r.doc.edges.map((e) => `${e.from}->${e.to}`)).toContain('kafka-2->postgresql-2');
    expect(r.doc.layout['kafka-2']).toEqual({ x: doc.layout.kafka!.x + 32, y: doc.layout.kafka!.y + 32 });
    expect(r.doc.layout['data-2']).toMatchObject({ w: 320, h: 200 });
    // The original is untouched.
    expect(r.doc.nodes.slice(0, 3)).toEqual(doc.nodes);
    // Into a design where the ids are free, they are kept.
    const other = insert(emptyTopology('Other'), read.doc, layout, { x: 0, y: 0 });
    expect(other.nodes).toEqual(['kafka', 'postgresql']);
  });

  it('places components that come without positions (a design written by hand)', () => {
    const read = readClipboardText('nodes:\n  - { id: a, kind: kafka, label: A }\n  - { id: b, kind: worker, label: B }\nedges:\n  - { from: a, to: b }\n');
    if (!read.ok) throw new Error(read.message);
    const { layout, box } = placed(read.doc, size);
    expect(Object.keys(layout).sort()).toEqual(['a', 'b']);
    expect(box.w).toBeGreaterThan(0);
  });

  it('refuses text that is not a design, gently', () => {
    for (const t of ['hello world', 'key: value\nother: 2', '', '{"a":1}', 'nodes: [ {']) {
      const r = readClipboardText(t);
      expect(r.ok, t).toBe(false);
    }
    expect(readClipboardText('topoforge: 1\nname: X\n')).toMatchObject({ ok: false, reason: 'empty' });
  });
});
