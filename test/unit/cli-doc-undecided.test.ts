/**
 * `topoforge doc --undecided`: the open decisions of a design, each with the requirements key
 * that answers it. Writing an answer under every listed key into the design file leaves nothing
 * open, and the file keeps the answers (read back with the app's own parser).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../assets/examples';
import { run } from '../../generators/cli/main';
import { parseTopology } from '../../shared/model/parse';
import { serializeTopology } from '../../shared/model/serialize';
import { memoryIo } from './cli-io';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tf-undecided-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The keys `--undecided` lists, with their kind of value: `[requirements.key]`, `[requirements.key: number, ...]`, `[requirements.key: list]`. */
function listed(stdout: string): { key: string; input: string; suggested?: string; first?: string }[] {
  const out: { key: string; input: string; suggested?: string; first?: string }[] = [];
  const blocks = stdout.split('\n\n').slice(1);
  for (const b of blocks) {
    const head = /\[requirements\.([A-Za-z0-9]+)(?:: (number|list)[^\]]*)?\]/.exec(b);
    if (!head) continue;
    const suggested = /\n {2}Suggested: (.+?)(?: \d+ ms \(p99\)| TPS)? \(/.exec(b)?.[1];
    const first = /\n {2}Options: ([^|\n]+)/.exec(b)?.[1]?.trim();
    out.push({ key: head[1]!, input: head[2] ?? 'text', ...(suggested ? { suggested } : {}), ...(first ? { first } : {}) });
  }
  return out;
}

describe('topoforge doc --undecided', () => {
  it('lists every open field with its key; answering them all leaves none, and the file keeps the answers', async () => {
    const file = join(dir, 'starter.topo.yaml');
    writeFileSync(file, EXAMPLES.find((e) => e.id === 'starter')!.yaml);

    const io = memoryIo(dir);
    expect(await run(['doc', file, '--undecided'], io)).toBe(0);
    expect(io.stderr).toBe('');
    expect(io.stdout).toMatch(/^.*starter\.topo\.yaml: \d+ decisions are open\./);
    expect(io.stdout).toContain('Event-Driven Architecture > Event Versioning   [requirements.eventVersioning]');
    expect(io.stdout).toContain('  Options: backward compatible | forward compatible | full compatibility');
    expect(io.stdout).toContain('Integration Overview > Performance Requirements   [requirements.latencyP99Ms: number, ms (p99)]');
    const keys = listed(io.stdout);
    expect(keys.length).toBe(Number(/(\d+) decisions are open/.exec(io.stdout)![1]));

    // Answer every one in the design file, as the app's Decisions view does.
    const parsed = parseTopology(readFileSync(file, 'utf8'));
    if (!parsed.ok) throw new Error('example does not parse');
    const doc = parsed.doc;
    for (const k of keys) {
      const text = k.suggested ?? k.first ?? 'decided by the team';
      doc.requirements[k.key] = k.input === 'number' ? 250 : k.input === 'list' ? [text] : text;
    }
    writeFileSync(file, serializeTopology(doc));

    const again = memoryIo(dir);
    expect(await run(['doc', file, '--undecided'], again)).toBe(0);
    expect(again.stdout).toBe(`${file}: every field of the template is answered or not used by this design; nothing to decide.\n`);

    const reread = parseTopology(readFileSync(file, 'utf8'));
    if (!reread.ok) throw new Error('answered design does not parse');
    for (const k of keys) expect(reread.doc.requirements[k.key], k.key).toEqual(doc.requirements[k.key]);
    expect(reread.doc.requirements.latencyP99Ms).toBe(250);

    // The answers read as decisions in the document.
    const printed = memoryIo(dir);
    expect(await run(['doc', file], printed)).toBe(0);
    expect(printed.stdout).toContain('- **Event Versioning**: backward compatible _(decided)_');
    expect(printed.stdout).not.toContain('_Not decided');
  });

  it('refuses an unknown option with the usage', async () => {
    const file = join(dir, 'x.topo.yaml');
    writeFileSync(file, EXAMPLES.find((e) => e.id === 'starter')!.yaml);
    const io = memoryIo(dir);
    expect(await run(['doc', file, '--undecide'], io)).toBe(2);
    expect(io.stderr).toContain("unknown option '--undecide'");
    expect(io.stderr).toContain('--undecided');
  });
});
