import type { BundleFile, DesktopBridge, DesktopDocument, DesktopError, NativeEditAction } from '../../shared/desktop';
import type { OutputFile } from '../../generators/types';
import type { CommandId, ExportOptions, ExportResult, FileRef, OpenedDesign, Platform, SaveOptions } from './types';

/**
 * The desktop adapter: the app's `Platform` over the preload bridge `window.topoforge`
 * (shared/desktop.ts, implemented by electron/preload.ts). The shell owns files and dialogs; a
 * design's `FileRef.handle` is its absolute path, which the shell only writes to if this window
 * opened it or the user chose it. Unsaved work is drafted by the shell every few seconds.
 */

/** Menu items that, while the user types in a text field, act on the field (not the canvas). */
const NATIVE_EDIT: Readonly<Record<string, NativeEditAction>> = {
  'edit.undo': 'undo',
  'edit.redo': 'redo',
  'edit.cut': 'cut',
  'edit.copy': 'copy',
  'edit.paste': 'paste',
  'edit.selectAll': 'selectAll',
};

/** A burst of changes goes to the shell's draft this long after it pauses (the shell batches disk writes further). */
const DRAFT_DELAY_MS = 1000;

function editable(el: Element | null): boolean {
  if (!el) return false;
  const h = el as HTMLElement;
  if (h.isContentEditable) return true;
  if (h.tagName === 'TEXTAREA') return true;
  if (h.tagName === 'INPUT') {
    const type = (h as HTMLInputElement).type;
    return !['button', 'checkbox', 'radio', 'range', 'color', 'file', 'submit', 'reset', 'image'].includes(type);
  }
  return false;
}

function fail(e: DesktopError): Error {
  const err = new Error(`${e.message} ${e.hint}`.trim());
  (err as Error & { code?: string }).code = e.code;
  return err;
}

function pathOf(file: FileRef | undefined | null): string | null {
  return file && typeof file.handle === 'string' && file.handle.length > 0 ? file.handle : null;
}

export function toOpened(doc: DesktopDocument): OpenedDesign {
  return { text: doc.text, file: doc.path ? { name: doc.name, handle: doc.path } : { name: doc.name }, ...(doc.dirty ? { dirty: true } : {}) };
}

function toBundle(files: readonly OutputFile[]): BundleFile[] {
  return files.map((f) => (f.mode === undefined ? { path: f.path, data: f.content } : { path: f.path, data: f.content, mode: f.mode }));
}

/** Where the current design's text comes from, for drafts and for saving before the window closes. */
export interface DesignSource {
  text(): string;
  file(): FileRef | null;
  dirty(): boolean;
  /** Calls `listener` after each change of the design, its file or its dirty flag. */
  subscribe(listener: () => void): () => void;
}

export function createElectronPlatform(bridge: DesktopBridge = (globalThis as unknown as { topoforge: DesktopBridge }).topoforge, source?: DesignSource): Platform {
  const openHandlers = new Set<(d: OpenedDesign) => void>();
  const deliver = (d: OpenedDesign) => openHandlers.forEach((h) => h(d));
  let initial: Promise<DesktopDocument | null> | null = null;
  let initialDelivered = false;

  const connect = (src: DesignSource) => {
    bridge.provideText(() => src.text());
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastSent = -Infinity;
    const send = () => {
      timer = undefined;
      if (!src.dirty()) return;
      lastSent = Date.now();
      bridge.updateDraft(src.text(), pathOf(src.file()));
    };
    // The first change after a quiet second goes to the shell at once (after the current task, so
    // that changes made together go together); a burst of changes goes when it pauses.
    src.subscribe(() => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (!src.dirty()) return;
      timer = setTimeout(send, Date.now() - lastSent >= DRAFT_DELAY_MS ? 0 : DRAFT_DELAY_MS);
    });
  };
  if (source) connect(source);
  else void defaultSource().then(connect);

  return {
    isDesktop: true,

    async openDesign(): Promise<OpenedDesign | null> {
      const r = await bridge.open();
      if (r.status === 'opened') return toOpened(r.doc);
      if (r.status === 'error') throw fail(r.error);
      // Cancelled, or opened in a window of its own (this one holds unsaved work).
      return null;
    },

    async saveDesign(text: string, opts: SaveOptions): Promise<FileRef | null> {
      const path = opts.saveAs ? null : pathOf(opts.file);
      const r = path ? await bridge.save(text, path) : await bridge.saveAs(text, opts.suggestedName);
      if (r.status === 'saved') return { name: r.name, handle: r.path };
      if (r.status === 'error') throw fail(r.error);
      // The file had changed on disk and the user chose its version: load it instead.
      if (r.status === 'reloaded') deliver(toOpened(r.doc));
      return null;
    },

    async exportBundle(files: readonly OutputFile[], opts: ExportOptions): Promise<ExportResult | null> {
      const r = await bridge.exportBundle(opts.suggestedName, toBundle(files));
      if (r.status === 'exported') return { location: r.path, count: files.length };
      if (r.status === 'error') throw fail(r.error);
      return null;
    },

    async exportDiagram(format, data, opts): Promise<string | null> {
      const r = await bridge.exportDiagram(format, opts.suggestedName, data);
      if (r.status === 'exported') return r.path;
      if (r.status === 'error') throw fail(r.error);
      return null;
    },

    nativeEdit(action: 'cut' | 'copy' | 'paste') {
      bridge.nativeEdit(action);
    },

    setDirty(dirty: boolean) {
      bridge.setDirty(dirty);
    },

    setTitle(title: string) {
      bridge.setTitle(title);
      document.title = title;
    },

    onMenuCommand(handler: (id: CommandId) => void): () => void {
      return bridge.onCommand((id) => {
        const native = NATIVE_EDIT[id];
        if (native && editable(document.activeElement)) bridge.nativeEdit(native);
        else handler(id);
      });
    },

    onOpenRequest(handler: (design: OpenedDesign) => void): () => void {
      let active = true;
      openHandlers.add(handler);
      const off = bridge.onDocument((doc) => {
        if (active) handler(toOpened(doc));
      });
      // The design this window starts with, handed to the first handler still listening.
      (initial ??= bridge.initialDocument()).then(
        (doc) => {
          if (!active || initialDelivered) return;
          initialDelivered = true;
          if (doc) handler(toOpened(doc));
        },
        () => undefined,
      );
      return () => {
        active = false;
        openHandlers.delete(handler);
        off();
      };
    },
  };
}

/** The editor store as the design source (imported late: the store module imports this folder's types). */
async function defaultSource(): Promise<DesignSource> {
  const [{ useEditor }, { serializeTopology }] = await Promise.all([import('../store/store'), import('../../shared/model/serialize')]);
  return {
    text: () => serializeTopology(useEditor.getState().doc),
    file: () => useEditor.getState().file,
    dirty: () => useEditor.getState().dirty,
    subscribe: (l) =>
      useEditor.subscribe((s, prev) => {
        if (s.doc !== prev.doc || s.file !== prev.file || s.dirty !== prev.dirty) l();
      }),
  };
}
