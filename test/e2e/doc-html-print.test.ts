/**
 * INTEGRATION.html in Chromium, as a wiki or a reviewer opens it: nothing is fetched (the page
 * is self-contained), the diagram is drawn as SVG and fits the printed page, and Chromium's
 * print-to-PDF makes a multi-page A4 document with text (not an image of it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { generateBundle } from '../../generators/bundle';
import { loadExamples } from '../golden/fixtures';
import { launch } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('INTEGRATION.html prints to PDF in Chromium', () => {
  for (const { name, doc } of loadExamples()) {
    it(`${name}: self-contained, diagram on the page, A4 PDF with text`, async () => {
      const html = generateBundle(doc).find((f) => f.path === 'INTEGRATION.html')!.content;
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const requests: string[] = [];
      await context.route('**/*', (route) => {
        requests.push(route.request().url());
        return route.abort();
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      await page.setContent(html, { waitUntil: 'load' });
      expect(requests).toEqual([]);
      expect(errors).toEqual([]);

      // The diagram: one SVG, a box per component, drawn with a size.
      const svg = page.locator('figure.diagram svg');
      await expect.poll(() => svg.count()).toBe(1);
      expect(await page.locator('figure.diagram svg g.component').count()).toBe(doc.nodes.length);
      const screen = await svg.boundingBox();
      expect(screen!.width).toBeGreaterThan(300);

      // Printed: the diagram fits the page width, every section heading is there.
      await page.emulateMedia({ media: 'print' });
      const fits = await page.evaluate(() => {
        const s = document.querySelector('figure.diagram svg')!.getBoundingClientRect();
        return { svg: s.width, page: document.documentElement.clientWidth };
      });
      expect(fits.svg).toBeGreaterThan(0);
      expect(fits.svg).toBeLessThanOrEqual(fits.page);
      expect(await page.locator('h2').allTextContents()).toEqual(expect.arrayContaining(['Diagram', 'Integration Overview', 'Prompt Template', 'Components']));

      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      const text = pdf.toString('latin1');
      expect(text.startsWith('%PDF-')).toBe(true);
      const pages = (text.match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      expect(pages).toBeGreaterThanOrEqual(3);
      expect(text).toMatch(/\/Font/);
      await context.close();
    });
  }
});
