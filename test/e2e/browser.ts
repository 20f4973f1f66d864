import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];
export const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors and console errors seen so far. */
  errors: string[];
}

/**
 * A fresh context (empty storage), a page at `url`, and a record of page errors. Unless `fresh`,
 * the window is arranged as a user who opened the inspector and the bottom panel did (tests of
 * other things than the arrangement; the defaults fold them away in narrow windows).
 */
export async function open(browser: Browser, url: string, viewport = { width: 1280, height: 800 }, opts: { fresh?: boolean } = {}): Promise<Session> {
  const context = await browser.newContext({ viewport, acceptDownloads: true, deviceScaleFactor: 1 });
  if (!opts.fresh) {
    await context.addInitScript(() => {
      if (!localStorage.getItem('topoforge:ui:v1')) localStorage.setItem('topoforge:ui:v1', JSON.stringify({ paletteOpen: true, inspectorOpen: true, bottomOpen: true }));
    });
  }
  // Only the app's own server is reachable: anything else is refused, so the test proves the app works offline.
  const origin = new URL(url).origin;
  await context.route('**/*', (route) => (route.request().url().startsWith(origin) || route.request().url().startsWith('data:') || route.request().url().startsWith('blob:') ? route.continue() : route.abort()));
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  await page.goto(url);
  await page.getByRole('region', { name: 'Palette' }).waitFor();
  return { context, page, errors };
}

export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** Opens a design through the toolbar's Open button, as a user picks a file (its text as given). */
export async function openDesignFile(page: Page, name: string, text: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open', exact: true }).first().click();
  await (await chooser).setFiles({ name, mimeType: 'application/yaml', buffer: Buffer.from(text) });
}
