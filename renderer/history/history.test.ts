import { describe, expect, it } from 'vitest';
import { serializeTopology } from '../../shared/model/serialize';
import { emptyTopology, type Topology } from '../../shared/model/types';
import { addNode, connect, moveElements, removeElements, renameNode, setNodeGroup, setNodeLabel, setNodeProp, setMeta, addGroup } from '../store/doc-ops';
import { createEditorStore } from '../store/store';
import { canRedo, canUndo, changeKey, clearHistory, gesture, HISTORY_LIMIT, redo, undo, untracked } from './history';

function design(): Topology {
  let doc = emptyTopology('Shop');
  for (const [kind, x] of [['rest-service', 0], ['kafka', 300], ['postgres', 600]] as const) doc = addNode(doc, { kind, position: { x, y: 0 } }).doc;
  const a = connect(doc, 'rest-service', 'kafka');
  if (!a.ok) throw new Error(a.message);
  const b = connect(a.doc, 'kafka', 'postgresql');
  if (!b.ok) throw new Error(b.message);
  return b.doc;
}

function setup() {
  let t = 0;
  const clock = { advance: (ms: number) => (t += ms) };
  const store = createEditorStore(emptyTopology(), () => t);
  store.getState().loadDoc(design(), { file: null, fresh: true });
  return { store, clock, yaml: () => serializeTopology(store.getState().doc) };
}

describe('undo and redo of the document', () => {
  it('undoes and redoes a sequence of edits back to the exact documents', () => {
    const { store, clock, yaml } = setup();
    const texts = [yaml()];
    const edits: ((d: Topology) => Topology)[] = [
      (d) => addNode(d, { kind: 'redis', position: { x: 0, y: 200 } }).doc,
      (d) => moveElements(d, { kafka: { x: 320, y: 48 } }),
      (d) => setNodeProp(d, 'kafka', 'partitions', 6),
      (d) => setNodeLabel(d, 'redis', 'Cache'),
      (d) => { const r = renameNode(d, 'redis', 'cache'); return r.ok ? r.doc : d; },
      (d) => removeElements(d, { nodes: ['postgresql'] }),
      (d) => setMeta(d, { name: 'Shop 2' }),
    ];
    for (const e of edits) {
      clock.advance(5000);
      store.getState().setDoc(e);
      texts.push(yaml());
    }
    expect(new Set(texts).size).toBe(texts.length);
    for (let i = texts.length - 1; i > 0; i--) {
      expect(yaml()).toBe(texts[i]);
      undo(store);
    }
    expect(yaml()).toBe(texts[0]);
    expect(canUndo(store)).toBe(false);
    for (let i = 1; i < texts.length; i++) {
      redo(store);
      expect(yaml()).toBe(texts[i]);
    }
    expect(canRedo(store)).toBe(false);
  });

  it('keeps at most HISTORY_LIMIT steps, dropping the oldest', () => {
    const { store, clock } = setup();
    for (let i = 1; i <= HISTORY_LIMIT + 50; i++) {
      clock.advance(5000);
      store.getState().setDoc((d) => moveElements(d, { kafka: { x: i * 16, y: 0 } }));
    }
    expect(store.temporal.getState().pastStates.length).toBe(HISTORY_LIMIT);
    while (canUndo(store)) undo(store);
    // The oldest 50 steps are gone: the earliest reachable position is the one after step 50.
    expect(store.getState().doc.layout.kafka).toMatchObject({ x: 50 * 16, y: 0 });
  });

  it('makes one step of typing in one field, and a new one after a pause or in another field', () => {
    const { store, clock } = setup();
    const before = store.getState().doc;
    for (const label of ['O', 'Or', 'Ord', 'Orde', 'Orders']) {
      clock.advance(200);
      store.getState().setDoc((d) => setNodeLabel(d, 'rest-service', label));
    }
    expect(store.temporal.getState().pastStates.length).toBe(1);
    clock.advance(200);
    store.getState().setDoc((d) => setNodeProp(d, 'rest-service', 'port', 9090)); // another field: a new step
    clock.advance(200);
    store.getState().setDoc((d) => setNodeProp(d, 'rest-service', 'port', 9091)); // same field: joined
    expect(store.temporal.getState().pastStates.length).toBe(2);
    clock.advance(5000);
    store.getState().setDoc((d) => setNodeProp(d, 'rest-service', 'port', 9092)); // after a pause: a new step
    expect(store.temporal.getState().pastStates.length).toBe(3);
    undo(store);
    expect(store.getState().doc.nodes[0]!.props.port).toBe(9091);
    undo(store);
    expect(store.getState().doc.nodes[0]!.props.port).toBeUndefined();
    expect(store.getState().doc.nodes[0]!.label).toBe('Orders');
    undo(store);
    expect(store.getState().doc).toBe(before);
  });

  it('does not join typing across an undo', () => {
    const { store, clock } = setup();
    store.getState().setDoc((d) => setNodeLabel(d, 'kafka', 'K'));
    clock.advance(100);
    undo(store);
    clock.advance(100);
    store.getState().setDoc((d) => setNodeLabel(d, 'kafka', 'Ka'));
    expect(store.temporal.getState().pastStates.length).toBe(1);
    expect(canRedo(store)).toBe(false);
  });

  it('clears redo when a new edit is made after an undo', () => {
    const { store, clock } = setup();
    store.getState().setDoc((d) => moveElements(d, { kafka: { x: 500, y: 0 } }));
    clock.advance(5000);
    undo(store);
    expect(canRedo(store)).toBe(true);
    store.getState().setDoc((d) => moveElements(d, { kafka: { x: 700, y: 0 } }));
    expect(canRedo(store)).toBe(false);
    redo(store); // nothing to redo
    expect(store.getState().doc.layout.kafka).toMatchObject({ x: 700 });
  });

  it('undoing a multi-node delete brings back the components, their connections, layout and zone, selected', () => {
    const { store } = setup();
    store.getState().setDoc((d) => addGroup(d, { label: 'Data', position: { x: -40, y: -60 }, size: { w: 900, h: 300 } }).doc);
    store.getState().setDoc((d) => setNodeGroup(d, 'postgresql', 'data'));
    const before = store.getState().doc;
    store.getState().select({ nodes: ['kafka', 'postgresql'], edges: [] });
    store.getState().setDoc((d) => removeElements(d, { nodes: ['kafka', 'postgresql'] }), { select: { nodes: [], edges: [] } });
    expect(store.getState().doc.nodes.map((n) => n.id)).toEqual(['rest-service']);
    expect(store.getState().doc.edges).toEqual([]);
    undo(store);
    const after = store.getState().doc;
    expect(serializeTopology(after)).toBe(serializeTopology(before));
    expect(after.edges.map((e) => `${e.from}->${e.to}`)).toEqual(['rest-service->kafka', 'kafka->postgresql']);
    expect(after.layout.postgresql).toEqual(before.layout.postgresql);
    expect(after.nodes.find((n) => n.id === 'postgresql')!.group).toBe('data');
    expect(store.getState().selection.nodes).toEqual(['kafka', 'postgresql']);
  });

  it('records no step for selection, transient or panel changes', () => {
    const { store } = setup();
    const s = store.getState();
    s.select({ nodes: ['kafka'], edges: [] });
    s.setTransient({ drag: { kafka: { x: 1, y: 2 } } });
    s.setBottom(false);
    s.toast({ tone: 'info', message: 'hi' });
    s.setDoc((d) => d); // no change
    expect(canUndo(store)).toBe(false);
  });

  it('opening a design is one undo step: undo brings back the previous design with its file and unsaved state', () => {
    const { store, clock } = setup();
    store.getState().markSaved({ name: 'shop.topo.yaml' });
    clock.advance(5000);
    store.getState().setDoc((d) => moveElements(d, { kafka: { x: 500, y: 0 } }));
    const edited = store.getState().doc;
    store.getState().loadDoc(emptyTopology('Other'), { file: { name: 'other.topo.yaml' } });
    expect(store.getState()).toMatchObject({ file: { name: 'other.topo.yaml' }, dirty: false });
    undo(store);
    store.getState().syncSession();
    expect(store.getState().doc).toBe(edited);
    expect(store.getState()).toMatchObject({ file: { name: 'shop.topo.yaml' }, dirty: true });
    undo(store);
    store.getState().syncSession();
    expect(store.getState().dirty).toBe(false);
    redo(store);
    redo(store);
    store.getState().syncSession();
    expect(store.getState().doc.name).toBe('Other');
    expect(store.getState()).toMatchObject({ file: { name: 'other.topo.yaml' }, dirty: false });
  });

  it('a fresh load (the design a window starts with) has no history', () => {
    const { store } = setup();
    store.getState().setDoc((d) => moveElements(d, { kafka: { x: 500, y: 0 } }));
    store.getState().loadDoc(emptyTopology('Other'), { file: null, fresh: true });
    expect(canUndo(store)).toBe(false);
    expect(canRedo(store)).toBe(false);
    clearHistory(store);
  });

  it('a gesture with many live updates is one step; untracked changes join the step before', () => {
    const { store, clock } = setup();
    const before = store.getState().doc;
    const g = gesture(store);
    g.begin();
    for (let i = 1; i <= 10; i++) store.getState().setDoc((d) => moveElements(d, { kafka: { x: 300 + i * 10, y: 0 } }));
    g.end();
    expect(store.temporal.getState().pastStates.length).toBe(1);
    expect(store.getState().doc.layout.kafka).toMatchObject({ x: 400 });
    clock.advance(5000);
    store.getState().setDoc((d) => moveElements(d, { postgresql: { x: 900, y: 0 } }));
    untracked(store, () => store.getState().setDoc((d) => setNodeLabel(d, 'postgresql', 'DB')));
    expect(store.temporal.getState().pastStates.length).toBe(2);
    undo(store);
    expect(store.getState().doc.layout.postgresql).toMatchObject({ x: 600 });
    expect(store.getState().doc.nodes.find((n) => n.id === 'postgresql')!.label).toBe('PostgreSQL');
    undo(store);
    expect(store.getState().doc).toBe(before);
  });
});

describe('changeKey', () => {
  const doc = design();
  it('names single-field edits and nothing else', () => {
    expect(changeKey(doc, setNodeLabel(doc, 'kafka', 'K'))).toBe('node:kafka:label');
    expect(changeKey(doc, setNodeProp(doc, 'kafka', 'partitions', 3))).toBe('node:kafka:prop:partitions');
    expect(changeKey(doc, setMeta(doc, { name: 'X' }))).toBe('meta:name');
    expect(changeKey(doc, moveElements(doc, { kafka: { x: 1, y: 1 } }))).toBeUndefined();
    expect(changeKey(doc, addNode(doc, { kind: 'redis', position: { x: 0, y: 0 } }).doc)).toBeUndefined();
    expect(changeKey(doc, setNodeGroup(doc, 'kafka', 'x'))).toBeUndefined();
    expect(changeKey(doc, doc)).toBeUndefined();
  });
});
