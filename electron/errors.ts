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
