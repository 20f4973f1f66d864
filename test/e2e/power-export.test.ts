import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseTopology } from '../../shared/model/parse';
import { launch, open, SCREENSHOTS, type Session } from './browser';
import { waitForHook, yaml } from './power-helpers';

/**
 * Image export: an SVG of the whole design that parses (DOMParser) and holds every component's
 * label; a PNG at twice the pixels; the whole design whatever is selected; from the command
 * palette and the keyboard, as a download in the browser.
 */

async function runFromPalette(page: Page, text: string): Promise<void> {
  await page.keyboard.press('Control+k');
  const dialog = page.getByRole('dialog', { name: 'Command palette' });
  await dialog.waitFor();
  await dialog.getByRole('combobox').fill(text);
  await page.keyboard.press('Enter');
}

async function download(page: Page, text: string): Promise<{ name: string; data: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), runFromPalette(page, text)]);
  const path = await d.path();
  return { name: d.suggestedFilename(), data: readFileSync(path) };
}

describe('image export in Chromium', () => {
  let browser: Browser;
  let s: Session;

  beforeAll(async () => {
    browser = await launch();
    s = await open(browser, `${inject('appUrl')}?nofs`);
    await waitForHook(s.page);
    await s.page.waitForFunction(() => document.querySelectorAll('.react-flow__node-topo').length > 5);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('exports an SVG of the whole design that parses and contains every label', async () => {
    const { page } = s;
    const doc = parseTopology(await yaml(page));
    if (!doc.ok) throw new Error('parse');
    // Zoomed far out, where the canvas draws no connection labels: the export draws them anyway.
    await page.getByRole('button', { name: 'Zoom Out' }).or(page.getByRole('button', { name: 'zoom out' })).first().click();
    const svg = await download(page, 'export svg');
    expect(svg.name).toMatch(/\.svg$/);
    const text = svg.data.toString('utf8');
    const result = await page.evaluate((t) => {
      const parsed = new DOMParser().parseFromString(t, 'image/svg+xml');
      return { error: parsed.querySelector('parsererror')?.textContent ?? null, root: parsed.documentElement.nodeName, text: parsed.documentElement.textContent ?? '' };
    }, text);
    expect(result.error).toBeNull();
    expect(result.root).toBe('svg');
    for (const n of doc.doc.nodes) expect(result.text, n.label).toContain(n.label);
    for (const g of doc.doc.groups) expect(result.text, g.label).toContain(g.label);
    // Connection labels are in too.
    expect(result.text).toContain('token validation');
    expect(s.errors).toEqual([]);
  });

  it('exports a PNG at twice the pixels, in the current theme', async () => {
    const { page } = s;
    const png = await download(page, 'export png');
    expect(png.name).toMatch(/\.png$/);
    expect(png.data.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    const width = png.data.readUInt32BE(16);
    const height = png.data.readUInt32BE(20);
    // The design is about 2,000 × 1,100 canvas pixels: twice that, with a margin.
    expect(width).toBeGreaterThan(3000);
    expect(height).toBeGreaterThan(1500);
    expect(width % 2).toBe(0);
    mkdirSync(SCREENSHOTS, { recursive: true });
    writeFileSync(join(SCREENSHOTS, 'power-08-exported-light.png'), png.data);
    // And in the dark theme.
    await page.evaluate(() => (window as unknown as { __topoforge: { run(id: string): boolean } }).__topoforge.run('view.theme.dark'));
    const dark = await download(page, 'export png');
    writeFileSync(join(SCREENSHOTS, 'power-09-exported-dark.png'), dark.data);
    expect(dark.data.equals(png.data)).toBe(false);
    await page.evaluate(() => (window as unknown as { __topoforge: { run(id: string): boolean } }).__topoforge.run('view.theme.light'));
  });

  it('exports the whole design even when something is selected (issue 18.9)', async () => {
    const { page } = s;
    await page.evaluate(() => (window as unknown as { __topoforge: { select(n: string[]): void } }).__topoforge.select(['gateway', 'identity']));
    const svg = await download(page, 'export svg');
    expect(svg.name).not.toMatch(/-selection\.svg$/);
    const text = await page.evaluate((t) => new DOMParser().parseFromString(t, 'image/svg+xml').documentElement.textContent ?? '', svg.data.toString('utf8'));
    expect(text).toContain('Kong API Gateway');
    expect(text).toContain('Storefront (React)');
    expect(text).toContain('Prometheus');
  });

  it('exports every component of a large design (the canvas draws only those in view)', async () => {
    const { page } = s;
    const n = 360;
    const lines = ['topoforge: 1', 'name: Large', 'nodes:'];
    for (let i = 0; i < n; i++) lines.push(`  - { id: svc-${i}, kind: worker, label: Service ${i} }`);
    lines.push('layout:');
    for (let i = 0; i < n; i++) lines.push(`  svc-${i}: { x: ${(i % 20) * 320}, y: ${Math.floor(i / 20) * 160} }`);
    const file = join(mkdtempSync(join(tmpdir(), 'topoforge-export-')), 'large.topo.yaml');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open', exact: true }).click()]);
    await chooser.setFiles(file);
    await expect.poll(() => yaml(page)).toContain('svc-359');
    await page.getByRole('button', { name: 'Zoom In' }).or(page.getByRole('button', { name: 'zoom in' })).first().click();
    const svg = await download(page, 'export svg');
    const text = await page.evaluate((t) => new DOMParser().parseFromString(t, 'image/svg+xml').documentElement.textContent ?? '', svg.data.toString('utf8'));
    for (let i = 0; i < n; i++) expect(text).toContain(`Service ${i}`);
  });

  it('exports the Mermaid diagram', async () => {
    const { page } = s;
    const mmd = await download(page, 'export mermaid');
    expect(mmd.name).toMatch(/\.mmd$/);
    expect(mmd.data.toString('utf8')).toMatch(/^flowchart LR/m);
  });
});
