import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, open, shot, type Session } from './browser';
import { dragFromPalette, topoNodes } from './power-helpers';

/**
 * Issue 18, item 1: nothing lost. Open, Import, New and an example replace the design only after
 * asking Save / Don't save / Cancel when it has unsaved changes; the replacement is undoable; the
 * browser's autosave keeps the previous design until the question is answered; Save on the
 * download path says that it downloaded a copy.
 */

const dir = mkdtempSync(join(tmpdir(), 'topoforge-e2e-lost-'));
const OTHER = join(dir, 'other.topo.yaml');
writeFileSync(OTHER, 'topoforge: 1\nname: Other design\nnodes:\n  - id: only-one\n    kind: redis\n    label: Only one\nlayout:\n  only-one: { x: 0, y: 0 }\n');
const COMPOSE = join(dir, 'docker-compose.yml');
writeFileSync(COMPOSE, 'services:\n  cache:\n    image: redis:7\n  api:\n    image: example/api:1\n    depends_on: [cache]\n');

const question = (page: Page) => page.getByRole('alertdialog');
const title = (page: Page) => page.evaluate(() => document.title);
const autosaved = (page: Page) => page.evaluate(() => (JSON.parse(localStorage.getItem('topoforge:autosave:v1') ?? '{}') as { design?: { name?: string } }).design?.name);

async function edited(page: Page): Promise<number> {
  const before = await topoNodes(page).count();
  await dragFromPalette(page, 'RabbitMQ', 200, 140);
  await expect.poll(() => topoNodes(page).count()).toBe(before + 1);
  await expect.poll(() => title(page)).toMatch(/^● /);
  return before + 1;
}

async function openFile(page: Page, file: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open', exact: true }).click()]);
  await chooser.setFiles(file);
}

describe('issue 18.1: nothing is lost when a design replaces the one on the canvas', () => {
  let browser: Browser;
  let s: Session;
  const url = `${inject('appUrl')}?nofs`;

  beforeAll(async () => {
    browser = await launch();
    s = await open(browser, url, { width: 1280, height: 720 }, { fresh: true });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('Open asks first; Cancel keeps the design as it is', async () => {
    const { page } = s;
    const count = await edited(page);
    await openFile(page, OTHER);
    await question(page).waitFor();
    expect(await question(page).textContent()).toMatch(/Save the changes to “OrderProcessingIntegration”/);
    for (const name of ['Save', "Don't save", 'Cancel']) expect(await question(page).getByRole('button', { name, exact: true }).count(), name).toBe(1);
    await shot(page, 'issue18-1-ask-before-open');
    // While the question is open, a reload still finds the edited design in the autosave.
    expect(await autosaved(page)).toBe('OrderProcessingIntegration');
    await question(page).getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect.poll(() => question(page).count()).toBe(0);
    expect(await topoNodes(page).count()).toBe(count);
    expect(await title(page)).toMatch(/^● OrderProcessingIntegration/);
  });

  it("Don't save opens the file, and Undo brings the edited design back, still unsaved", async () => {
    const { page } = s;
    const count = await topoNodes(page).count();
    await openFile(page, OTHER);
    await question(page).getByRole('button', { name: "Don't save", exact: true }).click();
    await expect.poll(() => topoNodes(page).count()).toBe(1);
    await expect.poll(() => title(page)).toBe('Other design — other.topo.yaml — Topoforge');
    const undo = page.getByRole('button', { name: 'Undo', exact: true });
    expect(await undo.isEnabled()).toBe(true);
    await undo.click();
    await expect.poll(() => topoNodes(page).count()).toBe(count);
    await expect.poll(() => title(page)).toMatch(/^● OrderProcessingIntegration/);
    // And Redo opens it again, with its file.
    await page.getByRole('button', { name: 'Redo', exact: true }).click();
    await expect.poll(() => title(page)).toBe('Other design — other.topo.yaml — Topoforge');
    await undo.click();
    await expect.poll(() => topoNodes(page).count()).toBe(count);
    // The autosave follows the design shown: a reload keeps the edited design.
    await expect.poll(() => autosaved(page)).toBe('OrderProcessingIntegration');
    await page.reload();
    await page.getByRole('region', { name: 'Palette' }).waitFor();
    await expect.poll(() => topoNodes(page).count()).toBe(count);
  });

  it('an example from New asks first; Save downloads the design and says it was downloaded, then the example opens', async () => {
    const { page } = s;
    await expect.poll(() => title(page)).toMatch(/^● /);
    await page.getByRole('button', { name: 'New', exact: true }).click();
    await page.getByRole('dialog', { name: 'New design' }).getByRole('button', { name: /Starter/ }).click();
    await question(page).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), question(page).getByRole('button', { name: 'Save', exact: true }).click()]);
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);
    expect(readFileSync(file, 'utf8')).toContain('kind: rabbitmq');
    await page.getByText(/Downloaded .*\.topo\.yaml to your browser's downloads folder/).first().waitFor();
    expect(await page.getByText(/^Saved /).count()).toBe(0);
    await expect.poll(() => title(page)).toMatch(/^Starter/);
  });

  it('New → Blank design and Import ask only when there are unsaved changes', async () => {
    const { page } = s;
    // The example just opened has no changes: no question.
    await page.getByRole('button', { name: 'New', exact: true }).click();
    await page.getByRole('dialog', { name: 'New design' }).getByRole('button', { name: /Blank design/ }).click();
    await expect.poll(() => topoNodes(page).count()).toBe(0);
    expect(await question(page).count()).toBe(0);
    await edited(page);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import', exact: true }).click()]);
    await chooser.setFiles(COMPOSE);
    await question(page).waitFor();
    await question(page).getByRole('button', { name: "Don't save", exact: true }).click();
    await expect.poll(() => topoNodes(page).count()).toBe(2);
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(() => topoNodes(page).count()).toBe(1);
    expect(await page.locator('.react-flow__node[aria-label^="RabbitMQ"]').count()).toBe(1);
  });
});
