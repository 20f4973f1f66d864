import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * The installer configuration (electron-builder.yml), checked as far as this machine allows:
 * electron-builder's own schema validation, the targets, file association, icons and fuses, and a
 * real `electron-builder --linux dir` run against a stand-in Electron distribution (the real one
 * cannot be downloaded here), whose app.asar is then listed.
 */
const ROOT = resolve(__dirname, '..');
const require = createRequire(import.meta.url);
const config = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, unknown> & {
  files: string[];
  fileAssociations: Record<string, unknown>[];
  linux: { target: string[]; icon: string; mimeTypes: string[] };
  mac: { target: string[]; icon: string };
  win: { target: string[]; icon: string };
  electronFuses: Record<string, boolean>;
  beforeBuild: string;
};
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string>; optionalDependencies: Record<string, string> };

function pngSize(path: string): { width: number; height: number } {
  const b = readFileSync(path);
  expect(b.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('electron-builder.yml', () => {
  it("passes electron-builder's own configuration validation", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as { validateConfiguration(c: unknown, l: unknown): Promise<void> };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, linux: { ...config.linux, notAnOption: true } }, new DebugLogger(false))).rejects.toThrow(/Invalid configuration object/);
  });

  it('builds AppImage and deb on Linux, dmg on macOS, NSIS on Windows', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
    expect(pkg.scripts.dist).toContain('electron-builder --config electron-builder.yml');
    expect(pkg.scripts.dist).toContain('electron/build.mjs');
  });

  it('associates .topo.yaml files with the app', () => {
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: 'topo.yaml', mimeType: 'application/x-topoforge+yaml' })]);
    expect(config.linux.mimeTypes).toEqual(['application/x-topoforge+yaml']);
  });

  it('has every icon it names, at the right sizes', () => {
    for (const s of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) expect(pngSize(join(ROOT, config.linux.icon, `${s}x${s}.png`))).toEqual({ width: s, height: s });
    expect(pngSize(join(ROOT, config.mac.icon))).toEqual({ width: 1024, height: 1024 });
    expect(pngSize(join(ROOT, config.win.icon))).toEqual({ width: 256, height: 256 });
    expect(readFileSync(join(ROOT, 'assets/icons/topoforge.svg'), 'utf8')).toContain('<svg');
  });

  it("flips Electron's fuses the security checklist asks for", () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packages the main process, preload, renderer and icon, and no node_modules (electron-builder --linux dir, stand-in Electron)', async () => {
    const project = mkdtempSync(join(tmpdir(), 'tf-builder-'));
    temps.push(project);
    // A copy of the project with fresh builds, so that other tests' builds are not disturbed.
    writeFileSync(join(project, 'package.json'), JSON.stringify({ ...pkg, author: 'Topoforge contributors' }));
    execFileSync(process.execPath, [join(ROOT, 'electron/build.mjs'), '--outdir', join(project, 'electron/dist')], { stdio: 'pipe' });
    const { buildRenderer } = (await import(join(ROOT, 'scripts/web.mjs'))) as { buildRenderer(out: string, o: { quiet: boolean }): Promise<string> };
    await buildRenderer(join(project, 'dist/renderer'), { quiet: true });
    cpSync(join(ROOT, 'assets/icons'), join(project, 'assets/icons'), { recursive: true });
    cpSync(join(ROOT, config.beforeBuild), join(project, config.beforeBuild));
    // electron-builder walks the production dependencies even when none is packaged: give it the real tree.
    symlinkSync(join(ROOT, 'node_modules'), join(project, 'node_modules'), 'dir');
    const fakeElectron = join(project, 'fake-electron');
    mkdirSync(join(fakeElectron, 'resources'), { recursive: true });
    writeFileSync(join(fakeElectron, 'electron'), '#!/bin/sh\n');
    chmodSync(join(fakeElectron, 'electron'), 0o755);
    // The fuses need a real Electron binary to flip: left out of this run only.
    const { electronFuses: _fuses, ...rest } = config;
    const cfg = { ...rest, electronDist: fakeElectron, electronVersion: pkg.optionalDependencies.electron, directories: { output: join(project, 'release'), buildResources: 'assets/icons' } };
    writeFileSync(join(project, 'eb.json'), JSON.stringify(cfg));
    execFileSync(join(ROOT, 'node_modules/.bin/electron-builder'), ['--linux', 'dir', '--projectDir', project, '--config', join(project, 'eb.json')], { cwd: project, stdio: 'pipe', env: { ...process.env, CI: 'true' } });
    const out = join(project, 'release/linux-unpacked');
    expect(existsSync(join(out, 'topoforge'))).toBe(true);
    const asar = require('@electron/asar') as { listPackage(p: string, o: object): string[]; extractFile(p: string, f: string): Buffer };
    const files = asar.listPackage(join(out, 'resources/app.asar'), {}).map((p) => p.replace(/\\/g, '/'));
    expect(files).toEqual(expect.arrayContaining(['/package.json', '/electron/dist/main.cjs', '/electron/dist/preload.cjs', '/dist/renderer/index.html', '/assets/icons/png/512x512.png']));
    expect(files.some((f) => /^\/dist\/renderer\/assets\/index-.*\.js$/.test(f))).toBe(true);
    expect(files.filter((f) => f.includes('node_modules'))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.ts') || f.endsWith('.map'))).toEqual([]);
    const packedPkg = JSON.parse(asar.extractFile(join(out, 'resources/app.asar'), 'package.json').toString()) as { main: string };
    expect(files).toContain(`/${packedPkg.main}`);
  }, 240_000);
});
