import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, open, shot, type Session } from './browser';

/**
 * Issue 18, item 2: the diagrams in the Output panel (the Mermaid tab and the diagrams inside the
 * Template) show their labels: every box of the bundled example carries its component's name as
 * SVG text, none is blank.
 */

/** The text of every node box of the rendered diagram(s) under `root`. */
function boxTexts(page: Page, root: string): Promise<string[]> {
  return page.evaluate((sel) => [...document.querySelectorAll(`${sel} svg g.node`)].map((g) => (g.textContent ?? '').replace(/\s+/g, ' ').trim()), root);
}

describe('issue 18.2: Output diagrams with their labels', () => {
  let browser: Browser;
  let s: Session;

  beforeAll(async () => {
    browser = await launch();
    s = await open(browser, `${inject('appUrl')}?nofs`, { width: 1440, height: 900 }, { fresh: true });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('the Mermaid tab draws every component with its name', async () => {
    const { page } = s;
    await page.getByRole('tab', { name: 'Output' }).click();
    const output = page.getByRole('region', { name: 'Output' });
    await output.getByRole('tab', { name: 'Mermaid' }).click();
    await output.locator('.mermaid-svg svg g.node').first().waitFor({ timeout: 30_000 });
    const texts = await boxTexts(page, '.mermaid-svg');
    expect(texts.length).toBeGreaterThanOrEqual(21);
    expect(texts.filter((t) => t === '')).toEqual([]);
    for (const name of ['Kafka', 'Kong API Gateway', 'Orders DB (PostgreSQL)', 'Prometheus']) expect(texts.some((t) => t.includes(name)), name).toBe(true);
    // The labels are visible: SVG text with a size, not HTML the sanitizer dropped.
    const visible = await page.evaluate(() => [...document.querySelectorAll('.mermaid-svg svg g.node text')].filter((t) => (t as SVGGraphicsElement).getBBox().width > 4).length);
    expect(visible).toBeGreaterThanOrEqual(21);
    await shot(page, 'issue18-2-mermaid');
  });

  it('the Template tab draws its diagrams with their labels too', async () => {
    const { page } = s;
    const output = page.getByRole('region', { name: 'Output' });
    await output.getByRole('tab', { name: 'Template' }).click();
    await output.locator('.markdown-diagram svg g.node').first().waitFor({ timeout: 30_000 });
    const texts = await boxTexts(page, '.markdown-diagram');
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.filter((t) => t === '')).toEqual([]);
    expect(texts.some((t) => t.includes('Kafka'))).toBe(true);
  });
});
