import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, open, type Session } from './browser';
import { waitForHook, yaml } from './power-helpers';

/**
 * Issue 18, the SVG export: a real SVG (shapes, paths and `<text>`, no HTML snapshot in a
 * `<foreignObject>`), small, that a vector editor can edit; its connections are the canvas's own
 * paths (the export looks like the canvas), and the PNG is that SVG at twice the pixels.
 */

async function exportFromPalette(page: Page, what: string): Promise<{ name: string; data: Buffer }> {
  const [d] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    (async () => {
      await page.keyboard.press('Control+k');
      await page.getByRole('dialog', { name: 'Command palette' }).getByRole('combobox').fill(what);
      await page.keyboard.press('Enter');
    })(),
  ]);
  return { name: d.suggestedFilename(), data: readFileSync((await d.path())!) };
}

describe('issue 18: Export SVG is vector shapes', () => {
  let browser: Browser;
  let s: Session;

  beforeAll(async () => {
    browser = await launch();
    s = await open(browser, `${inject('appUrl')}?nofs`, { width: 1920, height: 1080 }, { fresh: true });
    await waitForHook(s.page);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('writes shapes, paths and text, the connections along the paths the canvas draws', async () => {
    const { page } = s;
    const before = await yaml(page);
    await page.getByRole('button', { name: 'Auto layout', exact: true }).click();
    await expect.poll(() => yaml(page), { timeout: 20_000 }).not.toBe(before);
    await page.waitForTimeout(600);
    const svg = await exportFromPalette(page, 'export svg');
    const text = svg.data.toString('utf8');
    expect(svg.data.length).toBeLessThan(200_000);
    expect(text).not.toMatch(/foreignObject|<div|<img/i);
    const parsed = await page.evaluate((t) => {
      const d = new DOMParser().parseFromString(t, 'image/svg+xml');
      const q = (sel: string) => [...d.querySelectorAll(sel)];
      return {
        error: d.querySelector('parsererror')?.textContent ?? null,
        texts: q('text').map((e) => e.textContent ?? ''),
        components: q('g.component').length,
        connectionPaths: q('g.connection > path:first-of-type').map((p) => p.getAttribute('d') ?? ''),
      };
    }, text);
    expect(parsed.error).toBeNull();
    expect(parsed.components).toBe(21);
    for (const name of ['Kafka', 'Prometheus', 'Grafana', 'Stripe', 'Services']) expect(parsed.texts.some((t) => t.startsWith(name)), name).toBe(true);
    expect(parsed.connectionPaths.length).toBe(39);
    // The same paths as on the canvas.
    const canvas = await page.evaluate(() => [...document.querySelectorAll('.react-flow__edge path.react-flow__edge-path')].map((p) => p.getAttribute('d') ?? ''));
    expect(canvas.length).toBe(39);
    expect([...parsed.connectionPaths].sort()).toEqual([...canvas].sort());
  });

  it('exports the PNG as that SVG at twice the pixels', async () => {
    const { page } = s;
    const svg = (await exportFromPalette(page, 'export svg')).data.toString('utf8');
    const png = await exportFromPalette(page, 'export png');
    const m = /width="(\d+)" height="(\d+)"/.exec(svg)!;
    expect(png.data.readUInt32BE(16)).toBe(2 * Number(m[1]));
    expect(png.data.readUInt32BE(20)).toBe(2 * Number(m[2]));
  });
});
