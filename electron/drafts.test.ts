import { mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DraftStore, DraftWriter, isDraftKey, type Timers } from './drafts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tf-drafts-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Timers the test advances by hand. */
function manualTimers() {
  let t = Date.parse('2026-01-01T00:00:00Z');
  const queue: { at: number; fn: () => void; id: number }[] = [];
  let next = 1;
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      const id = next++;
      queue.push({ at: t + ms, fn, id });
      return id;
    },
    clearTimeout: (h) => {
      const i = queue.findIndex((q) => q.id === h);
      if (i >= 0) queue.splice(i, 1);
    },
    now: () => new Date(t),
  };
  const advance = (ms: number) => {
    t += ms;
    for (const q of queue.filter((q) => q.at <= t)) {
      queue.splice(queue.indexOf(q), 1);
      q.fn();
    }
  };
  return { timers, advance };
}

describe('DraftWriter', () => {
  it('drafts the first change at once, and batches quick changes after it into one write per interval', async () => {
    const store = new DraftStore(join(dir, 'drafts'));
    const { timers, advance } = manualTimers();
    const w = new DraftWriter(store, 'win-1', 3000, timers);
    w.update('name: A', null, 'Untitled');
    await w.whenIdle();
    expect((await store.list()).map((d) => d.text)).toEqual(['name: A']);
    w.update('name: AB', null, 'Untitled');
    w.update('name: ABC', null, 'Untitled');
    advance(2999);
    await w.whenIdle();
    expect((await store.list())[0]).toMatchObject({ key: 'win-1', path: null, name: 'Untitled', text: 'name: A' });
    advance(1);
    await w.whenIdle();
    expect((await store.list())[0]?.text).toBe('name: ABC');
    // After a quiet spell, the next change is written at once again.
    advance(10_000);
    w.update('name: ABCD', null, 'Untitled');
    await w.whenIdle();
    expect((await store.list())[0]?.text).toBe('name: ABCD');
  });

  it('drops the draft once the design is saved, even if a write was still pending', async () => {
    const store = new DraftStore(join(dir, 'drafts'));
    const { timers, advance } = manualTimers();
    const w = new DraftWriter(store, 'win-2', 3000, timers);
    w.update('v1', '/home/u/a.topo.yaml', 'a.topo.yaml');
    advance(3000);
    w.update('v2', '/home/u/a.topo.yaml', 'a.topo.yaml');
    await w.discard();
    advance(10_000);
    await w.whenIdle();
    expect(await store.list()).toEqual([]);
    expect(readdirSync(join(dir, 'drafts'))).toEqual([]);
  });

  it('flush writes the latest change at once (before quitting)', async () => {
    const store = new DraftStore(join(dir, 'drafts'));
    const { timers } = manualTimers();
    const w = new DraftWriter(store, 'win-3', 3000, timers);
    w.update('latest', null, 'Untitled');
    await w.flush();
    expect((await store.list())[0]?.text).toBe('latest');
    expect(w.hasPending).toBe(false);
  });
});

describe('DraftStore', () => {
  it('finds drafts left by a session that ended without saving, most recent first', async () => {
    const store = new DraftStore(dir);
    await store.write({ format: 1, key: 'a', path: null, name: 'Untitled', text: 'old', updatedAt: '2026-01-01T00:00:00.000Z' });
    await store.write({ format: 1, key: 'b', path: '/x/b.topo.yaml', name: 'b.topo.yaml', text: 'new', updatedAt: '2026-01-02T00:00:00.000Z' });
    // A new store (the next launch) sees both.
    const again = new DraftStore(dir);
    expect((await again.list()).map((d) => d.key)).toEqual(['b', 'a']);
  });

  it('skips corrupt and foreign files without deleting them', async () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'broken.draft.json'), '{"format":1,"key":"broken"');
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    writeFileSync(join(dir, 'x.draft.json'), JSON.stringify({ format: 1, key: 'y', path: null, name: 'n', text: 't', updatedAt: 'z' }));
    expect(await new DraftStore(dir).list()).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual(['broken.draft.json', 'notes.txt', 'x.draft.json']);
  });

  it('has no drafts when the folder does not exist yet', async () => {
    expect(await new DraftStore(join(dir, 'missing')).list()).toEqual([]);
  });

  it('accepts only simple keys (no path tricks)', async () => {
    expect(isDraftKey('win-1f3a')).toBe(true);
    for (const bad of ['', '../x', 'a/b', 'A', '.hidden', 'x'.repeat(65)]) expect(isDraftKey(bad)).toBe(false);
    await expect(new DraftStore(dir).remove('../../etc')).rejects.toThrow();
  });
});
