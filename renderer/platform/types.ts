import type { OutputFile } from '../../generators/types';

/**
 * What the app needs from the place it runs in: files, the bundle export, the window's dirty
 * state and the native menus. The browser adapter (`browser.ts`) uses the File System Access API
 * or downloads; the desktop adapter (`electron.ts`) talks to the preload bridge `window.topoforge`.
 * The adapter is picked once at startup (`platform/index.ts`) by the presence of `window.topoforge`.
 *
 * Adapters are stateless about "the current file": the app keeps the `FileRef` it was handed and
 * passes it back on the next save, so New/Open/Save As are the app's decisions.
 */

/** Where a design lives. `handle` is opaque to the app: a file path (desktop) or a FileSystemFileHandle (browser). */
export interface FileRef {
  /** File name shown in the title bar, e.g. `orders.topo.yaml`. */
  name: string;
  handle?: unknown;
  /** Saved as a download (a browser without the File System Access API): a copy in the downloads folder, not a file the app can write again. */
  downloaded?: boolean;
}

export interface OpenedDesign {
  /** The file's text, to be read with `parseTopology`. */
  text: string;
  file: FileRef;
  /** True for unsaved work recovered after a crash (desktop drafts): load it as having unsaved changes. */
  dirty?: boolean;
}

export interface SaveOptions {
  /** Always ask where to save (Save As…), even when `file` is known. */
  saveAs: boolean;
  /** The file it came from or was last saved to; without it the adapter asks. */
  file?: FileRef;
  /** Proposed file name when asking, e.g. `OrderProcessing.topo.yaml`. */
  suggestedName: string;
}

export interface ExportOptions {
  /** Proposed name of the folder (desktop) or zip (browser, `.zip` added), e.g. `OrderProcessing-bundle`. */
  suggestedName: string;
}

export interface ExportResult {
  /** Where it went, for the status message: a folder path or a download's file name. */
  location: string;
  /** Files written. */
  count: number;
}

/** Ids from `shared/commands.ts` (`file.open`, `edit.undo`, ...). */
export type CommandId = string;

export interface Platform {
  /** True in the desktop app (native menus, real files and folders). */
  readonly isDesktop: boolean;
  /** Asks the user for a design file. Resolves to null when they cancel. */
  openDesign(): Promise<OpenedDesign | null>;
  /** Writes the design text. Resolves to where it went, or null when the user cancels. Rejects with an Error whose message a user understands. */
  saveDesign(text: string, opts: SaveOptions): Promise<FileRef | null>;
  /** Writes the generated bundle (`OutputFile.path` is `/`-separated, relative). Null when cancelled. */
  exportBundle(files: readonly OutputFile[], opts: ExportOptions): Promise<ExportResult | null>;
  /** Tells the shell whether there are unsaved changes (to ask before closing the window). */
  setDirty(dirty: boolean): void;
  /** Tells the shell the window title (design name and file). */
  setTitle(title: string): void;
  /** Native menu items (desktop); the browser never calls it. Returns an unsubscribe function. */
  onMenuCommand(handler: (id: CommandId) => void): () => void;
  /** A file the shell wants opened (double-click, "Open With", command line). Returns an unsubscribe function. */
  onOpenRequest(handler: (design: OpenedDesign) => void): () => void;
  /**
   * Writes the diagram (PNG bytes, SVG or Mermaid text): the desktop asks where, the browser
   * downloads it. Resolves to the path or file name written, or null when cancelled.
   */
  exportDiagram(format: 'png' | 'svg' | 'mermaid', data: string | Uint8Array, opts: ExportOptions): Promise<string | null>;
  /**
   * Desktop only: has the browser engine run its own Cut, Copy or Paste in the page, which fires
   * the page's clipboard event (the menus' Copy/Paste, where the async Clipboard API is refused).
   */
  nativeEdit?(action: 'cut' | 'copy' | 'paste'): void;
}
