import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { generateStack } from '../../generators/stack';
import type { OutputFile } from '../../generators/types';
import type { Topology } from '../../shared/model/types';
import { ROOT, bundlePaths, designFiles, findTool, loadDesign, output, run, tempDir, toolAvailable, writeBundle } from './helpers';

/**
 * Every example design and every test design (one of them uses every catalog kind) is turned
 * into a starter stack in a temporary folder, and the real tools check what came out:
 * the Compose Specification schema, docker-compose 1.29, promtool, sh -n and node --check.
 * The servers themselves boot with the generated configurations in the boot-*.test.ts files.
 */

interface Case {
  name: string;
  doc: Topology;
  files: OutputFile[];
  dir: string;
}

const cases: Case[] = designFiles().map((path) => {
  const doc = loadDesign(path);
  const files = generateStack(doc);
  return { name: basename(path), doc, files, dir: writeBundle(files, tempDir(basename(path, '.topo.yaml'))) };
});

afterAll(() => {
  for (const c of cases) rmSync(c.dir, { recursive: true, force: true });
});

describe('the designs under test', () => {
  it('include the bundled examples and a design that uses every catalog kind', async () => {
    const { KINDS } = await import('../../shared/catalog');
    const every = cases.find((c) => c.name === 'every-kind.topo.yaml');
    expect(every, 'test/fixtures/designs/every-kind.topo.yaml').toBeDefined();
    expect(new Set(every!.doc.nodes.map((n) => n.kind))).toEqual(new Set(KINDS.map((k) => k.id)));
    expect(cases.filter((c) => c.name !== 'every-kind.topo.yaml' && c.name !== 'orders.topo.yaml').length).toBeGreaterThan(0);
  });
});

describe('docker-compose.yml against the Compose Specification JSON schema (ajv)', () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/compose-spec.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false });
  const validate = ajv.compile(schema);
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const compose = parse(readFileSync(join(c.dir, 'docker-compose.yml'), 'utf8'), { version: '1.1' });
    const ok = validate(compose);
    expect(ok, JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(compose.version).toBeUndefined();
    expect(compose.name).toBeUndefined();
  });
});

const compose = findTool('docker-compose');
describe.skipIf(!toolAvailable('docker-compose', !!compose))('docker-compose config -q (Compose v1.29)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(compose, 'docker-compose is not installed').toBeDefined();
    copyFileSync(join(c.dir, '.env.example'), join(c.dir, '.env'));
    const r = run(compose!, ['--project-directory', c.dir, '-f', join(c.dir, 'docker-compose.yml'), 'config', '-q'], { cwd: c.dir, timeoutMs: 60_000 });
    expect(r.status, output(r)).toBe(0);
    // Every ${VAR} the file uses is in .env.example: compose warns about any it cannot find.
    expect(r.stderr, output(r)).not.toMatch(/variable is not set/i);
  });
});

describe.skipIf(!toolAvailable('docker-compose', !!compose))('docker-compose refuses to start without .env, or with a credential left blank, and names the variable', () => {
  // Every design whose stack has a credential (.env.example lists a variable).
  it.each(cases.filter((c) => /^[A-Z][A-Z0-9_]*=/m.test(c.files.find((f) => f.path === '.env.example')?.content ?? '')).map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(compose, 'docker-compose is not installed').toBeDefined();
    const dir = tempDir('noenv');
    try {
      for (const f of ['docker-compose.yml', '.env.example']) copyFileSync(join(c.dir, f), join(dir, f));
      const config = () => run(compose!, ['--project-directory', dir, '-f', join(dir, 'docker-compose.yml'), 'config', '-q'], { cwd: dir, timeoutMs: 60_000 });
      const missing = config();
      expect(missing.status, output(missing)).not.toBe(0);
      expect(missing.stderr, output(missing)).toMatch(/([A-Z][A-Z0-9_]+) is not set: copy \.env\.example to \.env and fill it in/);
      // A .env with one credential left blank.
      const example = readFileSync(join(dir, '.env.example'), 'utf8');
      const blank = /^([A-Z][A-Z0-9_]*_PASSWORD)=/m.exec(example)?.[1];
      if (blank) {
        writeFileSync(join(dir, '.env'), example.replace(new RegExp(`^${blank}=.*$`, 'm'), `${blank}=`));
        const r = config();
        expect(r.status, output(r)).not.toBe(0);
        expect(r.stderr, output(r)).toContain(`${blank} is not set`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const promtool = findTool('promtool');
describe.skipIf(!toolAvailable('promtool', !!promtool))('promtool check config / check rules', () => {
  const proms = cases.flatMap((c) => bundlePaths(c.files, /^config\/[^/]+\/prometheus\.yml$/).map((p) => [`${c.name}: ${p}`, c, p] as const));
  it.each(proms)('%s', (_label, c, p) => {
    expect(promtool, 'promtool is not installed').toBeDefined();
    const cfg = run(promtool!, ['check', 'config', join(c.dir, p)], { timeoutMs: 30_000 });
    expect(cfg.status, output(cfg)).toBe(0);
    expect(cfg.stdout, output(cfg)).toMatch(/SUCCESS: 1 rule files found/);
    const rules = join(c.dir, p.replace(/prometheus\.yml$/, 'rules/alerts.yml'));
    const r = run(promtool!, ['check', 'rules', rules], { timeoutMs: 30_000 });
    expect(r.status, output(r)).toBe(0);
    expect(r.stdout, output(r)).toMatch(/SUCCESS: \d+ rules found/);
  });
});

describe('generated shell scripts parse (sh -n, bash -n) and JavaScript parses (node --check)', () => {
  const scripts = cases.flatMap((c) => bundlePaths(c.files, /\.(sh|js|mjs)$/).map((p) => [`${c.name}: ${p}`, c, p] as const));
  it.each(scripts)('%s', (_label, c, p) => {
    const file = join(c.dir, p);
    const r = /\.m?js$/.test(p)
      ? run(process.execPath, ['--check', file])
      : run(readFileSync(file, 'utf8').startsWith('#!/bin/bash') ? 'bash' : 'sh', ['-n', file]);
    expect(r.status, output(r)).toBe(0);
    if (p.endsWith('.sh')) expect(c.files.find((f) => f.path === p)!.mode, 'executable').toBe(0o755);
  });
});
