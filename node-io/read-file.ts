import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { LIMITS } from '../shared/model/limits';
import { describeFsError, describeIoError, formatBytes, formatMegabytes } from './errors';

/**
 * Reads a design file, for the CLI and the desktop shell alike: a regular file (a folder, a
 * device, a pipe or a socket is refused without reading it: opened non-blocking, so a FIFO
 * without a writer does not hang), at most `maxBytes` (checked before reading and again while
 * reading, in case it grows), no NUL byte, valid UTF-8 (a byte-order mark is dropped). Failures
 * are values, described for each front end by `cliReadError` and `desktopReadError`.
 */

export interface ReadStat {
  size: number;
  mtimeMs?: number;
  isFile(): boolean;
  isDirectory(): boolean;
}

/** The part of a file handle the reader uses. */
export interface ReadHandle {
  stat(): Promise<ReadStat>;
  read(buffer: Uint8Array, offset: number, length: number, position: number | null): Promise<{ bytesRead: number }>;
  close(): Promise<void>;
}

/** The file system the reader uses; tests pass one that fails on cue. */
export interface ReaderFs {
  open(path: string, flags: number): Promise<ReadHandle>;
}

export const nodeReaderFs: ReaderFs = { open: (p, flags) => open(p, flags) };

export type ReadFailure =
  | { kind: 'fs'; error: unknown }
  | { kind: 'folder' }
  | { kind: 'not-regular' }
  /** `bytes`: the size seen; `growing`: it grew past the limit while it was read. */
  | { kind: 'too-large'; bytes: number; growing: boolean }
  /** `at`: the 0-based byte offset of the first NUL. */
  | { kind: 'nul'; at: number }
  | { kind: 'not-utf8' };

export type ReadResult = { ok: true; text: string; bytes: Uint8Array; mtimeMs: number } | { ok: false; failure: ReadFailure };

export interface ReadOptions {
  maxBytes?: number;
  fs?: ReaderFs;
}

const CHUNK = 1 << 20;

export async function readTextFile(path: string, opts: ReadOptions = {}): Promise<ReadResult> {
  const fs = opts.fs ?? nodeReaderFs;
  const max = opts.maxBytes ?? LIMITS.maxFileBytes;
  let handle: ReadHandle;
  try {
    handle = await fs.open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return { ok: false, failure: { kind: 'fs', error } };
  }
  try {
    let st: ReadStat;
    try {
      st = await handle.stat();
    } catch (error) {
      return { ok: false, failure: { kind: 'fs', error } };
    }
    if (st.isDirectory()) return { ok: false, failure: { kind: 'folder' } };
    if (!st.isFile()) return { ok: false, failure: { kind: 'not-regular' } };
    if (st.size > max) return { ok: false, failure: { kind: 'too-large', bytes: st.size, growing: false } };
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      // One byte more than the limit at most: enough to see that it grew past it.
      const buf = new Uint8Array(Math.min(CHUNK, max + 1 - total));
      let bytesRead: number;
      try {
        ({ bytesRead } = await handle.read(buf, 0, buf.length, null));
      } catch (error) {
        return { ok: false, failure: { kind: 'fs', error } };
      }
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > max) return { ok: false, failure: { kind: 'too-large', bytes: total, growing: true } };
      chunks.push(buf.subarray(0, bytesRead));
    }
    const bytes = concat(chunks, total);
    const nul = bytes.indexOf(0);
    if (nul !== -1) return { ok: false, failure: { kind: 'nul', at: nul } };
    let text: string;
    try {
      // A byte-order mark is dropped (ignoreBOM: false).
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      return { ok: false, failure: { kind: 'not-utf8' } };
    }
    return { ok: true, text, bytes, mtimeMs: st.mtimeMs ?? 0 };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The CLI's one line for a failed read, naming the file as given. */
export function cliReadError(f: ReadFailure, file: string, maxBytes: number = LIMITS.maxFileBytes): string {
  switch (f.kind) {
    case 'fs':
      return describeFsError(f.error, file);
    case 'folder':
      return `${file} is a folder, not a design file.`;
    case 'not-regular':
      return `${file} is not a regular file (a device, pipe or socket); give the path of a .topo.yaml file.`;
    case 'too-large':
      return `${file} is too large (${f.growing ? `over ${formatMegabytes(maxBytes)}` : formatMegabytes(f.bytes)}); design files are at most ${formatMegabytes(maxBytes)}.`;
    case 'nul':
      return `${file} is not a text file (it contains a NUL byte at byte ${f.at + 1}).`;
    case 'not-utf8':
      return `${file} is not a text file: it is not valid UTF-8. Design files are UTF-8 text.`;
  }
}

/** The desktop shell's message and hint for a failed read, naming the file by its name. */
export function desktopReadError(f: ReadFailure, name: string, maxBytes: number = LIMITS.maxFileBytes): { code: 'TD001' | 'TD005' | 'TD006'; message: string; hint: string } {
  switch (f.kind) {
    case 'fs': {
      const { reason, hint } = describeIoError(f.error);
      return { code: 'TD001', message: `Cannot open "${name}": ${reason}.`, hint };
    }
    case 'folder':
      return { code: 'TD001', message: `Cannot open "${name}": it is a folder, not a design file.`, hint: 'Choose a .topo.yaml file.' };
    case 'not-regular':
      return { code: 'TD001', message: `Cannot open "${name}": it is not a regular file (a device, pipe or socket), not a design file.`, hint: 'Choose a .topo.yaml file.' };
    case 'too-large':
      return f.growing
        ? { code: 'TD005', message: `Cannot open "${name}": it grew beyond ${formatBytes(maxBytes)} while it was being read.`, hint: 'Try again once the other program has finished writing it.' }
        : { code: 'TD005', message: `Cannot open "${name}": it is ${formatBytes(f.bytes)}, more than the ${formatBytes(maxBytes)} a design file may have.`, hint: 'Check that this is a Topoforge design; split a very large design into several files.' };
    case 'nul':
      return { code: 'TD006', message: `Cannot open "${name}": it is not a text file (it contains NUL bytes).`, hint: 'Choose a .topo.yaml design file.' };
    case 'not-utf8':
      return { code: 'TD006', message: `Cannot open "${name}": it is not a text file (it is not valid UTF-8).`, hint: 'Choose a .topo.yaml design file.' };
  }
}
