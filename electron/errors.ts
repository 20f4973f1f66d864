import type { DesktopError } from '../shared/desktop';

/**
 * Codes of the desktop shell's user errors, TD001-TD099 (docs/desktop.md, "Errors").
 * Every one has a message a user understands and a hint; none carries a stack trace.
 */
export const DESKTOP_CODES = {
  TD001: 'Cannot open the file',
  TD002: 'Cannot save the file',
  TD003: 'Cannot export',
  TD004: 'Refused request',
  TD005: 'File too large',
  TD006: 'Not a text file',
} as const;

export type DesktopCode = keyof typeof DESKTOP_CODES;

export function desktopError(code: DesktopCode, message: string, hint: string): DesktopError {
  return { code, severity: 'error', message, hint, nodes: [], edges: [] };
}

/** The errno code of a Node error, if any. */
export function errnoCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const code = (err as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/** A sentence about what went wrong with a file operation, and what to do about it. */
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
