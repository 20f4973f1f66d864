// Test helper for atomic-write.test.ts: saves a large text with writeFileAtomic through a file
// system that pauses for a long time after half of the bytes, printing "half" when it gets there,
// so the test can kill this process in the middle of a save.
import { nodeAtomicFs, writeFileAtomic, type AtomicFs } from '../atomic-write';

const target = process.argv[2];
if (!target) throw new Error('usage: slow-save.ts FILE');
const data = 'z'.repeat(256 * 1024);
let written = 0;
const slowFs: AtomicFs = {
  ...nodeAtomicFs,
  open: async (p, flags, mode) => {
    const h = await nodeAtomicFs.open(p, flags, mode);
    return {
      write: async (buf, offset, length, position) => {
        const r = await h.write(buf, offset, length, position);
        written += r.bytesWritten;
        if (written >= data.length / 2) {
          await h.sync();
          process.stdout.write('half\n');
          await new Promise((res) => setTimeout(res, 60_000));
        }
        return r;
      },
      sync: () => h.sync(),
      close: () => h.close(),
    };
  },
};
await writeFileAtomic(target, data, { fs: slowFs, backup: true, chunkSize: 16 * 1024 });
