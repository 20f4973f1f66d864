import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync, existsSync, chmodSync, lstatSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeAtomicFs, writeFileAtomic, writeFolderAtomic, type AtomicFs } from './atomic-write';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tf-atomic-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A file system whose writes fail once `limit` bytes in total have been written. */
function failingAfter(limit: number, code = 'ENOSPC'): AtomicFs {
  let written = 0;
  return {
    ...nodeAtomicFs,
    open: async (p, flags, mode) => {
      const h = await nodeAtomicFs.open(p, flags, mode);
      return {
        write: async (buf, offset, length, position) => {
          if (written + length > limit) {
            const part = limit - written;
            if (part > 0) await h.write(buf, offset, part, position);
            written = limit;
            throw Object.assign(new Error('disk full (simulated)'), { code });
          }
          written += length;
          return h.write(buf, offset, length, position);
        },
        sync: () => h.sync(),
        close: () => h.close(),
      };
    },
  };
}

describe('writeFileAtomic', () => {
  it('writes a new file and leaves no temporary file behind', async () => {
    const f = join(dir, 'a.topo.yaml');
    await writeFileAtomic(f, 'name: A\n', { backup: true });
    expect(readFileSync(f, 'utf8')).toBe('name: A\n');
    expect(readdirSync(dir)).toEqual(['a.topo.yaml']);
  });

  it('replaces the file and keeps exactly one .bak with the previous version', async () => {
    const f = join(dir, 'a.topo.yaml');
    writeFileSync(f, 'v1');
    await writeFileAtomic(f, 'v2', { backup: true });
    await writeFileAtomic(f, 'v3', { backup: true });
    expect(readFileSync(f, 'utf8')).toBe('v3');
    expect(readFileSync(`${f}.bak`, 'utf8')).toBe('v2');
    expect(readdirSync(dir).sort()).toEqual(['a.topo.yaml', 'a.topo.yaml.bak']);
  });

  it('keeps the original file intact when the disk fills up halfway through a save', async () => {
    const f = join(dir, 'design.topo.yaml');
    const original = 'topoforge: 1\nname: Original\n';
    writeFileSync(f, original);
    const big = 'x'.repeat(64 * 1024);
    await expect(writeFileAtomic(f, big, { backup: true, fs: failingAfter(big.length / 2), chunkSize: 4096 })).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(readFileSync(f, 'utf8')).toBe(original);
    // No half-written temporary file and no backup made of a save that did not happen.
    expect(readdirSync(dir)).toEqual(['design.topo.yaml']);
  });

  it('keeps the original file intact when the save process is killed in the middle', async () => {
    const f = join(dir, 'design.topo.yaml');
    const original = 'topoforge: 1\nname: Original\n';
    writeFileSync(f, original);
    const script = resolve(__dirname, 'test-support/slow-save.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', script, f], { stdio: ['ignore', 'pipe', 'inherit'] });
    // The child prints "half" once half of the new content is in its temporary file, then waits.
    await new Promise<void>((res, rej) => {
      child.stdout.on('data', (b: Buffer) => {
        if (b.toString().includes('half')) res();
      });
      child.on('exit', (code) => rej(new Error(`child exited early (${code})`)));
    });
    const tmpFiles = readdirSync(dir).filter((n) => n.endsWith('.tmp'));
    expect(tmpFiles).toHaveLength(1);
    expect(statSync(join(dir, tmpFiles[0]!)).size).toBeGreaterThan(0);
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    expect(readFileSync(f, 'utf8')).toBe(original);
  });

  it('follows a symbolic link and keeps the link', async () => {
    if (process.platform === 'win32') return;
    const real = join(dir, 'real.topo.yaml');
    const link = join(dir, 'link.topo.yaml');
    writeFileSync(real, 'old');
    symlinkSync(real, link);
    await writeFileAtomic(link, 'new');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toBe('new');
  });

  it('keeps the file permissions', async () => {
    if (process.platform === 'win32') return;
    const f = join(dir, 'p.topo.yaml');
    writeFileSync(f, 'old');
    chmodSync(f, 0o600);
    await writeFileAtomic(f, 'new');
    expect(statSync(f).mode & 0o777).toBe(0o600);
  });

  it('refuses to replace a folder with a file', async () => {
    await expect(writeFileAtomic(dir, 'x')).rejects.toMatchObject({ code: 'EISDIR' });
  });
});

describe('writeFolderAtomic', () => {
  it('writes nested files into a new folder', async () => {
    const out = join(dir, 'bundle');
    await writeFolderAtomic(out, [
      { path: 'README.md', data: '# hi' },
      { path: 'config/kong/kong.yml', data: new Uint8Array([1, 2, 3]) },
      { path: 'config/db/init.sh', data: '#!/bin/sh\n', mode: 0o755 },
    ]);
    if (process.platform !== 'win32') expect(statSync(join(out, 'config/db/init.sh')).mode & 0o111).toBe(0o111);
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toBe('# hi');
    expect([...readFileSync(join(out, 'config/kong/kong.yml'))]).toEqual([1, 2, 3]);
    expect(readdirSync(dir)).toEqual(['bundle']);
  });

  it('replaces an existing folder whole (old files gone)', async () => {
    const out = join(dir, 'bundle');
    await writeFolderAtomic(out, [{ path: 'old.txt', data: 'old' }]);
    await writeFolderAtomic(out, [{ path: 'new.txt', data: 'new' }]);
    expect(readdirSync(out)).toEqual(['new.txt']);
    expect(readdirSync(dir)).toEqual(['bundle']);
  });

  it('leaves the existing folder as it was when writing fails halfway', async () => {
    const out = join(dir, 'bundle');
    await writeFolderAtomic(out, [{ path: 'keep.txt', data: 'precious' }]);
    const files = Array.from({ length: 10 }, (_, i) => ({ path: `f${i}.txt`, data: 'y'.repeat(1000) }));
    await expect(writeFolderAtomic(out, files, { fs: failingAfter(4500) })).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(readdirSync(out)).toEqual(['keep.txt']);
    expect(readFileSync(join(out, 'keep.txt'), 'utf8')).toBe('precious');
    expect(readdirSync(dir)).toEqual(['bundle']);
    expect(existsSync(join(out, 'f0.txt'))).toBe(false);
  });

  describe('flushing before the folder takes its place', () => {
    /** Counts flushes: of files (by path), of folders, and of the whole file system (with whether the target existed then). */
    function counting(syncFs: ((p: string) => Promise<boolean>) | null | 'real') {
      const flushed: string[] = [];
      const whole: { path: string; targetThere: boolean }[] = [];
      const fs: AtomicFs = {
        ...nodeAtomicFs,
        open: async (p, flags, mode) => {
          const h = await nodeAtomicFs.open(p, flags, mode);
          return { write: (...a) => h.write(...a), sync: async () => (flushed.push(p), h.sync()), close: () => h.close() };
        },
        syncFileSystem:
          syncFs === 'real'
            ? nodeAtomicFs.syncFileSystem
            : syncFs && (async (p) => (whole.push({ path: p, targetThere: existsSync(join(dir, 'bundle')) }), syncFs(p))),
      };
      return { fs, flushed, whole };
    }
    const many = Array.from({ length: 80 }, (_, i) => ({ path: `config/c${i % 7}/f${i}.txt`, data: `file ${i}\n` }));

    it('a large folder is written first and flushed in one call, before it is renamed into place', async () => {
      const c = counting(async () => true);
      await writeFolderAtomic(join(dir, 'bundle'), many, { fs: c.fs });
      expect(c.whole).toHaveLength(1);
      expect(c.whole[0]!.targetThere).toBe(false);
      expect(c.whole[0]!.path.startsWith(join(dir, '.bundle.'))).toBe(true);
      expect(c.flushed).toEqual([]);
      expect(readFileSync(join(dir, 'bundle/config/c3/f10.txt'), 'utf8')).toBe('file 10\n');
      expect(readdirSync(dir)).toEqual(['bundle']);
    });

    it('when that call fails, every file is flushed one by one', async () => {
      const c = counting(async () => false);
      await writeFolderAtomic(join(dir, 'bundle'), many, { fs: c.fs });
      expect(c.whole).toHaveLength(1);
      expect(new Set(c.flushed).size).toBe(many.length);
      expect(readdirSync(join(dir, 'bundle/config')).sort()).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6']);
    });

    it('where the system has no such call, or for a few files, each file is flushed as it is written', async () => {
      const none = counting(null);
      await writeFolderAtomic(join(dir, 'bundle'), many, { fs: none.fs });
      expect(new Set(none.flushed).size).toBe(many.length);
      const few = counting(async () => true);
      await writeFolderAtomic(join(dir, 'bundle'), many.slice(0, 5), { fs: few.fs });
      expect(few.whole).toEqual([]);
      expect(few.flushed).toHaveLength(5);
      expect(readdirSync(join(dir, 'bundle')).sort()).toEqual(['config']);
    });

    it.runIf(process.platform === 'linux')('Linux flushes the file system in one call (coreutils sync -f)', async () => {
      expect(await nodeAtomicFs.syncFileSystem!(dir)).toBe(true);
      expect(await nodeAtomicFs.syncFileSystem!(join(dir, 'no-such-folder'))).toBe(false);
      const c = counting('real');
      await writeFolderAtomic(join(dir, 'bundle'), many, { fs: c.fs });
      expect(c.flushed).toEqual([]);
      expect(readFileSync(join(dir, 'bundle/config/c0/f0.txt'), 'utf8')).toBe('file 0\n');
    });
  });
});
