// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { browserPlatform } from '../../renderer/platform/browser';
import { LIMITS } from '../../shared/model/limits';

/**
 * Opening a design in the browser: a file over the size limit is refused before it is read
 * (File.text() on a 2 GB file would take the tab down), with the same numbers as the CLI.
 */

interface FakeFile {
  name: string;
  size: number;
  reads: number;
  text(): Promise<string>;
}

function fakeFile(name: string, size: number, content = 'topoforge: 1\nname: X\n'): FakeFile {
  const f: FakeFile = {
    name,
    size,
    reads: 0,
    async text() {
      f.reads++;
      return content;
    },
  };
  return f;
}

function pick(file: FakeFile): void {
  const w = window as unknown as Record<string, unknown>;
  w.showOpenFilePicker = async () => [{ name: file.name, getFile: async () => file }];
  w.showSaveFilePicker = async () => {
    throw new Error('not used');
  };
}

afterEach(() => {
  const w = window as unknown as Record<string, unknown>;
  delete w.showOpenFilePicker;
  delete w.showSaveFilePicker;
});

describe('opening a file in the browser', () => {
  it('reads a design under the limit', async () => {
    const f = fakeFile('ok.topo.yaml', 100);
    pick(f);
    await expect(browserPlatform.openDesign()).resolves.toMatchObject({ text: 'topoforge: 1\nname: X\n', file: { name: 'ok.topo.yaml' } });
    expect(f.reads).toBe(1);
  });

  it('refuses a 50 MB file without reading it', async () => {
    const f = fakeFile('huge.topo.yaml', 50 * 1024 * 1024);
    pick(f);
    await expect(browserPlatform.openDesign()).rejects.toThrow('The file could not be read: huge.topo.yaml is too large (50.0 MB); design files are at most 10.0 MB.');
    expect(f.reads).toBe(0);
  });

  it('the limit is the design-file limit, to the byte', async () => {
    const at = fakeFile('at.topo.yaml', LIMITS.maxFileBytes);
    pick(at);
    await expect(browserPlatform.openDesign()).resolves.toBeTruthy();
    const over = fakeFile('over.topo.yaml', LIMITS.maxFileBytes + 1);
    pick(over);
    await expect(browserPlatform.openDesign()).rejects.toThrow(/over\.topo\.yaml is too large/);
    expect(over.reads).toBe(0);
  });
});
