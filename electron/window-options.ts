import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { MIN_SIZE, type Rect } from './window-state';

/**
 * The options of every Topoforge window, from a plain module so that tests (and a hardening
 * review) can check them against Electron's security checklist without Electron itself.
 */
export function webPreferences(preloadPath: string, isDev: boolean): WebPreferences {
  return {
    preload: preloadPath,
    // Checklist 3, 4: the page and the preload run in separate JavaScript worlds, in a sandbox.
    contextIsolation: true,
    sandbox: true,
    // Checklist 2: no Node.js in the page, its workers or frames.
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    // Checklist 6, 8, 9, 10: the same-origin policy stays on; nothing experimental.
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    // Checklist 11, 12: no <webview>.
    webviewTag: false,
    // Dropping a file on the window must not navigate to it.
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools: isDev,
  };
}

export interface WindowOptionsInput {
  bounds: Rect;
  preloadPath: string;
  isDev: boolean;
  title: string;
  /** PNG icon for Linux (Windows and macOS take it from the packaged app). */
  iconPath?: string;
}

export function windowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    ...input.bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: input.title,
    // Shown on 'ready-to-show', so the user never sees an empty white frame.
    show: false,
    backgroundColor: '#1e1e1e',
    ...(input.iconPath ? { icon: input.iconPath } : {}),
    webPreferences: webPreferences(input.preloadPath, input.isDev),
  };
}

/** The webPreferences the checklist requires, and the values they must have. */
export const REQUIRED_WEB_PREFERENCES: Readonly<Partial<Record<keyof WebPreferences, unknown>>> = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
};

/** The departures of `prefs` from the checklist (an empty list when it complies). */
export function auditWebPreferences(prefs: WebPreferences): string[] {
  const problems: string[] = [];
  for (const [k, v] of Object.entries(REQUIRED_WEB_PREFERENCES)) {
    if ((prefs as Record<string, unknown>)[k] !== v) problems.push(`${k} must be ${String(v)}`);
  }
  if (prefs.enableBlinkFeatures) problems.push('enableBlinkFeatures must not be set');
  if (!prefs.preload) problems.push('a preload script is required (the only bridge to the shell)');
  return problems;
}
