import { createHash } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import { basename } from 'node:path';
import { LIMITS } from '../shared/model/limits';
import { errnoCode } from '../node-io/errors';
import { desktopReadError, nodeReaderFs, readTextFile, type ReaderFs } from '../node-io/read-file';
import { desktopError } from './errors';
import type { DesktopError } from '../shared/desktop';

/**
 * Reading design files and noticing when another program changed one since it was opened.
 *
 * When a file is opened or saved, its identity (size, modification time, SHA-256 of the bytes)
 * is kept. Before a save overwrites it, the file on disk is compared with that identity: a
 * different size or time leads to comparing the content hash, so a file only touched (same bytes)
 * is not reported as changed.
 */

export interface FileIdentity {
  size: number;
  mtimeMs: number;
  sha256: string;
}

/** The file operations used: `open` for reading a design (node-io's reader), `stat` and `readFile` for checking it on disk. */
export interface ReadFs extends ReaderFs {
  stat(path: string): Promise<{ size: number; mtimeMs: number; isFile(): boolean; isDirectory?(): boolean }>;
  readFile(path: string): Promise<Uint8Array>;
}

export const nodeReadFs: ReadFs = {
  open: nodeReaderFs.open,
  stat: (p) => nodeFs.stat(p),
  readFile: (p) => nodeFs.readFile(p),
};

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The name shown in the title bar and menus. */
export function displayName(path: string | null): string {
  return path === null ? 'Untitled' : basename(path);
}

export type ReadResult = { ok: true; text: string; identity: FileIdentity } | { ok: false; error: DesktopError };

/**
 * Reads a design file with node-io's reader (the CLI's too): refuses folders, devices and pipes
 * (without blocking on them), files over the size limit, NUL bytes and bytes that are not UTF-8.
 */
export async function readDocument(path: string, fs: ReaderFs = nodeReadFs): Promise<ReadResult> {
  const r = await readTextFile(path, { fs, maxBytes: LIMITS.maxFileBytes });
  if (!r.ok) {
    const { code, message, hint } = desktopReadError(r.failure, basename(path), LIMITS.maxFileBytes);
    return { ok: false, error: desktopError(code, message, hint) };
  }
  return { ok: true, text: r.text, identity: { size: r.bytes.length, mtimeMs: r.mtimeMs, sha256: sha256(r.bytes) } };
}

export type DiskState = 'unchanged' | 'changed' | 'missing';

/** Whether the file at `path` is still the one described by `known`. */
export async function compareWithDisk(path: string, known: FileIdentity, fs: ReadFs = nodeReadFs): Promise<DiskState> {
  let st: { size: number; mtimeMs: number };
  try {
    st = await fs.stat(path);
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return 'missing';
    throw err;
  }
  if (st.size === known.size && st.mtimeMs === known.mtimeMs) return 'unchanged';
  if (st.size !== known.size) return 'changed';
  const bytes = await fs.readFile(path);
  return sha256(bytes) === known.sha256 ? 'unchanged' : 'changed';
}

/** The identity of bytes just written to `path`. */
export async function identityAfterWrite(path: string, bytes: Uint8Array, fs: ReadFs = nodeReadFs): Promise<FileIdentity> {
  const st = await fs.stat(path);
  return { size: bytes.length, mtimeMs: st.mtimeMs, sha256: sha256(bytes) };
}

