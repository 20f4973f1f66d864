import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EXAMPLES } from '../../assets/examples';
import { parseTopology } from '../../shared/model/parse';
import { serializeTopology } from '../../shared/model/serialize';
import type { Topology } from '../../shared/model/types';
import { synthesizeDesign } from '../../test/bench/synth';
import { AUTOSAVE_KEY, keepAutosave, readAutosave } from './autosave';

function load(yaml: string): Topology {
  const r = parseTopology(yaml);
  if (!r.ok) throw new Error('example does not parse');
  return r.doc;
}

/** What the autosave writes for `doc` (see write() in autosave.ts). */
function saved(doc: Topology, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ text: serializeTopology(doc), design: doc, fileName: 'shop.topo.yaml', dirty: true, ...extra });
}

describe('autosave read back', () => {
  let store: Map<string, string>;
  beforeEach(() => {
    store = new Map();
    vi.stubGlobal('localStorage', { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('gives back the same design as reading its file would, for every example and a large design', () => {
    const designs = [...EXAMPLES.map((e) => load(e.yaml)), synthesizeDesign(1_000, 3)];
    for (const doc of designs) {
      store.set(AUTOSAVE_KEY, saved(doc));
      const r = readAutosave();
      const fromFile = parseTopology(serializeTopology(doc));
      if (!fromFile.ok) throw new Error('example does not parse');
      expect(r?.doc).toEqual(fromFile.doc);
      expect(r).toMatchObject({ fileName: 'shop.topo.yaml', dirty: true });
    }
  });

  it('reads an autosave written before the JSON was kept, and falls back to the text when the JSON is damaged', () => {
    const doc = load(EXAMPLES[1]!.yaml);
    store.set(AUTOSAVE_KEY, JSON.stringify({ text: serializeTopology(doc), dirty: false }));
    expect(readAutosave()?.doc.nodes.length).toBe(doc.nodes.length);
    store.set(AUTOSAVE_KEY, saved(doc, { design: { topoforge: 1, nodes: 'not a list' } }));
    expect(readAutosave()?.doc.nodes.length).toBe(doc.nodes.length);
  });

  it('a quick write made right after an edit gives the edited design, though its text is of the state before', () => {
    const before = load(EXAMPLES[0]!.yaml);
    const after: Topology = { ...before, nodes: [...before.nodes, { id: 'audit', kind: 'worker', label: 'Audit', props: {} }] };
    store.set(AUTOSAVE_KEY, JSON.stringify({ text: serializeTopology(before), design: after, dirty: true }));
    expect(readAutosave()?.doc.nodes.map((n) => n.id)).toContain('audit');
  });

  it('keeps an autosave it cannot read aside instead of letting the next one overwrite it', () => {
    const raw = JSON.stringify({ design: { topoforge: 99, nodes: [] }, dirty: true });
    store.set(AUTOSAVE_KEY, raw);
    expect(readAutosave()).toBeUndefined();
    expect(store.get(`${AUTOSAVE_KEY}:unreadable`)).toBe(raw);
  });

  it('when the browser storage is too small for the design and its text, keeps the design alone; when not even that fits, says so', () => {
    const doc = load(EXAMPLES[0]!.yaml);
    const full = { text: serializeTopology(doc), design: doc, dirty: true };
    const designOnly = JSON.stringify({ design: doc, dirty: true }).length;
    const quota = (limit: number) => ({
      setItem(k: string, v: string) {
        if (v.length > limit) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        store.set(k, v);
      },
    });
    expect(keepAutosave(full, quota(Infinity))).toBe('all');
    store.clear();
    expect(keepAutosave(full, quota(designOnly + 10))).toBe('design only');
    expect(readAutosave()?.doc).toEqual(doc);
    store.clear();
    expect(keepAutosave(full, quota(100))).toBe('nothing');
    expect(store.size).toBe(0);
  });
});
