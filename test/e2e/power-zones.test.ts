import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseTopology } from '../../shared/model/parse';
import { launch, open, shot, type Session } from './browser';
import { blank, dragNode, focusCanvas, nextFrame, nodeById, stableBox, waitForHook, yaml } from './power-helpers';

/**
 * Zones: the context menu puts the selected components in a new one; its handles resize it (one undo step);
 * a component dropped inside joins it and one dragged out leaves it (with the move, one step);
 * its label, kind and trust are edited in the inspector and reach the Mermaid diagram; deleting
 * it keeps its components.
 */

async function docOf(page: Parameters<typeof yaml>[0]) {
  const r = parseTopology(await yaml(page));
  if (!r.ok) throw new Error('the design does not parse');
  return r.doc;
}

describe('zones in Chromium', () => {
  let browser: Browser;
  let s: Session;

  beforeAll(async () => {
    browser = await launch();
    s = await open(browser, `${inject('appUrl')}?nofs`);
    await s.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await waitForHook(s.page);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("the context menu's Put in a new zone draws a zone around the selected component, and the component is in it", async () => {
    const { page } = s;
    await blank(page);
    await page.evaluate(() => navigator.clipboard.writeText('topoforge: 1\nname: Z\nnodes:\n  - { id: api, kind: rest-service, label: API }\n  - { id: db, kind: postgres, label: DB }\nedges:\n  - { from: api, to: db }\nlayout:\n  api: { x: 0, y: 0 }\n  db: { x: 400, y: 160 }\n'));
    await focusCanvas(page);
    await page.keyboard.press('Control+v');
    await expect.poll(() => page.locator('.react-flow__node-topo').count()).toBe(2);
    await page.getByRole('button', { name: 'Fit view' }).first().click();
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await nodeById(page, 'api').click({ button: 'right' });
    await page.getByRole('menu').getByRole('menuitem', { name: 'Put in a new zone' }).click();
    await expect.poll(() => page.locator('.react-flow__node-zone').count()).toBe(1);
    const doc = await docOf(page);
    expect(doc.groups.map((g) => g.id)).toEqual(['zone']);
    expect(doc.nodes.find((n) => n.id === 'api')!.group).toBe('zone');
    expect(doc.nodes.find((n) => n.id === 'db')!.group).toBeUndefined();
    // The zone is selected, with its resize handles.
    await expect.poll(() => page.locator('.react-flow__node-zone .react-flow__resize-control.handle').count()).toBeGreaterThan(0);
    await shot(page, 'power-10-zone-added');
  });

  it('a zone is resized by its handle, in one undo step', async () => {
    const { page } = s;
    const before = await yaml(page);
    const w0 = (await docOf(page)).layout.zone!.w!;
    const handle = page.locator('.react-flow__node-zone .react-flow__resize-control.handle.bottom.right');
    const b = (await handle.boundingBox())!;
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 6; i++) await page.mouse.move(b.x + 20 * i, b.y + 10 * i);
    await page.mouse.up();
    await expect.poll(async () => (await docOf(page)).layout.zone!.w!).toBeGreaterThan(w0 + 40);
    await page.keyboard.press('Control+z');
    await expect.poll(() => yaml(page)).toBe(before);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(async () => (await docOf(page)).layout.zone!.w!).toBeGreaterThan(w0 + 40);
  });

  it('a component dragged into a zone joins it and dragged out leaves it, with the move as one step', async () => {
    const { page } = s;
    const zone = (await page.locator('.react-flow__node-zone').boundingBox())!;
    const db = (await nodeById(page, 'db').boundingBox())!;
    const before = await yaml(page);
    // Into the zone: the component's centre onto the zone's centre.
    await dragNode(page, 'db', zone.x + zone.width / 2 - (db.x + db.width / 2), zone.y + zone.height / 2 - (db.y + db.height / 2) + 20);
    await expect.poll(async () => (await docOf(page)).nodes.find((n) => n.id === 'db')!.group).toBe('zone');
    await page.keyboard.press('Control+z');
    await expect.poll(() => yaml(page)).toBe(before); // position and zone back in one step
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(async () => (await docOf(page)).nodes.find((n) => n.id === 'db')!.group).toBe('zone');
    // And out again.
    await dragNode(page, 'db', 0, zone.height);
    await expect.poll(async () => (await docOf(page)).nodes.find((n) => n.id === 'db')!.group).toBeUndefined();
    // Dragging the zone carries its components along and keeps them in it.
    const api0 = (await docOf(page)).layout.api!;
    const handle = page.locator('.react-flow__node-zone .zone-handle');
    // Where the handle is once the zone has settled after losing a member (a person presses what they see).
    const h = await stableBox(page, handle);
    await page.mouse.move(h.x + 10, h.y + h.height / 2);
    await page.mouse.down();
    await nextFrame(page);
    await page.mouse.move(h.x + 40, h.y + h.height / 2 + 30, { steps: 5 });
    await page.mouse.move(h.x + 74, h.y + h.height / 2 + 48, { steps: 5 });
    await nextFrame(page);
    await page.mouse.up();
    await expect.poll(async () => (await docOf(page)).layout.api!.x).not.toBe(api0.x);
    expect((await docOf(page)).nodes.find((n) => n.id === 'api')!.group).toBe('zone');
  });

  it('label, kind and trust are edited in the inspector and reach the Mermaid diagram', async () => {
    const { page } = s;
    await page.locator('.react-flow__node-zone .zone-handle').click();
    const inspector = page.getByRole('region', { name: 'Inspector' });
    await inspector.getByLabel('Label', { exact: true }).fill('Public edge');
    await inspector.getByLabel('Kind', { exact: true }).selectOption('trust-boundary');
    await inspector.getByLabel('Trust', { exact: true }).selectOption('dmz');
    await expect.poll(async () => (await docOf(page)).groups[0]).toMatchObject({ id: 'zone', label: 'Public edge', kind: 'trust-boundary', trust: 'dmz' });
    expect(await page.locator('.react-flow__node-zone').textContent()).toContain('Public edge');
    await page.getByRole('tab', { name: 'Output' }).click();
    const output = page.getByRole('region', { name: 'Output' });
    await output.getByRole('tab', { name: 'Mermaid' }).click();
    await expect.poll(() => output.locator('pre[aria-label="Mermaid source"]').textContent()).toContain('Public edge');
    await shot(page, 'power-11-zone-edited');
    await page.getByRole('tab', { name: 'Problems' }).click();
  });

  it('deleting a zone keeps its components', async () => {
    const { page } = s;
    await page.locator('.react-flow__node-zone .zone-handle').click();
    await focusCanvas(page);
    await page.keyboard.press('Delete');
    await expect.poll(() => page.locator('.react-flow__node-zone').count()).toBe(0);
    const doc = await docOf(page);
    expect(doc.groups).toEqual([]);
    expect(doc.nodes.map((n) => [n.id, n.group])).toEqual([['api', undefined], ['db', undefined]]);
  });

  it('with nothing selected, Z lets the user drag out a zone; the components inside join it; Esc cancels', async () => {
    const { page } = s;
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await focusCanvas(page);
    await page.keyboard.press('z');
    const layer = page.getByRole('application', { name: /Draw a zone/ });
    await layer.waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => layer.count()).toBe(0);
    expect((await docOf(page)).groups).toEqual([]);

    await page.keyboard.press('z');
    await layer.waitFor();
    const db = (await nodeById(page, 'db').boundingBox())!;
    await page.mouse.move(db.x - 30, db.y - 50);
    await page.mouse.down();
    await page.mouse.move(db.x + db.width / 2, db.y + db.height / 2, { steps: 4 });
    await page.mouse.move(db.x + db.width + 30, db.y + db.height + 30, { steps: 4 });
    await shot(page, 'power-15-drawing-a-zone');
    await page.mouse.up();
    await expect.poll(() => page.locator('.react-flow__node-zone').count()).toBe(1);
    const doc = await docOf(page);
    expect(doc.nodes.map((n) => [n.id, n.group])).toEqual([['api', undefined], ['db', 'zone']]);
    // One step.
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await docOf(page)).groups.length).toBe(0);
    expect(s.errors).toEqual([]);
  });
});
