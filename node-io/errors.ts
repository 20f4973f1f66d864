/**
 * What a file-system error means to a user, in one place for the CLI and the desktop shell:
 * every errno a user can cause, as the CLI's one line (`FILE: permission denied.`) and as the
 * desktop's reason and hint (`Cannot open "x": Topoforge is not allowed to access it.` + what to
 * do). Neither carries the system's message or a stack trace.
 */

/** The errno code of a Node error, if any. */
export function errnoCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const code = (err as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/** One line for the CLI, naming the file: `FILE: no such file.` */
export function describeFsError(e: unknown, file: string): string {
  switch (errnoCode(e)) {
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
    case 'EDQUOT':
      return `${file}: the disk is full.`;
    case 'EROFS':
      return `${file}: the file system is read-only.`;
    case 'EIO':
      return `${file}: input/output error while reading.`;
    default:
      return `${file}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
  }
}

/** A sentence about what went wrong with a file operation, and what to do about it (the desktop shell). */
export function describeIoError(err: unknown): { reason: string; hint: string } {
  switch (errnoCode(err)) {
    case 'ENOENT':
      return { reason: 'the file or folder does not exist (it may have been moved, renamed or deleted)', hint: 'Check the location, or choose another one.' };
    case 'EACCES':
    case 'EPERM':
      return { reason: 'Topoforge is not allowed to access it', hint: 'Check the permissions of the file and its folder, or choose another location.' };
    case 'EROFS':
      return { reason: 'the disk is read-only', hint: 'Choose a location on a writable disk.' };
    case 'ENOSPC':
    case 'EDQUOT':
      return { reason: 'the disk is full', hint: 'Free some space, or choose another disk.' };
    case 'EISDIR':
      return { reason: 'it is a folder, not a file', hint: 'Choose a file.' };
    case 'ENOTDIR':
      return { reason: 'a part of the path is not a folder', hint: 'Check the location.' };
    case 'EBUSY':
    case 'ETXTBSY':
      return { reason: 'another program is using it', hint: 'Close the other program, then try again.' };
    case 'ENAMETOOLONG':
      return { reason: 'the path is too long', hint: 'Choose a shorter name or a folder closer to the top of the disk.' };
    case 'EMFILE':
    case 'ENFILE':
      return { reason: 'too many files are open', hint: 'Close some programs, then try again.' };
    default:
      return { reason: 'the system reported an error', hint: 'Try again; if it keeps failing, choose another location.' };
  }
}

/** Sizes in messages: `10.0 MB`. */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Sizes in the desktop's messages: `512 bytes`, `3.2 KB`, `10.0 MB`. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}
