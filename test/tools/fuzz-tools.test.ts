import fc from 'fast-check';
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateBundle } from '../../generators/bundle';
import type { OutputFile } from '../../generators/types';
import { everyKindDesign, fileDesign, throughFile } from '../fuzz/designs';
import { CI_SEED } from '../fuzz/properties';
import { bundlePaths, findTool, output, run, tempDir, toolAvailable, writeBundle } from './helpers';

/**
 * A few fuzzed designs (fixed seed) with hostile text in every label, setting and requirement,
 * through the real tools: docker-compose config, nginx -t, promtool check config/rules, sh -n.
 * Every catalog kind is in the first designs, so every config format is exercised.
 */

interface Case {
  name: string;
  files: OutputFile[];
  dir: string;
}

const designs = [
  ...fc.sample(everyKindDesign, { seed: CI_SEED, numRuns: 3 }).map((d, i) => [`every kind #${i + 1}`, throughFile(d)] as const),
  ...fc.sample(fileDesign(10, 14), { seed: CI_SEED, numRuns: 5 }).map((d, i) => [`random design #${i + 1}`, throughFile(d)] as const),
];

const cases: Case[] = designs.map(([name, doc]) => {
  const files = generateBundle(doc);
  return { name, files, dir: writeBundle(files, tempDir('fuzz-tools')) };
});

afterAll(() => {
  for (const c of cases) rmSync(c.dir, { recursive: true, force: true });
});

const compose = findTool('docker-compose');
describe.skipIf(!toolAvailable('docker-compose', !!compose))('fuzzed designs: docker-compose config -q', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(compose, 'docker-compose is not installed').toBeDefined();
    copyFileSync(join(c.dir, '.env.example'), join(c.dir, '.env'));
    const r = run(compose!, ['--project-directory', c.dir, '-f', join(c.dir, 'docker-compose.yml'), 'config', '-q'], { cwd: c.dir, timeoutMs: 60_000 });
    expect(r.status, output(r)).toBe(0);
    expect(r.stderr, output(r)).not.toMatch(/variable is not set/i);
  });
});

const nginx = findTool('nginx', ['/usr/sbin/nginx']);
describe.skipIf(!toolAvailable('nginx', !!nginx))('fuzzed designs: nginx -t', () => {
  // The gateways' nginx.conf (services you build run the stand-in program, not nginx).
  const confs = cases.flatMap((c) => bundlePaths(c.files, /\/nginx\.conf$/).map((p) => [`${c.name}: ${p}`, c, p] as const));
  it('the fuzzed designs have nginx configs to test', () => {
    expect(confs.length).toBeGreaterThanOrEqual(3);
  });
  it.each(confs)('%s', (_label, c, p) => {
    const prefix = tempDir('fuzz-nginx');
    try {
      const conf = join(c.dir, p);
      const r = run(nginx!, ['-t', '-p', prefix, '-c', conf, '-g', `pid ${join(prefix, 'nginx.pid')}; error_log stderr;`], { timeoutMs: 20_000 });
      expect(r.status, output(r)).toBe(0);
      expect(r.stderr, output(r)).toMatch(/test is successful/);
    } finally {
      rmSync(prefix, { recursive: true, force: true });
    }
  });
});

const promtool = findTool('promtool');
describe.skipIf(!toolAvailable('promtool', !!promtool))('fuzzed designs: promtool check config / check rules', () => {
  const proms = cases.flatMap((c) => bundlePaths(c.files, /^config\/[^/]+\/prometheus\.yml$/).map((p) => [`${c.name}: ${p}`, c, p] as const));
  it('the fuzzed designs have Prometheus configs to test', () => {
    expect(proms.length).toBeGreaterThanOrEqual(3);
  });
  it.each(proms)('%s', (_label, c, p) => {
    const cfg = run(promtool!, ['check', 'config', join(c.dir, p)], { timeoutMs: 30_000 });
    expect(cfg.status, output(cfg)).toBe(0);
    const rules = join(c.dir, p.replace(/prometheus\.yml$/, 'rules/alerts.yml'));
    const r = run(promtool!, ['check', 'rules', rules], { timeoutMs: 30_000 });
    expect(r.status, output(r)).toBe(0);
  });
});

describe('fuzzed designs: shell scripts parse (sh -n, bash -n)', () => {
  const scripts = cases.flatMap((c) => bundlePaths(c.files, /\.sh$/).map((p) => [`${c.name}: ${p}`, c, p] as const));
  it.each(scripts)('%s', (_label, c, p) => {
    const file = join(c.dir, p);
    const r = run(readFileSync(file, 'utf8').startsWith('#!/bin/bash') ? 'bash' : 'sh', ['-n', file]);
    expect(r.status, output(r)).toBe(0);
  });
});
