/**
 * Screenshots of the app for docs/screenshots/: at 1280×720 and 1920×1080, light and dark, of a
 * blank design, each bundled example and a 100-component design, as a new user sees them (the
 * window's default arrangement). Builds the renderer, serves it on a free loopback port and drives
 * Debian's Chromium with playwright-core.
 *
 *   node --import tsx scripts/screenshots.ts [out-dir]     (default docs/screenshots)
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
// @ts-expect-error -- a plain ES module script without type declarations
import { buildRenderer, serveStatic } from './web.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = resolve(process.argv[2] ?? join(ROOT, 'docs', 'screenshots'));

/** A design of 100 components in five zones, with no positions: the app lays it out as it opens it. */
export function hundred(): string {
  const lines = ['topoforge: 1', 'name: Hundred components', 'description: Twelve domains behind one gateway, sharing a Kafka bus and the monitoring.', 'groups:'];
  lines.push('  - { id: edge, label: Edge, trust: dmz }', '  - { id: platform, label: Platform, trust: internal }');
  for (let z = 0; z < 3; z++) lines.push(`  - { id: domains-${z + 1}, label: Domains ${z * 4 + 1}–${z * 4 + 4}, trust: internal }`);
  lines.push('nodes:');
  lines.push('  - { id: gateway, kind: kong, label: API gateway, group: edge, props: { auth: jwt } }');
  lines.push('  - { id: bus, kind: kafka, label: Event bus, group: platform }');
  lines.push('  - { id: prometheus, kind: prometheus, label: Prometheus, group: platform }');
  lines.push('  - { id: grafana, kind: grafana, label: Grafana, group: platform }');
  const edges: string[] = ['  - { from: prometheus, to: grafana }', '  - { from: gateway, to: prometheus, protocol: metrics }'];
  for (let d = 1; d <= 12; d++) {
    const zone = `domains-${Math.ceil(d / 4)}`;
    // Each its own host port (the stack could not start two on one).
    const n = (id: string, kind: string, label: string, port: number) => lines.push(`  - { id: ${id}-${d}, kind: ${kind}, label: ${label} ${d}, group: ${zone}, props: { port: ${port + d} } }`);
    n('api', 'rest-service', 'Domain API', 8100);
    n('core', 'grpc-service', 'Core service', 50100);
    n('worker', 'worker', 'Event worker', 8200);
    n('batch', 'batch-job', 'Nightly batch', 8300);
    n('db', 'postgres', 'Domain DB', 5500);
    n('cache', 'redis', 'Cache', 6400);
    n('store', 'mongodb', 'Event store', 27100);
    n('search', 'elasticsearch', 'Search', 9300);
    edges.push(
      `  - { from: gateway, to: api-${d}, protocol: http }`,
      `  - { from: api-${d}, to: core-${d}, protocol: grpc }`,
      `  - { from: api-${d}, to: db-${d}, protocol: sql }`,
      `  - { from: api-${d}, to: cache-${d}, protocol: redis }`,
      `  - { from: core-${d}, to: bus, protocol: kafka }`,
      `  - { from: bus, to: worker-${d}, protocol: kafka }`,
      `  - { from: worker-${d}, to: store-${d} }`,
      `  - { from: batch-${d}, to: search-${d} }`,
      `  - { from: api-${d}, to: prometheus, protocol: metrics }`,
    );
  }
  return `${[...lines, 'edges:', ...edges].join('\n')}\n`;
}

async function main(): Promise<void> {
  const build = mkdtempSync(join(tmpdir(), 'topoforge-shots-'));
  await buildRenderer(build, { quiet: true });
  const { server, url } = (await serveStatic(build, 0)) as { server: { close(): void }; url: string };
  mkdirSync(OUT, { recursive: true });
  const designs: { id: string; yaml: string }[] = [{ id: 'blank', yaml: 'topoforge: 1\nname: Untitled\n' }];
  for (const f of readdirSync(join(ROOT, 'assets', 'examples')).filter((n) => n.endsWith('.topo.yaml')).sort()) designs.push({ id: f.replace('.topo.yaml', ''), yaml: readFileSync(join(ROOT, 'assets', 'examples', f), 'utf8') });
  designs.push({ id: 'hundred', yaml: hundred() });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    for (const size of [{ width: 1280, height: 720 }, { width: 1920, height: 1080 }]) {
      for (const theme of ['light', 'dark'] as const) {
        for (const d of designs) {
          const context = await browser.newContext({ viewport: size, deviceScaleFactor: 1 });
          await context.addInitScript(([text, th]) => {
            localStorage.setItem('topoforge:theme', th!);
            localStorage.setItem('topoforge:autosave:v1', JSON.stringify({ text, dirty: false }));
          }, [d.yaml, theme]);
          const page = await context.newPage();
          const errors: string[] = [];
          page.on('pageerror', (e) => errors.push(e.message));
          await page.goto(`${url}?nofs`);
          await page.getByRole('region', { name: 'Palette' }).waitFor();
          // Laid out (a design without positions is laid out as it opens), fitted, findings in.
          await page.waitForTimeout(d.id === 'hundred' ? 4000 : 1500);
          const name = `${d.id}-${size.width}x${size.height}-${theme}.png`;
          await page.screenshot({ path: join(OUT, name) });
          if (errors.length) console.error(`${name}: ${errors.join('; ')}`);
          console.log(name);
          await context.close();
        }
      }
    }
  } finally {
    await browser.close();
    server.close();
    rmSync(build, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) void main();
