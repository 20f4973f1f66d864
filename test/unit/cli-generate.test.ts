import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../assets/examples';
import { generateBundle } from '../../generators/bundle';
import { run } from '../../generators/cli/main';
import { UserError, describeFsError, readDesignFile } from '../../generators/cli/readFile';
import { MARKER, checkOutputPaths, nodeFs, writeBundle, type BundleFs } from '../../generators/cli/writeBundle';
import { parseTopology } from '../../shared/model/parse';
import type { OutputFile } from '../../generators/types';
import { memoryIo } from './cli-io';

/** In-process tests of `generate`: what happens when writing fails half-way. */

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'topoforge-gen-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Every file under `root`, path -> content. */
function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(root, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(root);
  return out;
}

/** A file system that fails the nth call of one operation. */
function failing(op: keyof BundleFs, nth: number, code = 'ENOSPC'): BundleFs & { calls: number } {
  const fs = { ...nodeFs, calls: 0 } as BundleFs & { calls: number };
  const real = nodeFs[op] as (...a: unknown[]) => Promise<unknown>;
  (fs as unknown as Record<string, unknown>)[op] = async (...args: unknown[]) => {
    fs.calls++;
    if (fs.calls === nth) throw Object.assign(new Error(`${code}: simulated`), { code });
    return real(...args);
  };
  return fs;
}

const files = (n: number, tag: string): OutputFile[] =>
  Array.from({ length: n }, (_, i) => ({ path: i % 2 ? `config/svc-${i}/file.txt` : `file-${i}.txt`, content: `${tag} ${i}\n` }));

describe('writeBundle: atomic', () => {
  it('writes files, folders, modes and the marker', async () => {
    const out = join(dir, 'out');
    const res = await writeBundle(out, [...files(4, 'v1'), { path: 'config/db/init.sh', content: '#!/bin/sh\n', mode: 0o755 }], { designFile: 'd.topo.yaml', cwd: dir });
    expect(res).toMatchObject({ files: 6, replaced: false });
    const snap = snapshot(out);
    expect(Object.keys(snap).sort()).toEqual([MARKER, 'config/db/init.sh', 'config/svc-1/file.txt', 'config/svc-3/file.txt', 'file-0.txt', 'file-2.txt']);
    expect(statSync(join(out, 'config/db/init.sh')).mode & 0o111).not.toBe(0);
  });

  // Files are created in path order, the marker (.topoforge) first.
  for (const [op, nth, when] of [
    ['open', 4, 'the third file'],
    ['open', 1, 'the marker'],
    ['mkdir', 3, 'a sub-folder'],
    ['rename', 1, 'moving the old bundle aside'],
    ['rename', 2, 'moving the new bundle in'],
  ] as const) {
    it(`leaves the previous bundle exactly as it was when ${when} fails`, async () => {
      const out = join(dir, 'out');
      await writeBundle(out, files(6, 'v1'), { cwd: dir });
      const before = snapshot(out);
      const fs = failing(op, nth);
      await expect(writeBundle(out, files(6, 'v2'), { fs, cwd: dir })).rejects.toThrow(UserError);
      expect(snapshot(out)).toEqual(before);
      // Nothing is left behind next to it.
      expect(readdirSync(dir)).toEqual(['out']);
    });
  }

  it('says what failed, in one line a user understands', async () => {
    const out = join(dir, 'out');
    await writeBundle(out, files(2, 'v1'), { cwd: dir });
    const err = await writeBundle(out, files(2, 'v2'), { fs: failing('open', 1, 'ENOSPC'), cwd: dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(/Could not write the bundle: .*the disk is full\. The previous bundle in .* is unchanged\./);
  });

  it('leaves nothing when a first bundle fails', async () => {
    const out = join(dir, 'fresh');
    await expect(writeBundle(out, files(4, 'v1'), { fs: failing('open', 2), cwd: dir })).rejects.toThrow(/Nothing was written/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses output paths that would escape the bundle', () => {
    for (const path of ['../evil', '/etc/passwd', 'a/../../b', 'a//b', 'a\\b', '', MARKER]) {
      expect(() => checkOutputPaths([{ path, content: '' }]), path).toThrow();
    }
    expect(() => checkOutputPaths([{ path: 'a', content: '' }, { path: 'a', content: '' }])).toThrow(/same file/);
  });
});

describe('topoforge generate, in process', () => {
  const io = (fs?: BundleFs) => memoryIo(dir, fs);

  it('exits 2 with one clear line and the previous bundle intact when the disk fills mid-write', async () => {
    const design = join(dir, 'd.topo.yaml');
    writeFileSync(design, EXAMPLES.find((e) => e.id === 'starter')!.yaml);
    const out = join(dir, 'out');
    expect(await run(['generate', design, '-o', out], io())).toBe(0);
    const before = snapshot(out);
    const broken = io(failing('open', 2));
    expect(await run(['generate', design, '-o', out], broken)).toBe(2);
    expect(broken.stderr).toMatch(/^topoforge: Could not write the bundle: .*the disk is full\. The previous bundle in .* is unchanged\.\n$/);
    expect(snapshot(out)).toEqual(before);
  });

  it('writes exactly the files generateBundle makes, plus the marker', async () => {
    const yaml = EXAMPLES.find((e) => e.id === 'ecommerce-orders')!.yaml;
    const design = join(dir, 'd.topo.yaml');
    writeFileSync(design, yaml);
    const out = join(dir, 'out');
    expect(await run(['generate', design, '-o', out], io())).toBe(0);
    const parsed = parseTopology(yaml);
    if (!parsed.ok) throw new Error('example does not parse');
    const expected = Object.fromEntries(generateBundle(parsed.doc).map((f) => [f.path, f.content]));
    const snap = snapshot(out);
    delete snap[MARKER];
    expect(snap).toEqual(expected);
  });
});

describe('reading design files', () => {
  it('maps file-system errors a user can cause to one line', () => {
    const e = (code: string) => Object.assign(new Error(`${code}: raw message\n    at stack`), { code });
    expect(describeFsError(e('EACCES'), 'd.yaml')).toBe('d.yaml: permission denied.');
    expect(describeFsError(e('EPERM'), 'd.yaml')).toBe('d.yaml: permission denied.');
    expect(describeFsError(e('ENOENT'), 'd.yaml')).toBe('d.yaml: no such file.');
    expect(describeFsError(e('EISDIR'), 'd.yaml')).toBe('d.yaml is a folder, not a design file.');
    expect(describeFsError(e('EIO'), 'd.yaml')).toBe('d.yaml: input/output error while reading.');
    expect(describeFsError(e('EWHATEVER'), 'd.yaml')).toBe('d.yaml: EWHATEVER: raw message');
  });

  it('a file that vanishes before it is read is "no such file"', async () => {
    const p = join(dir, 'gone.topo.yaml');
    writeFileSync(p, 'x');
    rmSync(p);
    await expect(readDesignFile(p)).rejects.toThrow(`${p}: no such file.`);
  });

  it('reads a file that starts with a byte-order mark', async () => {
    const p = join(dir, 'bom.topo.yaml');
    writeFileSync(p, '\uFEFFtopoforge: 1\nname: x\n');
    const text = await readDesignFile(p);
    expect(parseTopology(text).ok).toBe(true);
  });

  it('refuses folders', async () => {
    mkdirSync(join(dir, 'f'));
    await expect(readDesignFile(join(dir, 'f'))).rejects.toThrow(/is a folder/);
  });
});
