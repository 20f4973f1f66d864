import type { OutputFile } from './types';

/**
 * Small files' texts kept as slices of one large string. A bundle keeps every file until it is
 * written; a small string lives in V8's young generation, and each young collection that finds
 * it alive copies it (twice before it is old). A string above ~128 kB is allocated apart and
 * never copied, and a slice of it is a small object pointing into it. Files added here are, every
 * `batch` characters, joined into one string and given slices of it: the same text, byte for
 * byte, that the collector no longer copies.
 */
export class PackedFiles {
  private pending: OutputFile[] = [];
  private size = 0;

  constructor(private readonly batch = 1 << 19) {}

  add(file: OutputFile): OutputFile {
    this.pending.push(file);
    this.size += file.content.length;
    if (this.size >= this.batch) this.flush();
    return file;
  }

  /** Packs what was added since the last time. */
  flush(): void {
    const files = this.pending;
    if (files.length > 1) {
      const all = files.map((f) => f.content).join('');
      let at = 0;
      for (const f of files) {
        const n = f.content.length;
        f.content = all.slice(at, at + n);
        at += n;
      }
    }
    this.pending = [];
    this.size = 0;
  }
}
