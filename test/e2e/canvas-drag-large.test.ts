import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { serializeTopology } from '../../shared/model/serialize';
import type { Topology } from '../../shared/model/types';
import { synthesizeDesign } from '../bench/synth';
import { launch, open, type Session, openDesignFile } from './browser';
import { waitForHook, yaml } from './power-helpers';

/**
 * Issue 19: dragging in a large design (1,000 components, 1,500 connections), where the press
 * selects by patching only what it changed (renderer/store/derive.ts) and the inspector follows a
 * selection made by a press once the button is released (renderer/inspector/Inspector.tsx). What
 * the user sees stays true: the dragged component is selected and its connections follow it, the
 * others stay where they were; the inspector shows what was dragged; the drag is one undo step; a
 * multi-selection and a zone with its components move together.
 */

const base = synthesizeDesign(1000, 5);
const ys = Object.values(base.layout).map((p) => p.y);
const xs = Object.values(base.layout).map((p) => p.x);
const MID = Math.round((Math.min(...ys) + Math.max(...ys)) / 2 / 16) * 16;
const LEFT = Math.round((Math.min(...xs) - 960) / 16) * 16;

/** Four components of our own left of the synthetic design (its start, in view when opened): A → B, and C → D inside a zone. */
const P = {
  a: { id: 'probe-a', label: 'Probe A', x: LEFT, y: MID - 240 },
  b: { id: 'probe-b', label: 'Probe B', x: LEFT, y: MID + 80 },
  c: { id: 'probe-c', label: 'Probe C', x: LEFT + 400, y: MID - 240 },
  d: { id: 'probe-d', label: 'Probe D', x: LEFT + 400, y: MID + 80 },
};
const ZONE = { id: 'probe-zone', x: LEFT + 352, y: MID - 320, w: 304, h: 528 };

function design(): Topology {
  const doc = base;
  for (const p of Object.values(P)) {
    doc.nodes.push({ id: p.id, kind: 'rest-service', label: p.label, props: {}, ...(p === P.c || p === P.d ? { group: ZONE.id } : {}) });
    doc.layout[p.id] = { x: p.x, y: p.y };
  }
  doc.groups.push({ id: ZONE.id, label: 'Probe zone', trust: 'internal', kind: 'zone' });
  doc.layout[ZONE.id] = { x: ZONE.x, y: ZONE.y, w: ZONE.w, h: ZONE.h };
  doc.edges.push({ from: P.a.id, to: P.b.id, protocol: 'http', props: {} }, { from: P.c.id, to: P.d.id, protocol: 'http', props: {} });
  return doc;
}

type Hook = { __topoforge: { run(id: string): boolean } };
const undo = (page: Page) => page.evaluate(() => (window as unknown as Hook).__topoforge.run('edit.undo'));

/**
 * The line of the connection from `from` to `to` (labels): its path, its box on screen, and how
 * many times that path is drawn, visible, at that place on the canvas (during a drag of a large
 * design the connections it does not move are drawn by one copy, their paths joined as subpaths,
 * and their own lines hidden: it must still be drawn once, where it was).
 */
async function line(page: Page, from: string, to: string): Promise<{ d: string; drawn: number; box: { x: number; y: number; w: number; h: number } } | null> {
  return page.evaluate((sel) => {
    const own = document.querySelector(`${sel} .react-flow__edge-path`);
    if (!own) return null;
    const d = own.getAttribute('d') ?? '';
    const at = (p: Element) => {
      const b = p.closest('svg')!.getBoundingClientRect();
      return `${Math.round(b.x)},${Math.round(b.y)}`;
    };
    const drawn = [...document.querySelectorAll('.react-flow__edges path.react-flow__edge-path')]
      .filter((p) => getComputedStyle(p).visibility === 'visible' && at(p) === at(own))
      .reduce((n, p) => n + (p.getAttribute('d') ?? '').split(/ (?=M)/).filter((sub) => sub === d).length, 0);
    const r = own.getBoundingClientRect();
    // Measured from the flow's origin on screen, so that React Flow panning the view while a
    // component is dragged near the canvas's edge (auto-pan) does not count as the line moving.
    const m = new DOMMatrix(getComputedStyle(document.querySelector('.react-flow__viewport')!).transform);
    const flow = document.querySelector('.react-flow')!.getBoundingClientRect();
    const origin = { x: flow.x + m.e, y: flow.y + m.f };
    return { d, drawn, box: { x: Math.round(r.x - origin.x), y: Math.round(r.y - origin.y), w: Math.round(r.width), h: Math.round(r.height) } };
  }, `g.react-flow__edge[aria-label^="Connection ${from} to ${to}"]`);
}

/** Where the design file puts a component. */
async function pos(page: Page, id: string): Promise<{ x: number; y: number } | null> {
  const m = new RegExp(`\\n  ${id}: \\{ x: (-?\\d+), y: (-?\\d+)`).exec(await yaml(page));
  return m ? { x: Number(m[1]), y: Number(m[2]) } : null;
}

/** A component's box on screen. */
async function nodeBox(page: Page, id: string): Promise<{ x: number; y: number }> {
  const box = (await page.locator(`.react-flow__node[data-id="${id}"]`).boundingBox())!;
  return { x: Math.round(box.x), y: Math.round(box.y) };
}

async function centre(page: Page, id: string): Promise<{ x: number; y: number }> {
  const box = (await page.locator(`.react-flow__node[data-id="${id}"]`).boundingBox())!;
  return { x: box.x + 60, y: box.y + 20 };
}

const inspectorLabel = (page: Page) => page.getByRole('region', { name: 'Inspector' }).getByLabel('Label', { exact: true }).inputValue().catch(() => '');
const selected = (page: Page) => page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.react-flow__node.selected')].map((el) => el.dataset.id).sort());

/** A click on the empty canvas: nothing is selected after it. */
async function deselectAll(page: Page): Promise<void> {
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await expect.poll(() => page.locator('.react-flow__node.selected').count()).toBe(0);
}

/** Presses at `at` and moves by (dx, dy) in two steps of four moves, the button still down (the caller looks mid-drag, then releases). */
async function pressAndMove(page: Page, at: { x: number; y: number }, dx: number, dy: number): Promise<void> {
  await page.mouse.move(at.x, at.y);
  await page.mouse.down();
  await page.mouse.move(at.x + dx / 2, at.y + dy / 2, { steps: 4 });
  await page.mouse.move(at.x + dx, at.y + dy, { steps: 4 });
  await page.waitForTimeout(200);
}

describe('issue 19: dragging in a large design', () => {
  let browser: Browser;
  let s: Session;

  beforeAll(async () => {
    browser = await launch();
    s = await open(browser, `${inject('appUrl')}?nofs`, { width: 1400, height: 900 });
    await waitForHook(s.page);
    const { page } = s;
    await openDesignFile(page, 'large.topo.yaml', serializeTopology(design()));
    await page.locator(`.react-flow__node[data-id="${P.a.id}"]`).waitFor({ timeout: 60_000 });
    await page.locator('g.react-flow__edge[aria-label^="Connection Probe C to Probe D"]').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(600);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('a pressed and dragged component is selected, its connections follow it, the others stay; the inspector shows it after the drop; one undo step', async () => {
    const { page } = s;
    const ab0 = (await line(page, P.a.label, P.b.label))!;
    const cd0 = (await line(page, P.c.label, P.d.label))!;
    const c = await centre(page, P.a.id);
    // (Away from the canvas's edge, where React Flow would pan the view.)
    await pressAndMove(page, c, 80, 40);
    // Mid-drag: A is selected (highlighted), A → B follows it, C → D is where it was.
    expect(await selected(page)).toEqual([P.a.id]);
    const ab1 = (await line(page, P.a.label, P.b.label))!;
    expect(ab1.d).not.toBe(ab0.d);
    expect(await line(page, P.c.label, P.d.label)).toEqual(cd0);
    // A is where the pointer took it (it was pressed 60 px in, 20 px down), and stays there when put down.
    const a1 = await nodeBox(page, P.a.id);
    expect(Math.abs(a1.x + 60 - (c.x + 80))).toBeLessThanOrEqual(16);
    expect(Math.abs(a1.y + 20 - (c.y + 40))).toBeLessThanOrEqual(16);
    await page.mouse.up();
    await expect.poll(() => inspectorLabel(page)).toBe(P.a.label);
    expect(await line(page, P.c.label, P.d.label)).toEqual(cd0);
    // After the drop the connections are drawn by their own elements again (which take the pointer): no copy is left.
    await expect.poll(() => page.locator('.react-flow__edges > svg.is-still, .topo-still-edges').count()).toBe(0);
    expect((await line(page, P.a.label, P.b.label))!.d).toBe(ab1.d);
    expect(await nodeBox(page, P.a.id)).toEqual(a1);
    const moved = (await pos(page, P.a.id))!;
    expect(moved).not.toEqual({ x: P.a.x, y: P.a.y });
    expect(Math.abs(moved.x % 16)).toBe(0);
    expect(Math.abs(moved.y % 16)).toBe(0);
    await undo(page);
    await expect.poll(() => pos(page, P.a.id)).toEqual({ x: P.a.x, y: P.a.y });
    await expect.poll(async () => (await line(page, P.a.label, P.b.label))?.d).toBe(ab0.d);
    // A click on another component: it is selected and shown in the inspector.
    await page.locator(`.react-flow__node[data-id="${P.b.id}"]`).click({ position: { x: 60, y: 20 } });
    await expect.poll(() => selected(page)).toEqual([P.b.id]);
    await expect.poll(() => inspectorLabel(page)).toBe(P.b.label);
  });

  it('a multi-selection moves together, the connections of every component in it following; one undo step', async () => {
    const { page } = s;
    const ab0 = (await line(page, P.a.label, P.b.label))!;
    const cd0 = (await line(page, P.c.label, P.d.label))!;
    await deselectAll(page);
    await page.locator(`.react-flow__node[data-id="${P.a.id}"]`).click({ position: { x: 60, y: 20 } });
    await page.locator(`.react-flow__node[data-id="${P.c.id}"]`).click({ position: { x: 60, y: 20 }, modifiers: ['Shift'] });
    await expect.poll(() => page.locator('.react-flow__node-topo.selected').count()).toBe(2);
    await expect.poll(() => page.getByRole('region', { name: 'Inspector' }).textContent()).toContain('2 items selected');
    const c = await centre(page, P.a.id);
    await pressAndMove(page, c, 80, -40);
    expect(await selected(page)).toEqual([P.a.id, P.c.id]);
    const ab1 = (await line(page, P.a.label, P.b.label))!;
    const cd1 = (await line(page, P.c.label, P.d.label))!;
    expect(ab1.d).not.toBe(ab0.d);
    expect(cd1.d).not.toBe(cd0.d);
    await page.mouse.up();
    const a = (await pos(page, P.a.id))!;
    const cc = (await pos(page, P.c.id))!;
    expect(a.x - P.a.x).toBe(cc.x - P.c.x);
    expect(a.y - P.a.y).toBe(cc.y - P.c.y);
    expect(a.x).toBeGreaterThan(P.a.x);
    expect(await page.getByRole('region', { name: 'Inspector' }).textContent()).toContain('2 items selected');
    await undo(page);
    await expect.poll(async () => [await pos(page, P.a.id), await pos(page, P.c.id)]).toEqual([{ x: P.a.x, y: P.a.y }, { x: P.c.x, y: P.c.y }]);
  });

  it('a zone dragged carries its components, their connections following, the others where they were; one undo step', async () => {
    const { page } = s;
    await deselectAll(page);
    const ab0 = (await line(page, P.a.label, P.b.label))!;
    const cd0 = (await line(page, P.c.label, P.d.label))!;
    const handle = (await page.locator(`.react-flow__node[data-id="${ZONE.id}"] .zone-handle`).boundingBox())!;
    const h = { x: handle.x + 10, y: handle.y + handle.height / 2 };
    await pressAndMove(page, h, 80, 40);
    expect(await selected(page)).toEqual([ZONE.id]);
    const cd1 = (await line(page, P.c.label, P.d.label))!;
    expect(cd1.box.x).toBeGreaterThan(cd0.box.x + 40);
    expect(await line(page, P.a.label, P.b.label)).toEqual(ab0);
    await page.mouse.up();
    expect(await line(page, P.a.label, P.b.label)).toEqual(ab0);
    const c = (await pos(page, P.c.id))!;
    expect(c.x).toBeGreaterThan(P.c.x);
    await undo(page);
    await expect.poll(async () => [await pos(page, P.c.id), await pos(page, P.d.id)]).toEqual([{ x: P.c.x, y: P.c.y }, { x: P.d.x, y: P.d.y }]);
  });

  it('a box selection is dragged by its box: both components move, their connection with them, the others where they were; one undo step', async () => {
    const { page } = s;
    await deselectAll(page);
    const cd0 = (await line(page, P.c.label, P.d.label))!;
    const a = (await page.locator(`.react-flow__node[data-id="${P.a.id}"]`).boundingBox())!;
    const b = (await page.locator(`.react-flow__node[data-id="${P.b.id}"]`).boundingBox())!;
    // Shift and a drag on the empty canvas around A and B (C and D are 400 units to the right).
    await page.keyboard.down('Shift');
    await page.mouse.move(a.x - 20, a.y - 20);
    await page.mouse.down();
    await page.mouse.move(b.x + b.width / 2, b.y, { steps: 4 });
    await page.mouse.move(b.x + b.width + 20, b.y + b.height + 20, { steps: 4 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    await expect.poll(() => selected(page)).toEqual([P.a.id, P.b.id]);
    const rect = page.locator('.react-flow__nodesselection-rect');
    await expect.poll(() => rect.count()).toBe(1);
    const ab0 = (await line(page, P.a.label, P.b.label))!;
    const r = (await rect.boundingBox())!;
    const h = { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    await pressAndMove(page, h, 80, 32);
    // Mid-drag: the line between the two moves with them, keeping its shape; C → D stays.
    const ab1 = (await line(page, P.a.label, P.b.label))!;
    expect(ab1.box.x).toBeGreaterThan(ab0.box.x + 40);
    expect(ab1.box.w).toBe(ab0.box.w);
    expect(ab1.box.h).toBe(ab0.box.h);
    expect(await line(page, P.c.label, P.d.label)).toEqual(cd0);
    await page.mouse.up();
    const a1 = (await pos(page, P.a.id))!;
    const b1 = (await pos(page, P.b.id))!;
    expect(a1.x).toBeGreaterThan(P.a.x);
    expect(a1.x - P.a.x).toBe(b1.x - P.b.x);
    expect(a1.y - P.a.y).toBe(b1.y - P.b.y);
    expect(await pos(page, P.c.id)).toEqual({ x: P.c.x, y: P.c.y });
    expect(await line(page, P.c.label, P.d.label)).toEqual(cd0);
    await undo(page);
    await expect.poll(async () => [await pos(page, P.a.id), await pos(page, P.b.id)]).toEqual([{ x: P.a.x, y: P.a.y }, { x: P.b.x, y: P.b.y }]);
  });
});
