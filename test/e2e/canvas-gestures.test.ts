import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, open, shot, type Session } from './browser';
import { blank, dragFromPalette, nodeById, waitForHook, yaml } from './power-helpers';

/**
 * Issue 18, items 6 and 7: toasts stay off the top of the canvas and never take a drag (a
 * connection dragged across one does not select its text); connection dots are visible without
 * hovering, so a person going straight for one starts a connection instead of panning.
 */

const viewport = (page: Page) => page.evaluate(() => (document.querySelector('.react-flow__viewport') as HTMLElement).style.transform);

describe('issue 18.6–7: toasts and connection dots', () => {
  let browser: Browser;
  let s: Session;

  beforeAll(async () => {
    browser = await launch();
    s = await open(browser, `${inject('appUrl')}?nofs`, { width: 1280, height: 720 }, { fresh: true });
    await waitForHook(s.page);
    await blank(s.page);
    await dragFromPalette(s.page, 'REST service', 200, 300);
    await dragFromPalette(s.page, 'PostgreSQL', 650, 300);
    await s.page.waitForFunction(() => document.querySelectorAll('.react-flow__node-topo').length === 2);
    await s.page.mouse.click(400, 120); // nothing selected
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows the dots of every component without hovering, and a press on one starts a connection, not a pan', async () => {
    const { page } = s;
    await page.mouse.move(5, 5);
    const handle = nodeById(page, 'rest-service').locator('.react-flow__handle.source');
    expect(await handle.evaluate((el) => getComputedStyle(el).visibility)).toBe('visible');
    const a = (await handle.boundingBox())!;
    const b = (await nodeById(page, 'postgresql').boundingBox())!;
    const before = await viewport(page);
    // Straight for the dot (a little off its centre), then to the other component.
    await page.mouse.move(a.x + a.width / 2 + 4, a.y + a.height / 2 + 3);
    await page.mouse.down();
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
    await page.mouse.up();
    await expect.poll(() => yaml(page)).toMatch(/from: rest-service\s+to: postgresql/);
    expect(await viewport(page)).toBe(before);
  });

  it('puts toasts at the foot of the canvas, and a drag across one selects no text', async () => {
    const { page } = s;
    // A refused connection says why in a toast: a database does not publish to Kafka by itself.
    await dragFromPalette(page, 'Kafka', 430, 520);
    await page.waitForFunction(() => document.querySelectorAll('.react-flow__node-topo').length === 3);
    const a = (await nodeById(page, 'postgresql').locator('.react-flow__handle.source').boundingBox())!;
    const b = (await nodeById(page, 'kafka').boundingBox())!;
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await page.mouse.down();
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 10 });
    await page.mouse.up();
    const toast = page.locator('.toast').first();
    await toast.waitFor();
    await shot(page, 'issue18-6-toast');
    const t = (await toast.boundingBox())!;
    const canvas = (await page.locator('.react-flow').boundingBox())!;
    expect(t.y).toBeGreaterThan(canvas.y + canvas.height / 2);
    // A drag that starts on the toast's text and runs across it.
    const text = (await toast.locator('.toast-message').boundingBox())!;
    await page.mouse.move(text.x + 4, text.y + text.height / 2);
    await page.mouse.down();
    await page.mouse.move(text.x + text.width - 4, text.y + text.height / 2, { steps: 6 });
    await page.mouse.up();
    expect(await page.evaluate(() => String(window.getSelection() ?? ''))).toBe('');
  });
});
