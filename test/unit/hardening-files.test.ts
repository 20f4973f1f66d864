import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDocument, type ReadFs } from '../../electron/documents';
import { LIMITS } from '../../shared/model/limits';
import { parseTopology } from '../../shared/model/parse';

/**
 * Hostile files: each is refused with one clear message (or read), in bounded memory. The
 * CLI runs as a child process with a preload that reports its peak resident memory
 * (test/fuzz/maxrss.cjs: process.resourceUsage().maxRSS, no /usr/bin/time needed). The cases
 * test/unit/cli.test.ts already covers for messages (alias bomb, binary, invalid UTF-8, deep
 * nesting, 50 MB, folder, device, FIFO) are measured here for memory; the rest are new.
 */

const ROOT = resolve(__dirname, '../..');
const BIN = join(ROOT, 'bin', 'topoforge.mjs');
const PRELOAD = join(ROOT, 'test', 'fuzz', 'maxrss.cjs');
/** Peak memory the CLI may use on any hostile file (node alone takes about 45 MB). */
const MAX_RSS_MB = 300;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'topoforge-hostile-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  out: string;
  err: string;
  rssMb: number;
}

function cli(args: string[]): Run {
  // The timeout only keeps a hanging run from hanging the suite; speed is measured in benchmarks.
  const r = spawnSync(process.execPath, ['--require', PRELOAD, BIN, ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  const m = /MAXRSS_KB (\d+)/.exec(r.stderr);
  return { code: r.status, out: r.stdout, err: r.stderr.replace(/\n?MAXRSS_KB \d+\n$/, ''), rssMb: m ? Number(m[1]) / 1024 : NaN };
}

function file(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

const HEAD = 'topoforge: 1\nname: Hostile\n';
const NODE = `${HEAD}nodes:\n  - id: a\n    kind: worker\n`;

/** [what, the file, the message, the exit code: 2 the file can't be read or isn't a design, 1 a design with errors]. */
const HOSTILE: Array<[string, () => string | Buffer, RegExp, number]> = [
  ['an alias bomb (9 levels of 9 aliases)', () => HEAD + 'abcdefghi'.split('').map((l, i, a) => (i === 0 ? `${l}: &${l} [lol,lol,lol,lol,lol,lol,lol,lol,lol]` : `${l}: &${l} [${Array(9).fill(`*${a[i - 1]}`).join(',')}]`)).join('\n'), /error TF005 .*aliases/, 2],
  ['100,000 levels of nesting', () => `${HEAD}nodes: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`, /error TF004 .*levels deep/, 2],
  ['50 MB', () => Buffer.alloc(50 * 1024 * 1024, 'a'), /is too large \(50\.0 MB\)/, 2],
  ['9 MB of binary data', () => Buffer.from(Array.from({ length: 9 * 1024 * 1024 }, (_, i) => (i * 7919 + 13) % 256)), /not a text file/, 2],
  ['10 MB of tiny values in a flow list', () => `${NODE}    props:\n      x: [${'0,'.repeat(4_900_000)}0]\n`, /error TF028 .*more than 750,000 values/, 1],
  ['10 MB of tiny values in a block list', () => `${NODE}    props:\n      x:\n${'        - 0\n'.repeat(820_000)}`, /error TF028 .*more than 750,000 values/, 1],
  ['600,000 keys in one mapping', () => `${NODE}    props:\n${Array.from({ length: 600_000 }, (_, i) => `      k${i}: 1\n`).join('')}`, /error TF028 .*more than 750,000 values/, 1],
  ['a 9.9 MB double-quoted label', () => `${NODE}    label: "${'x'.repeat(9_900_000)}"\n`, /error TF002 .*double-quoted text/, 2],
  ['400,000 aliases of one anchor (1.2 MB)', () => `${HEAD}x: &a 1\ny: [${'*a,'.repeat(400_000)}*a]\n`, /error TF005 .*more than 100 YAML aliases/, 2],
];

describe('hostile files through the CLI: one clear error, bounded memory', () => {
  for (const [name, content, pattern, exit] of HOSTILE) {
    it(name, () => {
      const p = file('hostile.topo.yaml', content());
      const r = cli(['validate', p]);
      expect(r.code, r.out + r.err).toBe(exit);
      expect(`${r.out}${r.err}`, 'message').toMatch(pattern);
      expect(`${r.out}${r.err}`).not.toMatch(/\n\s+at .+:\d+:\d+|internal error/);
      expect(r.rssMb, `peak memory ${r.rssMb.toFixed(0)} MB`).toBeLessThan(MAX_RSS_MB);
    }, 180_000);
  }

  it('a design with 100,000 unknown settings is validated, each finding on its line (locating them was quadratic)', () => {
    file('settings.topo.yaml', `${NODE}    props:\n${Array.from({ length: 100_000 }, (_, i) => `      k${i}: 1\n`).join('')}`);
    const r = cli(['validate', 'settings.topo.yaml']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^settings\.topo\.yaml:7: info TF902 /m);
    expect(r.out).toMatch(/^settings\.topo\.yaml:100006: info TF902 /m);
    expect(r.out).toMatch(/100000 infos/);
  }, 180_000);
});

describe('the limits that keep parsing bounded (shared/model/limits.ts)', () => {
  it('a design just under the value limit opens; one value more is refused with the line', () => {
    const items = (n: number) => `${NODE}    props:\n      x: [${Array(n).fill('0').join(',')}]\n`;
    // The head holds 11 scalars: topoforge, 1, name, Hostile, nodes, id, a, kind, worker, props, x.
    const head = 11;
    const ok = parseTopology(items(LIMITS.maxValues - head));
    expect(ok.ok).toBe(true);
    const over = parseTopology(items(LIMITS.maxValues - head + 1));
    expect(over.ok).toBe(false);
    expect(over.diagnostics[0]).toMatchObject({ code: 'TF028', line: 7 });
  });

  it('double-quoted text is counted across the file; single-quoted and block text are not limited but by size', () => {
    const quoted = (n: number) => `${HEAD}description: "${'y'.repeat(n)}"\n`;
    expect(parseTopology(quoted(LIMITS.maxQuotedChars - 2)).ok).toBe(true);
    expect(parseTopology(quoted(LIMITS.maxQuotedChars)).diagnostics[0]).toMatchObject({ code: 'TF002', line: 3 });
    expect(parseTopology(`${HEAD}description: |\n  ${'y'.repeat(LIMITS.maxQuotedChars * 2)}\n`).ok).toBe(true);
  });

  it('the largest component count is accepted and one more is refused', () => {
    const nodes = (n: number) => `${HEAD}nodes:\n${Array.from({ length: n }, (_, i) => `  - { id: n${i}, kind: worker }\n`).join('')}`;
    expect(parseTopology(nodes(LIMITS.maxNodes)).ok).toBe(true);
    expect(parseTopology(nodes(LIMITS.maxNodes + 1)).diagnostics[0]).toMatchObject({ code: 'TF028' });
  });
});

describe('a file is data', () => {
  it('YAML tags are not acted on: !include, !!python/object and custom tags are read as plain text, with a warning', () => {
    const r = parseTopology(`topoforge: 1\nname: !!python/object/apply:os.system ["id"]\nnodes:\n  - id: a\n    kind: worker\n    label: !include /etc/passwd\n    props: { x: !env HOME }\n`);
    expect(r.diagnostics.filter((d) => d.code === 'TF032').map((d) => d.line)).toEqual([2, 6, 7]);
    const plain = parseTopology('topoforge: 1\nname: x\nnodes:\n  - id: a\n    kind: worker\n    label: !include /etc/passwd\n');
    expect(plain.ok).toBe(true);
    if (plain.ok) expect(plain.doc.nodes[0]!.label).toBe('/etc/passwd');
  });
});

describe('the desktop shell reading a design (electron/documents.ts, through node-io/read-file.ts)', () => {
  /** A file system whose file `open` gives: `read` is what reading it does. */
  const fakeFs = (over: { read?: () => Promise<Uint8Array>; open?: () => Promise<never> }): ReadFs => ({
    open: async () => {
      if (over.open) return over.open();
      let bytes: Uint8Array | undefined;
      let at = 0;
      return {
        stat: async () => ({ size: 100, mtimeMs: 1, isFile: () => true, isDirectory: () => false }),
        read: async (buf: Uint8Array, offset: number, length: number) => {
          bytes ??= over.read ? await over.read() : new TextEncoder().encode(HEAD);
          const n = Math.min(bytes.length - at, length);
          buf.set(bytes.subarray(at, at + n), offset);
          at += n;
          return { bytesRead: n };
        },
        close: async () => undefined,
      };
    },
    stat: async () => ({ size: 100, mtimeMs: 1, isFile: () => true, isDirectory: () => false }),
    readFile: async () => new TextEncoder().encode(HEAD),
  });
  const errno = (code: string) => Object.assign(new Error(`${code}: raw message\n    at stack`), { code });

  it('a FIFO is not read (it would block) and is not called a folder', async () => {
    const fifo = join(dir, 'pipe.topo.yaml');
    if (spawnSync('mkfifo', [fifo]).status !== 0) throw new Error('mkfifo is not available');
    const r = await readDocument(fifo);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe('Cannot open "pipe.topo.yaml": it is not a regular file (a device, pipe or socket), not a design file.');
  });

  it('a device is not read either', async () => {
    const r = await readDocument('/dev/zero');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/not a regular file/);
  });

  it('an unreadable file says permission denied (simulated: tests run as root, which reads anything)', async () => {
    const r = await readDocument('/designs/locked.topo.yaml', fakeFs({ read: async () => Promise.reject(errno('EACCES')) }));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toBe('Cannot open "locked.topo.yaml": Topoforge is not allowed to access it.');
      expect(r.error.message).not.toMatch(/raw message|at stack/);
    }
  });

  it('a file that vanishes between looking at it and reading it', async () => {
    const r = await readDocument('/designs/gone.topo.yaml', fakeFs({ open: async () => Promise.reject(errno('ENOENT')) }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/^Cannot open "gone\.topo\.yaml": .*(no such file|not found|does not exist|no longer)/i);
  });

  it('a file that grows past the limit while it is read', async () => {
    const r = await readDocument('/designs/growing.topo.yaml', fakeFs({ read: async () => new Uint8Array(LIMITS.maxFileBytes + 1) }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/grew beyond 10(\.0)? MB while it was being read/);
  });
});
