import { lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../generators/cli/main';
import { nodeFs, type BundleFs } from '../../generators/cli/writeBundle';
import { memoryIo } from './cli-io';

/**
 * Nothing lost when the CLI writes a design file: `new -o FILE --force` and
 * `import ... -o FILE --force` replace an existing design atomically, so a disk that fills up
 * halfway leaves the old design as it was (the bundle and the desktop shell's saves have their
 * own tests: test/unit/cli-generate.test.ts, node-io/atomic-write.test.ts).
 */

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'topoforge-save-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const io = (fs?: BundleFs) => memoryIo(dir, fs);

/** A disk that fills up: a write writes half its bytes, then fails with ENOSPC. */
const fullDisk: BundleFs = {
  ...nodeFs,
  open: async (path, flags, mode) => {
    const h = await nodeFs.open(path, flags, mode);
    return {
      write: async (buffer, offset, length, position) => {
        await h.write(buffer, offset, Math.floor(length / 2), position);
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      },
      sync: () => h.sync(),
      close: () => h.close(),
    };
  },
};

const MINE = 'topoforge: 1\nname: MyWork\nnodes:\n  - id: api\n    kind: rest-service\n';

describe('replacing a design file from the CLI', () => {
  it('new --force on a full disk: exit 2, one line, the old design intact, no temporary file left', async () => {
    const p = join(dir, 'mine.topo.yaml');
    writeFileSync(p, MINE);
    const o = io(fullDisk);
    expect(await run(['new', '--example', 'ecommerce-orders', '-o', p, '--force'], o)).toBe(2);
    expect(o.stderr).toBe(`topoforge: ${p}: the disk is full.\n`);
    expect(readFileSync(p, 'utf8')).toBe(MINE);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('import --force on a full disk leaves the old design intact too', async () => {
    const compose = join(dir, 'docker-compose.yml');
    writeFileSync(compose, 'services:\n  db:\n    image: postgres:16\n');
    const p = join(dir, 'imported.topo.yaml');
    writeFileSync(p, MINE);
    expect(await run(['import', 'compose', compose, '-o', p, '--force'], io(fullDisk))).toBe(2);
    expect(readFileSync(p, 'utf8')).toBe(MINE);
  });

  it('new --force replaces the design when the disk is fine, and keeps a symbolic link a link', async () => {
    const real = join(dir, 'real.topo.yaml');
    const link = join(dir, 'link.topo.yaml');
    writeFileSync(real, MINE);
    symlinkSync(real, link);
    expect(await run(['new', '--example', 'starter', '-o', link, '--force'], io())).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(real);
    expect(readFileSync(real, 'utf8')).toMatch(/^topoforge: 1\nname: /);
    expect(readFileSync(real, 'utf8')).not.toBe(MINE);
  });

  it('without --force an existing design is never touched', async () => {
    const p = join(dir, 'kept.topo.yaml');
    writeFileSync(p, MINE);
    const o = io();
    expect(await run(['new', '--example', 'starter', '-o', p], o)).toBe(2);
    expect(o.stderr).toMatch(/already exists; not overwriting it/);
    expect(readFileSync(p, 'utf8')).toBe(MINE);
  });
});
