import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentType, resolveAppPath } from './app-protocol';

const root = join('/opt', 'topoforge', 'dist');

describe('resolveAppPath', () => {
  it('serves the app files from the renderer build folder', () => {
    expect(resolveAppPath(root, 'app://topoforge/')).toBe(join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://topoforge/index.html')).toBe(join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://topoforge/assets/index-abc.js?x=1#y')).toBe(join(root, 'assets', 'index-abc.js'));
    expect(resolveAppPath(root, 'app://topoforge/assets/a%20b.css')).toBe(join(root, 'assets', 'a b.css'));
  });

  it('refuses anything outside the folder or from another origin', () => {
    for (const url of [
      'app://topoforge/../package.json',
      'app://topoforge/%2e%2e/package.json',
      'app://topoforge/assets/%2e%2e%2f%2e%2e%2fsecret',
      'app://topoforge/..%5c..%5cwindows',
      'app://topoforge/a%00.html',
      'app://topoforge/%E0%A4%A',
      'app://other/index.html',
      'file:///etc/passwd',
      'https://topoforge/index.html',
      'garbage',
    ]) {
      const r = resolveAppPath(root, url);
      if (r !== null) expect(r.startsWith(root + '/') || r.startsWith(root + '\\'), url).toBe(true);
    }
    expect(resolveAppPath(root, 'app://topoforge/assets/%2e%2e%2f%2e%2e%2fsecret')).toBeNull();
    expect(resolveAppPath(root, 'app://topoforge/%2e%2e/package.json')).toBe(join(root, 'package.json'));
    expect(resolveAppPath(root, 'app://topoforge/a%00.html')).toBeNull();
    expect(resolveAppPath(root, 'app://other/index.html')).toBeNull();
  });
});

describe('contentType', () => {
  it('gives module scripts a JavaScript type and unknown files an opaque one', () => {
    expect(contentType('x/index-abc.js')).toBe('text/javascript; charset=utf-8');
    expect(contentType('index.html')).toMatch(/^text\/html/);
    expect(contentType('a.SVG')).toBe('image/svg+xml');
    expect(contentType('a.exe')).toBe('application/octet-stream');
  });
});
