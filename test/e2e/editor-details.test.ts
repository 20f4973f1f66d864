import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseTopology } from '../../shared/model/parse';
import { launch, open, type Session } from './browser';
import { blank, focusCanvas, nodeById, waitForHook, yaml } from './power-helpers';

/**
 * Issue 18, the "Also" list, each as a person meets it: the Authentication error in full; a
 * click on one component of a multi-selection selects just it; a number field never shows text
 * the design does not hold; empty requirements say "not decided"; the first arrow-key nudge moves
 * along one axis; Ctrl+A takes zones too; undoing Auto layout shows the design; the compose
 * importer's notes are in Problems.
 */

const DESIGN =
  'topoforge: 1\nname: Details\ngroups:\n  - { id: edge-zone, label: Edge }\nnodes:\n  - { id: gw, kind: kong, label: Kong, group: edge-zone, props: { auth: none } }\n  - { id: api, kind: rest-service, label: API }\n  - { id: db, kind: postgres, label: DB }\nedges:\n  - { from: gw, to: api }\n  - { from: api, to: db }\nlayout:\n  edge-zone: { x: -40, y: -60, w: 300, h: 180 }\n  gw: { x: 5, y: 7 }\n  api: { x: 400, y: 0 }\n  db: { x: 800, y: 0 }\n';

async function docOf(page: Page) {
  const r = parseTopology(await yaml(page));
  if (!r.ok) throw new Error('the design does not parse');
  return r.doc;
}

const selection = (page: Page) => page.evaluate(() => (window as unknown as { __topoforge: { selection(): { nodes: string[] } } }).__topoforge.selection().nodes.slice().sort());

describe('issue 18, also: the details', () => {
  let browser: Browser;
  let s: Session;

  beforeAll(async () => {
    browser = await launch();
    s = await open(browser, `${inject('appUrl')}?nofs`, { width: 1440, height: 900 });
    await s.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await waitForHook(s.page);
    await blank(s.page);
    await s.page.evaluate((t) => navigator.clipboard.writeText(t), DESIGN);
    await focusCanvas(s.page);
    await s.page.keyboard.press('Control+v');
    await s.page.waitForFunction(() => document.querySelectorAll('.react-flow__node-topo').length === 3);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('a click on one component of a multi-selection selects just it', async () => {
    const { page } = s;
    expect((await selection(page)).length).toBeGreaterThan(1); // the pasted components
    await nodeById(page, 'api').click();
    expect(await selection(page)).toEqual(['api']);
  });

  it('shows the Authentication error in full', async () => {
    const { page } = s;
    await nodeById(page, 'gw').click();
    const inspector = page.getByRole('region', { name: 'Inspector' });
    const alert = inspector.getByRole('alert').filter({ hasText: 'with no authentication' });
    await alert.first().waitFor();
    expect(await alert.first().textContent()).toContain('Kong faces the internet');
  });

  it('the first arrow-key nudge moves along one axis only', async () => {
    const { page } = s;
    await nodeById(page, 'gw').click();
    const start = (await docOf(page)).layout.gw!;
    expect(start.y % 16).not.toBe(0); // off the grid, as the file had it
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await docOf(page)).layout.gw!.x).not.toBe(start.x);
    const p = (await docOf(page)).layout.gw!;
    expect(p.y).toBe(start.y);
    expect(p.x).toBe(start.x + 16);
  });

  it('a number field does not keep text the design does not hold', async () => {
    const { page } = s;
    await nodeById(page, 'api').click();
    const port = page.getByRole('region', { name: 'Inspector' }).getByLabel('Port', { exact: true });
    await port.fill('9999');
    await expect.poll(() => yaml(page)).toContain('port: 9999');
    await port.fill('abc');
    await page.getByRole('region', { name: 'Inspector' }).getByRole('alert').filter({ hasText: 'must be a number' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await port.inputValue()).toBe('9999');
    expect(await yaml(page)).toContain('port: 9999');
  });

  it('empty requirements say they are not decided, not a value', async () => {
    const { page } = s;
    await page.locator('.react-flow__pane').click({ position: { x: 8, y: 8 } }); // the canvas, off any component: the design's inspector
    const inspector = page.getByRole('region', { name: 'Inspector' });
    for (const label of ['Latency p99 (ms)', 'Throughput (TPS)', 'Availability', 'Business purpose']) {
      const field = inspector.getByLabel(label, { exact: true });
      expect(await field.inputValue(), label).toBe('');
      expect(await field.getAttribute('placeholder'), label).toMatch(/^not decided/);
    }
  });

  it('Ctrl+A selects the zones too', async () => {
    const { page } = s;
    await nodeById(page, 'db').click();
    await page.keyboard.press('Control+a');
    expect(await selection(page)).toEqual(['api', 'db', 'edge-zone', 'gw']);
  });

  it('undoing Auto layout shows the design again', async () => {
    const { page } = s;
    await page.locator('.react-flow__pane').click({ position: { x: 8, y: 8 } });
    const before = await yaml(page);
    await page.getByRole('button', { name: 'Auto layout', exact: true }).click();
    await expect.poll(() => yaml(page), { timeout: 20_000 }).not.toBe(before);
    await page.waitForTimeout(500);
    // Far from where the design was before the layout: pan the view away.
    await page.mouse.move(700, 400);
    await page.mouse.down();
    await page.mouse.move(100, 100, { steps: 6 });
    await page.mouse.up();
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(() => yaml(page)).toBe(before);
    await page.waitForTimeout(500);
    const off = await page.evaluate(() => {
      const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
      return [...document.querySelectorAll<HTMLElement>('.react-flow__node-topo')].filter((n) => {
        const r = n.getBoundingClientRect();
        return r.right < pane.left || r.left > pane.right || r.bottom < pane.top || r.top > pane.bottom;
      }).length;
    });
    expect(off).toBe(0);
  });

  it("shows the compose importer's notes in Problems", async () => {
    const { page } = s;
    const file = join(mkdtempSync(join(tmpdir(), 'topoforge-details-')), 'docker-compose.yml');
    writeFileSync(file, 'services:\n  thing:\n    image: example/in-house-thing:3\n  cache:\n    image: redis:7\n');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import', exact: true }).click()]);
    await chooser.setFiles(file);
    const ask = page.getByRole('alertdialog');
    await ask.or(page.locator('.react-flow__node[data-id="thing"]')).first().waitFor();
    if (await ask.count()) await ask.getByRole('button', { name: "Don't save", exact: true }).click();
    await expect.poll(() => page.locator('.react-flow__node-topo').count()).toBe(2);
    const problems = page.getByRole('region', { name: 'Problems' });
    await expect.poll(async () => (await problems.textContent()) ?? '').toMatch(/TF602/); // the kind of `thing` is undecided
  });
});
