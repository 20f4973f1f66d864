import { describe, expect, it } from 'vitest';
import { parseTopology } from './parse';
import { MIGRATIONS, migrate, type Migration } from './migrate';
import { restoreTopology } from './restore';

/**
 * A made-up history, to show the machinery works before a real format 2 exists:
 * format 0 called components `boxes` and connections `wires` with `source`/`target`;
 * format 1 is today's. The test target is 1, the test registry has the 0 -> 1 step.
 */
const FAKE: Migration[] = [
  {
    from: 0,
    to: 1,
    description: 'boxes -> nodes, wires (source/target) -> edges (from/to)',
    migrate: (doc) => {
      const { boxes, wires, ...rest } = doc as { boxes?: unknown[]; wires?: Array<{ source: string; target: string }> } & Record<string, unknown>;
      return { ...rest, nodes: boxes ?? [], edges: (wires ?? []).map((w) => ({ from: w.source, to: w.target })) };
    },
  },
];

describe('migrate', () => {
  it('has no steps today: format 1 is the first format, and reading it is the identity', () => {
    expect(MIGRATIONS).toEqual([]);
    const raw = { topoforge: 1, name: 'x', nodes: [] };
    const r = migrate(raw);
    expect(r).toMatchObject({ ok: true, from: 1 });
    if (r.ok) expect(r.doc).toBe(raw);
  });

  it('runs a chain of steps on plain objects, without touching the input', () => {
    const raw = Object.freeze({ topoforge: 0, name: 'Old', boxes: [{ id: 'a', kind: 'worker' }, { id: 'b', kind: 'worker' }], wires: [{ source: 'a', target: 'b' }] });
    const r = migrate(raw, { registry: FAKE, target: 1 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.from).toBe(0);
    expect(r.doc).toEqual({ topoforge: 1, name: 'Old', nodes: raw.boxes, edges: [{ from: 'a', to: 'b' }] });
    expect(raw.topoforge).toBe(0);
  });

  it('runs several steps in order', () => {
    const chain: Migration[] = [
      { from: 1, to: 2, description: 'add a', migrate: (d) => ({ ...d, trail: [...((d.trail as string[]) ?? []), 'a'] }) },
      { from: 2, to: 3, description: 'add b', migrate: (d) => ({ ...d, trail: [...((d.trail as string[]) ?? []), 'b'] }) },
    ];
    const r = migrate({ topoforge: 1 }, { registry: chain, target: 3 });
    expect(r).toMatchObject({ ok: true, doc: { topoforge: 3, trail: ['a', 'b'] } });
    expect(migrate({ topoforge: 2 }, { registry: chain, target: 3 })).toMatchObject({ ok: true, doc: { trail: ['b'] } });
  });

  it('says so when a step is missing', () => {
    const gap: Migration[] = [1, 3].map((from) => ({ from, to: from + 1, description: '', migrate: (d) => d }));
    const r = migrate({ topoforge: 2 }, { registry: gap, target: 4 });
    expect(r).toMatchObject({ ok: false, diagnostics: [{ code: 'TF012' }] });
  });

  it('feeds restore and parse: an old file opens as a current document', () => {
    const text = 'topoforge: 0\nname: Old\nboxes:\n  - id: a\n    kind: worker\n  - id: b\n    kind: worker\nwires:\n  - source: a\n    target: b\n';
    const r = parseTopology(text, { registry: FAKE, target: 1 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.doc.nodes.map((n) => n.id)).toEqual(['a', 'b']);
    expect(r.doc.edges).toEqual([{ from: 'a', to: 'b', props: {} }]);
    // Without the step, the same file is refused with a clear message.
    const today = parseTopology(text);
    expect(today).toMatchObject({ ok: false, diagnostics: [{ code: 'TF010', line: 1 }] });
    expect(restoreTopology({ topoforge: 0, name: 'Old' }, { registry: FAKE, target: 1 }).ok).toBe(true);
  });
});
