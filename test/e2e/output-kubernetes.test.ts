import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, open, shot, type Session } from './browser';

/**
 * Issue 20 in the app: the Output panel's Kubernetes tab shows the k8s/ folder of the bundle
 * (base, overlays, env examples) for the example design, with the command that applies it.
 */
describe('the Kubernetes tab of the Output panel', () => {
  let browser: Browser;
  let s: Session;

  beforeAll(async () => {
    browser = await launch();
    s = await open(browser, `${inject('appUrl')}?nofs`);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('lists the base, the overlays and the secrets examples, and shows a manifest', async () => {
    const { page } = s;
    await page.waitForFunction(() => document.querySelectorAll('.react-flow__node-topo').length > 5);
    if (!(await page.getByRole('region', { name: 'Output' }).isVisible())) await page.getByRole('tab', { name: 'Output' }).click();
    const output = page.getByRole('region', { name: 'Output' });
    await output.getByRole('tab', { name: 'Kubernetes' }).click();
    const tree = output.getByRole('tree', { name: 'Generated files' });
    await expect.poll(() => tree.getByRole('treeitem').count()).toBeGreaterThan(10);
    const text = (await tree.textContent()) ?? '';
    for (const name of ['base', 'overlays', 'dev', 'prod', 'kustomization.yaml', 'network-policies.yaml', 'secrets']) expect(text, name).toContain(name);
    expect(text).not.toContain('docker-compose.yml');
    expect(await output.getByLabel('How to apply the manifests').textContent()).toContain('kubectl apply -k k8s/overlays/dev');
    await tree.getByRole('button', { name: 'network-policies.yaml' }).click();
    await expect.poll(async () => (await output.locator('pre[aria-label="k8s/base/network-policies.yaml"]').textContent()) ?? '').toContain('default-deny-all');
    await shot(page, 'output-kubernetes');
    // The Configs tab keeps the starter stack's files.
    await output.getByRole('tab', { name: 'Configs' }).click();
    expect((await output.getByRole('tree', { name: 'Generated files' }).textContent()) ?? '').not.toContain('overlays');
  });
});
