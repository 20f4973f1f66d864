import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, open, shot, type Session } from './browser';
import { blank, connect, dragFromPalette, dragNode, focusCanvas, node, nodeById, waitForHook, yaml } from './power-helpers';

/**
 * Issue 5's acceptance: 20 mixed edits made as a user makes them (palette drops, connections,
 * drags, typing in the inspector, renames, copy and paste, duplicate, zones, auto layout,
 * deletes), undone one by one with the keyboard, each undo giving back the exact document before
 * that edit, then redone to the exact final document.
 */

describe('undo and redo in Chromium', () => {
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

  it('20 mixed edits, undone then redone, give back the exact documents', async () => {
    const { page } = s;
    await blank(page);
    const inspector = page.getByRole('region', { name: 'Inspector' });
    const undoButton = page.getByRole('button', { name: 'Undo', exact: true });
    const redoButton = page.getByRole('button', { name: 'Redo', exact: true });
    // New is an undo step too (issue 18: it brings back the design it replaced); nothing to redo.
    expect(await undoButton.isEnabled()).toBe(true);
    expect(await redoButton.isDisabled()).toBe(true);

    const texts = [await yaml(page)];
    const names: string[] = [];
    /** Runs an edit and waits until the document has changed. */
    const edit = async (name: string, fn: (p: Page) => Promise<void>) => {
      const before = texts[texts.length - 1]!;
      await fn(page);
      await expect.poll(() => yaml(page), { message: name }).not.toBe(before);
      // Wait for typing to settle (the inspector writes on each keystroke).
      await page.waitForTimeout(1100);
      texts.push(await yaml(page));
      names.push(name);
    };

    await edit('add a REST service', (p) => dragFromPalette(p, 'REST service', 120, 120));
    await edit('add Kafka', (p) => dragFromPalette(p, 'Kafka', 350, 120));
    await edit('add PostgreSQL', (p) => dragFromPalette(p, 'PostgreSQL', 580, 320));
    await edit('add a worker', (p) => dragFromPalette(p, 'Worker', 580, 120));
    await edit('connect service → Kafka', (p) => connect(p, 'rest-service', 'kafka'));
    await edit('connect Kafka → worker', (p) => connect(p, 'kafka', 'worker'));
    await edit('connect worker → PostgreSQL', (p) => connect(p, 'worker', 'postgresql'));
    await edit('drag Kafka', (p) => dragNode(p, 'kafka', 0, 64));
    await edit('type a port', async (p) => {
      await nodeById(p, 'rest-service').click();
      await inspector.getByLabel('Port', { exact: true }).pressSequentially('9090', { delay: 60 });
    });
    await edit('rename the worker', async (p) => {
      await nodeById(p, 'worker').click();
      const label = inspector.getByLabel('Label', { exact: true });
      await label.fill('');
      await label.pressSequentially('Order worker', { delay: 30 });
    });
    await edit('copy and paste Kafka', async (p) => {
      await nodeById(p, 'kafka').click();
      await focusCanvas(p);
      await p.keyboard.press('Control+c');
      await p.keyboard.press('Control+v');
    });
    await edit('delete the pasted copy', async (p) => {
      await nodeById(p, 'kafka-2').click();
      await p.keyboard.press('Delete');
    });
    await edit('duplicate PostgreSQL', async (p) => {
      await nodeById(p, 'postgresql').click();
      await focusCanvas(p);
      await p.keyboard.press('Control+d');
    });
    await edit('a zone around the copy', async (p) => {
      await p.getByRole('button', { name: 'Fit view', exact: true }).click();
      await p.waitForTimeout(400);
      const copy = (await nodeById(p, 'postgresql-2').boundingBox())!;
      await p.mouse.click(copy.x + copy.width - 6, copy.y + copy.height - 6, { button: 'right' });
      await p.getByRole('menu').getByRole('menuitem', { name: 'Put in a new zone' }).click();
    });
    await edit('auto layout', (p) => p.getByRole('button', { name: 'Auto layout', exact: true }).click());
    await edit('rename the zone', async () => {
      const label = inspector.getByLabel('Label', { exact: true });
      await label.fill('Data tier');
    });
    await edit('nudge with an arrow key', async (p) => {
      await nodeById(p, 'rest-service').click();
      await p.keyboard.press('ArrowDown');
    });
    await edit('name the design', async (p) => {
      await p.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
      await inspector.getByLabel('Name', { exact: true }).fill('Orders');
    });
    await edit('delete two components', async (p) => {
      await nodeById(p, 'postgresql-2').click();
      await nodeById(p, 'worker').click({ modifiers: ['Shift'] });
      await p.keyboard.press('Delete');
    });
    await edit('paste a design fragment from a text editor', async (p) => {
      await p.evaluate(() => navigator.clipboard.writeText('nodes:\n  - { id: cache, kind: redis, label: Cache }\n'));
      await focusCanvas(p);
      await p.keyboard.press('Control+v');
    });
    expect(names.length).toBe(20);
    // (Deleting the pasted copy gives back an earlier document: each undo must still land on the right one.)
    expect(await undoButton.isEnabled()).toBe(true);
    await shot(page, 'power-01-after-20-edits');

    // Undo, one edit at a time, with the keyboard.
    await focusCanvas(page);
    for (let i = texts.length - 1; i > 0; i--) {
      await page.keyboard.press('Control+z');
      await expect.poll(() => yaml(page), { message: `undo "${names[i - 1]}"` }).toBe(texts[i - 1]);
    }
    expect(await redoButton.isEnabled()).toBe(true);

    // Redo with both keys.
    for (let i = 1; i < texts.length; i++) {
      await page.keyboard.press(i % 2 ? 'Control+Shift+z' : 'Control+y');
      await expect.poll(() => yaml(page), { message: `redo "${names[i - 1]}"` }).toBe(texts[i]);
    }
    expect(await redoButton.isDisabled()).toBe(true);
    expect(s.errors).toEqual([]);
  });

  it('the toolbar buttons undo and redo too, and a new edit clears redo', async () => {
    const { page } = s;
    const before = await yaml(page);
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(() => yaml(page)).not.toBe(before);
    await page.getByRole('button', { name: 'Redo', exact: true }).click();
    await expect.poll(() => yaml(page)).toBe(before);
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await dragNode(page, 'rest-service', 64, 0);
    await expect.poll(() => page.getByRole('button', { name: 'Redo', exact: true }).isDisabled()).toBe(true);
    expect(await node(page, 'REST service (REST service)').count()).toBe(1);
  });

  it('undoing back to the design as it was opened clears the unsaved mark', async () => {
    const { page } = s;
    await blank(page);
    const mark = page.locator('[aria-label="unsaved changes"]');
    expect(await mark.count()).toBe(0);
    await dragFromPalette(page, 'Kafka', 300, 150);
    await expect.poll(() => mark.count()).toBe(1);
    await focusCanvas(page);
    await page.keyboard.press('Control+z');
    await expect.poll(() => mark.count()).toBe(0);
    await page.keyboard.press('Control+y');
    await expect.poll(() => mark.count()).toBe(1);
  });
});
