// Renders topoforge.svg to the PNG sizes the installers need (png/NxN.png, 16-1024 px), with
// Debian's Chromium through playwright-core. Run after changing the SVG: node assets/icons/render-icons.mjs
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const here = dirname(fileURLToPath(import.meta.url));
const svg = readFileSync(join(here, 'topoforge.svg'), 'utf8');
mkdirSync(join(here, 'png'), { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  for (const size of ICON_SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    const sized = svg.replace('width="1024" height="1024"', `width="${size}" height="${size}"`);
    await page.setContent(`<html><body style="margin:0;background:transparent">${sized}</body></html>`);
    await page.screenshot({ path: join(here, 'png', `${size}x${size}.png`), omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(`rendered ${ICON_SIZES.length} sizes into assets/icons/png/`);
