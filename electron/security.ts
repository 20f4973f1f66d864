/**
 * The security policy of the desktop shell, as plain data that tests check against Electron's
 * security checklist (https://www.electronjs.org/docs/latest/tutorial/security):
 * the app is served from a custom `app://topoforge/` origin (never `file://`, never remote), under
 * a strict Content Security Policy; navigation, new windows and permission requests are refused.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'topoforge';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/**
 * Content Security Policy of every page the app loads. No remote origin anywhere; scripts only
 * from the app itself (no inline scripts, no eval). Inline styles are allowed because the canvas
 * (React Flow) positions nodes with style attributes and Mermaid injects its theme as a <style>.
 * Images and fonts may be data:/blob: URLs (icons, the PNG/SVG export rasterises the diagram).
 */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'", 'data:', 'blob:'],
  'worker-src': ["'self'", 'blob:'],
  'manifest-src': ["'self'"],
  'media-src': ["'none'"],
  'object-src': ["'none'"],
  'frame-src': ["'none'"],
  'child-src': ["'none'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

export const CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .map(([k, v]) => `${k} ${v.join(' ')}`)
  .join('; ');

/** Headers sent with every file the app protocol serves. */
export function appResponseHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
}

/** True for a URL of the app's own pages. */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '' && u.port === '';
  } catch {
    return false;
  }
}

/** Navigation of a window away from the app: always refused (links do not leave the app). */
export function allowNavigation(_url: string): boolean {
  return false;
}

/** Permission requests (camera, microphone, geolocation, notifications, ...): the app needs none. */
export function allowPermission(_permission: string): boolean {
  return false;
}

/** What the main process registers the `app:` scheme with, before the app is ready. */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: false,
  stream: false,
  allowServiceWorkers: false,
  bypassCSP: false,
} as const;
