/**
 * The Electron main process: the thin glue between Electron and the plain modules beside it
 * (session, drafts, recent files, validators, menu template, security policy), which hold the
 * logic and are unit-tested without Electron. Built to electron/dist/main.cjs (electron/build.mjs).
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  screen,
  session as electronSession,
  type IpcMainEvent,
  type IpcMainInvokeEvent,
  type MenuItemConstructorOptions,
  type MessageBoxOptions,
  type WebContents,
} from 'electron';
import { DESKTOP_CHANNELS as C, type DesktopDocument, type DesktopError, type ExportResult, type OpenResult } from '../shared/desktop';
import { contentType, resolveAppPath } from './app-protocol';
import { filesFromArgv } from './argv';
import { writeFileAtomic } from '../node-io/atomic-write';
import { DraftStore, DraftWriter, type Draft } from './drafts';
import { describeIoError } from '../node-io/errors';
import { desktopError } from './errors';
import { exportBundleTo } from './export';
import {
  checkSender,
  IpcRejection,
  sanitizeFileName,
  validateBoolean,
  validateBundle,
  validateDiagramData,
  validateDiagramFormat,
  validateDocumentText,
  validateNativeEdit,
  validateRecentPath,
  validateRequestId,
} from './ipc-validate';
import { buildMenuTemplate, type MenuEntry } from './menu-template';
import { CONFLICT_ANSWERS, conflictPrompt, replaceFolderPrompt, RESTORE_ANSWERS, restorePrompt, SAVE_CHANGES_ANSWERS, saveChangesPrompt } from './prompts';
import { RecentFiles } from './recent';
import { allowNavigation, allowPermission, APP_ENTRY, APP_SCHEME, APP_SCHEME_PRIVILEGES, appResponseHeaders, CONTENT_SECURITY_POLICY } from './security';
import { DocumentSession, type SessionUi } from './session';
import { cascade, parseWindowState, restoreBounds, type WindowState } from './window-state';
import { windowOptions } from './window-options';

const APP_NAME = 'Topoforge';
const isDev = !app.isPackaged;
/** The built renderer (vite build → dist/renderer), inside app.asar when packaged. */
const RENDERER_DIR = join(app.getAppPath(), 'dist', 'renderer');
const PRELOAD = join(__dirname, 'preload.cjs');
const ICON = join(app.getAppPath(), 'assets', 'icons', 'png', '512x512.png');
const TEXT_REPLY_TIMEOUT_MS = 5000;

interface Win {
  win: BrowserWindow;
  session: DocumentSession;
  initial: DesktopDocument | null;
  closeApproved: boolean;
  closing: boolean;
}

const windows = new Map<number, Win>();
let recent: RecentFiles;
let drafts: DraftStore;
let quitting = false;
let ready = false;
const pendingFiles: string[] = [];
let lastDir = '';

function log(...args: unknown[]): void {
  console.error('[topoforge]', ...args);
}

// ---------------------------------------------------------------- start-up

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);

if (!app.requestSingleInstanceLock()) {
  // Another Topoforge is running: it receives our argv ('second-instance') and opens the files.
  app.quit();
} else {
  app.setName(APP_NAME);
  if (process.platform === 'win32') app.setAppUserModelId('dev.topoforge.app');

  // macOS hands files over with 'open-file', possibly before the app is ready.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (ready) void openPath(path, null);
    else pendingFiles.push(path);
  });

  app.on('second-instance', (_event, argv, workingDirectory) => {
    const files = filesFromArgv(argv, workingDirectory, app.isPackaged);
    if (files.length) for (const f of files) void openPath(f, null);
    else focusAny();
  });

  app.on('web-contents-created', (_event, contents) => hardenContents(contents));

  app.on('before-quit', () => {
    quitting = true;
    for (const w of windows.values()) void w.session.flushDraft();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (ready && windows.size === 0) void createWindow({});
  });

  app.whenReady().then(start, (err) => {
    log('start-up failed', err);
    app.exit(1);
  });
}

async function start(): Promise<void> {
  const userData = app.getPath('userData');
  drafts = new DraftStore(join(userData, 'drafts'));
  recent = new RecentFiles(join(userData, 'recent.json'));
  await recent.load();
  lastDir = app.getPath('documents');

  protocol.handle(APP_SCHEME, async (request) => {
    const path = resolveAppPath(RENDERER_DIR, request.url);
    if (!path) return new Response('Not found', { status: 404 });
    try {
      return new Response(new Uint8Array(await readFile(path)), { headers: appResponseHeaders(contentType(path)) });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });

  const ses = electronSession.defaultSession;
  ses.setPermissionRequestHandler((_wc, permission, callback) => callback(allowPermission(permission)));
  ses.setPermissionCheckHandler((_wc, permission) => allowPermission(permission));
  // Belt and braces: the CSP on every response, whatever served it.
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });

  registerIpc();
  rebuildMenu();
  ready = true;

  const files = [...filesFromArgv(process.argv, process.cwd(), app.isPackaged), ...pendingFiles.splice(0)];
  const leftover = await drafts.list().catch((err) => {
    log('cannot list drafts', err);
    return [] as Draft[];
  });
  if (leftover.length) {
    const { response } = await dialog.showMessageBox(restorePrompt(leftover));
    const answer = RESTORE_ANSWERS[response] ?? 'later';
    if (answer === 'restore') for (const d of leftover) await createWindow({ draft: d });
    if (answer === 'discard') for (const d of leftover) await drafts.remove(d.key).catch((err) => log('cannot remove draft', err));
  }
  for (const f of files) await openPath(f, null);
  if (windows.size === 0) await createWindow({});
}

/** Electron security checklist 13, 14, 12: no navigation, no new windows, no <webview>. */
function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!allowNavigation(url)) {
      event.preventDefault();
      log('navigation refused:', url.slice(0, 200));
    }
  });
  contents.on('will-redirect', (event, url) => {
    if (!allowNavigation(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    log('new window refused:', url.slice(0, 200));
    return { action: 'deny' };
  });
}

// ---------------------------------------------------------------- windows

function newKey(): string {
  return `w${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

const WINDOW_STATE_FILE = () => join(app.getPath('userData'), 'window-state.json');

async function loadWindowState(): Promise<WindowState | null> {
  try {
    return parseWindowState(JSON.parse(await readFile(WINDOW_STATE_FILE(), 'utf8')));
  } catch {
    return null;
  }
}

function saveWindowState(win: BrowserWindow): void {
  const b = win.getNormalBounds();
  const state: WindowState = { ...b, maximized: win.isMaximized() };
  writeFileAtomic(WINDOW_STATE_FILE(), JSON.stringify(state)).catch((err) => log('cannot save window state', err));
}

async function initialBounds(): Promise<WindowState> {
  const areas = screen.getAllDisplays().map((d) => d.workArea);
  const primary = screen.getPrimaryDisplay().workArea;
  const focused = BrowserWindow.getFocusedWindow() ?? [...windows.values()].at(-1)?.win;
  if (focused) {
    const from = focused.getNormalBounds();
    return { ...cascade(from, screen.getDisplayMatching(from).workArea), maximized: false };
  }
  return restoreBounds(await loadWindowState(), areas, primary);
}

function sessionUi(getWin: () => BrowserWindow | undefined): SessionUi {
  const ask = async (opts: MessageBoxOptions) => {
    const w = getWin();
    return (w ? await dialog.showMessageBox(w, opts) : await dialog.showMessageBox(opts)).response;
  };
  return {
    chooseSavePath: async (suggestedName) => {
      const w = getWin();
      const opts = {
        title: 'Save Design',
        defaultPath: join(lastDir, sanitizeFileName(suggestedName, 'design.topo.yaml')),
        filters: [{ name: 'Topoforge design', extensions: ['yaml', 'yml'] }],
        properties: ['createDirectory', 'showOverwriteConfirmation'] as Array<'createDirectory' | 'showOverwriteConfirmation'>,
      };
      const r = w ? await dialog.showSaveDialog(w, opts) : await dialog.showSaveDialog(opts);
      if (r.canceled || !r.filePath) return null;
      lastDir = dirname(r.filePath);
      return r.filePath;
    },
    askConflict: async (name) => CONFLICT_ANSWERS[await ask(conflictPrompt(name))] ?? 'cancel',
    askSaveChanges: async (name) => SAVE_CHANGES_ANSWERS[await ask(saveChangesPrompt(name))] ?? 'cancel',
  };
}

function fileUsed(path: string): void {
  lastDir = dirname(path);
  app.addRecentDocument(path);
  recent
    .add(path)
    .then(rebuildMenu)
    .catch((err) => log('cannot update recent files', err));
}

function updateEdited(w: Win): void {
  if (process.platform === 'darwin') {
    w.win.setDocumentEdited(w.session.dirty);
    w.win.setRepresentedFilename(w.session.path ?? '');
  }
}

interface CreateOptions {
  draft?: Draft;
  doc?: DesktopDocument;
  /** A session already holding the opened file (see openPath). */
  session?: DocumentSession;
}

async function createWindow(o: CreateOptions): Promise<Win> {
  const bounds = await initialBounds();
  const win = new BrowserWindow(
    windowOptions({ bounds, preloadPath: PRELOAD, isDev, title: APP_NAME, ...(process.platform === 'linux' ? { iconPath: ICON } : {}) }),
  );
  const key = o.draft?.key ?? newKey();
  const docSession = o.session ?? new DocumentSession({ ui: sessionUi(() => win), drafts: new DraftWriter(drafts, key), onFileUsed: fileUsed });
  const w: Win = { win, session: docSession, initial: o.doc ?? null, closeApproved: false, closing: false };
  if (o.draft) w.initial = docSession.restoreDraft(o.draft);
  const id = win.webContents.id;
  windows.set(id, w);
  if (bounds.maximized) win.maximize();
  updateEdited(w);

  win.once('ready-to-show', () => win.show());
  win.on('close', (event) => {
    if (w.closeApproved || (!w.session.dirty && !w.closing)) {
      saveWindowState(win);
      return;
    }
    event.preventDefault();
    if (w.closing) return;
    w.closing = true;
    const suggested = `${sanitizeFileName(w.session.name.replace(/\.topo\.yaml$/, ''), 'design')}.topo.yaml`;
    w.session
      .confirmClose(() => requestText(w), suggested, (e) => void showError(win, e))
      .then((ok) => {
        w.closing = false;
        if (ok) {
          w.closeApproved = true;
          win.close();
          if (quitting) app.quit();
        } else {
          quitting = false;
          updateEdited(w);
        }
      })
      .catch((err) => {
        w.closing = false;
        quitting = false;
        log('close failed', err);
      });
  });
  win.on('closed', () => windows.delete(id));
  win.webContents.on('render-process-gone', (_e, details) => {
    log('renderer gone', details.reason);
    if (details.reason === 'clean-exit' || win.isDestroyed()) return;
    // The page crashed: reload it with its last draft (written every few seconds) as unsaved work.
    const recovered = w.session.recoverAfterCrash();
    if (recovered) w.initial = recovered;
    void w.session.flushDraft();
    win.webContents.reload();
  });

  await win.loadURL(APP_ENTRY);
  return w;
}

function focusAny(): void {
  const w = BrowserWindow.getFocusedWindow() ?? [...windows.values()][0]?.win;
  if (!w) {
    void createWindow({});
    return;
  }
  if (w.isMinimized()) w.restore();
  w.focus();
}

/**
 * Opens a design file: focuses the window that already has it; else loads it into `target` when
 * that window holds nothing unsaved (the page receives it as the result); else opens a new window.
 */
async function openPath(path: string, target: Win | null): Promise<OpenResult> {
  for (const w of windows.values()) {
    if (w.session.path === path) {
      if (w.win.isMinimized()) w.win.restore();
      w.win.focus();
      return w === target ? { status: 'cancelled' } : { status: 'opened-elsewhere', path };
    }
  }
  if (target && !target.session.dirty) {
    const r = await target.session.openFile(path);
    if (r.status === 'error') await openFailed(target.win, path, r.error);
    return r;
  }
  // A new window, with its own session reading the file first (no empty window for a bad file).
  const key = newKey();
  const ref: { win?: BrowserWindow } = {};
  const s = new DocumentSession({ ui: sessionUi(() => ref.win), drafts: new DraftWriter(drafts, key), onFileUsed: fileUsed });
  const r = await s.openFile(path);
  if (r.status !== 'opened') {
    if (r.status === 'error') await openFailed(target?.win ?? BrowserWindow.getFocusedWindow() ?? undefined, path, r.error);
    return r;
  }
  const w = await createWindow({ session: s, doc: r.doc });
  ref.win = w.win;
  return { status: 'opened-elsewhere', path };
}

async function openFailed(win: BrowserWindow | undefined, path: string, error: DesktopError): Promise<void> {
  if (error.code === 'TD001' && recent.list().includes(path)) {
    await recent.remove(path).catch(() => undefined);
    rebuildMenu();
  }
  await showError(win, error);
}

async function showError(win: BrowserWindow | undefined, e: DesktopError): Promise<void> {
  const opts: MessageBoxOptions = { type: 'error', message: e.message, detail: `${e.hint}\n\n(${e.code})`, buttons: ['OK'], noLink: true };
  if (win) await dialog.showMessageBox(win, opts);
  else await dialog.showMessageBox(opts);
}

let textRequest = 0;
const textWaiters = new Map<number, { contentsId: number; resolve: (t: string | null) => void }>();

/** Asks the page for its current text (to save before closing); null if it does not answer in time. */
function requestText(w: Win): Promise<string | null> {
  const id = ++textRequest;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      textWaiters.delete(id);
      resolve(null);
    }, TEXT_REPLY_TIMEOUT_MS);
    textWaiters.set(id, {
      contentsId: w.win.webContents.id,
      resolve: (t) => {
        clearTimeout(timer);
        textWaiters.delete(id);
        resolve(t);
      },
    });
    w.win.webContents.send(C.requestText, id);
  });
}

// ---------------------------------------------------------------- menus

function toElectron(entries: readonly MenuEntry[]): MenuItemConstructorOptions[] {
  return entries.map((e): MenuItemConstructorOptions => {
    switch (e.type) {
      case 'separator':
        return { type: 'separator' };
      case 'role':
        return { role: e.role as MenuItemConstructorOptions['role'], ...(e.label ? { label: e.label } : {}), ...(e.accelerator ? { accelerator: e.accelerator } : {}) };
      case 'submenu':
        return { label: e.label, ...(e.role ? { role: e.role as MenuItemConstructorOptions['role'] } : {}), submenu: toElectron(e.items) };
      case 'recent':
        return { label: e.label, click: (_i, bw) => void openRecentFromMenu(e.path, bw) };
      case 'action':
        return {
          label: e.label,
          enabled: e.enabled,
          ...(e.accelerator ? { accelerator: e.accelerator } : {}),
          click: (_i, bw) => {
            if (e.action === 'clearRecent') {
              app.clearRecentDocuments();
              void recent.clear().then(rebuildMenu);
            } else if (e.action === 'closeWindow') {
              (bw instanceof BrowserWindow ? bw : BrowserWindow.getFocusedWindow())?.close();
            }
          },
        };
      case 'command':
        return {
          id: e.id,
          label: e.label,
          ...(e.accelerator ? { accelerator: e.accelerator } : {}),
          registerAccelerator: e.registerAccelerator,
          click: (_i, bw) => menuCommand(e.id, bw instanceof BrowserWindow ? bw : undefined),
        };
    }
  });
}

function rebuildMenu(): void {
  const template = buildMenuTemplate({ platform: process.platform, isDev, appName: APP_NAME, recent: recent.list() });
  Menu.setApplicationMenu(Menu.buildFromTemplate(toElectron(template)));
}

function menuCommand(id: string, bw: BrowserWindow | undefined): void {
  const win = bw ?? BrowserWindow.getFocusedWindow() ?? undefined;
  if (!win) {
    // No window (macOS keeps running): New and Open still work.
    if (id === 'file.new') void createWindow({});
    else if (id === 'file.open') void openWithDialog(null);
    return;
  }
  win.webContents.send(C.command, id);
}

async function openRecentFromMenu(path: string, bw: unknown): Promise<void> {
  const target = bw instanceof BrowserWindow ? windows.get(bw.webContents.id) ?? null : null;
  const r = await openPath(path, target);
  if (r.status === 'opened' && target) target.win.webContents.send(C.document, r.doc);
}

async function openWithDialog(target: Win | null): Promise<OpenResult> {
  const opts = {
    title: 'Open Design',
    defaultPath: lastDir,
    properties: ['openFile'] as Array<'openFile'>,
    filters: [
      { name: 'Topoforge design', extensions: ['yaml', 'yml', 'json'] },
      { name: 'All files', extensions: ['*'] },
    ],
  };
  const r = target ? await dialog.showOpenDialog(target.win, opts) : await dialog.showOpenDialog(opts);
  const path = r.filePaths[0];
  if (r.canceled || !path) return { status: 'cancelled' };
  return openPath(path, target);
}

// ---------------------------------------------------------------- IPC

function refused(err: IpcRejection): { status: 'error'; error: DesktopError } {
  log('IPC request refused:', err.message);
  return { status: 'error', error: desktopError('TD004', `Topoforge refused a request from the window: ${err.message}.`, 'Nothing was read or written. Reload the window (Ctrl+R in development) if this keeps happening.') };
}

function windowOf(event: IpcMainEvent | IpcMainInvokeEvent): Win {
  checkSender(event.senderFrame);
  const w = windows.get(event.sender.id);
  if (!w) throw new IpcRejection('the window is not a Topoforge window');
  return w;
}

function handle(channel: string, fn: (w: Win, ...args: unknown[]) => Promise<unknown>): void {
  ipcMain.handle(channel, async (event, ...args: unknown[]) => {
    try {
      return await fn(windowOf(event), ...args);
    } catch (err) {
      if (err instanceof IpcRejection) return refused(err);
      log(`${channel} failed`, err);
      const { reason, hint } = describeIoError(err);
      return { status: 'error', error: desktopError('TD003', `The operation failed: ${reason}.`, hint) };
    }
  });
}

function on(channel: string, fn: (w: Win, ...args: unknown[]) => void): void {
  ipcMain.on(channel, (event, ...args: unknown[]) => {
    try {
      fn(windowOf(event), ...args);
    } catch (err) {
      if (err instanceof IpcRejection) log('IPC message refused:', channel, err.message);
      else log(`${channel} failed`, err);
    }
  });
}

function registerIpc(): void {
  ipcMain.handle(C.initialDocument, (event) => {
    try {
      return windowOf(event).initial;
    } catch (err) {
      if (err instanceof IpcRejection) log('IPC request refused:', err.message);
      return null;
    }
  });
  handle(C.newWindow, async () => {
    await createWindow({});
  });
  handle(C.open, async (w) => openWithDialog(w));
  handle(C.openRecent, async (w, path) => openPath(validateRecentPath(path, recent.list()), w));
  handle(C.recentFiles, async () => recent.list());
  handle(C.save, async (w, text, path) => {
    const t = validateDocumentText(text);
    if (typeof path !== 'string') throw new IpcRejection('the file path must be a string');
    const r = await w.session.save(t, path);
    updateEdited(w);
    return r;
  });
  handle(C.saveAs, async (w, text, suggested) => {
    const r = await w.session.saveAs(validateDocumentText(text), sanitizeFileName(suggested, 'design.topo.yaml'));
    updateEdited(w);
    return r;
  });
  handle(C.exportBundle, async (w, suggested, files) => exportBundle(w, sanitizeFileName(suggested, 'bundle'), validateBundle(files)));
  handle(C.exportDiagram, async (w, format, suggested, data) => {
    const f = validateDiagramFormat(format);
    return exportDiagram(w, f, sanitizeFileName(suggested, 'diagram'), validateDiagramData(f, data));
  });

  on(C.setDirty, (w, dirty) => {
    w.session.setDirty(validateBoolean(dirty));
    updateEdited(w);
  });
  on(C.setTitle, (w, title) => {
    if (typeof title !== 'string') throw new IpcRejection('the title must be a string');
    w.win.setTitle(title.replace(/[\u0000-\u001f\u007f]/g, ' ').slice(0, 300));
  });
  on(C.updateDraft, (w, text, path) => {
    if (path !== null && typeof path !== 'string') throw new IpcRejection('the draft path must be a string or null');
    w.session.updateDraft(validateDocumentText(text), path);
  });
  on(C.nativeEdit, (w, action) => {
    const a = validateNativeEdit(action);
    const wc = w.win.webContents;
    if (a === 'undo') wc.undo();
    else if (a === 'redo') wc.redo();
    else if (a === 'cut') wc.cut();
    else if (a === 'copy') wc.copy();
    else if (a === 'paste') wc.paste();
    else wc.selectAll();
  });
  ipcMain.on(C.textReply, (event, id: unknown, text: unknown) => {
    try {
      checkSender(event.senderFrame);
      const waiter = textWaiters.get(validateRequestId(id));
      if (!waiter || waiter.contentsId !== event.sender.id) return;
      waiter.resolve(text === null ? null : validateDocumentText(text));
    } catch (err) {
      log('text reply refused:', err instanceof Error ? err.message : String(err));
    }
  });
}

async function exportBundle(w: Win, suggestedName: string, files: ReturnType<typeof validateBundle>): Promise<ExportResult> {
  try {
    const r = await exportBundleTo(
      {
        chooseBundleFolder: async (name) => {
          const res = await dialog.showSaveDialog(w.win, {
            title: 'Export Bundle to a Folder',
            buttonLabel: 'Export',
            defaultPath: join(lastDir, name),
            properties: ['createDirectory'],
          });
          return res.canceled || !res.filePath ? null : res.filePath;
        },
        confirmReplaceForeign: async (path) => (await dialog.showMessageBox(w.win, replaceFolderPrompt(basename(path)))).response === 0,
      },
      suggestedName,
      files,
    );
    if (r.status === 'cancelled') return r;
    if (r.status === 'not-a-folder') {
      return { status: 'error', error: desktopError('TD003', `Cannot export to "${basename(r.path)}": it is a file, not a folder.`, 'Choose a new folder name, or an existing bundle folder.') };
    }
    lastDir = dirname(r.path);
    return { status: 'exported', path: r.path };
  } catch (err) {
    const { reason, hint } = describeIoError(err);
    return { status: 'error', error: desktopError('TD003', `Cannot export the bundle: ${reason}. Nothing was changed in the chosen folder.`, hint) };
  }
}

const DIAGRAM_FILTERS: Record<'png' | 'svg' | 'mermaid', { name: string; extensions: string[] }> = {
  png: { name: 'PNG image', extensions: ['png'] },
  svg: { name: 'SVG image', extensions: ['svg'] },
  mermaid: { name: 'Mermaid diagram', extensions: ['mmd', 'md'] },
};

async function exportDiagram(w: Win, format: keyof typeof DIAGRAM_FILTERS, suggestedName: string, data: string | Uint8Array): Promise<ExportResult> {
  const ext = DIAGRAM_FILTERS[format].extensions[0];
  const name = suggestedName.toLowerCase().endsWith(`.${ext}`) ? suggestedName : `${suggestedName}.${ext}`;
  const res = await dialog.showSaveDialog(w.win, {
    title: `Export ${DIAGRAM_FILTERS[format].name}`,
    defaultPath: join(lastDir, name),
    filters: [DIAGRAM_FILTERS[format]],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  });
  if (res.canceled || !res.filePath) return { status: 'cancelled' };
  const path = /\.[a-z0-9]+$/i.test(basename(res.filePath)) ? res.filePath : `${res.filePath}.${ext}`;
  try {
    await writeFileAtomic(path, data);
    lastDir = dirname(path);
    return { status: 'exported', path };
  } catch (err) {
    const { reason, hint } = describeIoError(err);
    return { status: 'error', error: desktopError('TD003', `Cannot export "${basename(path)}": ${reason}.`, hint) };
  }
}
