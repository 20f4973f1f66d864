import { existsSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseTopology } from '../../shared/model/parse';
import { launch, open, shot, type Session } from './browser';
import { topoNodes, waitForHook, yaml } from './power-helpers';

/** File → Import in the app: a real-world compose file and a Mermaid flowchart become designs. */

const ROOT = resolve(__dirname, '../..');
const CONFLUENT = [join(ROOT, '../shared/fixtures/compose/cp-all-in-one-community.yml'), join(ROOT, 'test/fixtures/compose/cp-all-in-one-community.yml')].find(existsSync)!;

describe('File → Import in Chromium', () => {
  let browser: Browser;
  let s: Session;

  beforeAll(async () => {
    browser = await launch();
    s = await open(browser, `${inject('appUrl')}?nofs`);
    await waitForHook(s.page);
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function importFile(path: string): Promise<void> {
    const [chooser] = await Promise.all([s.page.waitForEvent('filechooser'), s.page.getByRole('button', { name: 'Import', exact: true }).click()]);
    await chooser.setFiles(path);
  }

  it('imports the Confluent all-in-one compose file with every service, laid out', async () => {
    const { page } = s;
    await importFile(CONFLUENT);
    await expect.poll(async () => (await yaml(page)).includes('id: ksql-datagen'), { timeout: 30_000 }).toBe(true);
    const doc = parseTopology(await yaml(page));
    if (!doc.ok) throw new Error('the imported design does not parse');
    // ZooKeeper is part of the broker and the ksqlDB CLI part of the ksqlDB server (the importer's notes say so).
    expect(doc.doc.nodes.map((n) => n.id).sort()).toEqual(['broker', 'connect', 'ksql-datagen', 'ksqldb-server', 'rest-proxy', 'schema-registry']);
    await expect.poll(() => topoNodes(page).count(), { timeout: 15_000 }).toBe(6);
    await page.getByText(/Imported cp-all-in-one-community\.yml/).first().waitFor();
    await shot(page, 'import-01-confluent');
    expect(s.errors).toEqual([]);
  });

  it('refuses a file that is not a compose file or a flowchart, keeping the design', async () => {
    const { page } = s;
    const before = await yaml(page);
    const dir = mkdtempSync(join(tmpdir(), 'tf-import-'));
    const bad = join(dir, 'notes.yml');
    writeFileSync(bad, 'services: [unclosed\n');
    await importFile(bad);
    await page.getByText(/notes\.yml can't be imported/).first().waitFor();
    expect(await yaml(page)).toBe(before);
  });
});
