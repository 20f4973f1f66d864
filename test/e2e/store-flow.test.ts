import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, open, type Session } from './browser';
import { dragNode, waitForHook } from './power-helpers';

/**
 * Issue 18: the store flows one way. With the Output panel open, one edit is checked once and
 * generated once (the generators take the findings of the check, they do not check again); the
 * document is set once per edit (a component moved into a zone joins it in the same change, not
 * in a second one made by a store subscription).
 */

type Runs = { checks: number; outputs: number; docs: number };
const runs = (page: Page): Promise<Runs> => page.evaluate(() => (window as unknown as { __topoforge: { runs(): Runs } }).__topoforge.runs());

async function settle(page: Page): Promise<Runs> {
  let last = await runs(page);
  for (;;) {
    await page.waitForTimeout(900);
    const now = await runs(page);
    if (now.checks === last.checks && now.outputs === last.outputs && now.docs === last.docs) return now;
    last = now;
  }
}

describe('issue 18: one check and one generation per edit', () => {
  let browser: Browser;
  let s: Session;

  beforeAll(async () => {
    browser = await launch();
    s = await open(browser, `${inject('appUrl')}?nofs`, { width: 1440, height: 900 });
    await waitForHook(s.page);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('with the Output panel open, an edit is checked once and generated once', async () => {
    const { page } = s;
    await page.getByRole('tab', { name: 'Output' }).click();
    await page.getByRole('region', { name: 'Output' }).locator('article.markdown').first().waitFor({ timeout: 30_000 });
    const before = await settle(page);
    await page.getByRole('region', { name: 'Inspector' }).getByLabel('Name', { exact: true }).fill('Renamed once');
    const after = await settle(page);
    expect(after.docs - before.docs).toBe(1);
    expect(after.checks - before.checks).toBe(1);
    expect(after.outputs - before.outputs).toBe(1);
  });

  it('a component dragged into a zone joins it in the same change of the document', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Collapse panel' }).click();
    await page.getByRole('button', { name: 'Fit view', exact: true }).click();
    await page.waitForTimeout(400);
    const before = await settle(page);
    // Kafka (in Services) into Data, below it.
    const data = (await page.locator('.react-flow__node[data-id="data"]').boundingBox())!;
    const kafka = (await page.locator('.react-flow__node[data-id="events"]').boundingBox())!;
    await dragNode(page, 'events', data.x + data.width - 80 - (kafka.x + kafka.width / 2), data.y + data.height - 20 - (kafka.y + kafka.height / 2));
    await expect.poll(() => page.evaluate(() => (window as unknown as { __topoforge: { yaml(): string } }).__topoforge.yaml())).toMatch(/id: events\s+kind: kafka\s+label: Kafka\s+group: data/);
    const after = await settle(page);
    expect(after.docs - before.docs).toBe(1);
  });
});
