import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../assets/examples';
import { installPacked } from '../tools/packed';

/**
 * The package as users get it (test/tools/packed.ts: `npm pack`, then installed offline from the
 * tarball into an empty folder with an empty npm cache), then the installed `topoforge` validates
 * and generates every bundled example.
 * The CLI is one esbuild bundle (scripts/build-cli.mjs): it must need no other package.
 */

const ROOT = resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; dependencies?: Record<string, string> };
let dir: string;
let bin: string;

function topoforge(args: string[]) {
  const r = spawnSync(bin, args, { cwd: join(dir, 'app'), encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'topoforge-pack-'));
  bin = installPacked(dir).bin;
}, 300_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the packed CLI, installed offline from its tarball', () => {
  it('installs alone: the package declares no dependencies and brings no sources', () => {
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(readdirSync(join(dir, 'app', 'node_modules')).filter((n) => !n.startsWith('.'))).toEqual(['topoforge']);
    const files = readdirSync(join(dir, 'app', 'node_modules', 'topoforge'));
    expect(files).not.toContain('generators');
    expect(files).not.toContain('shared');
  });

  it('prints its help and version', () => {
    const help = topoforge(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Usage: topoforge <command>/);
    expect(topoforge(['--version']).out).toBe(`topoforge ${pkg.version}\n`);
  });

  it('validates and generates every bundled example', () => {
    for (const example of EXAMPLES) {
      const file = `${example.id}.topo.yaml`;
      expect(topoforge(['new', '--example', example.id, '-o', file]).code).toBe(0);
      const v = topoforge(['validate', file]);
      expect(v.code, v.out + v.err).toBe(0);
      expect(v.out).toMatch(new RegExp(`^${file}: (no problems found|0 errors)`, 'm'));
      const g = topoforge(['generate', file, '-o', `out-${example.id}`]);
      expect(g.code, g.out + g.err).toBe(0);
      expect(g.out).toMatch(/^Wrote \d+ files to /);
      const compose = readFileSync(join(dir, 'app', `out-${example.id}`, 'docker-compose.yml'), 'utf8');
      expect(compose).toMatch(/^services:/m);
      expect(readFileSync(join(dir, 'app', `out-${example.id}`, 'INTEGRATION.md'), 'utf8')).toContain(example.title);
    }
  }, 120_000);

  it('refuses a broken file the same way as from the source tree (exit 2, one line per problem)', () => {
    writeFileSync(join(dir, 'app', 'broken.topo.yaml'), 'topoforge: 1\nname: x\nnodes: [\n');
    const r = topoforge(['validate', 'broken.topo.yaml']);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/^broken\.topo\.yaml:\d+: error TF003 /m);
  });
});
