import { describe, expect, it } from 'vitest';
import { emptyTopology, type Topology } from '../../shared/model/types';
import { applyLayout, unplaced } from '../layout/apply';
import { addGroup, addNode, moveElements, setNodeGroup } from '../store/doc-ops';
import { assignZones, movedOrAdded, zoneAt, zoneBoxes } from './membership';

function design(): Topology {
  let doc = emptyTopology('Z');
  doc = addGroup(doc, { label: 'Outer', position: { x: 0, y: 0 }, size: { w: 1000, h: 600 } }).doc;
  doc = addGroup(doc, { label: 'Inner', position: { x: 100, y: 100 }, size: { w: 400, h: 300 } }).doc;
  doc = addNode(doc, { kind: 'kafka', position: { x: 1200, y: 0 } }).doc;
  return doc;
}

describe('zone membership by position', () => {
  it('a component dropped inside a zone joins the smallest zone holding its centre; dragged out, it leaves', () => {
    let doc = moveElements(design(), { kafka: { x: 150, y: 150 } });
    doc = assignZones(doc, movedOrAdded(design(), doc));
    expect(doc.nodes[0]!.group).toBe('inner');
    const before = doc;
    doc = moveElements(doc, { kafka: { x: 700, y: 400 } });
    doc = assignZones(doc, movedOrAdded(before, doc));
    expect(doc.nodes[0]!.group).toBe('outer');
    const again = doc;
    doc = moveElements(doc, { kafka: { x: 2000, y: 2000 } });
    doc = assignZones(doc, movedOrAdded(again, doc));
    expect(doc.nodes[0]!.group).toBeUndefined();
  });

  it('a component still inside its own zone stays in it, even where zones overlap', () => {
    let doc = setNodeGroup(moveElements(design(), { kafka: { x: 150, y: 150 } }), 'kafka', 'outer');
    const before = doc;
    doc = moveElements(doc, { kafka: { x: 160, y: 160 } });
    expect(assignZones(doc, movedOrAdded(before, doc)).nodes[0]!.group).toBe('outer');
    expect(zoneAt(zoneBoxes(doc), 250, 200, 'outer')).toBe('outer');
    expect(zoneAt(zoneBoxes(doc), 250, 200)).toBe('inner');
  });

  it('components that did not move keep their zone, and nothing changes when nothing moved', () => {
    const doc = setNodeGroup(design(), 'kafka', 'inner'); // set in the inspector, outside the box
    expect(movedOrAdded(doc, doc).size).toBe(0);
    expect(assignZones(doc, new Set())).toBe(doc);
    const renamed = addNode(doc, { kind: 'redis', position: { x: 3000, y: 3000 } }).doc;
    expect([...movedOrAdded(doc, renamed)]).toEqual(['redis']);
    expect(assignZones(renamed, movedOrAdded(doc, renamed)).nodes[0]!.group).toBe('inner');
  });
});

describe('applying a layout', () => {
  it('writes positions and zone sizes for known ids only, and returns the same document when nothing changes', () => {
    const doc = design();
    const next = applyLayout(doc, { kafka: { x: 10.4, y: 20.6 }, inner: { x: 0, y: 0, w: 300, h: 200 }, ghost: { x: 1, y: 1 } });
    expect(next.layout.kafka).toEqual({ x: 10, y: 21 });
    expect(next.layout.inner).toEqual({ x: 0, y: 0, w: 300, h: 200 });
    expect(next.layout.ghost).toBeUndefined();
    expect(applyLayout(next, { kafka: { x: 10, y: 21 } })).toBe(next);
    expect(applyLayout(doc, { kafka: { x: 5, y: 5 } }, new Set(['inner']))).toBe(doc);
  });

  it('lists the components without a position', () => {
    const doc = design();
    const { kafka: _k, ...layout } = doc.layout;
    expect(unplaced({ ...doc, layout })).toEqual(['kafka']);
    expect(unplaced(doc)).toEqual([]);
  });
});
