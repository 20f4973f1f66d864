import { describe, expect, it } from 'vitest';
import { DESKTOP_LIMITS } from '../shared/desktop';
import {
  checkSender,
  IpcRejection,
  sanitizeFileName,
  validateBoolean,
  validateBundle,
  validateBundlePath,
  validateDiagramData,
  validateDiagramFormat,
  validateDocumentText,
  validateNativeEdit,
  validateRecentPath,
} from './ipc-validate';

describe('checkSender', () => {
  it('accepts the app page in the top frame', () => {
    expect(() => checkSender({ url: 'app://topoforge/index.html', parent: null })).not.toThrow();
  });

  it('refuses other pages, sub-frames and vanished frames', () => {
    expect(() => checkSender({ url: 'https://evil.example/', parent: null })).toThrow(IpcRejection);
    expect(() => checkSender({ url: 'file:///tmp/x.html', parent: null })).toThrow(IpcRejection);
    expect(() => checkSender({ url: 'app://topoforge/index.html', parent: {} })).toThrow(/top frame/);
    expect(() => checkSender(null)).toThrow(IpcRejection);
  });
});

describe('document text and simple values', () => {
  it('accepts text up to the limit and refuses other types and oversize text', () => {
    expect(validateDocumentText('name: A')).toBe('name: A');
    expect(() => validateDocumentText(42)).toThrow(IpcRejection);
    expect(() => validateDocumentText({ toString: () => 'x' })).toThrow(IpcRejection);
    expect(() => validateDocumentText('x'.repeat(DESKTOP_LIMITS.maxDocumentBytes + 1))).toThrow(/too large/);
    // Counted in UTF-8 bytes: 4 million three-byte characters are 12 MB.
    expect(() => validateDocumentText('€'.repeat(4_000_000))).toThrow(/too large/);
    expect(() => validateBoolean('true')).toThrow(IpcRejection);
    expect(validateBoolean(false)).toBe(false);
  });

  it('opens from the recent list only paths the shell put there', () => {
    expect(validateRecentPath('/d/a.topo.yaml', ['/d/a.topo.yaml'])).toBe('/d/a.topo.yaml');
    expect(() => validateRecentPath('/etc/passwd', ['/d/a.topo.yaml'])).toThrow(IpcRejection);
  });

  it('accepts only known diagram formats and editing actions', () => {
    expect(validateDiagramFormat('svg')).toBe('svg');
    expect(() => validateDiagramFormat('exe')).toThrow(IpcRejection);
    expect(validateNativeEdit('paste')).toBe('paste');
    expect(() => validateNativeEdit('delete-everything')).toThrow(IpcRejection);
  });

  it('checks that PNG bytes are a PNG and that text formats are text', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
    expect(validateDiagramData('png', png)).toBe(png);
    expect(() => validateDiagramData('png', new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]))).toThrow(/not a PNG/);
    expect(() => validateDiagramData('png', 'iVBOR')).toThrow(IpcRejection);
    expect(validateDiagramData('mermaid', 'flowchart LR')).toBe('flowchart LR');
    expect(() => validateDiagramData('svg', png)).toThrow(IpcRejection);
  });
});

describe('bundle paths', () => {
  it('accepts plain relative paths', () => {
    expect(validateBundlePath('config/kong/kong.yml')).toBe('config/kong/kong.yml');
    expect(validateBundlePath('.env.example')).toBe('.env.example');
  });

  it('refuses every way out of the chosen folder', () => {
    for (const bad of ['../x', 'a/../../x', '/etc/passwd', 'C:/Windows/x', 'c:x', 'a\\..\\x', 'a//b', './a', 'a/.', '', 'x\u0000y', 'nul', 'config/CON.txt', 'a./b', 'a /b', 'a:b']) {
      expect(() => validateBundlePath(bad), bad).toThrow(IpcRejection);
    }
    expect(() => validateBundlePath('a/'.repeat(200) + 'b')).toThrow(/too long/);
  });

  it('refuses duplicates (ignoring case), a file used as a folder, and non-text data', () => {
    expect(validateBundle([{ path: 'README.md', data: '#' }, { path: 'config/a.yml', data: new Uint8Array([1]) }])).toHaveLength(2);
    expect(() => validateBundle([{ path: 'README.md', data: '' }, { path: 'readme.md', data: '' }])).toThrow(/twice/);
    expect(() => validateBundle([{ path: 'config', data: '' }, { path: 'config/a.yml', data: '' }])).toThrow(/inside the file/);
    expect(() => validateBundle([{ path: 'config/a.yml', data: '' }, { path: 'config', data: '' }])).toThrow(/twice/);
    expect(() => validateBundle([{ path: 'a', data: 42 }])).toThrow(IpcRejection);
    expect(validateBundle([{ path: 'init.sh', data: '#!/bin/sh', mode: 0o755 }])[0]?.mode).toBe(0o755);
    expect(() => validateBundle([{ path: 'init.sh', data: '', mode: 0o4755 }])).toThrow(/mode/);
    expect(() => validateBundle([{ path: 'init.sh', data: '', mode: '755' }])).toThrow(/mode/);
    expect(() => validateBundle([])).toThrow(/no files/);
    expect(() => validateBundle('files')).toThrow(IpcRejection);
    expect(() => validateBundle(Array.from({ length: DESKTOP_LIMITS.maxBundleFiles + 1 }, (_, i) => ({ path: `f${i}`, data: '' })))).toThrow(/too many/);
  });
});

describe('sanitizeFileName', () => {
  it('makes a suggested name safe for every platform', () => {
    expect(sanitizeFileName('Orders / Payments: v2', 'design')).toBe('Orders - Payments- v2');
    expect(sanitizeFileName('../../etc/passwd', 'design')).toBe('-..-etc-passwd');
    expect(sanitizeFileName('con', 'design')).toBe('_con');
    expect(sanitizeFileName('...', 'design')).toBe('design');
    expect(sanitizeFileName(undefined, 'design')).toBe('design');
    expect(sanitizeFileName('x'.repeat(500), 'd')).toHaveLength(DESKTOP_LIMITS.maxFileNameLength);
  });
});
