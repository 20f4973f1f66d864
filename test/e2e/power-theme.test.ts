import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, open, shot, type Session } from './browser';
import { waitForHook } from './power-helpers';

/**
 * Light, dark and follow-the-system themes: the toolbar's theme button and the commands switch
 * it, the choice is remembered, "system" follows prefers-color-scheme, and the canvas, the
 * components, the panels and the rendered Mermaid use the theme's colours. Screenshots of both
 * themes are saved for a look.
 */

function luminance(rgb: string): number {
  const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(rgb);
  if (!m) return NaN;
  const [r, g, b] = [m[1], m[2], m[3]].map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
}

describe('themes in Chromium', () => {
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

  const colours = () =>
    s.page.evaluate(() => {
      const css = (sel: string, prop: string) => {
        const el = document.querySelector(sel);
        return el ? getComputedStyle(el).getPropertyValue(prop) : '';
      };
      return {
        theme: document.documentElement.dataset.theme,
        canvas: css('.canvas', 'background-color'),
        node: css('.topo-node', 'background-color'),
        label: css('.topo-node-label', 'color'),
        kind: css('.topo-node-kind', 'color'),
        panel: css('.inspector', 'background-color'),
        text: css('body', 'color'),
        edge: css('.react-flow__edge-path', 'stroke'),
        minimap: css('.react-flow__minimap', 'background-color'),
      };
    });

  it('starts light (system is light) with readable components', async () => {
    const c = await colours();
    expect(c.theme).toBe('light');
    expect(luminance(c.canvas)).toBeGreaterThan(0.8);
    expect(contrast(c.label, c.node)).toBeGreaterThan(7);
    expect(contrast(c.kind, c.node)).toBeGreaterThan(3);
    await shot(s.page, 'power-05-light');
  });

  it('the toolbar button switches to dark: canvas, components, panels and minimap follow, and stay readable', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Theme', exact: true }).click(); // system → light
    await page.getByRole('button', { name: 'Theme', exact: true }).click(); // light → dark
    await expect.poll(async () => (await colours()).theme).toBe('dark');
    const c = await colours();
    expect(luminance(c.canvas)).toBeLessThan(0.05);
    expect(luminance(c.panel)).toBeLessThan(0.05);
    expect(luminance(c.minimap)).toBeLessThan(0.05);
    expect(contrast(c.label, c.node)).toBeGreaterThan(7);
    expect(contrast(c.kind, c.node)).toBeGreaterThan(4.5);
    expect(contrast(c.text, c.panel)).toBeGreaterThan(7);
    expect(contrast(c.edge, c.canvas)).toBeGreaterThan(3);
    await page.waitForTimeout(300);
    await shot(page, 'power-06-dark');
  });

  it('the Mermaid diagram is drawn in the dark theme', async () => {
    const { page } = s;
    await page.getByRole('tab', { name: 'Output' }).click();
    const output = page.getByRole('region', { name: 'Output' });
    await output.getByRole('tab', { name: 'Mermaid' }).click();
    const svg = output.locator('.mermaid-svg svg');
    await svg.waitFor({ timeout: 30_000 });
    // Edge labels and lines drawn light on the dark panel.
    const line = await svg.evaluate((el) => {
      const path = el.querySelector('.flowchart-link, path.flowchart-link, .edgePath path');
      return path ? getComputedStyle(path).stroke : '';
    });
    const bg = await output.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(contrast(line, bg)).toBeGreaterThan(3);
    await shot(page, 'power-07-dark-mermaid');
    await page.getByRole('tab', { name: 'Problems' }).click();
  });

  it('is remembered across a reload, and "system" follows the system setting', async () => {
    const { page } = s;
    await page.reload();
    await page.getByRole('region', { name: 'Palette' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.evaluate(() => (window as unknown as { __topoforge: { run(id: string): boolean } }).__topoforge.run('view.theme.system'));
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.evaluate(() => (window as unknown as { __topoforge: { run(id: string): boolean } }).__topoforge.run('view.theme.light'));
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    expect(s.errors).toEqual([]);
  });
});
