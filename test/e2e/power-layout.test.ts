import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EXAMPLES } from '../../assets/examples';
import { parseTopology } from '../../shared/model/parse';
import { launch, open, shot, type Session } from './browser';
import { waitForHook, yaml } from './power-helpers';

/**
 * Auto layout (ELK, in a Web Worker) of every bundled example leaves no two components
 * overlapping, keeps each zone around its components, and is one undo step; a design opened
 * without positions is laid out as it opens.
 */

interface Box {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

async function boxes(page: Page, selector: string): Promise<Box[]> {
  return page.evaluate((sel) => [...document.querySelectorAll<HTMLElement>(sel)].map((el) => {
    const r = el.getBoundingClientRect();
    return { id: el.dataset.id ?? '', x: r.x, y: r.y, w: r.width, h: r.height };
  }), selector);
}

function overlapping(list: Box[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const a = list[i]!;
      const b = list[j]!;
      if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) out.push(`${a.id} × ${b.id}`);
    }
  }
  return out;
}

function inside(inner: Box, outer: Box): boolean {
  return inner.x >= outer.x - 1 && inner.y >= outer.y - 1 && inner.x + inner.w <= outer.x + outer.w + 1 && inner.y + inner.h <= outer.y + outer.h + 1;
}

describe('auto layout in Chromium', () => {
  let browser: Browser;
  let s: Session;

  beforeAll(async () => {
    browser = await launch();
    // A large window, so that whole designs fit the view at a readable zoom.
    s = await open(browser, `${inject('appUrl')}?nofs`, { width: 1920, height: 1080 });
    await waitForHook(s.page);
  });

  afterAll(async () => {
    await browser?.close();
  });

  for (const ex of EXAMPLES) {
    it(`lays out "${ex.title}" with no two components overlapping and zones around their components`, async () => {
      const { page } = s;
      await page.getByRole('button', { name: 'New', exact: true }).click();
      await page.getByRole('dialog', { name: 'New design' }).getByRole('button', { name: new RegExp(`^${ex.title}`) }).click();
      const doc = parseTopology(ex.yaml);
      if (!doc.ok) throw new Error('example does not parse');
      await expect.poll(() => page.locator('.react-flow__node-topo').count()).toBe(doc.doc.nodes.length);
      const before = await yaml(page);
      await page.getByRole('button', { name: 'Auto layout', exact: true }).click();
      await expect.poll(() => yaml(page), { timeout: 20_000 }).not.toBe(before);
      const after = await yaml(page);
      await page.waitForTimeout(500); // the view fits the new layout
      const nodes = await boxes(page, '.react-flow__node-topo');
      expect(nodes.length).toBe(doc.doc.nodes.length);
      expect(overlapping(nodes)).toEqual([]);
      // Also in the document's own coordinates (the file's layout), with the canvas's component size.
      const laid = parseTopology(after);
      if (!laid.ok) throw new Error('laid-out design does not parse');
      const docBoxes = laid.doc.nodes.map((n) => ({ id: n.id, x: laid.doc.layout[n.id]!.x, y: laid.doc.layout[n.id]!.y, w: 208, h: 64 }));
      expect(overlapping(docBoxes)).toEqual([]);
      const zones = await boxes(page, '.react-flow__node-zone');
      for (const n of laid.doc.nodes) {
        if (!n.group) continue;
        const z = zones.find((b) => b.id === n.group)!;
        const b = nodes.find((x) => x.id === n.id)!;
        expect(inside(b, z), `${n.id} inside zone ${n.group}`).toBe(true);
      }
      // Zones with no shared member do not overlap either.
      expect(overlapping(zones)).toEqual([]);
      await shot(page, `power-03-layout-${ex.id}`);
      // One undo step puts every position back.
      await page.keyboard.press('Control+z');
      await expect.poll(() => yaml(page)).toBe(before);
    });
  }

  it('lays out the selection only, leaving the rest where it was', async () => {
    const { page } = s;
    const before = parseTopology(await yaml(page));
    if (!before.ok) throw new Error('parse');
    const picked = before.doc.nodes.slice(0, 3).map((n) => n.id);
    await page.evaluate((ids) => (window as unknown as { __topoforge: { select(n: string[]): void } }).__topoforge.select(ids), picked);
    // Auto layout takes the whole design (issue 18.9); the selection's context menu lays out the selection only.
    await page.locator(`.react-flow__node[data-id="${picked[0]}"]`).click({ button: 'right' });
    await page.getByRole('menu').getByRole('menuitem', { name: 'Lay out these components' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Undo', exact: true }).isEnabled(), { timeout: 20_000 }).toBe(true);
    const after = parseTopology(await yaml(page));
    if (!after.ok) throw new Error('parse');
    for (const n of before.doc.nodes) {
      if (picked.includes(n.id)) continue;
      expect(after.doc.layout[n.id], n.id).toEqual(before.doc.layout[n.id]);
    }
  });

  it('a design opened without positions is laid out as it opens, in the one undo step of opening it', async () => {
    const { page } = s;
    const dir = mkdtempSync(join(tmpdir(), 'topoforge-layout-'));
    const file = join(dir, 'no-layout.topo.yaml');
    const ex = EXAMPLES.find((e) => e.id === 'ecommerce-orders')!;
    writeFileSync(file, ex.yaml.replace(/\nlayout:\n[\s\S]*$/, '\n'));
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open', exact: true }).click()]);
    await chooser.setFiles(file);
    // The design before has unsaved changes (the layout of the selection): asked first (issue 18).
    await page.getByRole('alertdialog').getByRole('button', { name: "Don't save", exact: true }).click();
    await expect.poll(() => page.locator('.react-flow__node-topo').count()).toBe(parseTopology(ex.yaml).ok ? 21 : 0);
    // The layout arrives from the worker: the zones end up around their components.
    await expect.poll(async () => {
      const zones = await boxes(page, '.react-flow__node-zone');
      const nodes = await boxes(page, '.react-flow__node-topo');
      const doc = parseTopology(await yaml(page));
      if (!doc.ok) return false;
      return doc.doc.nodes.every((n) => !n.group || inside(nodes.find((b) => b.id === n.id)!, zones.find((z) => z.id === n.group)!));
    }, { timeout: 20_000 }).toBe(true);
    expect(overlapping(await boxes(page, '.react-flow__node-topo'))).toEqual([]);
    await shot(page, 'power-04-laid-out-on-open');
    // Opening it (with its layout) is one step: Undo brings back the design shown before.
    const opened = await yaml(page);
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(() => yaml(page)).not.toBe(opened);
    await page.getByRole('button', { name: 'Redo', exact: true }).click();
    await expect.poll(() => yaml(page)).toBe(opened);
    expect(s.errors).toEqual([]);
  });
});
