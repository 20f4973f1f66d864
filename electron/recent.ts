import * as nodeFs from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { writeFileAtomic } from '../node-io/atomic-write';
import { errnoCode } from '../node-io/errors';

/**
 * The Open Recent list: absolute paths, most recent first, no duplicates (compared without case
 * on Windows and macOS, whose disks usually ignore it), at most `max`. Kept as JSON in the
 * user-data folder, written atomically.
 */
export class RecentFiles {
  private items: string[] = [];

  constructor(
    private readonly file: string,
    private readonly platform: string = process.platform,
    readonly max = 10,
  ) {}

  private same(a: string, b: string): boolean {
    return this.platform === 'linux' ? a === b : a.toLowerCase() === b.toLowerCase();
  }

  async load(): Promise<void> {
    try {
      const v: unknown = JSON.parse(await nodeFs.readFile(this.file, 'utf8'));
      const list = typeof v === 'object' && v !== null && Array.isArray((v as { files?: unknown }).files) ? (v as { files: unknown[] }).files : [];
      this.items = [];
      for (const p of list) if (typeof p === 'string' && p.length < 4096 && isAbsolute(p) && !this.items.some((q) => this.same(p, q))) this.items.push(p);
      this.items = this.items.slice(0, this.max);
    } catch (err) {
      // A missing or unreadable list starts empty: it is a convenience, never worth an error.
      if (errnoCode(err) !== 'ENOENT') this.items = [];
    }
  }

  list(): string[] {
    return [...this.items];
  }

  async add(path: string): Promise<void> {
    this.items = [path, ...this.items.filter((p) => !this.same(p, path))].slice(0, this.max);
    await this.persist();
  }

  async remove(path: string): Promise<void> {
    this.items = this.items.filter((p) => !this.same(p, path));
    await this.persist();
  }

  async clear(): Promise<void> {
    this.items = [];
    await this.persist();
  }

  private async persist(): Promise<void> {
    await writeFileAtomic(this.file, JSON.stringify({ files: this.items }, null, 2) + '\n');
  }
}
