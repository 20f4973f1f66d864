import { mkdtempSync, rmSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../shared/model/limits';
import { compareWithDisk, displayName, readDocument, type ReadFs } from './documents';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tf-docs-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('readDocument', () => {
  it('reads UTF-8 text and drops a byte-order mark', async () => {
    const f = join(dir, 'a.topo.yaml');
    writeFileSync(f, '\uFEFFname: Café ✓\n');
    const r = await readDocument(f);
    expect(r.ok && r.text).toBe('name: Café ✓\n');
  });

  it('explains a missing file with a code and a hint, without a stack trace', async () => {
    const r = await readDocument(join(dir, 'gone.topo.yaml'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('TD001');
    expect(r.error.message).toContain('gone.topo.yaml');
    expect(r.error.message).toContain('does not exist');
    expect(r.error.message).not.toMatch(/at .*\.ts:\d+/);
    expect(r.error.hint.length).toBeGreaterThan(0);
  });

  it('refuses a folder, a binary file and a file over the size limit before reading it', async () => {
    const sub = join(dir, 'folder.topo.yaml');
    mkdirSync(sub);
    expect(await readDocument(sub)).toMatchObject({ ok: false, error: { code: 'TD001' } });
    const bin = join(dir, 'b.topo.yaml');
    writeFileSync(bin, Buffer.from([0xff, 0xfe, 0x00, 0x80]));
    expect(await readDocument(bin)).toMatchObject({ ok: false, error: { code: 'TD006' } });
    let read = false;
    const hugeFs: ReadFs = {
      open: async () => ({
        stat: async () => ({ size: LIMITS.maxFileBytes + 1, mtimeMs: 0, isFile: () => true, isDirectory: () => false }),
        read: async () => {
          read = true;
          return { bytesRead: 0 };
        },
        close: async () => undefined,
      }),
      stat: async () => ({ size: LIMITS.maxFileBytes + 1, mtimeMs: 0, isFile: () => true }),
      readFile: async () => {
        read = true;
        return new Uint8Array();
      },
    };
    const r = await readDocument('/x/huge.topo.yaml', hugeFs);
    expect(r).toMatchObject({ ok: false, error: { code: 'TD005' } });
    expect(read).toBe(false);
  });
});

describe('compareWithDisk', () => {
  it('notices a file changed by another program, and a deleted one', async () => {
    const f = join(dir, 'a.topo.yaml');
    writeFileSync(f, 'name: A\n');
    const r = await readDocument(f);
    if (!r.ok) throw new Error('read failed');
    expect(await compareWithDisk(f, r.identity)).toBe('unchanged');
    writeFileSync(f, 'name: B\n'); // same size, new content
    utimesSync(f, new Date(), new Date(Date.now() + 5000));
    expect(await compareWithDisk(f, r.identity)).toBe('changed');
    writeFileSync(f, 'name: longer\n');
    expect(await compareWithDisk(f, r.identity)).toBe('changed');
    rmSync(f);
    expect(await compareWithDisk(f, r.identity)).toBe('missing');
  });

  it('does not report a file that was only touched (same bytes, new time)', async () => {
    const f = join(dir, 'a.topo.yaml');
    writeFileSync(f, 'name: A\n');
    const r = await readDocument(f);
    if (!r.ok) throw new Error('read failed');
    utimesSync(f, new Date(), new Date(Date.now() + 5000));
    expect(await compareWithDisk(f, r.identity)).toBe('unchanged');
  });
});

describe('displayName', () => {
  it('is the file name, or Untitled', () => {
    expect(displayName(null)).toBe('Untitled');
    expect(displayName(join(dir, 'orders.topo.yaml'))).toBe('orders.topo.yaml');
  });
});
