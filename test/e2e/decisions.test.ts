import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EXAMPLES } from '../../assets/examples';
import { undecided } from '../../generators/doc';
import { parseTopology } from '../../shared/model/parse';
import { launch, open, shot, type Session } from './browser';

/**
 * Issue 17's acceptance in the app: the document's preview marks the fields the drawing cannot
 * answer; clicking one opens its question in the Decisions view (section, why it matters, the
 * template's options, a suggestion); answering every listed decision leaves no open field, and
 * the saved design file keeps the answers.
 */

const STARTER = EXAMPLES.find((e) => e.id === 'starter')!.yaml;
const parsedStarter = parseTopology(STARTER);
if (!parsedStarter.ok) throw new Error('starter example does not parse');
const OPEN = undecided(parsedStarter.doc);

const decisions = (page: Page) => page.getByRole('region', { name: 'Decisions' });
const openCards = (page: Page) => decisions(page).getByRole('list', { name: 'Open decisions' }).locator(':scope > li');

describe('the Decisions view in Chromium', () => {
  /** Requirement keys answered through the view, with the answer given. */
  const answered = new Map<string, string>();
  let browser: Browser;
  let s: Session;
  const dir = mkdtempSync(join(tmpdir(), 'topoforge-e2e-decisions-'));
  const file = join(dir, 'starter.topo.yaml');

  beforeAll(async () => {
    writeFileSync(file, STARTER);
    browser = await launch();
    s = await open(browser, `${inject('appUrl')}?nofs`);
    const { page } = s;
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open', exact: true }).click()]);
    await chooser.setFiles(file);
    await page.waitForFunction((n) => document.querySelectorAll('.react-flow__node-topo').length === n, parsedStarter.doc.nodes.length);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('marks every open field in the document preview, and a click on one opens its question', async () => {
    const { page } = s;
    expect(OPEN.length).toBeGreaterThan(10);
    await page.getByRole('tab', { name: 'Output', exact: true }).click();
    const output = page.getByRole('region', { name: 'Output' });
    await output.getByRole('tab', { name: 'Template' }).click();
    const article = output.locator('article.markdown');
    await article.locator('h1').first().waitFor();
    await expect.poll(() => article.locator('li.is-undecided').count()).toBe(OPEN.length);
    await article.locator('li.is-undecided').first().scrollIntoViewIfNeeded();
    await shot(page, 'decisions-01-preview-marks');

    const versioning = OPEN.find((q) => q.variable === 'EVENT_VERSIONING')!;
    await article.locator('li.is-undecided', { hasText: 'Event Versioning' }).click();
    const card = decisions(page).getByRole('group', { name: `${versioning.section}: ${versioning.label}` });
    await card.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Answer: Event Versioning');
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('Schema versioning.');
    expect(text).toContain('Open: no schema registry checks new event versions.');
    for (const c of versioning.choices) expect(await card.getByRole('button', { name: c, exact: true }).count(), c).toBe(1);
    expect(text).toContain(`Suggested from the design: ${versioning.suggestion!.value}`);
    await shot(page, 'decisions-02-question');
  });

  it('answering every listed decision leaves none open, and the document reads them as decisions', async () => {
    const { page } = s;
    // The click on the preview left the Decisions view open (a click on its tab would close it).
    expect(await page.getByRole('tab', { name: 'Decisions', exact: true }).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => openCards(page).count()).toBe(OPEN.length);
    for (let i = 0; i < OPEN.length; i++) {
      const before = await openCards(page).count();
      if (before === 0) break;
      const first = openCards(page).first();
      const head = first.locator('.decision-head');
      if ((await head.getAttribute('aria-expanded')) !== 'true') await head.click();
      const input = first.getByRole('textbox');
      const key = /requirements\.([A-Za-z0-9]+)/.exec((await first.locator('.decision-answer-label').textContent()) ?? '')![1]!;
      if (!(await input.inputValue()).trim()) {
        // No suggestion: take the template's first option (a number field gets a number).
        const label = (await input.getAttribute('aria-label')) ?? '';
        const q = OPEN.find((x) => `Answer: ${x.label}` === label);
        if (q?.input === 'number') await input.fill('250');
        else await first.getByRole('group', { name: 'Options from the template' }).getByRole('button').first().click();
      }
      answered.set(key, await input.inputValue());
      await first.getByRole('button', { name: 'Save answer' }).click();
      // An answer can close more than its own question (a latency target gives the calls a timeout).
      await expect.poll(() => openCards(page).count()).toBeLessThan(before);
    }
    expect(answered.size).toBeGreaterThan(10);
    await expect.poll(() => decisions(page).getByText('No open decisions').count()).toBe(1);
    expect(await decisions(page).getByText('Every field of the template is answered or not used by this design.').count()).toBe(1);
    await shot(page, 'decisions-03-all-answered');

    await page.getByRole('tab', { name: 'Output', exact: true }).click();
    const article = page.getByRole('region', { name: 'Output' }).locator('article.markdown');
    await expect.poll(async () => (await article.textContent()) ?? '').toContain('(decided)');
    await expect.poll(() => article.locator('li.is-undecided').count()).toBe(0);
    expect((await article.textContent()) ?? '').not.toContain('Not decided');
  });

  it('the saved design file keeps the answers', async () => {
    const { page } = s;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save', exact: true }).click()]);
    const saved = join(dir, `saved-${download.suggestedFilename()}`);
    await download.saveAs(saved);
    const reread = parseTopology(readFileSync(saved, 'utf8'));
    if (!reread.ok) throw new Error('the saved design does not parse');
    for (const [key, value] of answered) {
      const kept = reread.doc.requirements[key];
      expect(Array.isArray(kept) ? kept.join(', ') : String(kept), key).toBe(value);
    }
    expect(reread.doc.requirements.eventVersioning).toBe(OPEN.find((q) => q.variable === 'EVENT_VERSIONING')!.suggestion!.value);
    expect(undecided(reread.doc)).toEqual([]);
    expect(s.errors).toEqual([]);
  });
});
