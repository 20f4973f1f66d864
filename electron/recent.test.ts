import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecentFiles } from './recent';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tf-recent-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('RecentFiles', () => {
  it('keeps the most recent first, without duplicates, at most 10, across launches', async () => {
    const file = join(dir, 'recent.json');
    const r = new RecentFiles(file, 'linux');
    await r.load();
    for (let i = 0; i < 12; i++) await r.add(`/d/f${i}.topo.yaml`);
    await r.add('/d/f5.topo.yaml');
    expect(r.list()).toHaveLength(10);
    expect(r.list()[0]).toBe('/d/f5.topo.yaml');
    expect(r.list().filter((p) => p === '/d/f5.topo.yaml')).toHaveLength(1);
    expect(r.list()).not.toContain('/d/f0.topo.yaml');
    const next = new RecentFiles(file, 'linux');
    await next.load();
    expect(next.list()).toEqual(r.list());
  });

  it('ignores case when the platform does (Windows, macOS)', async () => {
    const r = new RecentFiles(join(dir, 'recent.json'), 'win32');
    await r.add('C:\\Designs\\A.topo.yaml');
    await r.add('c:\\designs\\a.topo.yaml');
    expect(r.list()).toEqual(['c:\\designs\\a.topo.yaml']);
  });

  it('removes a file that could not be opened, and clears', async () => {
    const r = new RecentFiles(join(dir, 'recent.json'), 'linux');
    await r.add('/a.topo.yaml');
    await r.add('/b.topo.yaml');
    await r.remove('/a.topo.yaml');
    expect(r.list()).toEqual(['/b.topo.yaml']);
    await r.clear();
    expect(JSON.parse(readFileSync(join(dir, 'recent.json'), 'utf8'))).toEqual({ files: [] });
  });

  it('starts empty from a corrupt list and drops entries that are not absolute paths', async () => {
    const file = join(dir, 'recent.json');
    writeFileSync(file, '{not json');
    const r = new RecentFiles(file, 'linux');
    await r.load();
    expect(r.list()).toEqual([]);
    writeFileSync(file, JSON.stringify({ files: ['/ok.topo.yaml', 'relative.topo.yaml', 42, '/ok.topo.yaml'] }));
    await r.load();
    expect(r.list()).toEqual(['/ok.topo.yaml']);
  });
});
