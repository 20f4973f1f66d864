/**
 * The contract between the desktop shell (electron/preload.ts exposes it as `window.topoforge`)
 * and the renderer's Electron platform adapter (renderer/platform/electron.ts).
 *
 * Types and limits only: the preload implements it, the main process validates every argument
 * that crosses it (electron/ipc-validate.ts), the renderer adapter calls it. Keep it small: every
 * function here is a door from the web page into the user's files.
 */
import type { Diagnostic } from './model/types';

export const DESKTOP_BRIDGE_VERSION = 1 as const;

/** Limits the main process enforces on what the page sends it. */
export const DESKTOP_LIMITS = {
  /** Largest design text saved or drafted (bytes of UTF-8). Same as the largest file read. */
  maxDocumentBytes: 10 * 1024 * 1024,
  /** Most files in one exported bundle. */
  maxBundleFiles: 5_000,
  /** Largest exported bundle, all files together (bytes). */
  maxBundleBytes: 200 * 1024 * 1024,
  /** Largest single exported file (PNG, SVG, Mermaid) in bytes. */
  maxExportBytes: 100 * 1024 * 1024,
  /** Longest relative path inside an exported bundle. */
  maxBundlePathLength: 300,
  /** Longest suggested file name. */
  maxFileNameLength: 200,
} as const;

/** A design shown in a window. */
export interface DesktopDocument {
  /** Absolute path of the file, or null for a design never saved. */
  path: string | null;
  /** What the title bar shows: the file name, or "Untitled". */
  name: string;
  /** The `*.topo.yaml` text, to be parsed by the renderer. */
  text: string;
  /** True when the text has changes not saved to `path` (a restored draft). */
  dirty: boolean;
  /** True when the text comes from a draft recovered after a crash. */
  restored: boolean;
}

/** A user-facing error from the shell: a stable code (TD0xx, docs/desktop.md), message and hint. */
export type DesktopError = Diagnostic;

export type OpenResult =
  | { status: 'opened'; doc: DesktopDocument }
  /** The file opened in a window of its own (this one had a design in it), or was already open there. */
  | { status: 'opened-elsewhere'; path: string }
  | { status: 'cancelled' }
  | { status: 'error'; error: DesktopError };

export type SaveResult =
  | { status: 'saved'; path: string; name: string }
  /** The file had changed on disk and the user chose to load that version instead. */
  | { status: 'reloaded'; doc: DesktopDocument }
  | { status: 'cancelled' }
  | { status: 'error'; error: DesktopError };

export type ExportResult =
  | { status: 'exported'; path: string }
  | { status: 'cancelled' }
  | { status: 'error'; error: DesktopError };

export type DiagramFormat = 'png' | 'svg' | 'mermaid';

export interface BundleFile {
  /** Relative path inside the bundle, `/`-separated (e.g. `config/gateway/kong.yml`). */
  path: string;
  /** Text (written as UTF-8) or bytes. */
  data: string | Uint8Array;
  /** POSIX permissions, e.g. 0o755 for an init script that must be executable. */
  mode?: number;
}

export type NativeEditAction = 'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'selectAll';

/** What `window.topoforge` offers the page. */
export interface DesktopBridge {
  readonly version: typeof DESKTOP_BRIDGE_VERSION;
  /** `process.platform` of the machine: 'darwin', 'win32', 'linux'. */
  readonly platform: string;
  /** The design this window starts with (a file from the command line or the OS, a restored draft), or null. */
  initialDocument(): Promise<DesktopDocument | null>;
  /** Opens a new, empty window. */
  newWindow(): Promise<void>;
  /** Asks for a file and opens it (in this window when it holds nothing, else in a new one). */
  open(): Promise<OpenResult>;
  /** Opens a file of the recent list. */
  openRecent(path: string): Promise<OpenResult>;
  /** The recent files, most recent first. */
  recentFiles(): Promise<string[]>;
  /**
   * Saves to `path`, a file this window opened or saved before (the shell refuses any other).
   * Atomic, keeps one `.bak`; notices changes made by other programs since and asks what to do.
   */
  save(text: string, path: string): Promise<SaveResult>;
  /** Asks where (proposing `suggestedName`), then saves there. */
  saveAs(text: string, suggestedName: string): Promise<SaveResult>;
  /** Tells the shell whether the design has unsaved changes (prompt on close, macOS edited dot). */
  setDirty(dirty: boolean): void;
  /** The window title (the page composes it, with its own unsaved-changes marker). */
  setTitle(title: string): void;
  /**
   * The current text of a design with unsaved changes, and the file it belongs to (null for a new
   * one): drafted to the user-data folder every few seconds, dropped once saved.
   */
  updateDraft(text: string, path: string | null): void;
  /** Asks for a folder and writes the bundle there (via a temporary folder and a rename). */
  exportBundle(suggestedName: string, files: BundleFile[]): Promise<ExportResult>;
  /** Asks where, then writes the diagram (PNG bytes, SVG or Mermaid text). */
  exportDiagram(format: DiagramFormat, suggestedName: string, data: string | Uint8Array): Promise<ExportResult>;
  /** Runs the browser's own editing action on the focused text field (menu Edit items while typing). */
  nativeEdit(action: NativeEditAction): void;
  /** A menu item was chosen: the command id (from shared/commands.ts) to run. Returns an unsubscribe function. */
  onCommand(listener: (commandId: string) => void): () => void;
  /** The shell replaces the window's design (a reload after a conflict, a file opened from the OS). */
  onDocument(listener: (doc: DesktopDocument) => void): () => void;
  /** The shell needs the current text (to save before closing). Only one provider; a new one replaces it. */
  provideText(provider: () => string): void;
}

/** IPC channel names, prefixed so that nothing else collides with them. */
export const DESKTOP_CHANNELS = {
  initialDocument: 'topoforge:initial-document',
  newWindow: 'topoforge:new-window',
  open: 'topoforge:open',
  openRecent: 'topoforge:open-recent',
  recentFiles: 'topoforge:recent-files',
  save: 'topoforge:save',
  saveAs: 'topoforge:save-as',
  setDirty: 'topoforge:set-dirty',
  setTitle: 'topoforge:set-title',
  updateDraft: 'topoforge:update-draft',
  exportBundle: 'topoforge:export-bundle',
  exportDiagram: 'topoforge:export-diagram',
  nativeEdit: 'topoforge:native-edit',
  command: 'topoforge:command',
  document: 'topoforge:document',
  requestText: 'topoforge:request-text',
  textReply: 'topoforge:text-reply',
} as const;
