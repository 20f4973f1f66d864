import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseTopology } from '../../shared/model/parse';
import type { Topology } from '../../shared/model/types';
import { launch, open, shot, type Session } from './browser';
import { blank, nodeById, waitForHook, yaml } from './power-helpers';

/**
 * Issue 18, items 8 and 9 and the context menus: zones from visible controls (the toolbar's
 * Zone draws one, the palette's Zone adds one in a free spot) with no dependence on a leftover
 * selection; Auto layout and image export always take the whole design; a context menu on the
 * canvas, a component, a connection and a zone; a connection dropped on empty canvas offers the
 * kinds that can take it and adds one, connected.
 */

async function docOf(page: Page): Promise<Topology> {
  const r = parseTopology(await yaml(page));
  if (!r.ok) throw new Error('the design does not parse');
  return r.doc;
}

type Box = { x: number; y: number; w: number; h: number };
const overlap = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('issue 18.8–9: zones, whole-design actions, context menus', () => {
  let browser: Browser;
  let s: Session;

  beforeAll(async () => {
    browser = await launch();
    s = await open(browser, `${inject('appUrl')}?nofs`, { width: 1280, height: 720 }, { fresh: true });
    await waitForHook(s.page);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('the toolbar Zone draws a zone by dragging, whatever is selected', async () => {
    const { page } = s;
    await blank(page);
    await page.getByRole('region', { name: 'Palette' }).getByRole('button', { name: 'REST service', exact: true }).click();
    await expect.poll(async () => (await docOf(page)).nodes.length).toBe(1);
    expect((await page.evaluate(() => (window as unknown as { __topoforge: { selection(): { nodes: string[] } } }).__topoforge.selection())).nodes).toEqual(['rest-service']);
    await page.getByRole('button', { name: 'Zone', exact: true }).first().click();
    const pane = (await page.locator('.react-flow').boundingBox())!;
    await page.mouse.move(pane.x + 60, pane.y + 60);
    await page.mouse.down();
    await page.mouse.move(pane.x + 260, pane.y + 200, { steps: 6 });
    await page.mouse.up();
    await expect.poll(async () => (await docOf(page)).groups.length).toBe(1);
    const doc = await docOf(page);
    expect(doc.nodes[0]!.group).toBeUndefined(); // the selected component was not wrapped
    await shot(page, 'issue18-8-zone-drawn');
  });

  it("the palette's Zone adds zones in free spots, never on top of another zone or a component", async () => {
    const { page } = s;
    const zone = page.getByRole('region', { name: 'Palette' }).getByRole('button', { name: 'Zone', exact: true });
    await zone.click();
    await zone.click();
    await expect.poll(async () => (await docOf(page)).groups.length).toBe(3);
    const doc = await docOf(page);
    const boxes = [...doc.groups.map((g) => ({ id: g.id, ...doc.layout[g.id]! })), ...doc.nodes.map((n) => ({ id: n.id, ...doc.layout[n.id]!, w: 208, h: 64 }))] as (Box & { id: string })[];
    const clashes: string[] = [];
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) if (overlap(boxes[i]!, boxes[j]!)) clashes.push(`${boxes[i]!.id} × ${boxes[j]!.id}`);
    expect(clashes).toEqual([]);
  });

  it('the context menu of a component puts it in a new zone', async () => {
    const { page } = s;
    await nodeById(page, 'rest-service').click({ button: 'right' });
    const menu = page.getByRole('menu');
    await menu.waitFor();
    await shot(page, 'issue18-menu-component');
    await menu.getByRole('menuitem', { name: 'Put in a new zone' }).click();
    await expect.poll(async () => (await docOf(page)).nodes[0]!.group).toBeTruthy();
    expect((await docOf(page)).groups.length).toBe(4);
  });

  it('a connection dropped on empty canvas offers the kinds that can take it, and adds one connected', async () => {
    const { page } = s;
    await page.mouse.click(5, 300); // off the canvas: nothing selected
    const dot = (await nodeById(page, 'rest-service').locator('.react-flow__handle.source').boundingBox())!;
    const pane = (await page.locator('.react-flow').boundingBox())!;
    await page.mouse.move(dot.x + dot.width / 2, dot.y + dot.height / 2);
    await page.mouse.down();
    await page.mouse.move(pane.x + pane.width - 300, pane.y + pane.height - 160, { steps: 10 });
    await page.mouse.up();
    const picker = page.getByRole('dialog', { name: /Add a component REST service sends to/ });
    await picker.waitFor();
    await shot(page, 'issue18-drop-picker');
    expect(await picker.getByRole('option', { name: 'Kafka', exact: true }).count()).toBe(1);
    expect(await picker.getByRole('option', { name: 'IoT device', exact: true }).count()).toBe(0); // cannot take it
    await picker.getByRole('option', { name: 'Kafka', exact: true }).click();
    await expect.poll(() => yaml(page)).toMatch(/from: rest-service\s+to: kafka\s+protocol: kafka/);
  });

  it('the context menu of a connection reverses it, and the canvas menu adds a component where it was opened', async () => {
    const { page } = s;
    const label = page.locator('.topo-edge-label').first();
    await label.waitFor();
    const path = page.locator('.react-flow__edge').first();
    await path.click({ button: 'right', force: true });
    await page.getByRole('menu').getByRole('menuitem', { name: 'Reverse direction' }).click();
    await expect.poll(() => yaml(page)).toMatch(/from: kafka\s+to: rest-service/);
    const pane = (await page.locator('.react-flow').boundingBox())!;
    await page.mouse.click(pane.x + 120, pane.y + pane.height - 120, { button: 'right' });
    await page.getByRole('menu').getByRole('menuitem', { name: 'Add component here…' }).click();
    const picker = page.getByRole('dialog', { name: 'Add a component here' });
    await picker.getByRole('textbox', { name: 'Search components' }).fill('redis');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await docOf(page)).nodes.some((n) => n.kind === 'redis')).toBe(true);
  });

  it('Auto layout and SVG export take the whole design even with one component selected', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'New', exact: true }).click();
    await page.getByRole('dialog', { name: 'New design' }).getByRole('button', { name: /^Starter/ }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: "Don't save", exact: true }).click();
    await expect.poll(async () => (await docOf(page)).name).toBe('Starter');
    const before = await docOf(page);
    await nodeById(page, 'api').click();
    await page.getByRole('button', { name: 'Auto layout', exact: true }).click();
    await expect.poll(async () => JSON.stringify((await docOf(page)).layout), { timeout: 20_000 }).not.toBe(JSON.stringify(before.layout));
    const after = await docOf(page);
    const moved = before.nodes.filter((n) => JSON.stringify(before.layout[n.id]) !== JSON.stringify(after.layout[n.id]));
    expect(moved.length).toBeGreaterThan(1);
    // Export SVG from the command palette, the selection still there.
    await nodeById(page, 'api').click();
    await page.keyboard.press('Control+k');
    await page.keyboard.type('Export SVG');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const svg = readFileSync((await download.path())!, 'utf8');
    expect(download.suggestedFilename()).toBe('starter.svg');
    for (const label of ['Web app', 'API gateway', 'API', 'Database', 'Events', 'Worker']) expect(svg, label).toContain(`>${label}<`);
  });
});
