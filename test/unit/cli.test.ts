import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../assets/examples';

/**
 * The real `topoforge` command, spawned as a user would run it (`node bin/topoforge.mjs ...`),
 * on files in a temporary folder.
 */

const ROOT = resolve(__dirname, '../..');
const BIN = join(ROOT, 'bin', 'topoforge.mjs');
let dir: string;

interface Result {
  code: number | null;
  out: string;
  err: string;
}

function cli(args: string[], opts: { cwd?: string } = {}): Result {
  // The timeout only keeps a hanging run from hanging the suite; speed is measured in benchmarks.
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? dir, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function file(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

/** No stack traces, ever, for things a user can cause. */
function expectNoStack(r: Result) {
  expect(`${r.out}${r.err}`).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(`${r.out}${r.err}`).not.toMatch(/internal error/);
}

const starter = EXAMPLES.find((e) => e.id === 'starter')!.yaml;
const HEAD = 'topoforge: 1\nname: Test\n';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'topoforge-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('topoforge: help, version, usage', () => {
  it('--help and per-command help exit 0', () => {
    const r = cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Usage: topoforge <command>/);
    for (const c of ['validate', 'generate', 'new', 'mermaid', 'doc']) {
      expect(r.out).toContain(`  ${c} `);
    }
    const v = cli(['validate', '--help']);
    expect(v.code).toBe(0);
    expect(v.out).toMatch(/^Usage: topoforge validate FILE/);
    expect(cli(['help', 'generate']).out).toMatch(/^Usage: topoforge generate FILE -o DIR/);
  });

  it('--version prints the package version', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = cli(['--version']);
    expect(r).toMatchObject({ code: 0, out: `topoforge ${pkg.version}\n` });
  });

  it('works from any working directory', () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'topoforge-cwd-'));
    try {
      const p = join(elsewhere, 'd.topo.yaml');
      writeFileSync(p, starter);
      const r = cli(['validate', 'd.topo.yaml'], { cwd: elsewhere });
      expect(r).toMatchObject({ code: 0, out: 'd.topo.yaml: no problems found\n' });
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('wrong usage exits 2 with the usage', () => {
    const none = cli([]);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/Usage: topoforge/);
    const unknown = cli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/unknown command 'frobnicate'/);
    const flag = cli(['validate', '--bogus', 'x.yaml']);
    expect(flag.code).toBe(2);
    expect(flag.err).toMatch(/unknown option '--bogus'/);
    expect(flag.err).toMatch(/Usage: topoforge validate/);
    expect(cli(['--bogus']).code).toBe(2);
    expect(cli(['validate']).err).toMatch(/which design file/);
    expect(cli(['validate', 'a', 'b']).err).toMatch(/unexpected argument 'b'/);
    expect(cli(['validate', '--format', 'xml', 'a']).code).toBe(2);
    expectNoStack(flag);
  });
});

describe('topoforge validate', () => {
  it('exits 0 on a good design', () => {
    const p = file('good.topo.yaml', starter);
    expect(cli(['validate', p])).toMatchObject({ code: 0, out: `${p}: no problems found\n` });
  });

  it('exits 0 with warnings only, printing FILE:LINE: warning CODE and the hint below', () => {
    const p = file('warn.topo.yaml', `${HEAD}nodes:\n  - id: lonely\n    kind: worker\n`);
    const r = cli(['validate', 'warn.topo.yaml']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^warn\.topo\.yaml:4: warning TF301 .+\n {4}\S.+\n/m);
    expect(r.out).toMatch(/warn\.topo\.yaml: 0 errors, \d+ warnings?, \d+ infos?\n$/);
    expect(existsSync(p)).toBe(true);
  });

  it('exits 1 when the design has errors, each with its line', () => {
    file('clash.topo.yaml', `${HEAD}nodes:\n  - id: a\n    kind: postgres\n    props: { port: 5433 }\n  - id: b\n    kind: postgres\n    props: { port: 5433 }\n  - id: api\n    kind: rest-service\nedges:\n  - from: api\n    to: a\n  - from: api\n    to: b\n`);
    const r = cli(['validate', 'clash.topo.yaml']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^clash\.topo\.yaml:\d+: error TF204 /m);
    expect(r.out).toMatch(/1 error/);
  });

  it('--format json gives file, diagnostics with lines, and a summary', () => {
    file('json.topo.yaml', `${HEAD}nodes:\n  - id: lonely\n    kind: worker\n`);
    const r = cli(['validate', '--format', 'json', 'json.topo.yaml']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as { file: string; diagnostics: Array<{ code: string; line?: number }>; summary: Record<string, number> };
    expect(report.file).toBe('json.topo.yaml');
    expect(report.diagnostics).toContainEqual(expect.objectContaining({ code: 'TF301', line: 4, severity: 'warning', nodes: ['lonely'] }));
    expect(report.summary).toEqual({ errors: 0, warnings: report.diagnostics.filter((d) => (d as { severity?: string }).severity === 'warning').length, infos: expect.any(Number) });
  });

  it('--format json on a file that is not a design exits 2 with its diagnostics', () => {
    file('newer.json.topo.yaml', 'topoforge: 2\nname: x\n');
    const r = cli(['validate', '-f', 'json', 'newer.json.topo.yaml']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out)).toMatchObject({ diagnostics: [{ code: 'TF011', line: 1 }], summary: { errors: 1 } });
  });
});

describe('topoforge validate: broken files exit 1 or 2 with a message naming the place', () => {
  const cases: Array<[string, string | (() => string | Buffer), number, RegExp]> = [
    [
      'alias bomb',
      () =>
        HEAD +
        'abcdefghi'
          .split('')
          .map((l, i, a) => (i === 0 ? `${l}: &${l} [lol,lol,lol,lol,lol,lol,lol,lol,lol]` : `${l}: &${l} [${Array(9).fill(`*${a[i - 1]}`).join(',')}]`))
          .join('\n'),
      2,
      /^f\.topo\.yaml:4: error TF005 .*aliases/m,
    ],
    ['binary garbage', () => Buffer.from(Array.from({ length: 65536 }, (_, i) => (i * 7919 + 13) % 256)), 2, /not a text file/],
    ['invalid UTF-8', () => Buffer.concat([Buffer.from(HEAD), Buffer.from([0xc3, 0x28, 0x0a])]), 2, /not valid UTF-8/],
    ['deep nesting', () => `${HEAD}nodes: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`, 2, /^f\.topo\.yaml:3: error TF004 .*levels deep/m],
    ['broken YAML', `${HEAD}nodes:\n  - id: a\n    kind: [worker\n`, 2, /^f\.topo\.yaml:\d+: error TF003 The file is not valid YAML at line \d+/m],
    ['newer format', 'topoforge: 2\nname: x\n', 2, /^f\.topo\.yaml:1: error TF011 This file was made by a newer Topoforge \(format 2\); this build reads format 1\.$/m],
    ['missing version', 'name: x\n', 2, /error TF010 /],
    ['unknown kind', `${HEAD}nodes:\n  - id: bus\n    kind: kafak\n`, 1, /^f\.topo\.yaml:5: error TF024 Unknown kind `kafak` at line 5\. Did you mean `kafka`\?\n {4}Write `kind: kafka`\.$/m],
    ['duplicate id', `${HEAD}nodes:\n  - id: a\n    kind: worker\n  - id: a\n    kind: worker\n`, 1, /^f\.topo\.yaml:6: error TF023 The id `a` is used twice: first at line 4, again here\.$/m],
    ['dangling edge', `${HEAD}nodes:\n  - id: a\n    kind: worker\nedges:\n  - from: a\n    to: b\n`, 1, /^f\.topo\.yaml:8: error TF026 Connection `a->b` at line 7 goes to `b`/m],
    ['nodes not a list', `${HEAD}nodes: 5\n`, 1, /^f\.topo\.yaml:3: error TF021 `nodes` must be a list/m],
    ['empty file', '', 2, /error TF007 The file is empty/],
  ];
  for (const [name, content, code, pattern] of cases) {
    it(name, () => {
      file('f.topo.yaml', typeof content === 'function' ? content() : content);
      const r = cli(['validate', 'f.topo.yaml']);
      expect(r.code, r.out + r.err).toBe(code);
      expect(r.out + r.err).toMatch(pattern);
      expectNoStack(r);
    });
  }

  it('a 50 MB file is refused before it is read', () => {
    const p = file('huge.topo.yaml', Buffer.alloc(50 * 1024 * 1024, 'a'));
    const r = cli(['validate', p]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/huge\.topo\.yaml is too large \(50\.0 MB\); design files are at most 10\.0 MB\./);
    expectNoStack(r);
    rmSync(p);
  });

  it('a missing file, a folder, a device, or a fifo: one clear line, exit 2', () => {
    const missing = cli(['validate', 'nope.topo.yaml']);
    expect(missing).toMatchObject({ code: 2, out: '', err: 'topoforge: nope.topo.yaml: no such file.\n' });
    mkdirSync(join(dir, 'folder.topo.yaml'), { recursive: true });
    expect(cli(['validate', 'folder.topo.yaml'])).toMatchObject({ code: 2, err: 'topoforge: folder.topo.yaml is a folder, not a design file.\n' });
    expect(cli(['validate', '/dev/zero'])).toMatchObject({ code: 2, err: expect.stringMatching(/not a regular file/) });
    const fifo = join(dir, 'pipe.topo.yaml');
    if (spawnSync('mkfifo', [fifo]).status === 0) {
      expect(cli(['validate', fifo])).toMatchObject({ code: 2, err: expect.stringMatching(/not a regular file/) });
    }
    expect(cli(['validate', join(dir, 'good.topo.yaml', 'x')]).err).toMatch(/not a folder|no such file/);
  });

  it('an unreadable file (permission denied): one clear line, exit 2', () => {
    const p = file('secret.topo.yaml', starter);
    chmodSync(p, 0o000);
    try {
      const r = cli(['validate', p]);
      if (process.getuid?.() === 0) {
        // root reads anything; the message mapping is covered by the in-process tests.
        expect(r.code).toBe(0);
      } else {
        expect(r).toMatchObject({ code: 2, err: `topoforge: ${p}: permission denied.\n` });
      }
    } finally {
      chmodSync(p, 0o644);
    }
  });
});

describe('topoforge generate', () => {
  it('writes the bundle with a marker, and replaces its own bundle on the next run', () => {
    file('gen.topo.yaml', starter);
    const r = cli(['generate', 'gen.topo.yaml', '-o', 'out']);
    expect(r.code, r.err).toBe(0);
    const out = join(dir, 'out');
    const names = readdirSync(out).sort();
    expect(names).toContain('.topoforge');
    expect(names).toContain('diagram.mmd');
    expect(names).toContain('INTEGRATION.md');
    expect(readFileSync(join(out, '.topoforge'), 'utf8')).toMatch(/Generated by Topoforge from gen\.topo\.yaml/);
    const first = readFileSync(join(out, 'diagram.mmd'), 'utf8');
    const again = cli(['generate', 'gen.topo.yaml', '--out', 'out']);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/replacing the previous bundle/);
    expect(readFileSync(join(out, 'diagram.mmd'), 'utf8')).toBe(first);
    // No temporary folders are left next to the bundle.
    expect(readdirSync(dir).filter((n) => n.includes('topoforge-new') || n.includes('topoforge-old'))).toEqual([]);
  });

  it('does not overwrite a non-empty folder it did not make, unless --force', () => {
    file('gen.topo.yaml', starter);
    const mine = join(dir, 'mine');
    mkdirSync(mine, { recursive: true });
    writeFileSync(join(mine, 'notes.txt'), 'my precious notes');
    const r = cli(['generate', 'gen.topo.yaml', '-o', 'mine']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/mine is not empty and was not made by Topoforge .*--force/);
    expect(readdirSync(mine)).toEqual(['notes.txt']);
    expect(readFileSync(join(mine, 'notes.txt'), 'utf8')).toBe('my precious notes');
    const forced = cli(['generate', 'gen.topo.yaml', '-o', 'mine', '--force']);
    expect(forced.code).toBe(0);
    expect(readdirSync(mine)).toContain('.topoforge');
    expect(readdirSync(mine)).not.toContain('notes.txt');
  });

  it('writes into an empty existing folder, and refuses a file or the folder holding the design', () => {
    file('gen.topo.yaml', starter);
    mkdirSync(join(dir, 'empty'), { recursive: true });
    expect(cli(['generate', 'gen.topo.yaml', '-o', 'empty']).code).toBe(0);
    file('plain.txt', 'x');
    expect(cli(['generate', 'gen.topo.yaml', '-o', 'plain.txt'])).toMatchObject({ code: 2, err: expect.stringMatching(/exists and is not a folder/) });
    const sub = join(dir, 'proj');
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, 'd.topo.yaml'), starter);
    writeFileSync(join(sub, '.topoforge'), 'fake marker');
    const r = cli(['generate', join(sub, 'd.topo.yaml'), '-o', sub, '--force']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/contains the design file/);
    expect(readFileSync(join(sub, 'd.topo.yaml'), 'utf8')).toBe(starter);
    expect(cli(['generate', 'gen.topo.yaml', '-o', '.', '--force'])).toMatchObject({ code: 2, err: expect.stringMatching(/current folder/) });
  });

  it('refuses a design with errors (exit 1, errors listed, nothing written) unless --force', () => {
    file('bad.topo.yaml', `${HEAD}nodes:\n  - id: a\n    kind: postgres\n    props: { port: 5433 }\n  - id: b\n    kind: postgres\n    props: { port: 5433 }\n  - id: api\n    kind: rest-service\nedges:\n  - from: api\n    to: a\n  - from: api\n    to: b\n`);
    const r = cli(['generate', 'bad.topo.yaml', '-o', 'bad-out']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^bad\.topo\.yaml:\d+: error TF204 /m);
    expect(r.err).toMatch(/nothing was generated/);
    expect(existsSync(join(dir, 'bad-out'))).toBe(false);
    const forced = cli(['generate', 'bad.topo.yaml', '-o', 'bad-out', '--force']);
    expect(forced.code).toBe(0);
    expect(forced.err).toMatch(/generated despite 1 error/);
    expect(existsSync(join(dir, 'bad-out', '.topoforge'))).toBe(true);
  });

  it('cannot force a file that is not a design', () => {
    file('broken.topo.yaml', `${HEAD}nodes:\n  - id: a\n    kind: kafak\n`);
    const r = cli(['generate', 'broken.topo.yaml', '-o', 'never', '--force']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/error TF024/);
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });

  it('a large design, made on two threads, is the same bundle as the library makes on one', async () => {
    const [{ synthesizeDesign }, { serializeTopology }, { parseTopology }, { withLayout }, { generateBundle }, { PARALLEL_MIN_COMPONENTS }] = await Promise.all([
      import('../bench/synth'),
      import('../../shared/model/serialize'),
      import('../../shared/model/parse'),
      import('../../shared/layout'),
      import('../../generators/bundle'),
      import('../../generators/cli/parallel'),
    ]);
    const text = serializeTopology(synthesizeDesign(PARALLEL_MIN_COMPONENTS, 11));
    file('large.topo.yaml', text);
    const r = cli(['generate', 'large.topo.yaml', '-o', 'large-out']);
    expect(r.code, r.err).toBe(0);
    // The built command has its second thread's script (else it made everything on one).
    expect(existsSync(join(ROOT, 'dist', 'cli', 'generate-worker.mjs'))).toBe(true);
    const parsed = parseTopology(text);
    if (!parsed.ok) throw new Error('the synthetic design does not parse');
    const doc = parsed.doc;
    expect(doc.nodes.length).toBeGreaterThanOrEqual(PARALLEL_MIN_COMPONENTS);
    const expected = generateBundle(await withLayout(doc));
    const out = join(dir, 'large-out');
    for (const f of expected) expect(readFileSync(join(out, f.path), 'utf8'), f.path).toBe(f.content);
    const written: string[] = [];
    const walk = (d: string, rel: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(d, e.name), `${rel}${e.name}/`);
        else written.push(`${rel}${e.name}`);
      }
    };
    walk(out, '');
    expect(written.sort()).toEqual([...expected.map((f) => f.path), '.topoforge'].sort());
  }, 120_000);

  it('needs -o', () => {
    const r = cli(['generate', 'gen.topo.yaml']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/-o DIR/);
  });
});

describe('topoforge new, mermaid, doc', () => {
  it('lists the examples, and names them when one is unknown', () => {
    const list = cli(['new']);
    expect(list.code).toBe(0);
    for (const e of EXAMPLES) expect(list.out).toContain(e.id);
    const unknown = cli(['new', '--example', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/no example 'nope'/);
    expect(unknown.err).toContain('ecommerce-orders');
  });

  it('prints an example, or writes it without overwriting an existing file', () => {
    const ex = EXAMPLES.find((e) => e.id === 'ecommerce-orders')!;
    expect(cli(['new', '--example', 'ecommerce-orders'])).toMatchObject({ code: 0, out: ex.yaml });
    const r = cli(['new', '--example', 'trading-data', '-o', 'mine.topo.yaml']);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'mine.topo.yaml'), 'utf8')).toBe(EXAMPLES.find((e) => e.id === 'trading-data')!.yaml);
    writeFileSync(join(dir, 'mine.topo.yaml'), 'edited by me');
    const again = cli(['new', '--example', 'starter', '-o', 'mine.topo.yaml']);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/already exists/);
    expect(readFileSync(join(dir, 'mine.topo.yaml'), 'utf8')).toBe('edited by me');
    expect(cli(['new', '--example', 'starter', '-o', 'mine.topo.yaml', '--force']).code).toBe(0);
    expect(readFileSync(join(dir, 'mine.topo.yaml'), 'utf8')).toBe(starter);
  });

  it('mermaid and doc print to stdout', () => {
    file('print.topo.yaml', starter);
    const m = cli(['mermaid', 'print.topo.yaml']);
    expect(m.code).toBe(0);
    expect(m.out).toMatch(/^flowchart LR\n/);
    expect(m.out).toContain('gateway');
    const d = cli(['doc', 'print.topo.yaml']);
    expect(d.code).toBe(0);
    expect(d.out).toMatch(/^# Starter/);
    file('print-bad.topo.yaml', `${HEAD}nodes: [1`);
    const bad = cli(['mermaid', 'print-bad.topo.yaml']);
    expect(bad.code).toBe(2);
    expect(bad.out).toBe('');
    expect(bad.err).toMatch(/error TF003/);
  });
});

describe('topoforge fix', () => {
  it('validate names the one-step fix of each error; fix applies them, writes the file and leaves no error', () => {
    const p = file('fixme.topo.yaml', `${HEAD}nodes:\n  - { id: jobs, kind: rabbitmq, label: Jobs }\n  - { id: db, kind: postgres, label: Orders DB }\n  - { id: bus, kind: kafka, label: Bus }\n  - { id: registry, kind: schema-registry, label: Registry }\nedges:\n  - { from: jobs, to: db }\n  - { from: bus, to: registry }\n`);
    const v = cli(['validate', p]);
    expect(v.code).toBe(1);
    expect(v.out).toContain(`    fix: Put a Worker between them (topoforge fix ${p})`);
    expect(v.out).toContain('    fix: Reverse the connection');
    const json = JSON.parse(cli(['validate', p, '--format', 'json']).out) as { diagnostics: { code: string; fix?: string }[] };
    expect(json.diagnostics.filter((d) => d.fix).map((d) => [d.code, d.fix])).toEqual([['TF101', 'Put a Worker between them'], ['TF108', 'Reverse the connection']]);
    const f = cli(['fix', p]);
    expectNoStack(f);
    expect(f.code).toBe(0);
    expect(f.out).toContain('Applied 2 fixes');
    const text = readFileSync(p, 'utf8');
    expect(text).toMatch(/from: jobs\s+to: worker\s+protocol: amqp/);
    expect(text).toMatch(/from: registry\s+to: bus/);
    expect(cli(['validate', p]).code).toBe(0);
    expect(cli(['fix', p]).out).toContain('nothing to fix');
  });
});
