import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, open, type Session } from './browser';

/**
 * Nothing lost when the tab dies: an edit made a moment before the page crashes (no `pagehide`,
 * no unload: the renderer is killed) is there when the app is opened again. The full autosave
 * waits for edits to pause (400 ms); the first edit after a pause is kept at once.
 */

describe('a crash right after an edit', () => {
  let browser: Browser;
  let s: Session;
  const url = `${inject('appUrl')}?nofs`;

  beforeAll(async () => {
    browser = await launch();
    s = await open(browser, url);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('loses nothing: the component dropped 50 ms before the crash is there on the next start', async () => {
    const { page, context } = s;
    const components = page.locator('.react-flow__node-topo');
    await expect.poll(() => components.count()).toBeGreaterThan(0);
    // Let the example's own autosave settle, then edit after a pause, as a user would.
    await page.waitForTimeout(1_500);
    const before = await components.count();
    const rabbits = await page.locator('.react-flow__node[aria-label^="RabbitMQ"]').count();
    const item = page.getByRole('region', { name: 'Palette' }).getByRole('button', { name: 'RabbitMQ', exact: true });
    await item.dragTo(page.locator('.react-flow__pane'), { targetPosition: { x: 200, y: 120 } });
    await expect.poll(() => components.count()).toBe(before + 1);
    await page.waitForTimeout(50);

    const crashed = new Promise<void>((resolve) => page.once('crash', () => resolve()));
    const cdp = await context.newCDPSession(page);
    void cdp.send('Page.crash').catch(() => undefined);
    await crashed;

    const again = await context.newPage();
    await again.goto(url);
    await again.getByRole('region', { name: 'Palette' }).waitFor();
    const restored = again.locator('.react-flow__node-topo');
    await expect.poll(() => restored.count()).toBe(before + 1);
    await expect(again.locator('.react-flow__node[aria-label^="RabbitMQ"]').count()).resolves.toBe(rabbits + 1);
  });
});
