import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY, APP_SCHEME_PRIVILEGES, allowNavigation, allowPermission, appResponseHeaders, CONTENT_SECURITY_POLICY, isAppUrl } from '../../electron/security';
import { webPreferences, windowOptions } from '../../electron/window-options';

/**
 * The desktop shell against Electron's security checklist
 * (https://www.electronjs.org/docs/latest/tutorial/security), written apart from the shell's
 * own tests: the expected values are restated here from the checklist, not imported from
 * electron/ (whose REQUIRED_WEB_PREFERENCES could drift with the code it checks). The window
 * options and the CSP come from the plain modules; how main.ts wires them (navigation, new
 * windows, permissions, IPC senders, the app:// protocol) is checked on its source, since
 * Electron's binary is not available to the unit tests.
 */

const ROOT = resolve(__dirname, '../..');
const MAIN = readFileSync(join(ROOT, 'electron', 'main.ts'), 'utf8');
const PRELOAD = readFileSync(join(ROOT, 'electron', 'preload.ts'), 'utf8');

/** Checklist items 2, 3, 4, 6, 8, 9, 10, 11 as webPreferences values. */
const CHECKLIST_PREFERENCES = {
  nodeIntegration: false, // 2
  nodeIntegrationInWorker: false, // 2
  nodeIntegrationInSubFrames: false, // 2
  contextIsolation: true, // 3
  sandbox: true, // 4
  webSecurity: true, // 6
  allowRunningInsecureContent: false, // 8
  experimentalFeatures: false, // 9
  webviewTag: false, // 11
} as const;

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name!.toLowerCase(), values];
      }),
  );
}

describe('window options (checklist 2-4, 6, 8-11)', () => {
  for (const dev of [false, true]) {
    it(`every checklist preference has its safe value${dev ? ' (development build)' : ''}`, () => {
      const prefs = webPreferences('/app/preload.cjs', dev) as Record<string, unknown>;
      for (const [key, value] of Object.entries(CHECKLIST_PREFERENCES)) expect(prefs[key], key).toBe(value);
      expect(prefs.enableBlinkFeatures, 'enableBlinkFeatures (10)').toBeUndefined();
      expect(prefs.disableBlinkFeatures).toBeUndefined();
      expect(prefs.preload).toBe('/app/preload.cjs');
      expect(prefs.navigateOnDragDrop).toBe(false);
    });
  }

  it('the window gets exactly those preferences, and no developer tools in a packaged build', () => {
    const o = windowOptions({ bounds: { x: 0, y: 0, width: 1200, height: 800 }, preloadPath: '/p.cjs', isDev: false, title: 'Topoforge' });
    expect(o.webPreferences).toEqual(webPreferences('/p.cjs', false));
    expect(o.webPreferences?.devTools).toBe(false);
  });

  it('every window main.ts creates is built with windowOptions (no hand-written webPreferences)', () => {
    const creations = [...MAIN.matchAll(/new BrowserWindow\(([\s\S]*?)\);/g)];
    expect(creations.length).toBeGreaterThan(0);
    for (const c of creations) expect(c[1]!.trim(), c[0]).toMatch(/^windowOptions\(/);
    expect(MAIN).not.toMatch(/webPreferences\s*:/);
    expect(MAIN).not.toMatch(/nodeIntegration|contextIsolation\s*:\s*false|sandbox\s*:\s*false|webSecurity\s*:\s*false/);
  });
});

describe('Content Security Policy (checklist 7)', () => {
  const csp = directives(CONTENT_SECURITY_POLICY);
  const REMOTE = /^(\*|https?:|wss?:|ftp:|file:|[a-z0-9.-]+\.[a-z]{2,}|\*\.)/i;

  it('restricts everything by default', () => {
    expect(["'none'", "'self'"]).toContain(csp.get('default-src')?.join(' '));
  });

  it('runs scripts from the app only: no inline script, no eval, no remote origin', () => {
    const script = csp.get('script-src') ?? csp.get('default-src')!;
    expect(script).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/'unsafe-eval'|'wasm-unsafe-eval'|'unsafe-hashes'|'strict-dynamic'/);
  });

  it('names no remote origin in any directive', () => {
    for (const [name, values] of csp) for (const v of values) expect(REMOTE.test(v), `${name} ${v}`).toBe(false);
  });

  it('blocks plugins, framing, <base> hijacks and form posts', () => {
    for (const d of ['object-src', 'frame-ancestors', 'base-uri', 'form-action']) expect(csp.get(d), d).toEqual(["'none'"]);
    expect(csp.get('frame-src') ?? csp.get('child-src') ?? csp.get('default-src')).toEqual(["'none'"]);
  });

  it('is sent with every file the app protocol serves, and added to every other response (main.ts)', () => {
    expect(appResponseHeaders('text/html')['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(appResponseHeaders('application/javascript')['X-Content-Type-Options']).toBe('nosniff');
    expect(MAIN).toMatch(/protocol\.handle\(APP_SCHEME,[\s\S]*?headers: appResponseHeaders\(/);
    expect(MAIN).toMatch(/onHeadersReceived\([\s\S]*?'Content-Security-Policy': \[CONTENT_SECURITY_POLICY\]/);
  });

  it('the page itself has no inline script or remote resource the CSP would have to allow', () => {
    const html = readFileSync(join(ROOT, 'renderer', 'index.html'), 'utf8');
    for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
      expect(m[1], 'a script comes from a file').toMatch(/\bsrc=/);
      expect(m[2]!.trim(), 'no inline script').toBe('');
    }
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });
});

describe('origin, navigation, new windows, webviews, permissions (checklist 1, 5, 12-14, 18)', () => {
  it('the app is served from its own secure scheme, never file:// or a remote or local web server', () => {
    expect(APP_ENTRY).toMatch(/^app:\/\/topoforge\//);
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true, bypassCSP: false, corsEnabled: false, allowServiceWorkers: false });
    const loads = [...MAIN.matchAll(/\.load(URL|File)\(([^)]*)\)/g)];
    expect(loads.map((m) => m[2]!.trim())).toEqual(loads.map(() => 'APP_ENTRY'));
    expect(MAIN).not.toMatch(/['"`](https?|file):\/\//);
  });

  it('only the app origin counts as the app', () => {
    expect(isAppUrl(APP_ENTRY)).toBe(true);
    for (const u of ['file:///index.html', 'https://topoforge/', 'app://other/', 'app://topoforge.evil/', 'app://x@topoforge/', 'http://localhost:5173/', 'javascript:alert(1)', 'data:text/html,x']) expect(isAppUrl(u), u).toBe(false);
  });

  it('navigation, redirects, new windows and <webview> are refused for every web contents (main.ts)', () => {
    for (const u of ['https://example.com', 'file:///etc/passwd', APP_ENTRY, 'javascript:alert(1)']) expect(allowNavigation(u), u).toBe(false);
    expect(MAIN).toMatch(/app\.on\('web-contents-created', \(_event, contents\) => hardenContents\(contents\)\)/);
    const harden = /function hardenContents\([\s\S]*?\n}\n/.exec(MAIN)![0];
    expect(harden).toMatch(/'will-navigate'[\s\S]*?event\.preventDefault\(\)/);
    expect(harden).toMatch(/'will-redirect'[\s\S]*?event\.preventDefault\(\)/);
    expect(harden).toMatch(/'will-attach-webview', \(event\) => event\.preventDefault\(\)/);
    expect(harden).toMatch(/setWindowOpenHandler\([\s\S]*?return \{ action: 'deny' \}/);
    expect(harden).not.toMatch(/action: 'allow'/);
  });

  it('every permission request and check is denied (main.ts)', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'midi', 'midiSysex', 'pointerLock', 'fullscreen', 'openExternal', 'clipboard-read', 'clipboard-sanitized-write', 'display-capture', 'hid', 'serial', 'usb', 'unknown']) {
      expect(allowPermission(p), p).toBe(false);
    }
    expect(MAIN).toMatch(/setPermissionRequestHandler\(\(_wc, permission, callback\) => callback\(allowPermission\(permission\)\)\)/);
    expect(MAIN).toMatch(/setPermissionCheckHandler\(\(_wc, permission\) => allowPermission\(permission\)\)/);
  });

  it('no shell.openExternal with anything from the page (checklist 15)', () => {
    expect(MAIN).not.toMatch(/openExternal/);
  });
});

describe('IPC and the preload (checklist 17, 20)', () => {
  it('every IPC handler checks its sender frame before doing anything', () => {
    const registrations = [...MAIN.matchAll(/ipcMain\.(handle|on)\(/g)].map((m) => m.index!);
    expect(registrations.length).toBeGreaterThan(2);
    registrations.forEach((at, i) => {
      const body = MAIN.slice(at, registrations[i + 1] ?? at + 1500);
      expect(/windowOf\(event\)|checkSender\(event\.senderFrame\)/.test(body), MAIN.slice(at, at + 80)).toBe(true);
    });
    expect(/function windowOf\([\s\S]*?checkSender\(event\.senderFrame\)/.test(MAIN)).toBe(true);
  });

  it('the preload exposes one typed API and never ipcRenderer itself', () => {
    const exposed = [...PRELOAD.matchAll(/exposeInMainWorld\(\s*'([^']+)'\s*,\s*(\w+)\s*\)/g)];
    expect(exposed.map((m) => [m[1], m[2]])).toEqual([['topoforge', 'bridge']]);
    const bridge = /const bridge: DesktopBridge = \{([\s\S]*?)\n\};/.exec(PRELOAD)![1]!;
    expect(bridge).not.toMatch(/:\s*ipcRenderer\b|ipcRenderer\s*[,}]|\.\.\.ipcRenderer|require\(|process\.env/);
    expect(PRELOAD).not.toMatch(/from 'node:|from 'fs'|from 'child_process'/);
  });
});

describe('the packaged app (checklist 16, 19)', () => {
  it('flips the fuses an attacker could use to run code through the binary', () => {
    const cfg = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as { electronFuses?: Record<string, boolean> };
    expect(cfg.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('pins a supported Electron (a current major version)', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { optionalDependencies?: Record<string, string>; devDependencies?: Record<string, string> };
    const v = pkg.optionalDependencies?.electron ?? pkg.devDependencies?.electron;
    expect(v).toMatch(/^\d+\.\d+\.\d+$/);
    expect(Number(v!.split('.')[0])).toBeGreaterThanOrEqual(38);
  });
});
