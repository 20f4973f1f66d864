import { describe, expect, it } from 'vitest';
import { allowNavigation, allowPermission, APP_ENTRY, appResponseHeaders, CONTENT_SECURITY_POLICY, CSP_DIRECTIVES, isAppUrl } from './security';
import { auditWebPreferences, webPreferences, windowOptions } from './window-options';

describe('Content Security Policy', () => {
  const directives = new Map(CONTENT_SECURITY_POLICY.split(';').map((d) => {
    const [name, ...values] = d.trim().split(/\s+/);
    return [name!, values];
  }));

  it('denies everything by default and allows scripts only from the app itself', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
  });

  it('allows no inline script, no eval and no remote origin anywhere', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|wasm-unsafe-eval|strict-dynamic|\*/);
    expect(directives.get('script-src')).not.toContain("'unsafe-inline'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|wss?:|file:/);
  });

  it('blocks plugins, frames, base-URL hijacks and form posts', () => {
    for (const d of ['object-src', 'frame-src', 'frame-ancestors', 'base-uri', 'form-action']) expect(directives.get(d)).toEqual(["'none'"]);
  });

  it('is sent with every file the app serves', () => {
    const h = appResponseHeaders('text/html');
    expect(h['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(h['X-Content-Type-Options']).toBe('nosniff');
    expect(Object.keys(CSP_DIRECTIVES).length).toBe(directives.size);
  });
});

describe('origin, navigation and permissions', () => {
  it('recognises only the app origin as the app', () => {
    expect(isAppUrl(APP_ENTRY)).toBe(true);
    expect(isAppUrl('app://topoforge/assets/index.js')).toBe(true);
    for (const u of ['file:///index.html', 'https://topoforge/index.html', 'app://evil/index.html', 'app://topoforge:8080/', 'app://u:p@topoforge/', 'http://127.0.0.1:5173/', 'not a url', '', null, undefined]) {
      expect(isAppUrl(u)).toBe(false);
    }
  });

  it('refuses every navigation and every permission request', () => {
    for (const u of ['https://example.com', APP_ENTRY, 'file:///etc/passwd', 'javascript:alert(1)']) expect(allowNavigation(u)).toBe(false);
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) expect(allowPermission(p)).toBe(false);
  });
});

describe('window options against the Electron security checklist', () => {
  it('complies in production and in development', () => {
    expect(auditWebPreferences(webPreferences('/app/preload.cjs', false))).toEqual([]);
    expect(auditWebPreferences(webPreferences('/app/preload.cjs', true))).toEqual([]);
  });

  it('has developer tools only in development', () => {
    expect(webPreferences('/p', false).devTools).toBe(false);
    expect(webPreferences('/p', true).devTools).toBe(true);
  });

  it('reports each departure from the checklist', () => {
    const bad = { ...webPreferences('/p', false), contextIsolation: false, nodeIntegration: true, sandbox: false, webSecurity: false, enableBlinkFeatures: 'X' };
    expect(auditWebPreferences(bad)).toEqual(['contextIsolation must be true', 'sandbox must be true', 'nodeIntegration must be false', 'webSecurity must be true', 'enableBlinkFeatures must not be set']);
  });

  it('opens hidden (shown when ready), at the restored bounds, with the preload', () => {
    const o = windowOptions({ bounds: { x: 10, y: 20, width: 1000, height: 700 }, preloadPath: '/app/preload.cjs', isDev: false, title: 'Untitled — Topoforge' });
    expect(o).toMatchObject({ x: 10, y: 20, width: 1000, height: 700, show: false, title: 'Untitled — Topoforge' });
    expect(o.webPreferences?.preload).toBe('/app/preload.cjs');
  });
});
