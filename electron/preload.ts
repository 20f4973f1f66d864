/**
 * The preload script: the one bridge between the page and the shell. It exposes a small typed
 * API (`window.topoforge`, see shared/desktop.ts) through contextBridge and never the raw
 * ipcRenderer. Runs sandboxed: it may import `electron` and shared constants, nothing of Node.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { DESKTOP_BRIDGE_VERSION, DESKTOP_CHANNELS as C, type BundleFile, type DesktopBridge, type DesktopDocument, type DiagramFormat, type NativeEditAction } from '../shared/desktop';

let textProvider: (() => string) | null = null;

ipcRenderer.on(C.requestText, (_e: IpcRendererEvent, id: unknown) => {
  if (typeof id !== 'number') return;
  let text: string | null = null;
  try {
    const t = textProvider ? textProvider() : null;
    text = typeof t === 'string' ? t : null;
  } catch {
    text = null;
  }
  ipcRenderer.send(C.textReply, id, text);
});

function subscribe<T>(channel: string, accept: (v: unknown) => v is T, listener: (v: T) => void): () => void {
  if (typeof listener !== 'function') throw new TypeError('listener must be a function');
  const wrapped = (_e: IpcRendererEvent, v: unknown) => {
    if (accept(v)) listener(v);
  };
  ipcRenderer.on(channel, wrapped);
  return () => {
    ipcRenderer.removeListener(channel, wrapped);
  };
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isDocument = (v: unknown): v is DesktopDocument => typeof v === 'object' && v !== null && typeof (v as DesktopDocument).text === 'string';

const bridge: DesktopBridge = {
  version: DESKTOP_BRIDGE_VERSION,
  platform: process.platform,
  initialDocument: () => ipcRenderer.invoke(C.initialDocument),
  newWindow: () => ipcRenderer.invoke(C.newWindow),
  open: () => ipcRenderer.invoke(C.open),
  openRecent: (path: string) => ipcRenderer.invoke(C.openRecent, path),
  recentFiles: () => ipcRenderer.invoke(C.recentFiles),
  save: (text: string, path: string) => ipcRenderer.invoke(C.save, text, path),
  saveAs: (text: string, suggestedName: string) => ipcRenderer.invoke(C.saveAs, text, suggestedName),
  setDirty: (dirty: boolean) => ipcRenderer.send(C.setDirty, dirty),
  setTitle: (title: string) => ipcRenderer.send(C.setTitle, title),
  updateDraft: (text: string, path: string | null) => ipcRenderer.send(C.updateDraft, text, path),
  exportBundle: (suggestedName: string, files: BundleFile[]) => ipcRenderer.invoke(C.exportBundle, suggestedName, files),
  exportDiagram: (format: DiagramFormat, suggestedName: string, data: string | Uint8Array) => ipcRenderer.invoke(C.exportDiagram, format, suggestedName, data),
  nativeEdit: (action: NativeEditAction) => ipcRenderer.send(C.nativeEdit, action),
  onCommand: (listener) => subscribe(C.command, isString, listener),
  onDocument: (listener) => subscribe(C.document, isDocument, listener),
  provideText: (provider) => {
    textProvider = typeof provider === 'function' ? provider : null;
  },
};

contextBridge.exposeInMainWorld('topoforge', bridge);
