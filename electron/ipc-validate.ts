import { DESKTOP_LIMITS, type BundleFile, type DiagramFormat, type NativeEditAction } from '../shared/desktop';
import { isAppUrl } from './security';

/**
 * Checks of everything that crosses from the page into the main process. The page is treated as
 * untrusted: a handler first checks that the message comes from the app's own top frame, then
 * validates every argument (type, size, path shape). A failed check throws `IpcRejection`; the
 * handler answers with a TD004 error and does nothing.
 */

export class IpcRejection extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IpcRejection';
  }
}

/** The sender's frame as Electron describes it (`event.senderFrame`). */
export interface SenderFrame {
  url: string;
  /** Null for the top frame of the window. */
  parent: unknown;
}

/** Only the app's own page, in the window's top frame, may call the shell. */
export function checkSender(frame: SenderFrame | null | undefined): void {
  if (!frame) throw new IpcRejection('the sending frame is gone');
  if (frame.parent !== null) throw new IpcRejection('only the top frame may call the shell');
  if (!isAppUrl(frame.url)) throw new IpcRejection(`the sender is not the app (${String(frame.url).slice(0, 100)})`);
}

/** Bytes of `s` in UTF-8, counted only when the quick bound (3 bytes per UTF-16 unit) exceeds `max`. */
function exceedsUtf8(s: string, max: number): boolean {
  if (s.length > max) return true;
  if (s.length * 3 <= max) return false;
  return new TextEncoder().encode(s).length > max;
}

export function validateDocumentText(v: unknown): string {
  if (typeof v !== 'string') throw new IpcRejection('the design text must be a string');
  if (exceedsUtf8(v, DESKTOP_LIMITS.maxDocumentBytes)) throw new IpcRejection('the design text is too large');
  return v;
}

export function validateBoolean(v: unknown): boolean {
  if (typeof v !== 'boolean') throw new IpcRejection('expected true or false');
  return v;
}

/** A path from the recent list: accepted only if the shell itself put it there. */
export function validateRecentPath(v: unknown, recent: readonly string[]): string {
  if (typeof v !== 'string' || !recent.includes(v)) throw new IpcRejection('not a file of the recent list');
  return v;
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * A file name suggested by the page for a save dialog: made safe rather than refused (path
 * separators, control and reserved characters replaced; a Windows device name prefixed).
 */
export function sanitizeFileName(v: unknown, fallback: string): string {
  if (typeof v !== 'string') return fallback;
  let s = v
    .slice(0, DESKTOP_LIMITS.maxFileNameLength)
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]/g, '-')
    .replace(/^[.\s]+|[.\s]+$/g, '');
  if (WINDOWS_RESERVED.test(s)) s = `_${s}`;
  return s.length > 0 ? s : fallback;
}

/** One segment of a bundle path: a plain file or folder name, portable to Windows, macOS and Linux. */
function checkSegment(seg: string, path: string): void {
  if (seg === '' || seg === '.' || seg === '..') throw new IpcRejection(`bundle path "${path}" has an empty, "." or ".." part`);
  if (CONTROL.test(seg) || /[<>:"\\|?*]/.test(seg)) throw new IpcRejection(`bundle path "${path}" has a character not allowed in file names`);
  if (/[.\s]$/.test(seg)) throw new IpcRejection(`bundle path "${path}" has a part ending with a dot or a space`);
  if (WINDOWS_RESERVED.test(seg)) throw new IpcRejection(`bundle path "${path}" uses a name reserved on Windows`);
}

export function validateBundlePath(v: unknown): string {
  if (typeof v !== 'string' || v.length === 0) throw new IpcRejection('a bundle path must be a non-empty string');
  if (v.length > DESKTOP_LIMITS.maxBundlePathLength) throw new IpcRejection('a bundle path is too long');
  if (v.startsWith('/') || /^[a-zA-Z]:/.test(v)) throw new IpcRejection(`bundle path "${v}" is absolute`);
  for (const seg of v.split('/')) checkSegment(seg, v);
  return v;
}

function isBytes(v: unknown): v is Uint8Array {
  return v instanceof Uint8Array;
}

/** The files of an exported bundle: relative, unique (ignoring case), no file inside another, within the size limits. */
export function validateBundle(v: unknown): BundleFile[] {
  if (!Array.isArray(v)) throw new IpcRejection('the bundle must be a list of files');
  if (v.length === 0) throw new IpcRejection('the bundle has no files');
  if (v.length > DESKTOP_LIMITS.maxBundleFiles) throw new IpcRejection('the bundle has too many files');
  const seen = new Set<string>();
  const folders = new Set<string>();
  let total = 0;
  const out: BundleFile[] = [];
  for (const f of v as unknown[]) {
    if (typeof f !== 'object' || f === null) throw new IpcRejection('a bundle file must be an object');
    const { path, data, mode } = f as { path?: unknown; data?: unknown; mode?: unknown };
    const p = validateBundlePath(path);
    if (typeof data !== 'string' && !isBytes(data)) throw new IpcRejection(`bundle file "${p}" must have text or bytes`);
    if (mode !== undefined && (typeof mode !== 'number' || !Number.isInteger(mode) || mode < 0 || mode > 0o777)) throw new IpcRejection(`bundle file "${p}" has an invalid mode`);
    total += typeof data === 'string' ? data.length * 3 : data.byteLength;
    if (total > DESKTOP_LIMITS.maxBundleBytes) throw new IpcRejection('the bundle is too large');
    const key = p.toLowerCase();
    if (seen.has(key) || folders.has(key)) throw new IpcRejection(`bundle path "${p}" is used twice`);
    seen.add(key);
    const parts = key.split('/');
    for (let i = 1; i < parts.length; i++) {
      const folder = parts.slice(0, i).join('/');
      if (seen.has(folder)) throw new IpcRejection(`bundle path "${p}" is inside the file "${folder}"`);
      folders.add(folder);
    }
    out.push(mode === undefined ? { path: p, data } : { path: p, data, mode: (mode as number) | 0o600 });
  }
  return out;
}

const FORMATS: readonly DiagramFormat[] = ['png', 'svg', 'mermaid'];

export function validateDiagramFormat(v: unknown): DiagramFormat {
  if (typeof v !== 'string' || !FORMATS.includes(v as DiagramFormat)) throw new IpcRejection('unknown diagram format');
  return v as DiagramFormat;
}

/** The diagram's content: PNG as bytes (checked for the PNG signature), SVG and Mermaid as text. */
export function validateDiagramData(format: DiagramFormat, v: unknown): string | Uint8Array {
  if (format === 'png') {
    if (!isBytes(v)) throw new IpcRejection('a PNG must be bytes');
    const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
    if (v.byteLength < 8 || sig.some((b, i) => v[i] !== b)) throw new IpcRejection('the PNG bytes are not a PNG image');
    if (v.byteLength > DESKTOP_LIMITS.maxExportBytes) throw new IpcRejection('the image is too large');
    return v;
  }
  if (typeof v !== 'string') throw new IpcRejection(`${format} must be text`);
  if (exceedsUtf8(v, DESKTOP_LIMITS.maxExportBytes)) throw new IpcRejection('the export is too large');
  return v;
}

const EDIT_ACTIONS: readonly NativeEditAction[] = ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll'];

export function validateNativeEdit(v: unknown): NativeEditAction {
  if (typeof v !== 'string' || !EDIT_ACTIONS.includes(v as NativeEditAction)) throw new IpcRejection('unknown editing action');
  return v as NativeEditAction;
}

/** A request id of the text round trip (main asks, the page answers). */
export function validateRequestId(v: unknown): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new IpcRejection('invalid request id');
  return v;
}
