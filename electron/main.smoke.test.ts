import { build } from 'esbuild';
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP_CHANNELS as C } from '../shared/desktop';
import { CONTENT_SECURITY_POLICY } from './security';
import { auditWebPreferences } from './window-options';

/**
 * The built main process (electron/dist/main.cjs, as esbuild makes it) run in Node against a
 * stand-in `electron` module that records what the app asks of Electron. Electron's binary
 * cannot be installed here; this checks the glue in main.ts: start-up, protocol, permissions,
 * windows, menus, IPC sender and argument checks, saving, closing.
 */

const ROOT = resolve(__dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'tf-main-smoke-'));
const userData = join(work, 'user-data');
const designs = join(work, 'designs');
mkdirSync(designs, { recursive: true });
const design = join(designs, 'orders.topo.yaml');
writeFileSync(design, 'topoforge: 1\nname: Orders\nnodes: []\nedges: []\n');
mkdirSync(join(userData, 'drafts'), { recursive: true });
writeFileSync(join(userData, 'drafts', 'wold-1.draft.json'), JSON.stringify({ format: 1, key: 'wold-1', path: null, name: 'Untitled', text: 'name: Recovered\n', updatedAt: '2026-01-01T00:00:00.000Z' }));
// The renderer build the app:// protocol serves.
const appPath = join(work, 'app');
mkdirSync(join(appPath, 'dist', 'renderer'), { recursive: true });
writeFileSync(join(appPath, 'dist', 'renderer', 'index.html'), '<!doctype html><div id="root"></div>');
writeFileSync(join(work, 'secret.txt'), 'secret');

type Handler = (...args: never[]) => unknown;
const rec = {
  schemes: [] as unknown[],
  protocolHandlers: new Map<string, (r: Request) => Promise<Response>>(),
  permission: null as null | ((wc: unknown, p: string, cb: (ok: boolean) => void) => void),
  headers: null as null | ((d: { responseHeaders: Record<string, string[]> }, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void),
  windows: [] as FakeWindow[],
  menus: [] as unknown[],
  handles: new Map<string, Handler>(),
  ons: new Map<string, Handler>(),
  dialogs: [] as { kind: string; opts: Record<string, unknown> }[],
  messageAnswers: [] as number[],
  saveAnswers: [] as (string | null)[],
  quit: 0,
};

let contentsId = 0;
class FakeContents extends EventEmitter {
  id = ++contentsId;
  sent: unknown[][] = [];
  openHandler: ((d: { url: string }) => unknown) | null = null;
  send(...a: unknown[]) {
    this.sent.push(a);
  }
  setWindowOpenHandler(h: (d: { url: string }) => unknown) {
    this.openHandler = h;
  }
  reloads = 0;
  reload() {
    this.reloads++;
  }
  undo() {}
  redo() {}
  cut() {}
  copy() {}
  paste() {}
  selectAll() {}
}
class FakeWindow extends EventEmitter {
  static focused: FakeWindow | null = null;
  webContents = new FakeContents();
  url = '';
  title = '';
  closed = false;
  constructor(readonly opts: Record<string, unknown>) {
    super();
    rec.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  static getFocusedWindow() {
    return FakeWindow.focused;
  }
  async loadURL(u: string) {
    this.url = u;
  }
  show() {}
  isDestroyed() {
    return this.closed;
  }
  maximize() {}
  isMaximized() {
    return false;
  }
  isMinimized() {
    return false;
  }
  focus() {}
  restore() {}
  getNormalBounds() {
    return { x: 10, y: 10, width: 1000, height: 700 };
  }
  setTitle(t: string) {
    this.title = t;
  }
  setDocumentEdited() {}
  setRepresentedFilename() {}
  close() {
    const ev = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    this.emit('close', ev);
    if (!ev.defaultPrevented) {
      this.closed = true;
      this.emit('closed');
    }
  }
}
let ready: () => void = () => undefined;
const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  getAppPath: () => appPath,
  getPath: (n: string) => (n === 'userData' ? userData : designs),
  requestSingleInstanceLock: () => true,
  quit: () => void rec.quit++,
  exit: () => undefined,
  setName: () => undefined,
  setAppUserModelId: () => undefined,
  addRecentDocument: () => undefined,
  clearRecentDocuments: () => undefined,
  whenReady: () => new Promise<void>((r) => (ready = r)),
});
const display = { workArea: { x: 0, y: 0, width: 1920, height: 1080 } };
const fakeElectron = {
  app,
  BrowserWindow: FakeWindow,
  protocol: {
    registerSchemesAsPrivileged: (s: unknown[]) => rec.schemes.push(...s),
    handle: (scheme: string, h: (r: Request) => Promise<Response>) => rec.protocolHandlers.set(scheme, h),
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (h: typeof rec.permission) => (rec.permission = h),
      setPermissionCheckHandler: () => undefined,
      webRequest: { onHeadersReceived: (h: typeof rec.headers) => (rec.headers = h) },
    },
  },
  screen: { getAllDisplays: () => [display], getPrimaryDisplay: () => display, getDisplayMatching: () => display },
  Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: (m: unknown) => rec.menus.push(m) },
  ipcMain: { handle: (c: string, h: Handler) => rec.handles.set(c, h), on: (c: string, h: Handler) => rec.ons.set(c, h) },
  dialog: {
    showMessageBox: async (...a: unknown[]) => {
      rec.dialogs.push({ kind: 'message', opts: a.at(-1) as Record<string, unknown> });
      return { response: rec.messageAnswers.shift() ?? 0 };
    },
    showSaveDialog: async (...a: unknown[]) => {
      rec.dialogs.push({ kind: 'save', opts: a.at(-1) as Record<string, unknown> });
      const p = rec.saveAnswers.shift() ?? null;
      return { canceled: p === null, filePath: p ?? undefined };
    },
    showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
  },
};

const appFrame = { url: 'app://topoforge/index.html', parent: null };
const event = (w: FakeWindow, frame: { url: string; parent: unknown } = appFrame) => ({ sender: w.webContents, senderFrame: frame });
const invoke = (channel: string, w: FakeWindow, ...args: unknown[]) => (rec.handles.get(channel) as (...a: unknown[]) => Promise<unknown>)(event(w), ...args);
const send = (channel: string, w: FakeWindow, ...args: unknown[]) => (rec.ons.get(channel) as (...a: unknown[]) => void)(event(w), ...args);

async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!cond()) throw new Error(`timed out: ${what}`);
}

const originalLoad = (Module as unknown as { _load: (...a: unknown[]) => unknown })._load;
const originalArgv = process.argv;

beforeAll(async () => {
  const outfile = join(work, 'main.cjs');
  await build({ entryPoints: [join(ROOT, 'electron/main.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['electron'], outfile, logLevel: 'error' });
  (Module as unknown as { _load: (...a: unknown[]) => unknown })._load = function (request: unknown, ...rest: unknown[]) {
    if (request === 'electron') return fakeElectron;
    return originalLoad.call(this, request, ...rest);
  };
  process.argv = ['/x/electron', ROOT, design];
  rec.messageAnswers.push(0); // "Restore" for the leftover draft
  Module.createRequire(__filename)(outfile);
  ready();
  await until(() => rec.windows.length === 2 && rec.windows.every((w) => w.url !== ''), 'two windows');
}, 60_000);

afterAll(async () => {
  // Let the background writes (window state, recent list) finish before the folder goes.
  await new Promise((r) => setTimeout(r, 300));
  (Module as unknown as { _load: unknown })._load = originalLoad;
  process.argv = originalArgv;
  rmSync(work, { recursive: true, force: true });
});

describe('the main process, against a stand-in Electron', () => {
  it('registers app:// as a secure standard scheme before ready', () => {
    expect(rec.schemes).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, bypassCSP: false }) })]);
  });

  it('serves the renderer from app:// with the CSP, and nothing outside it', async () => {
    const h = rec.protocolHandlers.get('app')!;
    const ok = await h(new Request('app://topoforge/index.html'));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await ok.text()).toContain('id="root"');
    for (const u of ['app://topoforge/../../secret.txt', 'app://topoforge/%2e%2e/%2e%2e/secret.txt', 'app://topoforge/..%2f..%2fsecret.txt', 'app://other/index.html']) {
      expect((await h(new Request(u))).status, u).toBe(404);
    }
  });

  it('refuses every permission and puts the CSP on every response', () => {
    let answer: boolean | null = null;
    rec.permission!({}, 'media', (ok) => (answer = ok));
    expect(answer).toBe(false);
    let headers: Record<string, string[]> = {};
    rec.headers!({ responseHeaders: { 'x-a': ['1'] } }, (r) => (headers = r.responseHeaders));
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
  });

  it('opens windows per the security checklist, on the app origin: the restored draft and the file from argv', async () => {
    for (const w of rec.windows) {
      expect(auditWebPreferences(w.opts.webPreferences as Record<string, unknown>)).toEqual([]);
      expect(w.url).toBe('app://topoforge/index.html');
    }
    const [restored, opened] = rec.windows as [FakeWindow, FakeWindow];
    expect(rec.dialogs[0]?.opts.message).toMatch(/closed without saving/);
    expect(await invoke(C.initialDocument, restored)).toMatchObject({ path: null, text: 'name: Recovered\n', dirty: true, restored: true });
    expect(await invoke(C.initialDocument, opened)).toMatchObject({ path: design, name: 'orders.topo.yaml', dirty: false });
  });

  it('denies navigation and new windows', () => {
    const wc = rec.windows[0]!.webContents;
    const ev = { prevented: false, preventDefault() { this.prevented = true; } };
    wc.emit('will-navigate', ev, 'https://example.com/');
    expect(ev.prevented).toBe(true);
    expect(wc.openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });

  it('builds the menu from the command registry, with the opened file in Open Recent', async () => {
    type M = { label: string; submenu: { label?: string; submenu?: { label?: string }[] }[] }[];
    const fileMenu = () => (rec.menus.at(-1) as M).find((m) => m.label === '&File')!;
    // The recent list is updated (and the menu rebuilt) just after the file is opened.
    await until(() => fileMenu().submenu.find((i) => i.label === 'Open Recent')!.submenu!.length > 1, 'the recent file in the menu');
    const file = fileMenu();
    expect(file.submenu.map((i) => i.label).filter(Boolean)).toEqual(expect.arrayContaining(['New', 'Open…', 'Open Recent', 'Save', 'Save As…', 'Close Window']));
    expect(file.submenu.find((i) => i.label === 'Open Recent')!.submenu!.map((i) => i.label)).toContain('orders.topo.yaml');
  });

  it('refuses IPC from a frame that is not the app, and arguments out of bounds', async () => {
    const w = rec.windows[1]!;
    const evil = (await (rec.handles.get(C.save) as (...a: unknown[]) => Promise<unknown>)(event(w, { url: 'https://evil.example/', parent: null }), 'x', design)) as { status: string; error: { code: string } };
    expect(evil).toMatchObject({ status: 'error', error: { code: 'TD004' } });
    expect(await invoke(C.save, w, 42, design)).toMatchObject({ status: 'error', error: { code: 'TD004' } });
    expect(await invoke(C.save, w, 'pwned', join(work, 'secret.txt'))).toMatchObject({ status: 'error', error: { code: 'TD004' } });
    expect(await invoke(C.exportBundle, w, 'b', [{ path: '../escape.txt', data: 'x' }])).toMatchObject({ status: 'error', error: { code: 'TD004' } });
    expect(await invoke(C.openRecent, w, join(work, 'secret.txt'))).toMatchObject({ status: 'error', error: { code: 'TD004' } });
    expect(readFileSync(join(work, 'secret.txt'), 'utf8')).toBe('secret');
    expect(existsSync(join(work, 'escape.txt'))).toBe(false);
  });

  it('saves the opened file atomically with a .bak, and Save As where the user chose', async () => {
    const w = rec.windows[1]!;
    send(C.setDirty, w, true);
    expect(await invoke(C.save, w, 'topoforge: 1\nname: Orders v2\n', design)).toEqual({ status: 'saved', path: design, name: 'orders.topo.yaml' });
    expect(readFileSync(design, 'utf8')).toContain('Orders v2');
    expect(readFileSync(`${design}.bak`, 'utf8')).toContain('name: Orders\n');
    const chosen = join(designs, 'copy');
    rec.saveAnswers.push(chosen);
    expect(await invoke(C.saveAs, w, 'name: Copy\n', 'Orders.topo.yaml')).toMatchObject({ status: 'saved', path: `${chosen}.topo.yaml` });
    send(C.setTitle, w, '● Orders\u0000 — Topoforge');
    expect(w.title).toBe('● Orders  — Topoforge');
  });

  it('reloads a crashed page with its last draft as unsaved work', async () => {
    const w = rec.windows[1]!;
    const path = `${join(designs, 'copy')}.topo.yaml`;
    send(C.setDirty, w, true);
    send(C.updateDraft, w, 'name: Before the crash\n', path);
    w.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    expect(w.webContents.reloads).toBe(1);
    expect(await invoke(C.initialDocument, w)).toEqual({ path, name: 'copy.topo.yaml', text: 'name: Before the crash\n', dirty: true, restored: true });
    expect(await invoke(C.save, w, 'name: Before the crash\n', path)).toMatchObject({ status: 'saved' });
  });

  it('asks before closing a window with unsaved changes, and saves the text the page gives', async () => {
    const w = rec.windows[0]!; // the restored draft: unsaved, no file yet
    const target = join(designs, 'recovered.topo.yaml');
    rec.messageAnswers.push(0); // "Save"
    rec.saveAnswers.push(target);
    w.close();
    await until(() => w.webContents.sent.some((m) => m[0] === C.requestText), 'the text request');
    const id = w.webContents.sent.find((m) => m[0] === C.requestText)![1];
    (rec.ons.get(C.textReply) as (...a: unknown[]) => void)(event(w), id, 'name: Recovered and saved\n');
    await until(() => w.closed, 'the window to close');
    expect(readFileSync(target, 'utf8')).toBe('name: Recovered and saved\n');
    expect(rec.dialogs.some((d) => String(d.opts.message).includes('save the changes'))).toBe(true);
    // Saved: its draft is gone.
    await until(() => !existsSync(join(userData, 'drafts', 'wold-1.draft.json')), 'the draft to be dropped');
  });

  it('closes a clean window without asking', async () => {
    const w = rec.windows[1]!;
    const asked = rec.dialogs.length;
    w.close();
    expect(w.closed).toBe(true);
    expect(rec.dialogs.length).toBe(asked);
    // Its size and place are remembered for the next launch.
    await until(() => existsSync(join(userData, 'window-state.json')), 'the window state');
    expect(JSON.parse(readFileSync(join(userData, 'window-state.json'), 'utf8'))).toEqual({ x: 10, y: 10, width: 1000, height: 700, maximized: false });
  });
});
