import type { Locator, Page } from 'playwright-core';

/** Helpers shared by the power-feature end-to-end tests (power-*.test.ts). */

export const node = (page: Page, label: string): Locator => page.locator(`.react-flow__node[aria-label="${label}"]`);
export const nodeById = (page: Page, id: string): Locator => page.locator(`.react-flow__node[data-id="${id}"]`);
export const topoNodes = (page: Page): Locator => page.locator('.react-flow__node-topo');

/** The design as file text, from the app's test hook. */
export function yaml(page: Page): Promise<string> {
  return page.evaluate(() => (window as unknown as { __topoforge: { yaml(): string } }).__topoforge.yaml());
}

export async function waitForHook(page: Page): Promise<void> {
  await page.waitForFunction(() => !!(window as unknown as { __topoforge?: unknown }).__topoforge);
}

export async function blank(page: Page): Promise<void> {
  const unsaved = await page.evaluate(() => document.title.startsWith('●'));
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await page.getByRole('dialog', { name: 'New design' }).getByRole('button', { name: /Blank design/ }).click();
  // Unsaved changes are asked about first (issue 18): these tests start over without saving.
  if (unsaved) await page.getByRole('alertdialog').getByRole('button', { name: "Don't save", exact: true }).click();
  await page.waitForFunction(() => document.querySelectorAll('.react-flow__node-topo').length === 0);
}

export async function dragFromPalette(page: Page, name: string, x: number, y: number): Promise<void> {
  const item = page.getByRole('region', { name: 'Palette' }).getByRole('button', { name, exact: true });
  await item.dragTo(page.locator('.react-flow__pane'), { targetPosition: { x, y } });
}

/** Drags a connection from `from`'s output handle to `to`'s input handle. */
export async function connect(page: Page, fromId: string, toId: string): Promise<void> {
  await nodeById(page, fromId).hover();
  const a = await nodeById(page, fromId).locator('.react-flow__handle.source').boundingBox();
  const b = await nodeById(page, toId).locator('.react-flow__handle.target').boundingBox();
  if (!a || !b) throw new Error('handle not found');
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2 + 20, { steps: 8 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
  await page.mouse.up();
}

/** Drags a component by its body. */
export async function dragNode(page: Page, id: string, dx: number, dy: number): Promise<void> {
  const box = (await nodeById(page, id).boundingBox())!;
  await page.mouse.move(box.x + 60, box.y + 20);
  await page.mouse.down();
  // A frame between press and moves, as a hand gives: on a loaded machine the press is otherwise
  // still being handled when the moves arrive, and the drag never starts.
  await nextFrame(page);
  await page.mouse.move(box.x + 60 + dx / 2, box.y + 20 + dy / 2, { steps: 5 });
  await page.mouse.move(box.x + 60 + dx, box.y + 20 + dy, { steps: 5 });
  await nextFrame(page);
  await page.mouse.up();
}

/** Waits for the page's next animation frame. */
export async function nextFrame(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(undefined))));
}

/** Puts the keyboard on the canvas without changing the design (a click on an empty spot clears the selection). */
export async function focusCanvas(page: Page): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur?.());
}

/** The component boxes on the canvas, in screen pixels. */
export async function nodeBoxes(page: Page): Promise<{ id: string; x: number; y: number; w: number; h: number }[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.react-flow__node-topo')].map((el) => {
      const r = el.getBoundingClientRect();
      return { id: el.dataset.id ?? '', x: r.x, y: r.y, w: r.width, h: r.height };
    }),
  );
}

/** The box of `locator` once it is the same two frames in a row (layout has settled). */
export async function stableBox(page: Page, locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  let last = await locator.boundingBox();
  for (let i = 0; i < 60; i++) {
    await nextFrame(page);
    await nextFrame(page);
    const now = await locator.boundingBox();
    if (now && last && now.x === last.x && now.y === last.y && now.width === last.width && now.height === last.height) return now;
    last = now;
  }
  if (!last) throw new Error('the element has no box');
  return last;
}
