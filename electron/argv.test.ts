import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesFromArgv } from './argv';

describe('filesFromArgv', () => {
  it('finds the file given to the packaged app, relative to the working folder', () => {
    expect(filesFromArgv(['/opt/Topoforge/topoforge', 'orders.topo.yaml'], '/home/u/designs', true)).toEqual([resolve('/home/u/designs', 'orders.topo.yaml')]);
  });

  it('skips the app folder in development and the switches Chromium adds', () => {
    const argv = ['/x/electron', '--no-sandbox', '.', '--enable-logging', '/abs/a.topo.yaml', 'b.topo.yaml'];
    expect(filesFromArgv(argv, '/w', false)).toEqual(['/abs/a.topo.yaml', resolve('/w', 'b.topo.yaml')]);
  });

  it('takes everything after -- as files, once each, and accepts file:// URLs', () => {
    expect(filesFromArgv(['/app', '--', '--weird-name.topo.yaml', 'file:///tmp/c%20d.topo.yaml', '/tmp/c d.topo.yaml'], '/w', true)).toEqual([
      resolve('/w', '--weird-name.topo.yaml'),
      '/tmp/c d.topo.yaml',
    ]);
  });

  it('finds nothing when no file was given', () => {
    expect(filesFromArgv(['/x/electron', '.'], '/w', false)).toEqual([]);
    expect(filesFromArgv(['/opt/Topoforge/topoforge', '--inspect'], '/w', true)).toEqual([]);
  });
});
