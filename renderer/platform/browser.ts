import type { OutputFile } from '../../generators/types';
import { LIMITS } from '../../shared/model/limits';
import type { ExportOptions, ExportResult, FileRef, OpenedDesign, Platform, SaveOptions } from './types';

/**
 * The browser adapter: the File System Access API where the browser has it (Chromium), else an
 * `<input type=file>` to open and a download to save. The bundle export is a zip download.
 */

interface FsFileHandle {
  name: string;
  getFile(): Promise<File>;
  createWritable(): Promise<{ write(data: Blob | string): Promise<void>; close(): Promise<void> }>;
  queryPermission?(opts: { mode: 'readwrite' }): Promise<PermissionState>;
  requestPermission?(opts: { mode: 'readwrite' }): Promise<PermissionState>;
}
interface FsWindow {
  showOpenFilePicker?: (opts: unknown) => Promise<FsFileHandle[]>;
  showSaveFilePicker?: (opts: unknown) => Promise<FsFileHandle>;
}

const FILE_TYPES = [{ description: 'Topoforge design', accept: { 'application/yaml': ['.yaml', '.yml'] } }];

function isAbort(e: unknown): boolean {
  return e instanceof DOMException && (e.name === 'AbortError' || e.name === 'NotAllowedError');
}

/** The text of a chosen file; a file over the size limit is refused before it is read (a 2 GB file would otherwise be read whole). */
async function fileText(file: File): Promise<string> {
  if (file.size > LIMITS.maxFileBytes) {
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    throw new Error(`${file.name} is too large (${mb(file.size)}); design files are at most ${mb(LIMITS.maxFileBytes)}.`);
  }
  return file.text();
}

/** Whether to use the File System Access API (off when `?nofs` is in the URL, for tests of the fallback). */
function fsApi(): FsWindow | undefined {
  const w = window as unknown as FsWindow;
  if (new URLSearchParams(location.search).has('nofs')) return undefined;
  return typeof w.showOpenFilePicker === 'function' && typeof w.showSaveFilePicker === 'function' ? w : undefined;
}

/** Opens a file chooser with a plain `<input type=file>`; resolves to null when nothing is chosen. */
function pickWithInput(): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.yaml,.yml,.json,application/yaml';
    input.setAttribute('data-testid', 'open-file-input');
    input.style.display = 'none';
    let done = false;
    const finish = (f: File | null) => {
      if (done) return;
      done = true;
      input.remove();
      resolve(f);
    };
    input.addEventListener('change', () => finish(input.files?.[0] ?? null));
    input.addEventListener('cancel', () => finish(null));
    document.body.appendChild(input);
    input.click();
  });
}

const DIAGRAM_EXT = { png: 'png', svg: 'svg', mermaid: 'mmd' } as const;
const DIAGRAM_MIME = { png: 'image/png', svg: 'image/svg+xml', mermaid: 'text/plain' } as const;

function download(name: string, data: Blob): void {
  const url = URL.createObjectURL(data);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function withYamlExtension(name: string): string {
  return /\.(ya?ml)$/i.test(name) ? name : `${name}.topo.yaml`;
}

/** The bundle as a zip (fflate, loaded on the first export: it is not needed to show a design). */
export async function zipBundle(files: readonly OutputFile[], root: string): Promise<Uint8Array> {
  const { strToU8, zipSync } = await import('fflate');
  const tree: Record<string, [Uint8Array, { mtime: Date; os?: number; attrs?: number }]> = {};
  const mtime = new Date(1980, 0, 2); // fixed: same design, same zip
  for (const f of files) {
    const attrs = f.mode ? (f.mode & 0o777 | 0o100000) << 16 : undefined;
    tree[`${root}/${f.path}`] = [strToU8(f.content), attrs !== undefined ? { mtime, os: 3, attrs } : { mtime }];
  }
  return zipSync(tree, { level: 6 });
}

export const browserPlatform: Platform = {
  isDesktop: false,

  async openDesign(): Promise<OpenedDesign | null> {
    const fs = fsApi();
    if (fs) {
      try {
        const [handle] = await fs.showOpenFilePicker!({ types: FILE_TYPES, multiple: false, excludeAcceptAllOption: false });
        if (!handle) return null;
        const file = await handle.getFile();
        return { text: await fileText(file), file: { name: file.name, handle } };
      } catch (e) {
        if (isAbort(e)) return null;
        throw new Error(`The file could not be read: ${(e as Error).message}`);
      }
    }
    const file = await pickWithInput();
    if (!file) return null;
    return { text: await fileText(file), file: { name: file.name } };
  },

  async saveDesign(text: string, opts: SaveOptions): Promise<FileRef | null> {
    const fs = fsApi();
    if (fs) {
      try {
        let handle = !opts.saveAs ? (opts.file?.handle as FsFileHandle | undefined) : undefined;
        if (handle?.queryPermission && (await handle.queryPermission({ mode: 'readwrite' })) !== 'granted') {
          if (!handle.requestPermission || (await handle.requestPermission({ mode: 'readwrite' })) !== 'granted') handle = undefined;
        }
        if (!handle) handle = await fs.showSaveFilePicker!({ suggestedName: withYamlExtension(opts.suggestedName), types: FILE_TYPES });
        const w = await handle.createWritable();
        await w.write(text);
        await w.close();
        return { name: handle.name, handle };
      } catch (e) {
        if (isAbort(e)) return null;
        throw new Error(`The design could not be saved: ${(e as Error).message}`);
      }
    }
    const name = withYamlExtension(opts.file?.name && !opts.saveAs ? opts.file.name : opts.suggestedName);
    download(name, new Blob([text], { type: 'application/yaml' }));
    return { name, downloaded: true };
  },

  async exportDiagram(format: 'png' | 'svg' | 'mermaid', data: string | Uint8Array, opts: ExportOptions): Promise<string | null> {
    const name = `${opts.suggestedName}.${DIAGRAM_EXT[format]}`;
    download(name, new Blob([data as BlobPart], { type: DIAGRAM_MIME[format] }));
    return name;
  },

  async exportBundle(files: readonly OutputFile[], opts: ExportOptions): Promise<ExportResult | null> {
    const zip = await zipBundle(files, opts.suggestedName);
    const name = `${opts.suggestedName}.zip`;
    download(name, new Blob([zip as BlobPart], { type: 'application/zip' }));
    return { location: name, count: files.length };
  },

  setDirty() {
    // Nothing to do: the working design is autosaved, so closing the tab loses nothing.
  },

  setTitle(title: string) {
    document.title = title;
  },

  onMenuCommand() {
    return () => {};
  },

  onOpenRequest() {
    return () => {};
  },
};
