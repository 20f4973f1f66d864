import { beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * The CLI's reader (generators/cli/readFile.ts) with file-system failures a test can't cause for
 * real: tests run as root here, which reads a chmod 000 file, and a file vanishing or growing in
 * the middle of a read is a race. `open` is replaced by a fake handle that fails on cue.
 */

interface Plan {
  openError?: string;
  size: number;
  /** Bytes each read returns, then an error code or end of file. */
  chunks: number[];
  failAfter?: string;
}
let plan: Plan;

const errno = (code: string) => Object.assign(new Error(`${code}: raw message\n    at internal`), { code });

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...real,
    open: async () => {
      if (plan.openError) throw errno(plan.openError);
      let i = 0;
      return {
        stat: async () => ({ isDirectory: () => false, isFile: () => true, size: plan.size }),
        read: async (buf: Buffer, offset: number, length: number) => {
          const n = plan.chunks[i++];
          if (n === undefined) {
            if (plan.failAfter) throw errno(plan.failAfter);
            return { bytesRead: 0, buffer: buf };
          }
          const k = Math.min(n, length);
          buf.fill(0x61, offset, offset + k);
          return { bytesRead: k, buffer: buf };
        },
        close: async () => undefined,
      };
    },
  };
});

const { readDesignFile } = await import('../../generators/cli/readFile');
const { LIMITS } = await import('../../shared/model/limits');

beforeEach(() => {
  plan = { size: 10, chunks: [10] };
});

describe('reading a design file when the file system misbehaves', () => {
  it('reads a normal file', async () => {
    await expect(readDesignFile('d.topo.yaml')).resolves.toBe('a'.repeat(10));
  });

  it('an unreadable file: "permission denied", one line', async () => {
    plan.openError = 'EACCES';
    await expect(readDesignFile('locked.topo.yaml')).rejects.toThrow(/^locked\.topo\.yaml: permission denied\.$/);
  });

  it('a file that vanishes while it is read (a network share going away): one line, no partial design', async () => {
    plan = { size: 3_000_000, chunks: [1 << 20], failAfter: 'ESTALE' };
    const e = await readDesignFile('gone.topo.yaml').catch((x: Error) => x);
    expect(e).toBeInstanceOf(Error);
    expect((e as Error).name).toBe('UserError');
    expect((e as Error).message).toMatch(/^gone\.topo\.yaml: /);
    expect((e as Error).message).not.toMatch(/\n|at internal/);
  });

  it('an input/output error in the middle of the file', async () => {
    plan = { size: 3_000_000, chunks: [1 << 20], failAfter: 'EIO' };
    await expect(readDesignFile('bad.topo.yaml')).rejects.toThrow(/^bad\.topo\.yaml: input\/output error while reading\.$/);
  });

  it('a file that grows past the limit while it is read is refused, without reading on', async () => {
    plan = { size: 100, chunks: Array(40).fill(1 << 20) };
    await expect(readDesignFile('growing.topo.yaml')).rejects.toThrow(/growing\.topo\.yaml is too large \(over 10\.0 MB\); design files are at most 10\.0 MB\./);
    expect(LIMITS.maxFileBytes).toBe(10 * 1024 * 1024);
  });
});
