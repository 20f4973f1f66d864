import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { LIMITS } from '../../shared/model/limits';

/**
 * Reads a design file for the CLI: a regular file, at most LIMITS.maxFileBytes (checked before
 * reading and again while reading, in case it grows), valid UTF-8. Every failure a user can cause
 * becomes one clear line (`UserError`), never a stack trace.
 */

export class UserError extends Error {
  constructor(
    message: string,
    /** Process exit code: 2 for unreadable files and bad usage. */
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export async function readDesignFile(file: string): Promise<string> {
  let handle;
  try {
    // Non-blocking, so that a FIFO without a writer doesn't hang the open; it is refused below.
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw new UserError(describeFsError(e, file));
  }
  try {
    let st;
    try {
      st = await handle.stat();
    } catch (e) {
      throw new UserError(describeFsError(e, file));
    }
    if (st.isDirectory()) throw new UserError(`${file} is a folder, not a design file.`);
    if (!st.isFile()) throw new UserError(`${file} is not a regular file (a device, pipe or socket); give the path of a .topo.yaml file.`);
    if (st.size > LIMITS.maxFileBytes) throw new UserError(tooLarge(file, st.size));
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(1 << 20, LIMITS.maxFileBytes + 1 - total));
      let bytesRead: number;
      try {
        ({ bytesRead } = await handle.read(buf, 0, buf.length, null));
      } catch (e) {
        throw new UserError(describeFsError(e, file));
      }
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > LIMITS.maxFileBytes) throw new UserError(tooLarge(file, total));
      chunks.push(buf.subarray(0, bytesRead));
    }
    const bytes = Buffer.concat(chunks, total);
    const nul = bytes.indexOf(0);
    if (nul !== -1) throw new UserError(`${file} is not a text file (it contains a NUL byte at byte ${nul + 1}).`);
    try {
      return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      throw new UserError(`${file} is not a text file: it is not valid UTF-8. Design files are UTF-8 text.`);
    }
  } finally {
    await handle.close().catch(() => undefined);
  }
}

function tooLarge(file: string, bytes: number): string {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${file} is too large (${bytes > LIMITS.maxFileBytes + 1 ? mb(bytes) : `over ${mb(LIMITS.maxFileBytes)}`}); design files are at most ${mb(LIMITS.maxFileBytes)}.`;
}

/** One line for an fs error a user can cause. */
export function describeFsError(e: unknown, file: string): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return `${file}: no such file.`;
    case 'ENOTDIR':
      return `${file}: a part of this path is not a folder.`;
    case 'EISDIR':
      return `${file} is a folder, not a design file.`;
    case 'EACCES':
    case 'EPERM':
      return `${file}: permission denied.`;
    case 'ELOOP':
      return `${file}: too many symbolic links.`;
    case 'ENAMETOOLONG':
      return `${file}: the path is too long.`;
    case 'EMFILE':
    case 'ENFILE':
      return `${file}: too many open files; close some programs and try again.`;
    case 'ENOSPC':
      return `${file}: the disk is full.`;
    case 'EROFS':
      return `${file}: the file system is read-only.`;
    case 'EIO':
      return `${file}: input/output error while reading.`;
    default:
      return `${file}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
  }
}
