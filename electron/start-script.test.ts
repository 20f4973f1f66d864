import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * `npm start` as a user runs it. Electron's package finds its binary through
 * ELECTRON_OVERRIDE_DIST_PATH when set: an empty folder stands for "binary not installed", a
 * folder with a stand-in `electron` executable for "installed".
 */
const ROOT = resolve(__dirname, '..');
const children: ChildProcess[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const c of children.splice(0)) {
    if (c.pid && c.exitCode === null) {
      try {
        process.kill(-c.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  }
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'tf-start-'));
  dirs.push(d);
  return d;
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => res(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

function npmStart(env: Record<string, string>, args: string[] = []): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  let out = '';
  const child = spawn('npm', ['start', ...(args.length ? ['--', ...args] : [])], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, output: () => out, exited };
}

async function waitFor(cond: () => boolean, ms: number, what: string, output: () => string): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; output:\n${output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('npm start', () => {
  it('without the Electron binary: says so plainly and serves the app in the browser', async () => {
    const port = await freePort();
    const run = npmStart({ ELECTRON_OVERRIDE_DIST_PATH: tempDir(), PORT: String(port) });
    const url = `http://127.0.0.1:${port}/`;
    await waitFor(() => run.output().includes(url), 120_000, 'the URL', run.output);
    const out = run.output();
    expect(out).toContain("Electron's binary is not installed on this machine (it is downloaded from GitHub at install time, which was not possible here).");
    expect(out).toContain('`npx electron@40.8.5 --version`');
    expect(out).toContain('`npm rebuild electron`');
    expect(out).toContain('Meanwhile, here is the app in your browser:');
    // The address is among the first lines, not after pages of build output (issue 18).
    const lines = out.split('\n');
    expect(lines.findIndex((l) => l.includes(url))).toBeLessThan(10);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<div id="root"></div>');
    const script = /src="\.?\/?(assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect((await fetch(url + script)).status).toBe(200);
    process.kill(-run.child.pid!, 'SIGTERM');
    await run.exited;
    // The server goes away with it (its process may take a moment longer than npm's to exit).
    await expect.poll(() => fetch(url).then(() => 'still serving', () => 'gone'), { timeout: 15_000, interval: 250 }).toBe('gone');
  }, 180_000);

  it('with the Electron binary: builds main and preload and launches Electron on the example design', async () => {
    const fake = tempDir();
    const record = join(fake, 'argv.json');
    // A stand-in executable: records its arguments and exits.
    writeFileSync(join(fake, 'electron'), `#!/usr/bin/env node\nrequire('fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify(process.argv.slice(2)));\n`);
    chmodSync(join(fake, 'electron'), 0o755);
    const run = npmStart({ ELECTRON_OVERRIDE_DIST_PATH: fake });
    const code = await run.exited;
    expect(code, run.output()).toBe(0);
    expect(run.output()).not.toContain('not installed');
    expect(JSON.parse(readFileSync(record, 'utf8'))).toEqual([ROOT, join(ROOT, 'assets', 'examples', 'ecommerce-orders.topo.yaml')]);
    expect(existsSync(join(ROOT, 'electron', 'dist', 'main.cjs'))).toBe(true);
    expect(existsSync(join(ROOT, 'electron', 'dist', 'preload.cjs'))).toBe(true);
    expect(existsSync(join(ROOT, 'dist', 'renderer', 'index.html'))).toBe(true);
  }, 180_000);
});
