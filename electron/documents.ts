import { createHash } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import { basename } from 'node:path';
import { LIMITS } from '../shared/model/limits';
import { describeIoError, desktopError, errnoCode } from './errors';
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

export interface ReadFs {
  stat(path: string): Promise<{ size: number; mtimeMs: number; isFile(): boolean; isDirectory?(): boolean }>;
  readFile(path: string): Promise<Uint8Array>;
}

export const nodeReadFs: ReadFs = {
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

/** Reads a design file: refuses folders, files over the size limit and bytes that are not UTF-8 text. */
export async function readDocument(path: string, fs: ReadFs = nodeReadFs): Promise<ReadResult> {
  const name = basename(path);
  try {
    const st = await fs.stat(path);
    if (!st.isFile()) {
      // A FIFO, a device or a socket is no folder: say what it is (and never read it: a FIFO blocks).
      const what = st.isDirectory && !st.isDirectory() ? 'not a regular file (a device, pipe or socket)' : 'a folder';
      return { ok: false, error: desktopError('TD001', `Cannot open "${name}": it is ${what}, not a design file.`, 'Choose a .topo.yaml file.') };
    }
    if (st.size > LIMITS.maxFileBytes) {
      return {
        ok: false,
        error: desktopError('TD005', `Cannot open "${name}": it is ${formatBytes(st.size)}, more than the ${formatBytes(LIMITS.maxFileBytes)} a design file may have.`, 'Check that this is a Topoforge design; split a very large design into several files.'),
      };
    }
    const bytes = await fs.readFile(path);
    if (bytes.length > LIMITS.maxFileBytes) {
      return { ok: false, error: desktopError('TD005', `Cannot open "${name}": it grew beyond ${formatBytes(LIMITS.maxFileBytes)} while it was being read.`, 'Try again once the other program has finished writing it.') };
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return { ok: false, error: desktopError('TD006', `Cannot open "${name}": it is not a text file (it is not valid UTF-8).`, 'Choose a .topo.yaml design file.') };
    }
    if (text.includes('\u0000')) {
      return { ok: false, error: desktopError('TD006', `Cannot open "${name}": it is not a text file (it contains NUL bytes).`, 'Choose a .topo.yaml design file.') };
    }
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { ok: true, text, identity: { size: bytes.length, mtimeMs: st.mtimeMs, sha256: sha256(bytes) } };
  } catch (err) {
    const { reason, hint } = describeIoError(err);
    return { ok: false, error: desktopError('TD001', `Cannot open "${name}": ${reason}.`, hint) };
  }
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

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}
