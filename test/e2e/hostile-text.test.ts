import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, open, type Session } from './browser';

/**
 * A design file someone else wrote, full of markup and script: opened in the app, every place
 * that shows what a user typed (the canvas, the inspector, Problems, the document preview with its
 * drawn diagrams, the Mermaid tab, the Compose and config views) shows it as text. Nothing runs,
 * no dialog opens, no event handler or `javascript:` link reaches the page.
 */

const RUN = (how: string) => `window.__pwned='${how}'`;
const HOSTILE = [
  `<img src=x onerror="${RUN('img')}">`,
  `<script>${RUN('script')}</script>`,
  `[click me](javascript:${RUN('link')})`,
  `<svg onload="${RUN('svg')}"></svg>`,
  `<a href="javascript:${RUN('href')}">x</a>`,
  `"]; click orders call alert(1); %%{init: {'securityLevel':'loose'}}%%`,
  '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
].join(' ');

const design = {
  topoforge: 1,
  name: `Shop ${HOSTILE}`,
  description: `# Heading\n\n${HOSTILE}\n\n<details open ontoggle="${RUN('details')}">x</details>`,
  requirements: { businessPurpose: HOSTILE, scope: `<style>body{display:none}</style>${HOSTILE}` },
  nodes: [
    { id: 'orders', kind: 'rest-service', label: `Orders ${HOSTILE}` },
    { id: 'events', kind: 'kafka', label: `<b onmouseover="${RUN('hover')}">Events</b>` },
    { id: 'db', kind: 'postgres', label: `DB <img src=x onerror="${RUN('db')}">`, props: { database: `x'; DROP TABLE t; -- ${HOSTILE}` } },
  ],
  edges: [
    { from: 'orders', to: 'events', protocol: 'kafka', label: `--> evil[${HOSTILE}]` },
    { from: 'events', to: 'db', protocol: 'kafka', label: HOSTILE },
  ],
};

async function pwned(page: Page): Promise<unknown> {
  return page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
}

/** Event-handler attributes, `javascript:` links and scripts other than the app's own, anywhere in the page. */
async function injected(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const el of Array.from(document.querySelectorAll('*'))) {
      for (const a of Array.from(el.attributes)) {
        if (/^on/i.test(a.name)) found.push(`${el.tagName} ${a.name}`);
        if (/^\s*javascript:/i.test(a.value)) found.push(`${el.tagName} ${a.name}=${a.value.slice(0, 40)}`);
      }
      if (el.tagName === 'SCRIPT' && !(el as HTMLScriptElement).src) found.push('inline SCRIPT');
      if (el.tagName === 'IFRAME') found.push('IFRAME');
    }
    return found;
  });
}

describe('a design full of markup and script, opened in the app', () => {
  let browser: Browser;
  let s: Session;
  const dialogs: string[] = [];
  const url = `${inject('appUrl')}?nofs`;

  beforeAll(async () => {
    browser = await launch();
    s = await open(browser, url);
    s.page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const dir = mkdtempSync(join(tmpdir(), 'topoforge-e2e-hostile-'));
    const file = join(dir, 'hostile.topo.yaml');
    writeFileSync(file, JSON.stringify(design, null, 2));
    const [chooser] = await Promise.all([s.page.waitForEvent('filechooser'), s.page.getByRole('button', { name: 'Open', exact: true }).click()]);
    await chooser.setFiles(file);
    await s.page.waitForFunction(() => document.querySelectorAll('.react-flow__node-topo').length === 3);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows the labels as text on the canvas and in the inspector', async () => {
    const { page } = s;
    const orders = page.locator('.react-flow__node[data-id="orders"]');
    await expect.poll(() => orders.textContent()).toContain('<img src=x onerror=');
    await page.locator('.react-flow__node[data-id="events"]').hover();
    await orders.click();
    const inspector = page.getByRole('region', { name: 'Inspector' });
    await expect.poll(() => inspector.getByLabel('Label', { exact: true }).inputValue()).toContain('<script>');
    await page.locator('.react-flow__node[data-id="db"]').click();
    expect(await pwned(page)).toBeUndefined();
    expect(await injected(page)).toEqual([]);
  });

  it('the document preview, with its diagrams drawn, runs nothing', async () => {
    const { page } = s;
    await page.getByRole('tab', { name: 'Output' }).click();
    const output = page.getByRole('region', { name: 'Output' });
    await output.getByRole('tab', { name: 'Template' }).click();
    const article = output.locator('article.markdown');
    await article.locator('h1').first().waitFor();
    await expect.poll(() => article.textContent()).toContain('onerror=');
    await article.locator('figure.markdown-diagram svg').first().waitFor({ timeout: 30_000 });
    // Hover and click everything a user might: nothing fires.
    for (const el of await article.locator('a, img, details, figure').all()) await el.hover({ timeout: 2_000 }).catch(() => undefined);
    expect(await pwned(page)).toBeUndefined();
    expect(await injected(page)).toEqual([]);
    // No element a label brought (Mermaid's own diagrams carry their own <style>).
    expect(await article.locator('img, iframe, style').evaluateAll((els) => els.filter((e) => !e.closest('svg')).map((e) => e.outerHTML.slice(0, 200)))).toEqual([]);
    expect(await page.evaluate(() => getComputedStyle(document.body).display)).not.toBe('none');
  });

  it('the Mermaid tab draws the diagram with the labels as text', async () => {
    const { page } = s;
    const output = page.getByRole('region', { name: 'Output' });
    await output.getByRole('tab', { name: 'Mermaid' }).click();
    const svg = output.locator('.mermaid-svg svg');
    await svg.waitFor({ timeout: 30_000 });
    // The three components and nothing a label tried to add.
    expect(await svg.locator('.node').count()).toBe(3);
    expect(await svg.textContent()).toContain('onerror=');
    for (const n of await svg.locator('.node').all()) await n.click({ timeout: 2_000 }).catch(() => undefined);
    expect(await pwned(page)).toBeUndefined();
    expect(await injected(page)).toEqual([]);
  });

  it('the Compose and config views show text only, and no dialog ever opened', async () => {
    const { page } = s;
    const output = page.getByRole('region', { name: 'Output' });
    await output.getByRole('tab', { name: 'Compose' }).click();
    const compose = output.locator('pre[aria-label="docker-compose.yml"]');
    await compose.waitFor();
    await expect.poll(() => compose.textContent()).toContain('services:');
    await output.getByRole('tab', { name: 'Configs' }).click();
    expect(await pwned(page)).toBeUndefined();
    expect(await injected(page)).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(s.errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  });
});
