import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synthesizeDesign } from '../../test/bench/synth';
import { generateBundle } from '../bundle';
import { generateBundleOnThreads } from './parallel';

/**
 * The second thread's contract: the bundle is the same files whichever thread made which part,
 * and a worker that cannot run leaves its part to this thread. (The built worker itself is run by
 * test/unit/cli.test.ts, through the real command.)
 */

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tf-threads-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function worker(name: string, body: string): URL {
  const p = join(dir, name);
  writeFileSync(p, body);
  return pathToFileURL(p);
}

const doc = synthesizeDesign(40, 3);
const paths = (files: { path: string }[]) => files.map((f) => f.path);

describe('generateBundleOnThreads', () => {
  it('a worker that dies, or sends nothing, leaves its parts to this thread: the same bundle', async () => {
    const whole = generateBundle(doc);
    for (const body of ['process.exit(3);', 'throw new Error("not started");', '']) {
      const files = await generateBundleOnThreads(doc, { workerUrl: worker(`w${body.length}.mjs`, body), minComponents: 1 });
      expect(files).toEqual(whole);
    }
  });

  it("a generator's error on the worker is the command's error, as on one thread", async () => {
    const url = worker('boom.mjs', "import { parentPort } from 'node:worker_threads'; parentPort.postMessage({ error: 'Two generators produced k8s/x.yaml', stack: 'Error: Two generators produced k8s/x.yaml\\n    at f (x.js:1:1)' });");
    await expect(generateBundleOnThreads(doc, { workerUrl: url, minComponents: 1 })).rejects.toThrow(/^Two generators produced k8s\/x\.yaml$/);
  });

  it("the worker's files join this thread's, sorted, and a path made twice is refused", async () => {
    const url = worker('dup.mjs', "import { parentPort } from 'node:worker_threads'; parentPort.postMessage({ files: [{ path: 'zz.txt', content: 'z\\n' }, { path: 'a.txt', content: 'a\\n' }] });");
    const files = await generateBundleOnThreads(doc, { workerUrl: url, minComponents: 1 });
    const own = paths(generateBundle(doc)).filter((p) => !p.startsWith('k8s/') && !p.startsWith('config/') && !['docker-compose.yml', '.env.example', 'README.md'].includes(p));
    expect(paths(files)).toEqual([...own, 'a.txt', 'zz.txt'].sort());
    const twice = worker('twice.mjs', "import { parentPort } from 'node:worker_threads'; parentPort.postMessage({ files: [{ path: 'INTEGRATION.md', content: 'x' }] });");
    await expect(generateBundleOnThreads(doc, { workerUrl: twice, minComponents: 1 })).rejects.toThrow(/Two generators produced INTEGRATION\.md/);
  });

  it('a small design, or no worker script, is made on this thread alone', async () => {
    const missing = pathToFileURL(join(dir, 'none.mjs'));
    expect(await generateBundleOnThreads(doc, { workerUrl: missing, minComponents: 1 })).toEqual(generateBundle(doc));
    const never = worker('never.mjs', 'throw new Error("must not start");');
    expect(await generateBundleOnThreads(doc, { workerUrl: never })).toEqual(generateBundle(doc));
  });
});
