import { isAbsolute, resolve } from 'node:path';

/**
 * Design files named on the command line: `topoforge design.topo.yaml`, `electron . design.topo.yaml`
 * in development, and the argv a second instance hands to the first one (with its own working
 * folder). Chromium and Electron switches (`--foo`, `-x`) are skipped; after `--` every argument is
 * a file. Relative paths are resolved against the folder the command was run in.
 */
export function filesFromArgv(argv: readonly string[], cwd: string, isPackaged: boolean): string[] {
  // argv[0] is the executable; in development argv[1] is the app folder or main script.
  let rest = argv.slice(1);
  if (!isPackaged) {
    const app = rest.findIndex((a) => !a.startsWith('-'));
    if (app >= 0) rest = [...rest.slice(0, app), ...rest.slice(app + 1)];
  }
  const files: string[] = [];
  let onlyFiles = false;
  for (const a of rest) {
    if (!onlyFiles && a === '--') {
      onlyFiles = true;
      continue;
    }
    if (!onlyFiles && a.startsWith('-')) continue;
    if (a.length === 0 || a.includes('\0')) continue;
    const file = a.startsWith('file://') ? fileUrlToPath(a) : a;
    if (file === null) continue;
    files.push(isAbsolute(file) ? file : resolve(cwd, file));
  }
  return [...new Set(files)];
}

function fileUrlToPath(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'file:') return null;
    const p = decodeURIComponent(u.pathname);
    return /^\/[a-zA-Z]:\//.test(p) ? p.slice(1) : p;
  } catch {
    return null;
  }
}
