import * as nodeFs from 'node:fs/promises';
import { join } from 'node:path';
import { DESKTOP_LIMITS } from '../shared/desktop';
import { writeFileAtomic, type AtomicFs } from '../node-io/atomic-write';
import { errnoCode } from '../node-io/errors';

/**
 * Drafts of unsaved work, kept in the user-data folder so that a crash or a kill loses at most a
 * few seconds. One draft per window, named by the window's draft key; written atomically; removed
 * once the design is saved (or its changes discarded). Drafts found at launch are from a session
 * that ended without saving: the app offers to restore them.
 */

export const DRAFT_FORMAT = 1;

export interface Draft {
  format: typeof DRAFT_FORMAT;
  key: string;
  /** The file the design belongs to, or null for a design never saved. */
  path: string | null;
  name: string;
  text: string;
  /** ISO time of the last change drafted. */
  updatedAt: string;
}

const KEY = /^[a-z0-9][a-z0-9-]{0,63}$/;
const SUFFIX = '.draft.json';

export function isDraftKey(key: string): boolean {
  return KEY.test(key);
}

export interface DraftFs {
  readdir(path: string): Promise<string[]>;
  readFile(path: string, encoding: 'utf8'): Promise<string>;
  unlink(path: string): Promise<void>;
  mkdir(path: string, options: { recursive: boolean }): Promise<unknown>;
}

const nodeDraftFs: DraftFs = {
  readdir: (p) => nodeFs.readdir(p),
  readFile: (p, e) => nodeFs.readFile(p, e),
  unlink: (p) => nodeFs.unlink(p),
  mkdir: (p, o) => nodeFs.mkdir(p, o),
};

function parseDraft(json: string): Draft | null {
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const d = v as Record<string, unknown>;
  if (d.format !== DRAFT_FORMAT || typeof d.key !== 'string' || !isDraftKey(d.key)) return null;
  if (!(d.path === null || typeof d.path === 'string') || typeof d.name !== 'string' || typeof d.text !== 'string' || typeof d.updatedAt !== 'string') return null;
  return { format: DRAFT_FORMAT, key: d.key, path: d.path, name: d.name, text: d.text, updatedAt: d.updatedAt };
}

export class DraftStore {
  constructor(
    readonly dir: string,
    private readonly fs: DraftFs = nodeDraftFs,
    private readonly atomicFs?: AtomicFs,
  ) {}

  private file(key: string): string {
    if (!isDraftKey(key)) throw new Error(`invalid draft key: ${key}`);
    return join(this.dir, key + SUFFIX);
  }

  async write(draft: Draft): Promise<void> {
    await this.fs.mkdir(this.dir, { recursive: true });
    await writeFileAtomic(this.file(draft.key), JSON.stringify(draft), this.atomicFs ? { fs: this.atomicFs } : {});
  }

  async remove(key: string): Promise<void> {
    try {
      await this.fs.unlink(this.file(key));
    } catch (err) {
      if (errnoCode(err) !== 'ENOENT') throw err;
    }
  }

  /** Every readable draft, most recent first. Unreadable or foreign files are left alone. */
  async list(): Promise<Draft[]> {
    let names: string[];
    try {
      names = await this.fs.readdir(this.dir);
    } catch (err) {
      if (errnoCode(err) === 'ENOENT') return [];
      throw err;
    }
    const drafts: Draft[] = [];
    for (const n of names) {
      if (!n.endsWith(SUFFIX) || n.startsWith('.')) continue;
      try {
        const d = parseDraft(await this.fs.readFile(join(this.dir, n), 'utf8'));
        if (d && d.key + SUFFIX === n && d.text.length <= DESKTOP_LIMITS.maxDocumentBytes) drafts.push(d);
      } catch {
        // A draft that cannot be read is skipped, never deleted: it may be restorable by hand.
      }
    }
    return drafts.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
  }
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): Date;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  now: () => new Date(),
};

/**
 * The draft of one window: `update` records the latest text and writes it at most once every
 * `intervalMs`: the first change after a quiet spell at once (so a crash right after an edit finds
 * it), later ones batched into one write when the interval has passed;
 * `discard` drops the pending change and the draft file. Writes and removals run one after another,
 * so a removal is never overtaken by a write that started before it.
 */
export class DraftWriter {
  private pending: { text: string; path: string | null; name: string } | null = null;
  private timer: unknown = null;
  /** When the last draft was written (ms since the epoch). */
  private lastWrite = -Infinity;
  private chain: Promise<void> = Promise.resolve();
  /** Called with errors of background writes (logged by the shell; a draft failing must not stop the app). */
  onError: (err: unknown) => void = () => undefined;

  constructor(
    private readonly store: DraftStore,
    readonly key: string,
    private readonly intervalMs = 3000,
    private readonly timers: Timers = realTimers,
  ) {
    if (!isDraftKey(key)) throw new Error(`invalid draft key: ${key}`);
  }

  update(text: string, path: string | null, name: string): void {
    this.pending = { text, path, name };
    if (this.timer !== null) return;
    const since = this.timers.now().getTime() - this.lastWrite;
    if (since >= this.intervalMs) {
      void this.flush();
      return;
    }
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.intervalMs - since);
  }

  /** Writes the pending change now (before quitting, for instance). */
  flush(): Promise<void> {
    if (this.timer !== null) {
      this.timers.clearTimeout(this.timer);
      this.timer = null;
    }
    const p = this.pending;
    this.pending = null;
    if (p) {
      this.lastWrite = this.timers.now().getTime();
      const draft: Draft = { format: DRAFT_FORMAT, key: this.key, path: p.path, name: p.name, text: p.text, updatedAt: this.timers.now().toISOString() };
      this.chain = this.chain.then(() => this.store.write(draft)).catch((err) => this.onError(err));
    }
    return this.chain;
  }

  /** Drops the draft: the design was saved, or its changes discarded. */
  discard(): Promise<void> {
    if (this.timer !== null) {
      this.timers.clearTimeout(this.timer);
      this.timer = null;
    }
    this.pending = null;
    this.chain = this.chain.then(() => this.store.remove(this.key)).catch((err) => this.onError(err));
    return this.chain;
  }

  /** Resolves once the writes and removals started so far are done. */
  whenIdle(): Promise<void> {
    return this.chain;
  }

  get hasPending(): boolean {
    return this.pending !== null;
  }
}
