import { describe, expect, it } from 'vitest';
import { cloneData, depthOf, restoreTopology } from './restore';
import { joinPath, pathOf, splitPath } from './path';
import { closest, distance } from './suggest';

describe('restoreTopology (plain objects, e.g. JSON from the clipboard or autosave)', () => {
  it('normalises a minimal document', () => {
    const r = restoreTopology({ topoforge: 1, name: 'T', nodes: [{ id: 'a', kind: 'worker' }] });
    expect(r).toEqual({
      ok: true,
      diagnostics: [],
      doc: { topoforge: 1, name: 'T', requirements: {}, groups: [], nodes: [{ id: 'a', kind: 'worker', label: 'a', props: {} }], edges: [], layout: {} },
    });
  });

  it('names a repeated connection by its place among the same pair (a->b#2), and one that is not a mapping by its number', () => {
    const e = (from: unknown, to: unknown, more: object = {}) => ({ from, to, ...more });
    const r = restoreTopology({
      topoforge: 1,
      name: 'T',
      nodes: [{ id: 'a', kind: 'worker' }, { id: 'b', kind: 'worker' }],
      edges: [5, e('a', 'b'), e('a', 'b', { protocol: 'htp' }), e('a', 'zz', { label: [1], props: 3 }), e('a', 'b', { props: [1] }), { to: 'b' }, e([1], 'a')],
    });
    expect(r.diagnostics.map((d) => [d.message, d.edges ?? []])).toEqual([
      ['Each connection must be a mapping with `from` and `to`, not a number.', []],
      ['Unknown protocol `htp` on connection `a->b#2` at `edges[2].protocol`. Did you mean `http`?', ['a->b#2']],
      ['Connection `a->zz` at `edges[3]` goes to `zz`, but there is no component with that id. Did you mean `a`?', ['a->zz']],
      ['The label of connection `a->zz` must be text, not a list.', ['a->zz']],
      ['`props` of connection `a->zz` must be a mapping of settings, not a number.', ['a->zz']],
      ['`props` of connection `a->b#3` must be a mapping of settings, not a list.', ['a->b#3']],
      ['Connection #6 has no `from`.', ['?->b']],
      ['`from` of connection #7 must be a component id, not a list.', ['?->a']],
    ]);
  });

  it('never shares or changes the objects it was given', () => {
    const props = { topics: [{ name: 'orders' }] };
    const raw = { topoforge: 1, name: 'T', nodes: [{ id: 'a', kind: 'kafka', props }] };
    const r = restoreTopology(raw);
    if (!r.ok) throw new Error('expected ok');
    expect(r.doc.nodes[0]!.props).toEqual(props);
    expect(r.doc.nodes[0]!.props).not.toBe(props);
    expect(r.doc.nodes[0]!.props.topics).not.toBe(props.topics);
    expect(raw.nodes[0]).toEqual({ id: 'a', kind: 'kafka', props });
  });

  it('orders layout as zones then components, in document order', () => {
    const r = restoreTopology({
      topoforge: 1,
      name: 'T',
      groups: [{ id: 'z' }],
      nodes: [{ id: 'b', kind: 'worker' }, { id: 'a', kind: 'worker' }],
      layout: { a: { x: 1, y: 1 }, z: { x: 0, y: 0, w: 10, h: 10 }, b: { x: 2, y: 2 } },
    });
    if (!r.ok) throw new Error('expected ok');
    expect(Object.keys(r.doc.layout)).toEqual(['z', 'b', 'a']);
    expect(r.doc.groups).toEqual([{ id: 'z', label: 'z' }]);
  });

  it('names paths (not lines) when there is no source text', () => {
    const r = restoreTopology({ topoforge: 1, name: 'T', nodes: [{ id: 'a', kind: 'kafak' }] });
    expect(r).toMatchObject({ ok: false, diagnostics: [{ code: 'TF024', path: 'nodes[0].kind', message: 'Unknown kind `kafak` at `nodes[0].kind`. Did you mean `kafka`?' }] });
  });

  it('refuses non-objects and over-deep data', () => {
    expect(restoreTopology(null)).toMatchObject({ ok: false, diagnostics: [{ code: 'TF007' }] });
    expect(restoreTopology('text')).toMatchObject({ ok: false, diagnostics: [{ code: 'TF007' }] });
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(restoreTopology({ topoforge: 1, name: 'T', x: deep })).toMatchObject({ ok: false, diagnostics: [{ code: 'TF004' }] });
  });
});

describe('helpers', () => {
  it('depthOf counts nesting without recursion', () => {
    expect(depthOf(1)).toBe(0);
    expect(depthOf({ a: [1, { b: 2 }] })).toBe(3);
    let deep: unknown = 1;
    for (let i = 0; i < 1_000_000; i++) deep = [deep];
    expect(depthOf(deep, 64)).toBe(65);
  });

  it('cloneData copies plain data, including a `__proto__` key as a plain key', () => {
    const src = JSON.parse('{"__proto__": {"x": 1}, "a": [1, {"b": null}]}') as Record<string, unknown>;
    const copy = cloneData(src);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__', 'a']);
    expect(copy.a).toEqual([1, { b: null }]);
  });

  it('paths: join, split and quote odd keys', () => {
    expect(pathOf('nodes', 3, 'props', 'port')).toBe('nodes[3].props.port');
    expect(joinPath('layout', 'a.b')).toBe('layout["a.b"]');
    expect(splitPath('nodes[3].props["a.b"]')).toEqual(['nodes', 3, 'props', 'a.b']);
    expect(splitPath('layout.storefront')).toEqual(['layout', 'storefront']);
    expect(splitPath('.x')).toBeUndefined();
    expect(splitPath('a b')).toBeUndefined();
  });

  it('did-you-mean: transpositions, typos, aliases, and nothing when too far', () => {
    expect(distance('kafak', 'kafka')).toBe(1);
    expect(closest('kafak', ['kafka', 'nats'])).toBe('kafka');
    expect(closest('Postgres', ['postgres'])).toBe('postgres');
    expect(closest('pg', ['postgres'], new Map([['pg', 'postgres']]))).toBe('postgres');
    expect(closest('spaceship', ['kafka', 'nats'])).toBeUndefined();
  });
});
