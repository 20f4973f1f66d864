import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import type { Component } from '../../shared/resolve';
import { findTool, toolAvailable } from './helpers';
import { Procs, STAND_IN, bootCases, freePort, readBundle, removeCases, serviceEnv, tempDir, waitFor } from './boot';

/**
 * Prometheus booted with a generated prometheus.yml and rules: every target of the design is
 * scraped (the services you build through the stand-in itself; every other component through an
 * endpoint exporting the metric families its catalog entry says it, or its exporter, exports);
 * every alert rule evaluates, and every metric an alert expression names is one some target
 * exports.
 */

const prometheus = findTool('prometheus', ['/usr/bin/prometheus']);
const cases = bootCases();
const proms = cases.flatMap((c) => c.resolved.components.filter((x) => x.kind.id === 'prometheus').map((p) => [c, p] as const));
afterAll(() => removeCases(cases));

/** An endpoint exporting `families` (histograms for latencies), one sample each. */
function exporter(families: readonly string[]): Server {
  const text = families
    .map((f) =>
      /(_ms|_seconds|_time)$/.test(f)
        ? `# TYPE ${f} histogram\n${f}_bucket{le="100"} 1\n${f}_bucket{le="+Inf"} 1\n${f}_sum 1\n${f}_count 1`
        : `# TYPE ${f} ${/_total$/.test(f) ? 'counter' : 'gauge'}\n${f}{topic="a.dlt",queue="a.dlq",consumergroup="g",code="200"} 1`,
    )
    .join('\n');
  return createServer((_req, res) => {
    res.setHeader('content-type', 'text/plain; version=0.0.4');
    res.end(`${text}\n`);
  });
}

const listen = (s: Server): Promise<number> => new Promise((res) => s.listen(0, '127.0.0.1', () => res((s.address() as { port: number }).port)));

describe.skipIf(!toolAvailable('prometheus', !!prometheus) || proms.length === 0)('boot: Prometheus scrapes every target of the design and evaluates its rules', () => {
  const procs = new Procs();
  const servers: Server[] = [];
  afterAll(async () => {
    await procs.stopAll();
    for (const s of servers) s.close();
  }, 30_000);

  it.each(proms.map(([c, p]) => [`${c.name}: ${p.service}`, c, p] as const))('%s', async (_label, c, p: Component) => {
    expect(prometheus, 'prometheus is not installed').toBeDefined();
    const dir = tempDir('prometheus');
    try {
      const scrapes = c.resolved.observability.scrapes.filter((s) => s.scraper === p);
      // What each target address becomes on this machine.
      const moved = new Map<string, string>();
      for (const s of scrapes) {
        const address = `${s.service}:${s.port}`;
        if (moved.has(address)) continue;
        if (s.target.roles.includes('built') && !c.compose.services[s.target.service]?.image.startsWith('node:')) throw new Error(`${s.target.service} runs no stand-in`);
        if (s.target.roles.includes('built')) {
          const port = await freePort();
          procs.start(process.execPath, [STAND_IN], { env: { PATH: process.env.PATH, ...serviceEnv(c, s.target.service), TOPOFORGE_CONNECTIONS: '', PORT: String(port) } });
          await waitFor(`${s.target.service} stand-in`, async () => (await fetch(`http://127.0.0.1:${port}/health`)).ok, 15_000);
          moved.set(address, `127.0.0.1:${port}`);
        } else {
          const server = exporter(s.families);
          servers.push(server);
          moved.set(address, `127.0.0.1:${await listen(server)}`);
        }
      }
      const port = await freePort();
      // The generated prometheus.yml with every target moved here, scraped and evaluated every second.
      const cfg = parse(readBundle(c, `config/${p.id}/prometheus.yml`)) as { global: Record<string, string>; rule_files: string[]; scrape_configs: Array<{ job_name: string; static_configs: Array<{ targets: string[] }> }> };
      cfg.global.scrape_interval = '1s';
      cfg.global.evaluation_interval = '1s';
      cfg.rule_files = cfg.rule_files.map((r) => join(c.dir, 'config', p.id, r));
      for (const job of cfg.scrape_configs) for (const sc of job.static_configs) sc.targets = sc.targets.map((t) => (t === `localhost:${p.listenPort}` ? `127.0.0.1:${port}` : (moved.get(t) ?? t)));
      expect(cfg.scrape_configs.map((j) => j.job_name).sort()).toEqual([p.service, ...scrapes.map((s) => s.job)].sort());
      writeFileSync(join(dir, 'prometheus.yml'), stringify(cfg));
      const srv = procs.start(prometheus!, [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`]);
      const api = async <T>(path: string): Promise<T> => ((await (await fetch(`http://127.0.0.1:${port}/api/v1/${path}`)).json()) as { data: T }).data;
      // Every target is scraped.
      const targets = await waitFor(
        'every target up',
        async () => {
          const t = await api<{ activeTargets: Array<{ labels: { job: string }; health: string; lastError: string }> }>('targets');
          return t.activeTargets.length === cfg.scrape_configs.length && t.activeTargets.every((x) => x.health === 'up') ? t : undefined;
        },
        30_000,
        500,
      ).catch(async (e) => {
        const t = await api<{ activeTargets: unknown[] }>('targets').catch(() => undefined);
        throw new Error(`${e.message}\n${JSON.stringify(t)}\n${procs.log(srv)}`);
      });
      expect(targets!.activeTargets.map((t) => t.labels.job).sort()).toEqual(cfg.scrape_configs.map((j) => j.job_name).sort());
      // Every rule evaluates, and names only metrics some target exports.
      const names = new Set(await waitFor('metric names', async () => {
        const n = await api<string[]>('label/__name__/values');
        return scrapes.every((s) => s.families.some((f) => n.some((x) => x.startsWith(f)))) && (await api<{ groups: Array<{ rules: Array<{ lastEvaluation: string }> }> }>('rules')).groups.every((g) => g.rules.every((r) => !r.lastEvaluation.startsWith('0001'))) ? n : undefined;
      }, 20_000, 500));
      const rules = (await api<{ groups: Array<{ rules: Array<{ name: string; query: string; health: string; lastError?: string }> }> }>('rules')).groups.flatMap((g) => g.rules);
      expect(rules.length).toBeGreaterThan(0);
      for (const r of rules) {
        expect(r.health, `${r.name}: ${r.lastError}`).toBe('ok');
        for (const m of r.query.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)\s*\{/g)) expect(names.has(m[1]!), `${r.name} reads ${m[1]}, which no target exports`).toBe(true);
        if (/^up\b/.test(r.query)) expect(names.has('up')).toBe(true);
      }
      await procs.stopAll();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
