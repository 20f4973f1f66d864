import { describe, expect, it } from 'vitest';
import { PackedFiles } from './packed';

describe('PackedFiles', () => {
  it('leaves every text as it was, across batches, short and non-Latin-1 texts included', () => {
    const texts = ['', 'a', 'kind: Service\n', 'é→ü ✓\n', 'x'.repeat(100), 'line\n'.repeat(50), '🙂 two code units\n'];
    const files = Array.from({ length: 60 }, (_, i) => ({ path: `f${i}`, content: `${texts[i % texts.length]}${i}\n` }));
    const want = files.map((f) => f.content);
    const packed = new PackedFiles(200);
    for (const f of files) packed.add(f);
    packed.flush();
    expect(files.map((f) => f.content)).toEqual(want);
    expect(files.map((f) => f.path)).toEqual(want.map((_, i) => `f${i}`));
  });
});
