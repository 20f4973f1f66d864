import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { CONTENT_SECURITY_POLICY } from '../../electron/security';
import { launch } from './browser';

/**
 * The desktop adapter (renderer/platform/electron.ts) in Chromium: the built app with a fake
 * `window.topoforge` that keeps to the preload's contract (shared/desktop.ts), injected before
 * the page's scripts run, and served under the desktop shell's Content Security Policy. The fake
 * records every call; the tests play the shell (menu commands, documents, save results).
 */

const EXAMPLE_PATH = '/home/ada/designs/ecommerce-orders.topo.yaml';
const exampleText = readFileSync(join(process.cwd(), 'assets', 'examples', 'ecommerce-orders.topo.yaml'), 'utf8');
const exampleNodes = (parse(exampleText) as { nodes: unknown[] }).nodes.length;

interface Call {
  name: string;
  args: unknown[];
}

interface InitDoc {
  path: string | null;
  name: string;
  text: string;
  dirty: boolean;
  restored: boolean;
}

/** Runs in the page before any of its scripts: the stand-in for electron/preload.ts. */
function installFakeBridge(initial: InitDoc | null): void {
  type Listener = (v: unknown) => void;
  const calls: { name: string; args: unknown[] }[] = [];
  const listeners = { command: new Set<Listener>(), document: new Set<Listener>() };
  let provider: (() => string) | null = null;
  const fake = {
    calls,
    next: { open: { status: 'cancelled' } as unknown, save: null as unknown, saveAs: { status: 'cancelled' } as unknown },
    emitCommand: (id: string) => listeners.command.forEach((l) => l(id)),
    emitDocument: (d: unknown) => listeners.document.forEach((l) => l(d)),
    text: () => (provider ? provider() : null),
  };
  (window as unknown as { __fake: typeof fake }).__fake = fake;
  const rec = (name: string, ...args: unknown[]) => calls.push({ name, args });
  const bridge = {
    version: 1,
    platform: 'linux',
    initialDocument: async () => (rec('initialDocument'), initial),
    newWindow: async () => void rec('newWindow'),
    open: async () => (rec('open'), fake.next.open),
    openRecent: async (p: string) => (rec('openRecent', p), { status: 'cancelled' }),
    recentFiles: async () => [],
    save: async (text: string, path: string) => (rec('save', text, path), fake.next.save ?? { status: 'saved', path, name: path.split('/').pop() }),
    saveAs: async (text: string, name: string) => (rec('saveAs', text, name), fake.next.saveAs),
    setDirty: (d: boolean) => rec('setDirty', d),
    setTitle: (t: string) => rec('setTitle', t),
    updateDraft: (text: string, path: string | null) => rec('updateDraft', text, path),
    exportBundle: async (name: string, files: { path: string; mode?: number }[]) => (rec('exportBundle', name, files.map((f) => f.path)), { status: 'exported', path: `/home/ada/${name}` }),
    exportDiagram: async (format: string, name: string) => (rec('exportDiagram', format, name), { status: 'cancelled' }),
    nativeEdit: (a: string) => rec('nativeEdit', a),
    onCommand: (l: Listener) => (listeners.command.add(l), () => void listeners.command.delete(l)),
    onDocument: (l: Listener) => (listeners.document.add(l), () => void listeners.document.delete(l)),
    provideText: (p: () => string) => {
      provider = p;
    },
  };
  (window as unknown as { topoforge: unknown }).topoforge = Object.freeze(bridge);
}

let browser: Browser;
let context: BrowserContext | undefined;
const url = inject('appUrl');

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await context?.close();
  context = undefined;
});

interface Desktop {
  page: Page;
  errors: string[];
  cspViolations: string[];
  calls(): Promise<Call[]>;
  callsNamed(name: string): Promise<unknown[][]>;
  command(id: string): Promise<void>;
}

/** The app as a desktop window: the fake bridge, the shell's CSP on every response, no network. */
async function desktopWindow(initial: InitDoc | null): Promise<Desktop> {
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const origin = new URL(url).origin;
  await context.route('**/*', async (route) => {
    const u = route.request().url();
    if (!u.startsWith(origin)) return route.abort();
    try {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': CONTENT_SECURITY_POLICY } });
    } catch {
      // The test closed the window while a chunk loaded when idle (the serializer) was in flight.
      await route.abort().catch(() => undefined);
    }
  });
  await context.addInitScript(installFakeBridge, initial);
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      ((window as unknown as { __csp?: string[] }).__csp ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const page = await context.newPage();
  const errors: string[] = [];
  const cspViolations: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  await page.goto(url);
  await page.getByRole('region', { name: 'Palette' }).waitFor();
  const calls = () => page.evaluate(() => (window as unknown as { __fake: { calls: Call[] } }).__fake.calls);
  return {
    page,
    errors,
    cspViolations,
    calls,
    callsNamed: async (name) => (await calls()).filter((c) => c.name === name).map((c) => c.args),
    command: (id) => page.evaluate((cid) => (window as unknown as { __fake: { emitCommand(i: string): void } }).__fake.emitCommand(cid), id),
  };
}

const nodes = (page: Page) => page.locator('.react-flow__node-topo');
const opened = (text: string, path: string | null = EXAMPLE_PATH, dirty = false): InitDoc => ({ path, name: path ? path.split('/').pop()! : 'Untitled', text, dirty, restored: dirty });

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, what: string, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the desktop adapter in Chromium, against a fake preload bridge', () => {
  it('shows the design the shell hands the window, titled with its file, under the shell CSP', async () => {
    const d = await desktopWindow(opened(exampleText));
    await until(() => nodes(d.page).count(), (n) => n === exampleNodes, 'the example nodes');
    const titles = await until(() => d.callsNamed('setTitle'), (t) => t.some((a) => String(a[0]).includes('ecommerce-orders.topo.yaml')), 'the title');
    expect(String(titles.at(-1)?.[0])).not.toContain('●');
    expect((await d.callsNamed('setDirty')).at(-1)).toEqual([false]);
    expect(await d.page.title()).toContain('ecommerce-orders.topo.yaml');
    expect(d.cspViolations).toEqual([]);
    expect(await d.page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])).toEqual([]);
    expect(d.errors).toEqual([]);
  });

  it('starts a window without a file empty, and does not use the browser autosave', async () => {
    const d = await desktopWindow(null);
    await until(() => d.callsNamed('initialDocument'), (c) => c.length === 1, 'initialDocument');
    expect(await nodes(d.page).count()).toBe(0);
    expect(await d.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('topoforge:autosave')))).toEqual([]);
  });

  it('marks the window dirty after a change, drafts the text to the shell, and saves to the same file from the menu', async () => {
    const d = await desktopWindow(opened(exampleText));
    await until(() => nodes(d.page).count(), (n) => n === exampleNodes, 'the example nodes');
    await d.command('edit.selectAll');
    await d.command('edit.delete');
    await until(() => nodes(d.page).count(), (n) => n === 0, 'the nodes to go');
    await until(() => d.callsNamed('setDirty'), (c) => c.at(-1)?.[0] === true, 'setDirty(true)');
    expect(String((await d.callsNamed('setTitle')).at(-1)?.[0])).toContain('●');
    const drafts = await until(() => d.callsNamed('updateDraft'), (c) => c.length > 0, 'a draft');
    expect(drafts.at(-1)?.[1]).toBe(EXAMPLE_PATH);
    expect(String(drafts.at(-1)?.[0])).toContain('topoforge: 1');
    expect((parse(String(drafts.at(-1)?.[0])) as { nodes?: unknown[] }).nodes ?? []).toHaveLength(0);

    await d.command('file.save');
    const saves = await until(() => d.callsNamed('save'), (c) => c.length === 1, 'save');
    expect(saves[0]?.[1]).toBe(EXAMPLE_PATH);
    expect((parse(String(saves[0]?.[0])) as { nodes?: unknown[] }).nodes ?? []).toHaveLength(0);
    await until(() => d.callsNamed('setDirty'), (c) => c.at(-1)?.[0] === false, 'setDirty(false) after saving');
    expect(await d.callsNamed('saveAs')).toEqual([]);
  });

  it('Save As asks the shell, then later saves go to the chosen file', async () => {
    const d = await desktopWindow(null);
    await until(() => d.callsNamed('initialDocument'), (c) => c.length === 1, 'initialDocument');
    await d.page.evaluate(() => {
      (window as unknown as { __fake: { next: { saveAs: unknown } } }).__fake.next.saveAs = { status: 'saved', path: '/home/ada/new.topo.yaml', name: 'new.topo.yaml' };
    });
    await d.command('file.saveAs');
    const asked = await until(() => d.callsNamed('saveAs'), (c) => c.length === 1, 'saveAs');
    expect(String(asked[0]?.[1])).toMatch(/\.topo\.yaml$/);
    await until(() => d.callsNamed('setTitle'), (t) => String(t.at(-1)?.[0]).includes('new.topo.yaml'), 'the new title');
    await d.command('file.save');
    const saves = await until(() => d.callsNamed('save'), (c) => c.length === 1, 'save');
    expect(saves[0]?.[1]).toBe('/home/ada/new.topo.yaml');
  });

  it('opens a file chosen in the shell dialog, and shows the shell error when it cannot be opened', async () => {
    const d = await desktopWindow(null);
    await until(() => d.callsNamed('initialDocument'), (c) => c.length === 1, 'initialDocument');
    await d.page.evaluate((text) => {
      (window as unknown as { __fake: { next: { open: unknown } } }).__fake.next.open = { status: 'opened', doc: { path: '/d/ecommerce-orders.topo.yaml', name: 'ecommerce-orders.topo.yaml', text, dirty: false, restored: false } };
    }, exampleText);
    await d.command('file.open');
    await until(() => nodes(d.page).count(), (n) => n === exampleNodes, 'the opened design');
    await d.page.evaluate(() => {
      (window as unknown as { __fake: { next: { open: unknown } } }).__fake.next.open = {
        status: 'error',
        error: { code: 'TD001', severity: 'error', message: 'Cannot open "gone.topo.yaml": the file or folder does not exist.', hint: 'Check the location.', nodes: [], edges: [] },
      };
    });
    await d.command('file.open');
    const alert = d.page.getByRole('alert').filter({ hasText: 'gone.topo.yaml' });
    await alert.first().waitFor();
    expect(await alert.first().textContent()).toContain('does not exist');
    expect(await nodes(d.page).count()).toBe(exampleNodes);
  });

  it('loads the version on disk when the shell reports a conflict resolved by reloading', async () => {
    const d = await desktopWindow(opened(exampleText));
    await until(() => nodes(d.page).count(), (n) => n === exampleNodes, 'the example nodes');
    await d.command('edit.selectAll');
    await d.command('edit.delete');
    await until(() => nodes(d.page).count(), (n) => n === 0, 'the nodes to go');
    await d.page.evaluate((text) => {
      (window as unknown as { __fake: { next: { save: unknown } } }).__fake.next.save = { status: 'reloaded', doc: { path: '/home/ada/designs/ecommerce-orders.topo.yaml', name: 'ecommerce-orders.topo.yaml', text, dirty: false, restored: false } };
    }, exampleText);
    await d.command('file.save');
    await until(() => nodes(d.page).count(), (n) => n === exampleNodes, 'the version on disk');
    await until(() => d.callsNamed('setDirty'), (c) => c.at(-1)?.[0] === false, 'clean again');
  });

  it('restores a recovered draft as unsaved work', async () => {
    const d = await desktopWindow(opened(exampleText, EXAMPLE_PATH, true));
    await until(() => nodes(d.page).count(), (n) => n === exampleNodes, 'the restored design');
    await until(() => d.callsNamed('setDirty'), (c) => c.at(-1)?.[0] === true, 'dirty');
    expect(String((await d.callsNamed('setTitle')).at(-1)?.[0])).toContain('●');
    await d.page.getByRole('status').filter({ hasText: 'Restored unsaved changes' }).first().waitFor();
  });

  it('gives the shell the current text for saving before the window closes', async () => {
    const d = await desktopWindow(opened(exampleText));
    await until(() => nodes(d.page).count(), (n) => n === exampleNodes, 'the example nodes');
    const text = await until(() => d.page.evaluate(() => (window as unknown as { __fake: { text(): string | null } }).__fake.text()), (t) => t !== null, 'a text provider');
    expect((parse(String(text)) as { nodes: unknown[] }).nodes).toHaveLength(exampleNodes);
  });

  it('sends Edit menu items to a focused text field instead of the canvas', async () => {
    const d = await desktopWindow(opened(exampleText));
    await until(() => nodes(d.page).count(), (n) => n === exampleNodes, 'the example nodes');
    await d.page.getByRole('region', { name: 'Palette' }).getByRole('searchbox').or(d.page.getByRole('region', { name: 'Palette' }).getByRole('textbox')).first().focus();
    await d.command('edit.selectAll');
    await d.command('edit.copy');
    expect(await d.callsNamed('nativeEdit')).toEqual([['selectAll'], ['copy']]);
    expect(await d.page.locator('.react-flow__node-topo.selected').count()).toBe(0);
    await d.page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await d.command('edit.selectAll');
    await until(() => d.page.locator('.react-flow__node-topo.selected').count(), (n) => n === exampleNodes, 'all nodes selected');
  });

  it('exports the bundle through the shell with relative paths', async () => {
    const d = await desktopWindow(opened(exampleText));
    await until(() => nodes(d.page).count(), (n) => n === exampleNodes, 'the example nodes');
    await d.command('file.exportBundle');
    const calls = await until(() => d.callsNamed('exportBundle'), (c) => c.length === 1, 'exportBundle', 30_000);
    const paths = calls[0]?.[1] as string[];
    expect(paths).toContain('INTEGRATION.md');
    expect(paths.every((p) => !p.startsWith('/') && !p.includes('..'))).toBe(true);
    await d.page.getByRole('status').filter({ hasText: '/home/ada/' }).first().waitFor();
  });
});
