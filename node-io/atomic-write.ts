import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { errnoCode } from './errors';

/**
 * Atomic file and folder writes, for the CLI and the desktop shell alike: the new content goes to
 * a temporary file (or folder) beside the target, is flushed to disk (fsync of every file and
 * folder written, or for a large folder on Linux one `syncfs` of its file system), then renamed over the target in one step, and the folder holding it is flushed
 * too. A crash, a kill or a full disk at any moment leaves either the old file or the new one,
 * never a half-written one.
 */

/** The part of a file handle the writer uses. */
export interface WriteHandle {
  write(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesWritten: number }>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** The file system operations used; tests pass one that fails halfway. */
export interface AtomicFs {
  open(path: string, flags: string, mode?: number): Promise<WriteHandle>;
  rename(from: string, to: string): Promise<void>;
  link(existing: string, newPath: string): Promise<void>;
  copyFile(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  stat(path: string): Promise<{ mode: number; isFile(): boolean; isDirectory(): boolean }>;
  realpath(path: string): Promise<string>;
  mkdir(path: string, options: { recursive: boolean }): Promise<unknown>;
  rm(path: string, options: { recursive: boolean; force: boolean }): Promise<void>;
  readdir(path: string): Promise<string[]>;
  /** Flushes a folder's entries (the rename) to disk; best effort, not possible on Windows. */
  syncDir(path: string): Promise<void>;
  /**
   * Flushes everything written to the file system holding `path` in one call, waiting until it
   * is on disk (Linux's `syncfs`); resolves false when that failed (the writer then flushes file
   * by file, which reports the error). Null where the system has no such call.
   */
  syncFileSystem: ((path: string) => Promise<boolean>) | null;
}

export const nodeAtomicFs: AtomicFs = {
  open: (p, flags, mode) => nodeFs.open(p, flags, mode),
  rename: (a, b) => nodeFs.rename(a, b),
  link: (a, b) => nodeFs.link(a, b),
  copyFile: (a, b) => nodeFs.copyFile(a, b),
  unlink: (p) => nodeFs.unlink(p),
  stat: (p) => nodeFs.stat(p),
  realpath: (p) => nodeFs.realpath(p),
  mkdir: (p, o) => nodeFs.mkdir(p, o),
  rm: (p, o) => nodeFs.rm(p, o),
  readdir: (p) => nodeFs.readdir(p),
  syncDir: async (p) => {
    if (process.platform === 'win32') return;
    const h = await nodeFs.open(p, 'r');
    try {
      await h.sync();
    } finally {
      await h.close();
    }
  },
  // Node has no `syncfs`; coreutils' `sync -f` (8.24, 2015) is that call. Elsewhere (macOS's
  // `sync` neither takes a folder nor waits; Windows has none) files are flushed one by one.
  syncFileSystem: process.platform === 'linux' ? (p) => new Promise((done) => execFile('sync', ['-f', p], (err) => done(!err))) : null,
};

export interface AtomicWriteOptions {
  fs?: AtomicFs;
  /** Keep the previous version as `<file>.bak` (one only; replaced on each save). */
  backup?: boolean;
  /** Bytes written per call (tests make it small to fail in the middle). */
  chunkSize?: number;
  /**
   * Create the file only if there is none (an error with code EEXIST otherwise): the complete
   * file appears at once, by a hard link from the flushed temporary file.
   */
  exclusive?: boolean;
}

const CHUNK = 1024 * 1024;

function tempName(base: string, suffix: string): string {
  return `.${base}.${randomBytes(6).toString('hex')}.${suffix}`;
}

function toBytes(data: string | Uint8Array): Uint8Array {
  return typeof data === 'string' ? new TextEncoder().encode(data) : data;
}

async function writeAll(h: WriteHandle, bytes: Uint8Array, chunkSize: number): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const n = Math.min(chunkSize, bytes.length - done);
    const { bytesWritten } = await h.write(bytes, done, n, done);
    if (bytesWritten <= 0) throw Object.assign(new Error('write made no progress'), { code: 'EIO' });
    done += bytesWritten;
  }
}

async function existingStat(fs: AtomicFs, path: string) {
  try {
    return await fs.stat(path);
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return null;
    throw err;
  }
}

/** Renames, retrying briefly when Windows reports the target busy (an indexer or antivirus holding it). */
async function renameRetry(fs: AtomicFs, from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (err) {
      const code = errnoCode(err);
      if (attempt >= 4 || !(code === 'EPERM' || code === 'EBUSY' || code === 'EACCES') || process.platform !== 'win32') throw err;
      await new Promise((r) => setTimeout(r, 50 * (attempt + 1)));
    }
  }
}

/** Writes a new temporary file next to `path`, fsynced; returns its name. Removes it on failure. */
async function writeTemp(fs: AtomicFs, dir: string, base: string, data: Uint8Array, mode: number, chunkSize: number): Promise<string> {
  const tmp = join(dir, tempName(base, 'tmp'));
  const h = await fs.open(tmp, 'wx', mode);
  try {
    await writeAll(h, data, chunkSize);
    await h.sync();
  } catch (err) {
    await h.close().catch(() => undefined);
    await fs.unlink(tmp).catch(() => undefined);
    throw err;
  }
  try {
    await h.close();
  } catch (err) {
    await fs.unlink(tmp).catch(() => undefined);
    throw err;
  }
  return tmp;
}

/** Keeps the current `path` as `path.bak`: a hard link where the disk allows it, else a copy. */
async function keepBackup(fs: AtomicFs, dir: string, base: string, path: string): Promise<void> {
  const tmp = join(dir, tempName(base, 'bak.tmp'));
  try {
    await fs.link(path, tmp);
  } catch {
    await fs.copyFile(path, tmp);
  }
  try {
    await renameRetry(fs, tmp, `${path}.bak`);
  } catch (err) {
    await fs.unlink(tmp).catch(() => undefined);
    throw err;
  }
}

/**
 * Replaces the file at `target` with `data`, atomically. A symbolic link is followed (the file it
 * points to is replaced, the link kept). The file's permissions are kept. Returns the path written.
 */
export async function writeFileAtomic(target: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<string> {
  const fs = options.fs ?? nodeAtomicFs;
  let path = target;
  try {
    path = await fs.realpath(target);
  } catch (err) {
    if (errnoCode(err) !== 'ENOENT') throw err;
  }
  const dir = dirname(path);
  const base = basename(path);
  const existing = await existingStat(fs, path);
  if (options.exclusive && existing) throw Object.assign(new Error(`${path} exists`), { code: 'EEXIST' });
  if (existing && !existing.isFile()) throw Object.assign(new Error(`${path} is not a file`), { code: 'EISDIR' });
  const mode = existing ? existing.mode & 0o777 : 0o666;
  const tmp = await writeTemp(fs, dir, base, toBytes(data), mode, options.chunkSize ?? CHUNK);
  try {
    if (options.exclusive) await linkExclusive(fs, tmp, path);
    else {
      if (options.backup && existing) await keepBackup(fs, dir, base, path);
      await renameRetry(fs, tmp, path);
    }
  } catch (err) {
    await fs.unlink(tmp).catch(() => undefined);
    throw err;
  }
  await fs.syncDir(dir).catch(() => undefined);
  return path;
}

/** Puts the flushed temporary file at `path` only if nothing is there (EEXIST otherwise), then drops the temporary name. */
async function linkExclusive(fs: AtomicFs, tmp: string, path: string): Promise<void> {
  try {
    await fs.link(tmp, path);
  } catch (err) {
    // A disk without hard links (FAT, some network shares): check, then rename.
    if (errnoCode(err) === 'EEXIST' || (await existingStat(fs, path))) throw Object.assign(new Error(`${path} exists`), { code: 'EEXIST' });
    await renameRetry(fs, tmp, path);
    return;
  }
  await fs.unlink(tmp).catch(() => undefined);
}

export interface FolderFile {
  /** Relative, `/`-separated, already validated (electron/ipc-validate.ts). */
  path: string;
  data: string | Uint8Array;
  /** POSIX permissions (default 0o666 less the umask). */
  mode?: number;
}

/** A failed folder write: `phase` says whether the new folder was being written (`write`) or was replacing the old one (`replace`); the old folder is as it was either way. */
export class FolderWriteError extends Error {
  readonly code: string | undefined;
  constructor(
    readonly phase: 'write' | 'replace',
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'FolderWriteError';
    this.code = errnoCode(cause);
  }
}

export interface FolderWriteOptions extends Omit<AtomicWriteOptions, 'backup' | 'exclusive'> {
  /** Files written at the same time (default 16): a bundle of 10,000 files one by one waits on the disk 40,000 times. */
  concurrency?: number;
}

/**
 * Writes a whole folder atomically: every file goes into a temporary folder beside `target`
 * (files and folders flushed to disk), which then replaces `target` by renames (the old folder
 * is moved aside, the new one moved in, the old one removed). If anything fails, the old folder
 * is put back and the temporary one removed; the error is a FolderWriteError carrying the errno
 * `code`. `files` paths are relative, `/`-separated and already checked.
 */
export async function writeFolderAtomic(target: string, files: readonly FolderFile[], options: FolderWriteOptions = {}): Promise<{ replaced: boolean }> {
  const fs = options.fs ?? nodeAtomicFs;
  const chunkSize = options.chunkSize ?? CHUNK;
  const parent = dirname(target);
  const base = basename(target);
  const tmpDir = join(parent, tempName(base, 'tmp'));
  try {
    await fs.mkdir(parent, { recursive: true });
    await fs.mkdir(tmpDir, { recursive: false });
  } catch (err) {
    throw new FolderWriteError('write', err);
  }
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  try {
    // The folders (only the deepest ones are made: recursive makes their parents), then the
    // files, each several at a time (a bundle of 10,000 components has 5,000 folders and 18,000
    // files).
    const limit = options.concurrency ?? 16;
    const folders = [...new Set(sorted.map((f) => f.path.split('/').slice(0, -1).join('/')).filter((d) => d !== ''))].sort();
    const deepest = folders.filter((d, i) => !(folders[i + 1]?.startsWith(`${d}/`) ?? false));
    await eachLimited(deepest, limit, (d) => fs.mkdir(join(tmpDir, ...d.split('/')), { recursive: true }).then(() => undefined));
    // Then everything is flushed before the folder takes the target's place. Many files: written
    // first, then flushed in one call (a flush per file waits on the disk once a file: 18,000
    // files took 3.2 s to write with a flush each, 1.0 s without, plus 0.2 s for one `syncfs`, on
    // this project's machine). Few files, or no such call: each file flushed as it is written.
    const syncFileSystem = sorted.length >= BATCH_FLUSH_MIN ? fs.syncFileSystem : null;
    await eachLimited(sorted, limit, async (f) => {
      const h = await fs.open(join(tmpDir, ...f.path.split('/')), 'wx', f.mode ?? 0o666);
      try {
        await writeAll(h, toBytes(f.data), chunkSize);
        if (!syncFileSystem) await h.sync();
      } finally {
        await h.close();
      }
    });
    if (!syncFileSystem || !(await syncFileSystem(tmpDir))) {
      // The one call failed: the files written without a flush are flushed now.
      if (syncFileSystem) await eachLimited(sorted, limit, (f) => flushFile(fs, join(tmpDir, ...f.path.split('/'))));
      await eachLimited(folders, limit, (d) => fs.syncDir(join(tmpDir, ...d.split('/'))).catch(() => undefined));
      await fs.syncDir(tmpDir).catch(() => undefined);
    }
  } catch (err) {
    await fs.rm(tmpDir, { recursive: true, force: true }).catch(() => undefined);
    throw new FolderWriteError('write', err);
  }
  let movedAside: string | null = null;
  try {
    const existing = await existingStat(fs, target);
    if (existing) {
      if (!existing.isDirectory()) throw Object.assign(new Error(`${target} is not a folder`), { code: 'ENOTDIR' });
      movedAside = join(parent, tempName(base, 'old'));
      await renameRetry(fs, target, movedAside);
    }
    await renameRetry(fs, tmpDir, target);
  } catch (err) {
    await fs.rm(tmpDir, { recursive: true, force: true }).catch(() => undefined);
    if (movedAside) await fs.rename(movedAside, target).catch(() => undefined);
    throw new FolderWriteError('replace', err);
  }
  if (movedAside) await fs.rm(movedAside, { recursive: true, force: true }).catch(() => undefined);
  await fs.syncDir(parent).catch(() => undefined);
  return { replaced: movedAside !== null };
}

/** Folders of at least this many files are written first and flushed after, in one call where the system has one. */
const BATCH_FLUSH_MIN = 64;

/** Flushes a file written before (opened again for it: read-only is enough on Linux, the only system that writes first and flushes after). */
async function flushFile(fs: AtomicFs, path: string): Promise<void> {
  const h = await fs.open(path, 'r');
  try {
    await h.sync();
  } finally {
    await h.close();
  }
}

/** Runs `task` on every item, at most `limit` at a time; on the first failure starts no more, waits for those running, and throws it. */
async function eachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { err: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < items.length) {
      const item = items[next++]!;
      try {
        await task(item);
      } catch (err) {
        failure ??= { err };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failure) throw failure.err;
}
