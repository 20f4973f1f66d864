import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, open, shot, type Session } from './browser';
import { blank, focusCanvas, nodeById, waitForHook } from './power-helpers';

/**
 * Issue 18, item 3 (and issue 14): a component's service name comes from its label. Renaming it
 * renames its service in the inspector, docker-compose.yml and the configs of what calls it.
 */

describe('renaming a component renames its service', () => {
  let browser: Browser;
  let s: Session;

  beforeAll(async () => {
    browser = await launch();
    s = await open(browser, `${inject('appUrl')}?nofs`, { width: 1440, height: 900 });
    await s.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await waitForHook(s.page);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('the inspector shows the service name, and the stack follows the label', async () => {
    const { page } = s;
    await blank(page);
    await page.evaluate(() =>
      navigator.clipboard.writeText(
        'topoforge: 1\nname: S\nnodes:\n  - { id: gw, kind: nginx, label: Edge }\n  - { id: rest-service-2, kind: rest-service, label: REST service }\nedges:\n  - { from: gw, to: rest-service-2, protocol: http }\nlayout:\n  gw: { x: 0, y: 0 }\n  rest-service-2: { x: 320, y: 0 }\n',
      ),
    );
    await focusCanvas(page);
    await page.keyboard.press('Control+v');
    await expect.poll(() => page.locator('.react-flow__node-topo').count()).toBe(2);
    await nodeById(page, 'rest-service-2').click();
    const inspector = page.getByRole('region', { name: 'Inspector' });
    const label = inspector.getByLabel('Label', { exact: true });
    await label.fill('Orders API');
    await expect.poll(async () => (await inspector.textContent()) ?? '').toContain('the document: orders-api');
    await shot(page, 'issue18-3-service-name');
    if (!(await page.getByRole('region', { name: 'Output' }).isVisible())) await page.getByRole('tab', { name: 'Output' }).click();
    const output = page.getByRole('region', { name: 'Output' });
    await output.getByRole('tab', { name: 'Configs' }).click();
    const tree = output.getByRole('tree', { name: 'Generated files' });
    await tree.getByRole('button', { name: 'docker-compose.yml' }).click();
    const compose = output.locator('pre[aria-label="docker-compose.yml"]');
    await expect.poll(async () => (await compose.textContent()) ?? '').toMatch(/\n {2}orders-api:\n/);
    expect((await compose.textContent()) ?? '').not.toContain('rest-service-2');
    // The gateway in front of it proxies to the new name.
    await tree.getByRole('button', { name: 'nginx.conf' }).click();
    await expect.poll(async () => (await output.locator('pre[aria-label="config/gw/nginx.conf"]').textContent()) ?? '').toContain('orders-api:8080');
  });
});
