import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { COMMANDS } from '../../shared/commands';
import { launch, open, shot, type Session } from './browser';
import { focusCanvas, waitForHook } from './power-helpers';

/**
 * The keyboard: `?` shows every command with its keys (Ctrl on Linux), Ctrl+K runs any command
 * by name (disabled ones greyed), Ctrl+F finds components and centres them.
 */

describe('keyboard, command palette and find in Chromium', () => {
  let browser: Browser;
  let s: Session;

  beforeAll(async () => {
    browser = await launch();
    s = await open(browser, `${inject('appUrl')}?nofs`);
    await waitForHook(s.page);
    await s.page.waitForFunction(() => document.querySelectorAll('.react-flow__node-topo').length > 5);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('? shows every command with its shortcut, in Ctrl form off macOS', async () => {
    const { page } = s;
    await focusCanvas(page);
    await page.keyboard.press('Shift+?');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await sheet.waitFor();
    const text = (await sheet.textContent()) ?? '';
    for (const c of COMMANDS) expect(text, c.id).toContain(c.label.replace(/…$/, ''));
    const undoRow = sheet.getByRole('row').filter({ hasText: /^Undo/ });
    expect((await undoRow.locator('kbd').allTextContents()).join(' ')).toBe('Ctrl Z');
    const redoRow = sheet.getByRole('row').filter({ hasText: /^Redo/ });
    expect((await redoRow.locator('kbd').allTextContents()).join(' ')).toBe('Ctrl Shift Z Ctrl Y');
    expect(text).not.toContain('⌘');
    await shot(page, 'power-12-shortcuts');
    await page.keyboard.press('Escape');
    await expect.poll(() => sheet.count()).toBe(0);
  });

  it('Ctrl+K lists the commands with their keys, greys the ones that cannot run, and runs the chosen one', async () => {
    const { page } = s;
    await focusCanvas(page);
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await palette.waitFor();
    const options = palette.getByRole('option');
    expect(await options.count()).toBe(COMMANDS.length - 1); // all but the palette itself
    // Nothing to undo yet: Undo is there, greyed.
    const undo = options.filter({ hasText: 'Undo' });
    expect(await undo.getAttribute('aria-disabled')).toBe('true');
    await palette.getByRole('combobox').fill('zoom in');
    expect(await options.first().textContent()).toContain('Zoom In');
    expect(await options.first().locator('kbd').textContent()).toBe('Ctrl++');
    await shot(page, 'power-13-command-palette');
    const zoom = await page.evaluate(() => document.querySelector<HTMLElement>('.react-flow__viewport')!.style.transform);
    await page.keyboard.press('Enter');
    await expect.poll(() => palette.count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.querySelector<HTMLElement>('.react-flow__viewport')!.style.transform)).not.toBe(zoom);
    // Fuzzy: letters in order find a command.
    await page.keyboard.press('Control+k');
    await palette.getByRole('combobox').fill('shrtcts');
    expect(await options.first().textContent()).toContain('Keyboard Shortcuts');
    await page.keyboard.press('Escape');
    await expect.poll(() => palette.count()).toBe(0);
  });

  it('Ctrl+F finds components by label, kind or id, selects and centres each match in turn', async () => {
    const { page } = s;
    await focusCanvas(page);
    await page.keyboard.press('Control+f');
    const box = page.getByRole('search', { name: 'Find components' });
    await box.waitFor();
    const input = box.getByRole('textbox');
    await input.fill('postgres'); // the kind: two PostgreSQL databases
    await expect.poll(() => box.textContent()).toContain('1 of 2');
    const selected = () => page.evaluate(() => (window as unknown as { __topoforge: { selection(): { nodes: string[] } } }).__topoforge.selection().nodes);
    await expect.poll(selected).toEqual(['orders-db']);
    // Centred in the canvas.
    const centred = async (id: string) => {
      const pane = (await page.locator('.react-flow__pane').boundingBox())!;
      const b = (await page.locator(`.react-flow__node[data-id="${id}"]`).boundingBox())!;
      return Math.abs(b.x + b.width / 2 - (pane.x + pane.width / 2)) < 40 && Math.abs(b.y + b.height / 2 - (pane.y + pane.height / 2)) < 40;
    };
    await expect.poll(() => centred('orders-db')).toBe(true);
    await input.press('Enter');
    await expect.poll(selected).toEqual(['inventory-db']);
    await expect.poll(() => centred('inventory-db')).toBe(true);
    expect(await box.textContent()).toContain('2 of 2');
    await input.press('Enter');
    await expect.poll(selected).toEqual(['orders-db']);
    await input.press('ArrowUp');
    await expect.poll(selected).toEqual(['inventory-db']);
    // By label, case-insensitively, and by id.
    await input.fill('STRIPE');
    await expect.poll(selected).toEqual(['stripe']);
    await expect.poll(() => centred('stripe')).toBe(true);
    await input.fill('event-store-writer');
    await expect.poll(selected).toEqual(['event-store-writer']);
    await expect.poll(() => centred('event-store-writer')).toBe(true);
    await input.fill('no such thing');
    await expect.poll(() => box.textContent()).toContain('No match');
    await shot(page, 'power-14-find');
    await input.press('Escape');
    await expect.poll(() => box.count()).toBe(0);
    expect(s.errors).toEqual([]);
  });
});
