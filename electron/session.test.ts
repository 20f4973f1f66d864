import { mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeAtomicFs, type AtomicFs } from '../node-io/atomic-write';
import { DraftStore, DraftWriter } from './drafts';
import { DocumentSession, type CloseChoice, type ConflictChoice, type SessionUi } from './session';

let dir: string;
let drafts: DraftStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tf-session-'));
  drafts = new DraftStore(join(dir, 'user-data', 'drafts'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

class FakeUi implements SessionUi {
  savePath: string | null = null;
  conflict: ConflictChoice = 'cancel';
  close: CloseChoice = 'cancel';
  asked: string[] = [];
  async chooseSavePath(name: string) {
    this.asked.push(`save-as:${name}`);
    return this.savePath;
  }
  async askConflict(name: string) {
    this.asked.push(`conflict:${name}`);
    return this.conflict;
  }
  async askSaveChanges(name: string) {
    this.asked.push(`close:${name}`);
    return this.close;
  }
}

function session(ui = new FakeUi(), fs?: AtomicFs) {
  const used: string[] = [];
  const writer = new DraftWriter(drafts, 'win-1', 10);
  const s = new DocumentSession({ ui, drafts: writer, onFileUsed: (p) => used.push(p), ...(fs ? { fs } : {}) });
  return { s, ui, used, writer };
}

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe('open and save', () => {
  it('opens a file, saves it in place with a .bak, and adds it to the recent list', async () => {
    const { s, used } = session();
    const p = file('orders.topo.yaml', 'name: v1\n');
    const r = await s.openFile(p);
    expect(r).toMatchObject({ status: 'opened', doc: { path: p, name: 'orders.topo.yaml', text: 'name: v1\n', dirty: false } });
    expect(await s.save('name: v2\n', p)).toEqual({ status: 'saved', path: p, name: 'orders.topo.yaml' });
    expect(readFileSync(p, 'utf8')).toBe('name: v2\n');
    expect(readFileSync(`${p}.bak`, 'utf8')).toBe('name: v1\n');
    expect(used).toEqual([p, p]);
  });

  it('refuses to write a file the window never opened or chose (a compromised page)', async () => {
    const { s } = session();
    const other = file('victim.txt', 'keep');
    const r = await s.save('pwned', other);
    expect(r).toMatchObject({ status: 'error', error: { code: 'TD004' } });
    expect(readFileSync(other, 'utf8')).toBe('keep');
  });

  it('Save As asks where, adds .topo.yaml when missing, and saves there afterwards', async () => {
    const ui = new FakeUi();
    ui.savePath = join(dir, 'new-design');
    const { s } = session(ui);
    const r = await s.saveAs('name: N\n', 'N.topo.yaml');
    const p = join(dir, 'new-design.topo.yaml');
    expect(r).toEqual({ status: 'saved', path: p, name: 'new-design.topo.yaml' });
    expect(ui.asked).toEqual(['save-as:N.topo.yaml']);
    expect(s.mayWrite(p)).toBe(true);
    expect(await s.save('name: N2\n', p)).toMatchObject({ status: 'saved' });
    ui.savePath = null;
    expect(await s.saveAs('x', 'N.topo.yaml')).toEqual({ status: 'cancelled' });
  });

  it('reports a failed save with a code and keeps the file on disk unchanged', async () => {
    const failing: AtomicFs = { ...nodeAtomicFs, rename: async () => Promise.reject(Object.assign(new Error('x'), { code: 'EACCES' })) };
    const { s } = session(new FakeUi(), failing);
    const p = file('a.topo.yaml', 'old');
    await s.openFile(p);
    s.setDirty(true);
    const r = await s.save('new', p);
    expect(r).toMatchObject({ status: 'error', error: { code: 'TD002' } });
    if (r.status === 'error') expect(r.error.message).toMatch(/not allowed.*unchanged/);
    expect(readFileSync(p, 'utf8')).toBe('old');
    expect(s.dirty).toBe(true);
  });
});

describe('a file changed by another program', () => {
  async function changedOnDisk(choice: ConflictChoice) {
    const ui = new FakeUi();
    ui.conflict = choice;
    const { s } = session(ui);
    const p = file('shared.topo.yaml', 'name: mine\n');
    await s.openFile(p);
    writeFileSync(p, 'name: theirs, longer\n');
    utimesSync(p, new Date(), new Date(Date.now() + 10_000));
    return { s, ui, p, r: await s.save('name: my edit\n', p) };
  }

  it('asks before overwriting; cancel leaves their version', async () => {
    const { ui, p, r } = await changedOnDisk('cancel');
    expect(ui.asked).toEqual(['conflict:shared.topo.yaml']);
    expect(r).toEqual({ status: 'cancelled' });
    expect(readFileSync(p, 'utf8')).toBe('name: theirs, longer\n');
  });

  it('overwrite writes ours (theirs kept in the .bak)', async () => {
    const { p, r } = await changedOnDisk('overwrite');
    expect(r.status).toBe('saved');
    expect(readFileSync(p, 'utf8')).toBe('name: my edit\n');
    expect(readFileSync(`${p}.bak`, 'utf8')).toBe('name: theirs, longer\n');
  });

  it('reload gives the page their version and writes nothing', async () => {
    const { p, r, s } = await changedOnDisk('reload');
    expect(r).toMatchObject({ status: 'reloaded', doc: { text: 'name: theirs, longer\n', dirty: false } });
    expect(readFileSync(p, 'utf8')).toBe('name: theirs, longer\n');
    // Now in step with the disk: the next save does not ask again.
    expect(await s.save('name: after reload\n', p)).toMatchObject({ status: 'saved' });
  });

  it('does not ask after our own save', async () => {
    const { s, ui } = session();
    const p = file('a.topo.yaml', 'v1');
    await s.openFile(p);
    await s.save('v2', p);
    await s.save('v3, longer', p);
    expect(ui.asked).toEqual([]);
  });
});

describe('drafts and closing', () => {
  it('drafts unsaved changes and drops the draft once saved', async () => {
    const { s, writer } = session();
    const p = file('a.topo.yaml', 'v1');
    await s.openFile(p);
    s.setDirty(true);
    s.updateDraft('v1 edited', p);
    await writer.flush();
    expect(await drafts.list()).toMatchObject([{ key: 'win-1', path: p, text: 'v1 edited' }]);
    await s.save('v1 edited', p);
    await writer.whenIdle();
    expect(await drafts.list()).toEqual([]);
  });

  it('does not draft a design without unsaved changes', async () => {
    const { s, writer } = session();
    s.updateDraft('clean', null);
    await writer.flush();
    expect(await drafts.list()).toEqual([]);
  });

  it('a restored draft counts as unsaved even if the page says it is clean, until saved', async () => {
    const ui = new FakeUi();
    const { s, writer } = session(ui);
    const p = file('a.topo.yaml', 'on disk');
    await drafts.write({ format: 1, key: 'win-1', path: p, name: 'a.topo.yaml', text: 'recovered', updatedAt: '2026-01-01T00:00:00Z' });
    const doc = s.restoreDraft((await drafts.list())[0]!);
    expect(doc).toEqual({ path: p, name: 'a.topo.yaml', text: 'recovered', dirty: true, restored: true });
    s.setDirty(false);
    await writer.whenIdle();
    expect(s.dirty).toBe(true);
    expect(await drafts.list()).toHaveLength(1);
    expect(s.mayWrite(p)).toBe(true);
    await s.save('recovered', p);
    expect(s.dirty).toBe(false);
    expect(await drafts.list()).toEqual([]);
  });

  it('closes at once without unsaved changes; otherwise asks', async () => {
    const ui = new FakeUi();
    const { s } = session(ui);
    const text = async () => 'text';
    expect(await s.confirmClose(text, 'x', () => undefined)).toBe(true);
    expect(ui.asked).toEqual([]);
    s.setDirty(true);
    ui.close = 'cancel';
    expect(await s.confirmClose(text, 'x', () => undefined)).toBe(false);
    ui.close = 'discard';
    expect(await s.confirmClose(text, 'x', () => undefined)).toBe(true);
    expect(s.dirty).toBe(false);
    expect(ui.asked).toEqual(['close:Untitled', 'close:Untitled']);
  });

  it('Save on close saves the page text (asking where for a new design) and closes only if saved', async () => {
    const ui = new FakeUi();
    ui.close = 'save';
    const { s } = session(ui);
    s.setDirty(true);
    ui.savePath = null; // the user cancels the Save As dialog: the window stays
    expect(await s.confirmClose(async () => 'name: T\n', 'T.topo.yaml', () => undefined)).toBe(false);
    ui.savePath = join(dir, 'T.topo.yaml');
    expect(await s.confirmClose(async () => 'name: T\n', 'T.topo.yaml', () => undefined)).toBe(true);
    expect(readFileSync(join(dir, 'T.topo.yaml'), 'utf8')).toBe('name: T\n');
  });

  it('keeps the window open with an error when the page does not give its text', async () => {
    const ui = new FakeUi();
    ui.close = 'save';
    const { s } = session(ui);
    s.setDirty(true);
    const errors: string[] = [];
    expect(await s.confirmClose(async () => null, 'x', (e) => errors.push(e.code))).toBe(false);
    expect(errors).toEqual(['TD002']);
    expect(readdirSync(dir).filter((n) => n.endsWith('.yaml'))).toEqual([]);
  });

  it('after a page crash, gives back the last drafted text as unsaved work, and nothing when all was saved', async () => {
    const { s } = session();
    const p = file('a.topo.yaml', 'v1');
    await s.openFile(p);
    expect(s.recoverAfterCrash()).toBeNull();
    s.setDirty(true);
    s.updateDraft('v1 edited', p);
    expect(s.recoverAfterCrash()).toEqual({ path: p, name: 'a.topo.yaml', text: 'v1 edited', dirty: true, restored: true });
    // Still unsaved even if the reloaded page reports itself clean at first.
    s.setDirty(false);
    expect(s.dirty).toBe(true);
    await s.save('v1 edited', p);
    expect(s.recoverAfterCrash()).toBeNull();
  });
});
