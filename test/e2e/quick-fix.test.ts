import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, open, shot, type Session } from './browser';
import { blank, focusCanvas, waitForHook, yaml } from './power-helpers';

/**
 * Issue 15: every error offers a fix a user applies in one step, from the Problems list; the
 * fix is one undoable change.
 */

describe('issue 15: one-step fixes in Problems', () => {
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

  it('a queue drawn into a database: the fix puts a worker between them, and Undo takes it back', async () => {
    const { page } = s;
    await blank(page);
    await page.evaluate(() =>
      navigator.clipboard.writeText(
        'topoforge: 1\nname: F\nnodes:\n  - { id: jobs, kind: rabbitmq, label: Jobs }\n  - { id: db, kind: postgres, label: Orders DB }\n  - { id: api, kind: rest-service, label: API }\nedges:\n  - { from: api, to: jobs, protocol: amqp, props: { queue: jobs } }\n  - { from: jobs, to: db }\nlayout:\n  api: { x: 0, y: 0 }\n  jobs: { x: 320, y: 0 }\n  db: { x: 640, y: 0 }\n',
      ),
    );
    await focusCanvas(page);
    await page.keyboard.press('Control+v');
    await expect.poll(() => page.locator('.react-flow__node-topo').count()).toBe(3);
    const before = await yaml(page);
    const problems = page.getByRole('region', { name: 'Problems' });
    await expect.poll(async () => (await problems.textContent()) ?? '').toMatch(/TF101/);
    const fix = problems.getByRole('button', { name: 'Put a Worker between them', exact: true });
    await fix.waitFor();
    await shot(page, 'issue15-quick-fix');
    await fix.click();
    await expect.poll(() => page.locator('.react-flow__node-topo').count()).toBe(4);
    const text = await yaml(page);
    expect(text).toMatch(/from: jobs\s+to: worker\s+protocol: amqp/);
    expect(text).toMatch(/from: worker\s+to: db\s+protocol: sql/);
    await expect.poll(async () => (await problems.textContent()) ?? '').not.toMatch(/TF101/);
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(() => yaml(page)).toBe(before);
  });
});
