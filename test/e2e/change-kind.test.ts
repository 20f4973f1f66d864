import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, open, shot, type Session } from './browser';
import { blank, focusCanvas, nodeById, waitForHook, yaml } from './power-helpers';

/**
 * Issue 18, item 10: a component's kind is changed in the inspector; the connections that stay
 * valid are kept, the others are removed and named with the reason; one undo step puts it back.
 */

describe('issue 18.10: changing a component’s kind', () => {
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

  it('keeps the connections that stay valid and says which were removed, and Undo brings them back', async () => {
    const { page } = s;
    await blank(page);
    await page.evaluate(() =>
      navigator.clipboard.writeText(
        'topoforge: 1\nname: K\nnodes:\n  - { id: api, kind: rest-service, label: API }\n  - { id: bus, kind: kafka, label: Bus, props: { retentionHours: 24 } }\n  - { id: worker, kind: worker, label: Worker }\nedges:\n  - { from: api, to: bus, protocol: kafka }\n  - { from: bus, to: worker, protocol: kafka }\nlayout:\n  api: { x: 0, y: 0 }\n  bus: { x: 320, y: 0 }\n  worker: { x: 640, y: 0 }\n',
      ),
    );
    await focusCanvas(page);
    await page.keyboard.press('Control+v');
    await expect.poll(() => page.locator('.react-flow__node-topo').count()).toBe(3);
    const before = await yaml(page);
    await nodeById(page, 'bus').click();
    const kind = page.getByRole('region', { name: 'Inspector' }).getByLabel('Kind', { exact: true });
    expect(await kind.inputValue()).toBe('kafka');
    await kind.selectOption({ label: 'Kong' });
    await expect.poll(() => yaml(page)).toMatch(/id: bus\s+kind: kong/);
    const text = await yaml(page);
    expect(text).toMatch(/from: api\s+to: bus\s+protocol: http/);
    expect(text).not.toMatch(/from: bus\s+to: worker/);
    expect(text).not.toContain('retentionHours');
    const toast = page.locator('.toast').filter({ hasText: 'Removed a connection' });
    await toast.waitFor();
    expect(await toast.textContent()).toMatch(/Bus → Worker/);
    await shot(page, 'issue18-10-kind-changed');
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(() => yaml(page)).toBe(before);
  });
});
