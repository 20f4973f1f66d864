import type { DesktopDocument, DesktopError, OpenResult, SaveResult } from '../shared/desktop';
import { writeFileAtomic, type AtomicFs } from '../node-io/atomic-write';
import { compareWithDisk, displayName, identityAfterWrite, readDocument, type FileIdentity, type ReadFs } from './documents';
import type { Draft, DraftWriter } from './drafts';
import { describeIoError } from '../node-io/errors';
import { desktopError } from './errors';

/**
 * The design shown in one window, as the main process sees it: its file, what that file was when
 * last read or written (to notice other programs' changes), whether it has unsaved changes, its
 * draft. Dialogs come through `SessionUi`, so all of this runs in tests without Electron.
 */

export type ConflictChoice = 'overwrite' | 'reload' | 'cancel';
export type CloseChoice = 'save' | 'discard' | 'cancel';

export interface SessionUi {
  /** Where to save; null when cancelled. */
  chooseSavePath(suggestedName: string): Promise<string | null>;
  /** The file changed on disk since it was opened or saved: overwrite it, load it, or cancel. */
  askConflict(name: string): Promise<ConflictChoice>;
  /** Unsaved changes and the window is closing: save, discard or cancel. */
  askSaveChanges(name: string): Promise<CloseChoice>;
}

export interface SessionDeps {
  ui: SessionUi;
  drafts: DraftWriter;
  /** Called with each file opened or saved (the recent list). */
  onFileUsed?: (path: string) => void;
  fs?: AtomicFs;
  readFs?: ReadFs;
}

/** Adds `.topo.yaml` to a chosen name without a YAML extension (Linux dialogs add none). */
export function withDesignExtension(path: string): string {
  return /\.(ya?ml|json)$/i.test(path) ? path : `${path}.topo.yaml`;
}

export class DocumentSession {
  path: string | null = null;
  private identity: FileIdentity | null = null;
  /** Unsaved changes, as the page reports them. */
  private pageDirty = false;
  /** A draft restored after a crash, not saved yet: unsaved whatever the page says. */
  private restored = false;
  /** Files this window may save to: those it opened, and those the user chose in its dialogs. */
  private readonly granted = new Set<string>();

  constructor(private readonly deps: SessionDeps) {}

  get key(): string {
    return this.deps.drafts.key;
  }

  get name(): string {
    return displayName(this.path);
  }

  /** Whether closing would lose changes. */
  get dirty(): boolean {
    return this.pageDirty || this.restored;
  }

  /** Nothing in it yet: no file, no changes (a file opened now can replace it). */
  get pristine(): boolean {
    return this.path === null && !this.dirty;
  }

  mayWrite(path: string): boolean {
    return this.granted.has(path);
  }

  /** Reads `path` into this window. */
  async openFile(path: string): Promise<OpenResult> {
    const r = await readDocument(path, this.deps.readFs);
    if (!r.ok) return { status: 'error', error: r.error };
    this.path = path;
    this.identity = r.identity;
    this.granted.add(path);
    this.pageDirty = false;
    this.restored = false;
    this.lastDraft = null;
    await this.deps.drafts.discard();
    this.deps.onFileUsed?.(path);
    return { status: 'opened', doc: { path, name: displayName(path), text: r.text, dirty: false, restored: false } };
  }

  /** Takes over a draft left by a session that ended without saving. */
  restoreDraft(d: Draft): DesktopDocument {
    this.path = d.path;
    this.identity = null;
    if (d.path) this.granted.add(d.path);
    // The draft file stays (same key) until the design is saved or its changes discarded.
    this.restored = true;
    return { path: d.path, name: displayName(d.path), text: d.text, dirty: true, restored: true };
  }

  setDirty(dirty: boolean): void {
    this.pageDirty = dirty;
    if (!this.dirty) void this.deps.drafts.discard();
  }

  /** The page's current text while it has unsaved changes. `path` is the page's file, if this window may write it. */
  updateDraft(text: string, path: string | null): void {
    if (path !== null && this.granted.has(path)) this.path = path;
    else if (path === null) this.path = null;
    if (!this.dirty) return;
    this.lastDraft = text;
    this.deps.drafts.update(text, this.path, this.name);
  }

  private lastDraft: string | null = null;

  /**
   * The page crashed: what to show when it is reloaded. The last drafted text, as unsaved work
   * (it stays unsaved until saved), or null when there was nothing unsaved to recover.
   */
  recoverAfterCrash(): DesktopDocument | null {
    if (!this.dirty || this.lastDraft === null) return null;
    this.restored = true;
    return { path: this.path, name: this.name, text: this.lastDraft, dirty: true, restored: true };
  }

  private saveError(path: string, err: unknown): SaveResult {
    const { reason, hint } = describeIoError(err);
    return {
      status: 'error',
      error: desktopError('TD002', `Cannot save "${displayName(path)}": ${reason}. The file on disk is unchanged.`, `${hint} Your design is still open and its changes are drafted.`),
    };
  }

  private async write(path: string, text: string): Promise<SaveResult> {
    const bytes = new TextEncoder().encode(text);
    let written: string;
    try {
      written = await writeFileAtomic(path, bytes, { backup: true, ...(this.deps.fs ? { fs: this.deps.fs } : {}) });
    } catch (err) {
      return this.saveError(path, err);
    }
    try {
      this.identity = await identityAfterWrite(written, bytes, this.deps.readFs);
    } catch {
      this.identity = null;
    }
    this.path = path;
    this.granted.add(path);
    this.pageDirty = false;
    this.restored = false;
    this.lastDraft = null;
    await this.deps.drafts.discard();
    this.deps.onFileUsed?.(path);
    return { status: 'saved', path, name: displayName(path) };
  }

  /** Saves to `path`, which must be this window's (see `mayWrite`); checks for changes by other programs first. */
  async save(text: string, path: string): Promise<SaveResult> {
    if (!this.granted.has(path)) {
      return { status: 'error', error: desktopError('TD004', 'Topoforge refused to save: the page asked to write a file this window did not open.', 'Use Save As… to choose where to save.') };
    }
    if (this.identity && path === this.path) {
      let state;
      try {
        state = await compareWithDisk(path, this.identity, this.deps.readFs);
      } catch (err) {
        return this.saveError(path, err);
      }
      if (state === 'changed') {
        const choice = await this.deps.ui.askConflict(displayName(path));
        if (choice === 'cancel') return { status: 'cancelled' };
        if (choice === 'reload') {
          const r = await this.openFile(path);
          if (r.status === 'opened') return { status: 'reloaded', doc: r.doc };
          if (r.status === 'error') return r;
          return { status: 'cancelled' };
        }
      }
    }
    return this.write(path, text);
  }

  /** Asks where, then saves there. */
  async saveAs(text: string, suggestedName: string): Promise<SaveResult> {
    const chosen = await this.deps.ui.chooseSavePath(suggestedName);
    if (chosen === null) return { status: 'cancelled' };
    const path = withDesignExtension(chosen);
    this.granted.add(path);
    return this.write(path, text);
  }

  /**
   * The window is closing: true when it may close. With unsaved changes the user is asked; to save,
   * `currentText` gets the page's text (null if the page did not answer).
   */
  async confirmClose(currentText: () => Promise<string | null>, suggestedName: string, reportError: (e: DesktopError) => void): Promise<boolean> {
    if (!this.dirty) return true;
    const choice = await this.deps.ui.askSaveChanges(this.name);
    if (choice === 'cancel') return false;
    if (choice === 'discard') {
      this.pageDirty = false;
      this.restored = false;
      await this.deps.drafts.discard();
      return true;
    }
    const text = await currentText();
    if (text === null) {
      reportError(desktopError('TD002', `Cannot save "${this.name}": the window did not answer.`, 'The window stays open; try File > Save, or reload the window (its changes are drafted).'));
      return false;
    }
    const r = this.path ? await this.save(text, this.path) : await this.saveAs(text, suggestedName);
    if (r.status === 'error') reportError(r.error);
    return r.status === 'saved';
  }

  /** On quit: the pending draft is written now, so a restart can restore it. */
  flushDraft(): Promise<void> {
    return this.deps.drafts.flush();
  }
}
