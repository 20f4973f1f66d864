import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { serializeTopology } from '../../shared/model/serialize';
import type { Topology } from '../../shared/model/types';
import { synthesizeDesign } from '../bench/synth';
import { launch, open, type Session, openDesignFile } from './browser';
import { nodeById, waitForHook, yaml } from './power-helpers';

/**
 * Issue 19: a large design (over 2,000 components) zoomed far out is drawn as one bitmap
 * (renderer/canvas/CanvasBitmap.tsx) instead of a DOM element per component. What a user does
 * with the pointer there still lands on the components: a click selects one, Shift or Ctrl-click
 * adds to the selection, a double click opens its label, the context menu is its own, a drag
 * moves it (one undo step), a box selection selects what it encloses; zoomed in again the real
 * components are back, selected as the bitmap showed them.
 */

const base = synthesizeDesign(2100, 5);
const ys = Object.values(base.layout).map((p) => p.y);
const xs = Object.values(base.layout).map((p) => p.x);
/** The middle of the design, top to bottom: in view when it is fitted (at the least zoom it may be taller than the view, and is centred). */
const MID = Math.round((Math.min(...ys) + Math.max(...ys)) / 2 / 16) * 16;
const LEFT = Math.round((Math.min(...xs) - 3200) / 16) * 16;

/** Three components of our own left of the synthetic design (its start, in view when fitted), far from anything else: where they are is known. */
const PROBES = [
  { id: 'probe-a', label: 'Probe A', x: LEFT, y: MID - 480 },
  { id: 'probe-b', label: 'Probe B', x: LEFT, y: MID },
  { id: 'probe-c', label: 'Probe C', x: LEFT, y: MID + 480 },
];

function design(): Topology {
  const doc = base;
  for (const p of PROBES) {
    doc.nodes.push({ id: p.id, kind: 'rest-service', label: p.label, props: {} });
    doc.layout[p.id] = { x: p.x, y: p.y };
  }
  return doc;
}

type Hook = { __topoforge: { selection(): { nodes: string[]; edges: string[] }; run(id: string): boolean } };
const selection = (page: Page) => page.evaluate(() => (window as unknown as Hook).__topoforge.selection().nodes.slice().sort());

/** The screen point of the flow point (x, y), from React Flow's viewport transform. */
async function toScreen(page: Page, x: number, y: number): Promise<{ x: number; y: number; k: number }> {
  return page.evaluate(([fx, fy]) => {
    const vp = document.querySelector<HTMLElement>('.react-flow__viewport')!;
    const m = /translate\(([-\d.e]+)px,\s*([-\d.e]+)px\)\s*scale\(([-\d.e]+)\)/.exec(vp.style.transform)!;
    const r = document.querySelector('.react-flow')!.getBoundingClientRect();
    const k = Number(m[3]);
    return { x: r.left + Number(m[1]) + fx! * k, y: r.top + Number(m[2]) + fy! * k, k };
  }, [x, y] as const);
}

/** The centre of a probe on the screen (components are 208 × 64). */
const centreOf = (page: Page, p: (typeof PROBES)[number]) => toScreen(page, p.x + 104, p.y + 32);

describe('issue 19: a large design far out, drawn as one bitmap, answers the pointer as its components did', () => {
  let browser: Browser;
  let s: Session;

  beforeAll(async () => {
    browser = await launch();
    s = await open(browser, `${inject('appUrl')}?nofs`, { width: 1400, height: 900 });
    await waitForHook(s.page);
    const { page } = s;
    await openDesignFile(page, 'large.topo.yaml', serializeTopology(design()));
    await page.waitForFunction(() => document.querySelector('.react-flow__node[data-id^="probe-"], .react-flow__node-topo'), undefined, { timeout: 60_000 });
    await page.getByRole('button', { name: 'Fit view', exact: true }).first().click();
    await page.getByTestId('canvas-bitmap').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(600);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('draws the fitted design as a bitmap, with no component in the DOM', async () => {
    const { page } = s;
    expect((await toScreen(page, 0, 0)).k).toBeLessThan(0.35);
    expect(await page.locator('.react-flow__node-topo').count()).toBe(0);
    expect(await page.locator('.react-flow__edge').count()).toBe(0);
    // Something is drawn where a probe is: not the canvas's background colour.
    const c = await centreOf(page, PROBES[0]!);
    const drawn = await page.evaluate(([x, y]) => {
      const el = document.querySelector<HTMLCanvasElement>('[data-testid="canvas-bitmap"]')!;
      const r = el.getBoundingClientRect();
      const px = el.getContext('2d')!.getImageData(Math.round(((x! - r.left) * el.width) / r.width), Math.round(((y! - r.top) * el.height) / r.height), 1, 1).data;
      return px[3];
    }, [c.x, c.y] as const);
    expect(drawn).toBeGreaterThan(0);
  });

  it('a click on a component selects it alone; Ctrl-click adds another; a click on empty canvas clears', async () => {
    const { page } = s;
    const a = await centreOf(page, PROBES[0]!);
    await page.mouse.click(a.x, a.y);
    await expect.poll(() => selection(page)).toEqual(['probe-a']);
    await expect.poll(() => page.getByRole('region', { name: 'Inspector' }).getByLabel('Label', { exact: true }).inputValue()).toBe('Probe A');
    const b = await centreOf(page, PROBES[1]!);
    await page.keyboard.down('Control');
    await page.mouse.click(b.x, b.y);
    await page.keyboard.up('Control');
    await expect.poll(() => selection(page)).toEqual(['probe-a', 'probe-b']);
    // A plain click on a selected one: it alone (React Flow's reset after a pane click does not undo it).
    await page.mouse.click(b.x, b.y);
    await expect.poll(() => selection(page)).toEqual(['probe-b']);
    await page.mouse.click(a.x - 60, a.y - 40);
    await expect.poll(() => selection(page)).toEqual([]);
  });

  it('a double click opens the component’s label; the context menu is the component’s', async () => {
    const { page } = s;
    const c = await centreOf(page, PROBES[2]!);
    await page.mouse.dblclick(c.x, c.y);
    const field = page.getByRole('region', { name: 'Inspector' }).getByLabel('Label', { exact: true });
    await expect.poll(() => field.inputValue()).toBe('Probe C');
    await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.mouse.click(c.x, c.y, { button: 'right' });
    const menu = page.getByRole('menu', { name: 'Probe C' });
    await expect.poll(() => menu.isVisible()).toBe(true);
    expect(await menu.getByRole('menuitem', { name: 'Rename' }).count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => menu.count()).toBe(0);
  });

  it('a drag moves the component, snapped to the grid, in one undo step', async () => {
    const { page } = s;
    const c = await centreOf(page, PROBES[0]!);
    await page.mouse.move(c.x, c.y);
    await page.mouse.down();
    await page.mouse.move(c.x - 40, c.y + 10, { steps: 4 });
    await page.mouse.move(c.x - 80, c.y + 20, { steps: 4 });
    await page.mouse.up();
    await expect.poll(() => selection(page)).toEqual(['probe-a']);
    const pos = async () => {
      const m = /\n  probe-a: \{ x: (-?\d+), y: (-?\d+) \}/.exec(await yaml(page));
      return m ? { x: Number(m[1]), y: Number(m[2]) } : null;
    };
    const k = c.k;
    const from = { x: PROBES[0]!.x, y: PROBES[0]!.y };
    await expect.poll(pos).not.toEqual(from);
    const p = (await pos())!;
    expect(Math.abs(p.x % 16)).toBe(0);
    expect(Math.abs(p.y % 16)).toBe(0);
    expect(Math.abs(p.x - (from.x - 80 / k))).toBeLessThanOrEqual(16);
    expect(Math.abs(p.y - (from.y + 20 / k))).toBeLessThanOrEqual(16);
    // The drag was not a pan: the view did not move.
    expect((await centreOf(page, PROBES[1]!)).x).toBeCloseTo((await toScreen(page, PROBES[1]!.x + 104, 0)).x, 0);
    await page.evaluate(() => (window as unknown as Hook).__topoforge.run('edit.undo'));
    await expect.poll(pos).toEqual(from);
  });

  it('a box drawn with Shift selects the components it encloses', async () => {
    const { page } = s;
    const a = await toScreen(page, PROBES[1]!.x - 60, PROBES[1]!.y - 60);
    const b = await toScreen(page, PROBES[2]!.x + 208 + 60, PROBES[2]!.y + 64 + 60);
    await page.keyboard.down('Shift');
    await page.mouse.move(a.x, a.y);
    await page.mouse.down();
    await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 3 });
    await page.mouse.move(b.x, b.y, { steps: 3 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    await expect.poll(() => selection(page)).toEqual(['probe-b', 'probe-c']);
  });

  it('Delete removes the component selected in the bitmap; undo brings it back', async () => {
    const { page } = s;
    const c = await centreOf(page, PROBES[2]!);
    await page.mouse.click(c.x, c.y);
    await expect.poll(() => selection(page)).toEqual(['probe-c']);
    await page.keyboard.press('Delete');
    await expect.poll(async () => (await yaml(page)).includes('id: probe-c')).toBe(false);
    await page.evaluate(() => (window as unknown as Hook).__topoforge.run('edit.undo'));
    await expect.poll(async () => (await yaml(page)).includes('id: probe-c')).toBe(true);
    // Selected again for the next test: B and C.
    const b = await centreOf(page, PROBES[1]!);
    await page.mouse.click(b.x, b.y);
    await page.keyboard.down('Control');
    await page.mouse.click(c.x, c.y);
    await page.keyboard.up('Control');
    await expect.poll(() => selection(page)).toEqual(['probe-b', 'probe-c']);
  });

  it('zoomed in again, the real components are back, selected as the bitmap showed', async () => {
    const { page } = s;
    const c = await centreOf(page, PROBES[1]!);
    await page.mouse.move(c.x, c.y);
    for (let i = 0; i < 12; i++) await page.mouse.wheel(0, -100);
    await expect.poll(() => page.getByTestId('canvas-bitmap').count()).toBe(0);
    await expect.poll(() => nodeById(page, 'probe-b').count()).toBe(1);
    expect(await nodeById(page, 'probe-b').getAttribute('class')).toContain('selected');
    expect(s.errors).toEqual([]);
  });
});
