import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUNDLE_MARKER, exportBundleTo, inspectExportTarget, type ExportUi } from './export';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tf-export-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function ui(target: string | null, replace: boolean) {
  const asked: string[] = [];
  const u: ExportUi = {
    chooseBundleFolder: async () => target,
    confirmReplaceForeign: async (p) => {
      asked.push(p);
      return replace;
    },
  };
  return { u, asked };
}

const files = [
  { path: 'docker-compose.yml', data: 'services: {}\n' },
  { path: 'config/gateway/kong.yml', data: '_format_version: "3.0"\n' },
];

describe('exportBundleTo', () => {
  it('writes the bundle with its marker into a new folder', async () => {
    const out = join(dir, 'orders-bundle');
    const { u, asked } = ui(out, false);
    expect(await exportBundleTo(u, 'orders-bundle', files)).toEqual({ status: 'exported', path: out, count: 2 });
    expect(readdirSync(out).sort()).toEqual(['.topoforge', 'config', 'docker-compose.yml']);
    expect(readFileSync(join(out, 'config/gateway/kong.yml'), 'utf8')).toContain('3.0');
    expect(asked).toEqual([]);
  });

  it('replaces a folder it exported before without asking', async () => {
    const out = join(dir, 'b');
    await exportBundleTo(ui(out, false).u, 'b', [{ path: 'old.txt', data: 'x' }]);
    const { u, asked } = ui(out, false);
    await exportBundleTo(u, 'b', files);
    expect(asked).toEqual([]);
    expect(existsSync(join(out, 'old.txt'))).toBe(false);
  });

  it('asks before replacing a folder Topoforge did not create, and leaves it alone when told no', async () => {
    const out = join(dir, 'mine');
    mkdirSync(out);
    writeFileSync(join(out, 'thesis.tex'), 'precious');
    const no = ui(out, false);
    expect(await exportBundleTo(no.u, 'mine', files)).toEqual({ status: 'cancelled' });
    expect(no.asked).toEqual([out]);
    expect(readFileSync(join(out, 'thesis.tex'), 'utf8')).toBe('precious');
    const yes = ui(out, true);
    expect(await exportBundleTo(yes.u, 'mine', files)).toMatchObject({ status: 'exported' });
    expect(existsSync(join(out, 'thesis.tex'))).toBe(false);
    expect(existsSync(join(out, BUNDLE_MARKER))).toBe(true);
  });

  it('does not ask for an empty folder, refuses a file, and does nothing when cancelled', async () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    const e = ui(empty, false);
    expect(await exportBundleTo(e.u, 'x', files)).toMatchObject({ status: 'exported' });
    expect(e.asked).toEqual([]);
    const file = join(dir, 'file.txt');
    writeFileSync(file, 'x');
    expect(await exportBundleTo(ui(file, true).u, 'x', files)).toEqual({ status: 'not-a-folder', path: file });
    expect(await exportBundleTo(ui(null, true).u, 'x', files)).toEqual({ status: 'cancelled' });
  });

  it('tells a marker file from a marker folder', async () => {
    const out = join(dir, 'tricky');
    mkdirSync(join(out, BUNDLE_MARKER), { recursive: true });
    expect(await inspectExportTarget(out)).toBe('foreign');
  });
});
