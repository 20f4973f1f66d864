import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { serializeTopology } from '../../shared/model/serialize';
import { synthesizeDesign } from '../bench/synth';
import { launch, open, type Session, openDesignFile } from './browser';
import { waitForHook, yaml } from './power-helpers';

/**
 * Issue 19: a large design is checked in a Web Worker (renderer/services/validation-client.ts)
 * and its output generated in another. A label typed key by key into such a design ends with
 * Problems and the Output preview about the label as typed: nothing stale (an earlier check's
 * answer arriving late) and nothing lost.
 */

/** The benchmark's synthetic design (about 900 components and 1,350 connections: over the worker's threshold) and a Kafka connected to itself (an error naming it). */
function design(): string {
  const doc = synthesizeDesign(900, 3);
  doc.nodes.push({ id: 'lonely', kind: 'kafka', label: 'Lonely Kafka', props: {} });
  doc.layout.lonely = { x: -400, y: -400 };
  doc.edges.push({ from: 'lonely', to: 'lonely', protocol: 'kafka', props: {} });
  return serializeTopology(doc);
}

const problems = async (page: Page): Promise<string> => (await page.getByRole('region', { name: 'Problems' }).textContent()) ?? '';
const output = async (page: Page): Promise<string> => (await page.getByRole('region', { name: 'Output' }).textContent()) ?? '';

describe('issue 19: a large design, checked and generated off the main thread', () => {
  let browser: Browser;
  let s: Session;

  beforeAll(async () => {
    browser = await launch();
    s = await open(browser, `${inject('appUrl')}?nofs`, { width: 1600, height: 1000 });
    await waitForHook(s.page);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('opens it, and a label typed into it shows in Problems and in the Output preview, as typed', async () => {
    const { page } = s;
    await openDesignFile(page, 'large.topo.yaml', design());
    await expect.poll(() => problems(page), { timeout: 60_000 }).toContain('Lonely Kafka (Kafka) is connected to itself');
    // The checks of a design this size ran in the worker.
    expect(page.workers().some((w) => /validation/.test(w.url()))).toBe(true);

    await page.getByRole('tab', { name: 'Output' }).click();
    await expect.poll(() => output(page), { timeout: 90_000 }).toContain('Lonely Kafka');

    await page.evaluate(() => (window as unknown as { __topoforge: { select(n: string[]): void } }).__topoforge.select(['lonely']));
    const field = page.getByRole('region', { name: 'Inspector' }).getByLabel('Label', { exact: true });
    await expect.poll(() => field.inputValue()).toBe('Lonely Kafka');
    await field.click();
    await field.press('ControlOrMeta+a');
    // Key by key, faster than a check of the whole design: answers about earlier labels arrive late.
    await field.pressSequentially('Renamed Broker', { delay: 15 });

    await expect.poll(() => output(page), { timeout: 90_000 }).toContain('Renamed Broker');
    expect(await output(page)).not.toContain('Lonely Kafka');
    await page.getByRole('tab', { name: 'Problems' }).click();
    await expect.poll(() => problems(page), { timeout: 60_000 }).toContain('Renamed Broker (Kafka) is connected to itself');
    const text = await problems(page);
    expect(text).not.toContain('Lonely Kafka');
    // One finding about it, about the whole label (no half-typed label left behind).
    expect(text.match(/is connected to itself/g)).toHaveLength(1);
    expect(text).not.toMatch(/Renamed Broke? \(Kafka\)|Renamed Brok \(Kafka\)/);
    expect(await yaml(page)).toMatch(/id: lonely\s+kind: kafka\s+label: Renamed Broker/);
  });
});
