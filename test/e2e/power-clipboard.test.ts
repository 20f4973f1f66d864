import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, open, shot, type Session } from './browser';
import { blank, focusCanvas, nodeById, topoNodes, waitForHook, yaml } from './power-helpers';

/**
 * Copy in one page, paste in another (two pages of one browser, like two windows): the
 * components arrive with the connections among them, as design text on the system clipboard.
 */

describe('copy and paste between two pages', () => {
  let browser: Browser;
  let a: Session;

  beforeAll(async () => {
    browser = await launch();
    a = await open(browser, `${inject('appUrl')}?nofs`);
    await a.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await waitForHook(a.page);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('copies two connected components in one page and pastes them in another', async () => {
    const pageA = a.page;
    // The bundled example is open; take the two ends of a connection.
    await pageA.waitForFunction(() => document.querySelectorAll('.react-flow__node-topo').length > 5);
    const source = await yaml(pageA);
    const ids = await pageA.evaluate(() => [...document.querySelectorAll<HTMLElement>('.react-flow__node-topo')].map((e) => e.dataset.id!));
    // Two components joined by a connection, from the edges the canvas draws.
    const edge = await pageA.evaluate(() => {
      const el = document.querySelector<SVGGElement>('.react-flow__edge');
      return el?.getAttribute('data-id') ?? '';
    });
    const [from, to] = edge.split('#')[0]!.split('->') as [string, string];
    expect(ids).toContain(from);
    expect(ids).toContain(to);
    await nodeById(pageA, from).click();
    await nodeById(pageA, to).click({ modifiers: ['Shift'] });
    await focusCanvas(pageA);
    await pageA.keyboard.press('Control+c');
    const copied = await pageA.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(/^topoforge: 1/);
    expect(copied).toContain(`id: ${from}`);
    expect(copied).toContain(`id: ${to}`);
    expect(await yaml(pageA)).toBe(source); // copying changes nothing

    // A second page of the same browser.
    const pageB = await a.context.newPage();
    const errorsB: string[] = [];
    pageB.on('pageerror', (e) => errorsB.push(e.message));
    await pageB.goto(`${inject('appUrl')}?nofs`);
    await pageB.getByRole('region', { name: 'Palette' }).waitFor();
    await waitForHook(pageB);
    await blank(pageB);
    await focusCanvas(pageB);
    await pageB.keyboard.press('Control+v');
    await expect.poll(() => topoNodes(pageB).count()).toBe(2);
    await expect.poll(() => pageB.locator('.react-flow__edge').count()).toBe(1);
    const pasted = await yaml(pageB);
    // Same ids (free in the blank design), same connection, each pasted component selected.
    expect(pasted).toContain(`id: ${from}`);
    expect(pasted).toContain(`id: ${to}`);
    expect(pasted).toMatch(new RegExp(`from: ${from}\\s+to: ${to}`));
    expect(await pageB.locator('.react-flow__node-topo.selected').count()).toBe(2);
    await shot(pageB, 'power-02-pasted-in-second-page');

    // Pasting again in the first page makes copies with fresh ids, a step away from the originals.
    await focusCanvas(pageA);
    await pageA.keyboard.press('Control+v');
    await expect.poll(() => yaml(pageA)).toContain(`id: ${from}-2`);
    const again = await yaml(pageA);
    expect(again).toContain(`id: ${to}-2`);
    expect(again).toMatch(new RegExp(`from: ${from}-2\\s+to: ${to}-2`));
    expect(errorsB).toEqual([]);
    await pageB.close();
  });

  it('cut removes what it copies; duplicate copies without the clipboard', async () => {
    const page = a.page;
    await blank(page);
    await page.evaluate(() => navigator.clipboard.writeText('topoforge: 1\nname: X\nnodes:\n  - { id: api, kind: rest-service, label: API }\n  - { id: db, kind: postgres, label: DB }\nedges:\n  - { from: api, to: db }\nlayout:\n  api: { x: 0, y: 0 }\n  db: { x: 320, y: 0 }\n'));
    await focusCanvas(page);
    await page.keyboard.press('Control+v');
    await expect.poll(() => topoNodes(page).count()).toBe(2);
    await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } }); // the pasted ones are selected
    await nodeById(page, 'db').click();
    await focusCanvas(page);
    await page.keyboard.press('Control+x');
    await expect.poll(() => topoNodes(page).count()).toBe(1);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('id: db');
    await nodeById(page, 'api').click();
    await focusCanvas(page);
    const clip = await page.evaluate(() => navigator.clipboard.readText());
    await page.keyboard.press('Control+d');
    await expect.poll(() => topoNodes(page).count()).toBe(2);
    expect(await yaml(page)).toContain('id: api-2');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(clip);
  });

  it('text that is not a design is refused gently, and text fields keep their own paste', async () => {
    const page = a.page;
    const before = await yaml(page);
    await page.evaluate(() => navigator.clipboard.writeText('just some words'));
    await focusCanvas(page);
    await page.keyboard.press('Control+v');
    await page.getByText('Nothing to paste').first().waitFor();
    expect(await yaml(page)).toBe(before);
    // In the palette's search box, Ctrl+V pastes the text.
    const search = page.getByRole('region', { name: 'Palette' }).getByRole('searchbox').or(page.getByRole('region', { name: 'Palette' }).getByRole('textbox')).first();
    await search.click();
    await page.keyboard.press('Control+v');
    expect(await search.inputValue()).toBe('just some words');
    expect(await yaml(page)).toBe(before);
    await search.fill('');
  });
});
