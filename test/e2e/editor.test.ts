import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, open, shot, type Session } from './browser';

/**
 * Issue 4's acceptance scenario, as a user does it: from a blank design, drag Kafka, a REST
 * service and PostgreSQL from the palette; connect service → Kafka (accepted) and Kafka →
 * PostgreSQL (refused, saying why); see Problems follow; change a setting and see the Compose
 * file follow; see the Mermaid diagram drawn; save, reopen, nothing lost.
 */

const node = (page: Page, label: string): Locator => page.locator(`.react-flow__node[aria-label="${label}"]`);
const nodes = (page: Page): Locator => page.locator('.react-flow__node-topo');
const edges = (page: Page): Locator => page.locator('.react-flow__edge');

async function dragFromPalette(page: Page, name: string, x: number, y: number): Promise<void> {
  const item = page.getByRole('region', { name: 'Palette' }).getByRole('button', { name, exact: true });
  await item.dragTo(page.locator('.react-flow__pane'), { targetPosition: { x, y } });
}

/** Drags a connection from `from`'s output handle to `to`'s input handle with the mouse. */
async function connect(page: Page, fromId: string, toId: string): Promise<void> {
  await page.locator(`.react-flow__node[data-id="${fromId}"]`).hover();
  const a = await page.locator(`.react-flow__node[data-id="${fromId}"] .react-flow__handle.source`).boundingBox();
  const b = await page.locator(`.react-flow__node[data-id="${toId}"] .react-flow__handle.target`).boundingBox();
  if (!a || !b) throw new Error('handle not found');
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2 + 20, { steps: 8 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
  await page.mouse.up();
}

async function problemsText(page: Page): Promise<string> {
  return (await page.getByRole('region', { name: 'Problems' }).textContent()) ?? '';
}

describe('the canvas editor in Chromium', () => {
  let browser: Browser;
  let s: Session;
  const url = `${inject('appUrl')}?nofs`; // the download / file-input path (no native file dialogs in a headless test)
  const dir = mkdtempSync(join(tmpdir(), 'topoforge-e2e-files-'));

  beforeAll(async () => {
    browser = await launch();
    s = await open(browser, url);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('opens the bundled example on first launch, with the four panels and the toolbar', async () => {
    const { page } = s;
    for (const name of ['Palette', 'Inspector', 'Problems']) await expect(page.getByRole('region', { name }).isVisible()).resolves.toBe(true);
    for (const name of ['New', 'Open', 'Save', 'Undo', 'Redo', 'Auto layout', 'Export']) {
      expect(await page.getByRole('button', { name, exact: true }).count(), name).toBe(1);
    }
    await page.waitForFunction(() => document.querySelectorAll('.react-flow__node-topo').length > 5);
    expect(await nodes(page).count()).toBeGreaterThan(5);
    await page.waitForTimeout(400);
    await shot(page, '01-example-1280x800');
  });

  it('New → Blank design gives an empty canvas', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'New', exact: true }).click();
    await page.getByRole('dialog', { name: 'New design' }).getByRole('button', { name: /Blank design/ }).click();
    await expect.poll(() => nodes(page).count()).toBe(0);
    expect(await edges(page).count()).toBe(0);
    await shot(page, '02-blank');
  });

  it('drags Kafka, a REST service and PostgreSQL from the palette onto the canvas', async () => {
    const { page } = s;
    await dragFromPalette(page, 'REST service', 140, 130);
    await dragFromPalette(page, 'Kafka', 420, 130);
    await dragFromPalette(page, 'PostgreSQL', 420, 300);
    await expect.poll(() => nodes(page).count()).toBe(3);
    for (const label of ['REST service (REST service)', 'Kafka (Kafka)', 'PostgreSQL (PostgreSQL)']) expect(await node(page, label).count(), label).toBe(1);
    // Dropped where the mouse let go (the node is centred on the drop point).
    const box = (await node(page, 'Kafka (Kafka)').boundingBox())!;
    const pane = (await page.locator('.react-flow__pane').boundingBox())!;
    expect(Math.abs(box.x + box.width / 2 - (pane.x + 420))).toBeLessThan(24);
    // Three lone components: Problems says so.
    await expect.poll(() => problemsText(page)).toContain("Kafka isn't connected to anything");
    expect(await problemsText(page)).toContain("PostgreSQL isn't connected to anything");
    await shot(page, '03-three-components');
  });

  it('connects the service to Kafka, with the protocol written on the connection', async () => {
    const { page } = s;
    await connect(page, 'rest-service', 'kafka');
    await expect.poll(() => edges(page).count()).toBe(1);
    await expect.poll(() => page.locator('.topo-edge-label').first().textContent()).toBe('Kafka');
    // Problems follow the design.
    await expect.poll(() => problemsText(page)).toContain('nothing consumes from it');
    expect(await problemsText(page)).not.toContain("Kafka isn't connected to anything");
    // The inspector shows the new connection with its protocol.
    const inspector = page.getByRole('region', { name: 'Inspector' });
    expect(await inspector.getByLabel('Protocol').inputValue()).toBe('kafka');
    await shot(page, '04-connected');
  });

  it('dims the components a connection from Kafka cannot reach while it is dragged', async () => {
    const { page } = s;
    await page.locator('.react-flow__node[data-id="kafka"]').hover();
    const a = (await page.locator('.react-flow__node[data-id="kafka"] .react-flow__handle.source').boundingBox())!;
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await page.mouse.down();
    await page.mouse.move(a.x + 60, a.y + 90, { steps: 6 });
    await expect.poll(() => page.locator('.react-flow__node[data-id="postgresql"] .topo-node').getAttribute('class')).toContain('is-dimmed');
    await shot(page, '05-dragging-connection');
    await page.keyboard.press('Escape');
    await page.mouse.up();
    await expect.poll(() => page.locator('.topo-node.is-dimmed').count()).toBe(0);
  });

  it('refuses Kafka → PostgreSQL and says why, naming PostgreSQL', async () => {
    const { page } = s;
    await connect(page, 'kafka', 'postgresql');
    const alert = page.getByRole('alert').filter({ hasText: 'PostgreSQL' });
    await alert.first().waitFor();
    const text = (await alert.first().textContent()) ?? '';
    expect(text).toMatch(/PostgreSQL can't consume from Kafka/);
    await expect.poll(() => edges(page).count()).toBe(1);
    await shot(page, '06-refused');
  });

  it('a setting changed in the inspector is checked inline with validation\'s wording', async () => {
    const { page } = s;
    await node(page, 'REST service (REST service)').click();
    const inspector = page.getByRole('region', { name: 'Inspector' });
    const port = inspector.getByLabel('Port', { exact: true });
    expect(await port.getAttribute('placeholder')).toBe('8080 (default)'); // the default, shown as one
    await port.fill('70000');
    await expect.poll(() => inspector.getByRole('alert').first().textContent()).toMatch(/Port must be .*65[,.]?535/);
    expect(await port.getAttribute('aria-invalid')).toBe('true');
    await shot(page, '07-inline-error');
    await port.fill('9090');
    await expect.poll(() => inspector.getByRole('alert').count()).toBe(0);
  });

  it('the Compose file follows the inspector', async () => {
    const { page } = s;
    await page.getByRole('tab', { name: 'Output' }).click();
    const output = page.getByRole('region', { name: 'Output' });
    await output.getByRole('tab', { name: 'Compose' }).click();
    const compose = output.locator('pre[aria-label="docker-compose.yml"]');
    await compose.waitFor();
    await expect.poll(() => compose.textContent()).toContain('9090');
    const port = page.getByRole('region', { name: 'Inspector' }).getByLabel('Port', { exact: true });
    await port.fill('9191');
    await expect.poll(() => compose.textContent()).toContain('9191');
    expect(await compose.textContent()).not.toContain('9090');
    await shot(page, '08-compose-follows-inspector');
    await port.fill('9090');
    await expect.poll(() => compose.textContent()).toContain('9090');
  });

  it('draws the Mermaid diagram', async () => {
    const { page } = s;
    if (!(await page.getByRole('region', { name: 'Output' }).isVisible())) await page.getByRole('tab', { name: 'Output' }).click();
    const output = page.getByRole('region', { name: 'Output' });
    await output.getByRole('tab', { name: 'Mermaid' }).click();
    const svg = output.locator('.mermaid-svg svg');
    await svg.waitFor({ timeout: 30_000 });
    expect(await svg.locator('.node').count()).toBeGreaterThanOrEqual(3);
    expect(await svg.textContent()).toContain('Kafka');
    await shot(page, '09-mermaid');
    await output.getByRole('tab', { name: 'Template' }).click();
    await output.locator('article.markdown h1').first().waitFor();
    await shot(page, '10-template');
  });

  it('saves the design as a file and reopens it with nothing lost', async () => {
    const { page } = s;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save', exact: true }).click()]);
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);
    expect(download.suggestedFilename()).toMatch(/\.topo\.yaml$/);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('kind: kafka');
    expect(text).toContain('port: 9090');
    expect(text).toMatch(/from: rest-service\s+to: kafka\s+protocol: kafka/);

    // Start over, then open the saved file.
    await page.getByRole('button', { name: 'New', exact: true }).click();
    await page.getByRole('dialog', { name: 'New design' }).getByRole('button', { name: /Blank design/ }).click();
    await expect.poll(() => nodes(page).count()).toBe(0);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open', exact: true }).click()]);
    await chooser.setFiles(file);
    await expect.poll(() => nodes(page).count()).toBe(3);
    await expect.poll(() => edges(page).count()).toBe(1);
    await node(page, 'REST service (REST service)').click();
    expect(await page.getByRole('region', { name: 'Inspector' }).getByLabel('Port', { exact: true }).inputValue()).toBe('9090');
    await shot(page, '11-reopened');
  });

  it('a broken file is refused with its line, and the current design stays', async () => {
    const { page } = s;
    const bad = join(dir, 'broken.topo.yaml');
    writeFileSync(bad, 'topoforge: 1\nname: Broken\nnodes:\n  - id: a\n    kind: kafka\n   label: [unclosed\n');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open', exact: true }).click()]);
    await chooser.setFiles(bad);
    const alert = page.getByRole('alert').filter({ hasText: 'broken.topo.yaml' });
    await alert.first().waitFor();
    expect(await alert.first().textContent()).toMatch(/line \d+/);
    expect(await nodes(page).count()).toBe(3);
    await shot(page, '12-broken-file-refused');
  });

  it('a reload restores the working design from the autosave', async () => {
    const { page } = s;
    await page.waitForTimeout(600); // autosave is debounced
    await page.reload();
    await page.getByRole('region', { name: 'Palette' }).waitFor();
    await expect.poll(() => nodes(page).count()).toBe(3);
    await expect.poll(() => edges(page).count()).toBe(1);
  });

  it('moving a component with the mouse or the arrow keys changes only its layout, on the 16 px grid', async () => {
    const { page } = s;
    // What the autosave holds (written shortly after each change).
    const saved = () => page.evaluate(() => JSON.parse(localStorage.getItem('topoforge:autosave:v1') ?? '{}').text as string);
    const layoutOf = (text: string, id: string) => {
      const m = new RegExp(`^  ${id}: \\{ x: (-?\\d+), y: (-?\\d+) \\}$`, 'm').exec(text);
      return { x: Number(m?.[1]), y: Number(m?.[2]) };
    };
    const before = await saved();
    const start = layoutOf(before, 'postgresql');
    const box = (await node(page, 'PostgreSQL (PostgreSQL)').boundingBox())!;
    await page.mouse.move(box.x + 40, box.y + 20);
    await page.mouse.down();
    await page.mouse.move(box.x + 10, box.y + 30, { steps: 4 });
    await page.mouse.move(box.x - 60, box.y + 40, { steps: 4 });
    await page.mouse.up();
    await expect.poll(async () => layoutOf(await saved(), 'postgresql').x).toBeLessThan(start.x);
    const after = await saved();
    const moved = layoutOf(after, 'postgresql');
    expect(moved.x % 16).toBe(0);
    expect(moved.y % 16).toBe(0);
    // Nothing but that layout line changed.
    expect(after.replace(/^  postgresql: .*$/m, '')).toBe(before.replace(/^  postgresql: .*$/m, ''));
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => layoutOf(await saved(), 'postgresql').x).toBeGreaterThan(moved.x);
    expect(layoutOf(await saved(), 'postgresql').y).toBe(moved.y);
  });

  it('Shift-click adds to the selection and Shift-drag selects with a box', async () => {
    const { page } = s;
    const inspector = page.getByRole('region', { name: 'Inspector' });
    await node(page, 'REST service (REST service)').click();
    await node(page, 'PostgreSQL (PostgreSQL)').click({ modifiers: ['Shift'] });
    await expect.poll(() => page.locator('.react-flow__node-topo.selected').count()).toBe(2);
    await expect.poll(() => inspector.locator('.inspector-hero-title').first().textContent()).toMatch(/2 items selected/);

    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await expect.poll(() => page.locator('.react-flow__node-topo.selected').count()).toBe(0);
    const boxes = await Promise.all((await nodes(page).all()).map((n) => n.boundingBox()));
    const left = Math.min(...boxes.map((b) => b!.x)) - 24;
    const top = Math.min(...boxes.map((b) => b!.y)) - 24;
    const right = Math.max(...boxes.map((b) => b!.x + b!.width)) + 24;
    const bottom = Math.max(...boxes.map((b) => b!.y + b!.height)) + 24;
    await page.keyboard.down('Shift');
    await page.mouse.move(left, top);
    await page.mouse.down();
    await page.mouse.move((left + right) / 2, (top + bottom) / 2, { steps: 5 });
    await page.mouse.move(right, bottom, { steps: 5 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    await expect.poll(() => page.locator('.react-flow__node-topo.selected').count()).toBe(3);
    await shot(page, '13-box-selection');
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await expect.poll(() => page.locator('.react-flow__node-topo.selected').count()).toBe(0);
  });

  it('deleting a component removes its connections', async () => {
    const { page } = s;
    await node(page, 'Kafka (Kafka)').click();
    await page.keyboard.press('Delete');
    await expect.poll(() => nodes(page).count()).toBe(2);
    expect(await edges(page).count()).toBe(0);
  });

  it('ran without page errors', () => {
    expect(s.errors).toEqual([]);
  });
});

describe('working with the example design', () => {
  let browser: Browser;
  let s: Session;

  beforeAll(async () => {
    browser = await launch();
    s = await open(browser, `${inject('appUrl')}?nofs`);
    await s.page.waitForFunction(() => document.querySelectorAll('.react-flow__node-topo').length > 5);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('clicking a problem selects what it concerns and shows it in the inspector', async () => {
    const { page } = s;
    const problems = page.getByRole('region', { name: 'Problems' });
    const row = problems.locator('button.problem:not([disabled])').first();
    await row.click();
    const inspector = page.getByRole('region', { name: 'Inspector' });
    await expect.poll(() => inspector.locator('.inspector-hero-title').first().textContent()).not.toBe('Design');
    expect(await page.locator('.react-flow__node.selected, .react-flow__edge.selected').count()).toBeGreaterThan(0);
    // A finding about one component: the inspector shows that component.
    const lone = problems.locator('button.problem:not([disabled])').filter({ hasText: 'FedEx' }).first();
    await lone.click();
    await expect.poll(() => inspector.getByLabel('Label', { exact: true }).inputValue()).toBe('FedEx');
    expect(await page.locator('.react-flow__node.selected').getAttribute('data-id')).toBe('fedex');
  });

  it('the palette search finds components by name, id and keyword', async () => {
    const { page } = s;
    const palette = page.getByRole('region', { name: 'Palette' });
    const search = palette.getByRole('searchbox', { name: 'Search components' });
    await search.fill('cdc');
    await expect.poll(() => palette.getByRole('button', { name: 'Debezium', exact: true }).count()).toBe(1);
    expect(await palette.getByRole('button', { name: 'Kafka', exact: true }).count()).toBe(0);
    await search.fill('postgres');
    await expect.poll(() => palette.getByRole('button', { name: 'PostgreSQL', exact: true }).count()).toBe(1);
    // Enter adds the first match.
    const before = await nodes(page).count();
    await search.fill('mongo');
    await search.press('Enter');
    await expect.poll(() => nodes(page).count()).toBe(before + 1);
    expect(await page.locator('.react-flow__node-topo.selected').getAttribute('aria-label')).toBe('MongoDB (MongoDB)');
    await search.fill('');
    expect(await palette.getByRole('button').count()).toBeGreaterThanOrEqual(35);
  });

  it('clicking a palette item adds it at the centre of the view, selected', async () => {
    const { page } = s;
    const before = await nodes(page).count();
    await page.getByRole('region', { name: 'Palette' }).getByRole('button', { name: 'Vault', exact: true }).click();
    await expect.poll(() => nodes(page).count()).toBe(before + 1);
    const vault = node(page, 'Vault (Vault)');
    const box = (await vault.boundingBox())!;
    const pane = (await page.locator('.react-flow__pane').boundingBox())!;
    // Near the centre of the view, and on no other component.
    expect(Math.hypot(box.x + box.width / 2 - (pane.x + pane.width / 2), box.y + box.height / 2 - (pane.y + pane.height / 2))).toBeLessThan(box.width * 3);
    for (const other of await nodes(page).all()) {
      if ((await other.getAttribute('data-id')) === 'vault') continue;
      const o = (await other.boundingBox())!;
      const overlaps = o.x < box.x + box.width && box.x < o.x + o.width && o.y < box.y + box.height && box.y < o.y + o.height;
      expect(overlaps, await other.getAttribute('aria-label') ?? '').toBe(false);
    }
    expect(await vault.getAttribute('class')).toContain('selected');
  });

  it('renaming a component refuses an invalid id and keeps connections on a valid one', async () => {
    const { page } = s;
    const edgeCount = await edges(page).count();
    await page.getByRole('button', { name: 'Fit view', exact: true }).click();
    await page.waitForTimeout(400);
    await page.locator('.react-flow__node[data-id="orders"]').click();
    const inspector = page.getByRole('region', { name: 'Inspector' });
    const id = inspector.getByLabel('Id', { exact: true });
    await id.fill('Orders API');
    await expect.poll(() => inspector.getByRole('alert').first().textContent()).toMatch(/lower-case/);
    await id.fill('orders-svc');
    await id.press('Enter');
    await expect.poll(() => page.locator('.react-flow__node[data-id="orders-svc"]').count()).toBe(1);
    expect(await page.locator('.react-flow__node[data-id="orders"]').count()).toBe(0);
    await expect.poll(() => edges(page).count()).toBe(edgeCount);
  });

  it('double-clicking a component puts the cursor in its label', async () => {
    const { page } = s;
    await page.locator('.react-flow__node[data-id="grafana"]').dblclick();
    const label = page.getByRole('region', { name: 'Inspector' }).getByLabel('Label', { exact: true });
    await expect.poll(() => label.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('Dashboards');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.react-flow__node[data-id="grafana"]').getAttribute('aria-label')).toBe('Dashboards (Grafana)');
  });

  it('Reverse turns a connection around', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Fit view', exact: true }).click();
    await page.locator('.react-flow__node[data-id="orders-svc"]').click();
    const before = await edges(page).count();
    const edge = page.locator('.react-flow__edge[data-id^="orders-svc->"]').first();
    const id = (await edge.getAttribute('data-id'))!;
    await edge.click({ force: true });
    const inspector = page.getByRole('region', { name: 'Inspector' });
    await expect.poll(() => inspector.locator('.inspector-hero-title').first().textContent()).toBe('Connection');
    await inspector.getByRole('button', { name: 'Reverse' }).click();
    const [from, to] = id.replace(/#\d+$/, '').split('->');
    await expect.poll(() => page.locator(`.react-flow__edge[data-id="${to}->${from}"]`).count()).toBeGreaterThan(0);
    await expect.poll(() => edges(page).count()).toBe(before);
  });

  it('letting a connection go anywhere on a component that can take it connects', async () => {
    const { page } = s;
    // The example opens at a readable size, larger than this window: all of it in view first.
    await page.getByRole('button', { name: 'Fit view', exact: true }).click();
    await page.waitForTimeout(400);
    await page.getByRole('region', { name: 'Palette' }).getByRole('button', { name: 'Worker', exact: true }).click();
    const worker = page.locator('.react-flow__node-topo.selected');
    await expect.poll(() => worker.count()).toBe(1);
    const workerId = (await worker.getAttribute('data-id'))!;
    await page.locator('.react-flow__node[data-id="events"]').hover();
    const a = (await page.locator('.react-flow__node[data-id="events"] .react-flow__handle.source').boundingBox())!;
    const b = (await worker.boundingBox())!;
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await page.mouse.down();
    await page.mouse.move(b.x + b.width * 0.6, b.y + b.height / 2, { steps: 10 });
    await page.mouse.up();
    await expect.poll(() => page.locator(`.react-flow__edge[data-id="events->${workerId}"]`).count()).toBe(1);
  });

  it('adds an item to a list setting (a Kafka topic) and fills it in', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Fit view', exact: true }).click();
    await page.locator('.react-flow__node[data-id="events"]').click();
    const inspector = page.getByRole('region', { name: 'Inspector' });
    const topics = inspector.locator('.field-list').filter({ hasText: 'Topics' }).first();
    const count = await topics.locator('details.list-item').count();
    await topics.getByRole('button', { name: 'Add topic' }).click();
    const item = topics.locator('details.list-item').nth(count);
    await expect.poll(() => item.getAttribute('open')).not.toBeNull();
    const name = item.getByLabel('Name', { exact: true });
    await name.fill('audit.events');
    await item.getByLabel('Partitions', { exact: true }).fill('6');
    expect(await item.getAttribute('open')).not.toBeNull(); // stays open while it is filled in
    await expect.poll(() => item.locator('summary').textContent()).toContain('audit.events');
    await expect.poll(() => page.evaluate(() => localStorage.getItem('topoforge:autosave:v1') ?? '')).toContain('audit.events');
  });

  it('Export downloads the bundle as a zip', async () => {
    const { page } = s;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export', exact: true }).click()]);
    expect(download.suggestedFilename()).toMatch(/-bundle\.zip$/);
    const path = await download.path();
    const files = Object.keys(unzipSync(new Uint8Array(readFileSync(path))));
    expect(files.some((f) => f.endsWith('/diagram.mmd'))).toBe(true);
    expect(files.some((f) => f.endsWith('/INTEGRATION.md'))).toBe(true);
  });

  it('ran without page errors', () => {
    expect(s.errors).toEqual([]);
  });
});

describe('layout at 1920×1080', () => {
  it('shows the example design with every panel', async () => {
    const browser = await launch();
    try {
      const s = await open(browser, inject('appUrl'), { width: 1920, height: 1080 });
      await s.page.waitForFunction(() => document.querySelectorAll('.react-flow__node-topo').length > 5);
      await s.page.waitForTimeout(500);
      await shot(s.page, '14-example-1920x1080');
      await s.page.locator('.react-flow__node-topo').nth(3).click();
      await shot(s.page, '15-node-inspector-1920x1080');
      expect(s.errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
