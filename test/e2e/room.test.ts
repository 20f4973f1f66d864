import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, open, shot, type Session } from './browser';

/**
 * Issue 18, item 5: room to draw. At 1280 × 720 the canvas gets most of the window; palette and
 * inspector fold away and stay so after a reload; Fit view leaves nothing under the minimap or the
 * zoom controls; cut names have their full text on hover; the example opens with readable text;
 * the Output panel opens at a readable size and pops out into a view of its own.
 */

const rect = (page: Page, sel: string) => page.evaluate((s) => {
  const r = document.querySelector(s)?.getBoundingClientRect();
  return r ? { x: r.x, y: r.y, w: r.width, h: r.height } : null;
}, sel);

describe('issue 18.5: room to draw at 1280 × 720', () => {
  let browser: Browser;
  let s: Session;

  beforeAll(async () => {
    browser = await launch();
    s = await open(browser, `${inject('appUrl')}?nofs`, { width: 1280, height: 720 }, { fresh: true });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('gives the canvas at least 60% of the window, and the example opens with readable names', async () => {
    const { page } = s;
    await page.locator('.react-flow__node-topo').first().waitFor();
    await page.waitForTimeout(500);
    const canvas = (await rect(page, '.react-flow'))!;
    expect((canvas.w * canvas.h) / (1280 * 720)).toBeGreaterThanOrEqual(0.6);
    // Component names are drawn at 9.5 px or more on screen.
    const size = await page.evaluate(() => {
      const el = document.querySelector('.topo-node-label')!;
      const zoom = Number(/scale\(([\d.]+)\)/.exec((document.querySelector('.react-flow__viewport') as HTMLElement).style.transform)?.[1] ?? 1);
      return parseFloat(getComputedStyle(el).fontSize) * zoom;
    });
    expect(size).toBeGreaterThanOrEqual(9.5);
    await shot(page, 'issue18-5-1280x720');
  });

  it('a cut name shows in full on hover', async () => {
    const { page } = s;
    const node = page.locator('.react-flow__node[data-id="identity"]');
    const cut = await node.locator('.topo-node-label').evaluate((el) => el.scrollWidth > el.clientWidth);
    expect(cut).toBe(true);
    await node.hover();
    expect(await node.locator('[title]').first().getAttribute('title')).toContain('Keycloak (OAuth 2.0 / OIDC)');
  });

  it('folds the palette and unfolds the inspector, and remembers both after a reload', async () => {
    const { page } = s;
    const before = (await rect(page, '.react-flow'))!;
    await page.getByRole('button', { name: 'Collapse palette' }).click();
    await page.getByRole('button', { name: 'Expand inspector' }).click();
    await page.getByRole('region', { name: 'Inspector' }).waitFor();
    const after = (await rect(page, '.react-flow'))!;
    expect(after.x).toBeLessThan(before.x - 100);
    // The folded palette still adds components: its icons are named.
    expect(await page.getByRole('region', { name: 'Palette' }).getByRole('button', { name: 'Kafka', exact: true }).count()).toBe(1);
    await page.reload();
    await page.getByRole('region', { name: 'Palette' }).waitFor();
    await page.getByRole('region', { name: 'Inspector' }).waitFor();
    expect(await page.getByRole('button', { name: 'Expand palette' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Expand palette' }).click();
    await page.getByRole('button', { name: 'Collapse inspector' }).click();
    expect(await page.getByRole('region', { name: 'Inspector' }).count()).toBe(0);
  });

  it('Fit view shows every component clear of the minimap and the zoom controls', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Fit view', exact: true }).click();
    await page.waitForTimeout(600);
    const r = await page.evaluate(() => {
      const box = (el: Element) => el.getBoundingClientRect();
      const minimap = box(document.querySelector('.react-flow__minimap')!);
      const controls = box(document.querySelector('.react-flow__controls')!);
      const pane = box(document.querySelector('.react-flow')!);
      const hit = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      const out: string[] = [];
      for (const n of document.querySelectorAll<HTMLElement>('.react-flow__node-topo')) {
        const b = box(n);
        if (hit(b, minimap)) out.push(`${n.dataset.id} under the minimap`);
        if (hit(b, controls)) out.push(`${n.dataset.id} under the controls`);
        if (b.left < pane.left || b.right > pane.right || b.top < pane.top || b.bottom > pane.bottom) out.push(`${n.dataset.id} out of view`);
      }
      return out;
    });
    expect(r).toEqual([]);
    await shot(page, 'issue18-5-fit-view');
  });

  it('opens the Output panel at a readable size, and pops it out into a view of its own', async () => {
    const { page } = s;
    await page.getByRole('tab', { name: 'Output' }).click();
    await page.getByRole('region', { name: 'Output' }).waitFor();
    const dock = (await rect(page, '.dock'))!;
    expect(dock.h).toBeGreaterThanOrEqual(280);
    await page.getByRole('button', { name: 'Pop out the output' }).click();
    const view = (await rect(page, '.output-view'))!;
    expect(view.w).toBeGreaterThanOrEqual(1280 * 0.95);
    expect(view.h).toBeGreaterThanOrEqual(600);
    expect(await page.getByRole('region', { name: 'Output' }).count()).toBe(1);
    await page.getByRole('region', { name: 'Output' }).getByRole('tab', { name: 'Compose' }).click();
    await page.locator('.output-view pre[aria-label="docker-compose.yml"]').waitFor();
    await shot(page, 'issue18-5-output-popped');
    await page.getByRole('button', { name: 'Back to the canvas' }).click();
    expect(await page.locator('.output-view').count()).toBe(0);
  });
});
