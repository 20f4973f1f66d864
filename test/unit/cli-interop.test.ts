import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTopology } from '../../shared/model/parse';

/** `topoforge import` and `topoforge export`, and the interop files in the generated bundle. */

const ROOT = resolve(__dirname, '../..');
const BIN = join(ROOT, 'bin', 'topoforge.mjs');
const EXAMPLE = join(ROOT, 'assets/examples/ecommerce-orders.topo.yaml');
let dir: string;

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tf-cli-interop-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('topoforge import / export', () => {
  it('imports the Confluent all-in-one compose file into a design that opens again', () => {
    const fixture = [join(ROOT, '../shared/fixtures/compose/cp-all-in-one-community.yml'), join(ROOT, 'test/fixtures/compose/cp-all-in-one-community.yml')].find(existsSync)!;
    const r = cli(['import', 'compose', fixture, '-o', 'cp.topo.yaml']);
    expect(r.code).toBe(0);
    // ZooKeeper folds into the broker and the ksqlDB CLI into the ksqlDB server.
    // Nothing to check since the catalog has Kafka Connect (its calls to the registry and from ksqlDB are allowed); notes on their lines of the file.
    expect(r.out).toMatch(/Wrote cp\.topo\.yaml: 6 components, \d+ connections; \d+ notes/);
    expect(r.err).not.toContain('To check');
    expect(r.err).not.toMatch(/TF605/);
    expect(r.err.indexOf('Notes:')).toBeGreaterThanOrEqual(0);
    expect(r.err).toMatch(/cp-all-in-one-community\.yml:\d+: info TF604 Service `zookeeper` \(ZooKeeper\) serves `broker`/);
    const parsed = parseTopology(readFileSync(join(dir, 'cp.topo.yaml'), 'utf8'));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.doc.nodes.map((n) => n.id)).toContain('broker');
      expect(Object.keys(parsed.doc.layout).length).toBeGreaterThanOrEqual(6);
    }
    // Not overwritten without --force.
    expect(cli(['import', 'compose', fixture, '-o', 'cp.topo.yaml']).code).toBe(2);
  });

  it('imports its own Mermaid output back with the same components', () => {
    const mmd = cli(['mermaid', EXAMPLE]);
    expect(mmd.code).toBe(0);
    writeFileSync(join(dir, 'd.mmd'), mmd.out);
    const r = cli(['import', 'mermaid', 'd.mmd']);
    expect(r.code).toBe(0);
    const back = parseTopology(r.out);
    const orig = parseTopology(readFileSync(EXAMPLE, 'utf8'));
    expect(back.ok && orig.ok).toBe(true);
    if (back.ok && orig.ok) {
      expect(back.doc.nodes.map((n) => [n.id, n.kind]).sort()).toEqual(orig.doc.nodes.map((n) => [n.id, n.kind]).sort());
      expect(back.doc.edges.length).toBe(orig.doc.edges.length);
    }
  });

  it('refuses a file that is neither, with a message and exit 2', () => {
    writeFileSync(join(dir, 'junk.yml'), 'just: [a, list\n');
    const r = cli(['import', 'compose', 'junk.yml']);
    expect(r.code).toBe(2);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(cli(['import', 'kubernetes', 'junk.yml']).code).toBe(2);
  });

  it('exports draw.io, AsyncAPI and OpenAPI to stdout', () => {
    expect(cli(['export', 'drawio', EXAMPLE]).out).toMatch(/^<\?xml[\s\S]*<mxfile/);
    expect(cli(['export', 'asyncapi', EXAMPLE]).out).toMatch(/^asyncapi: 3\.0\.0/m);
    expect(cli(['export', 'openapi', EXAMPLE]).out).toMatch(/^openapi: 3\.1\.\d/m);
  });

  it('puts asyncapi.yaml, openapi.yaml and diagram.drawio in the generated bundle', () => {
    const r = cli(['generate', EXAMPLE, '-o', 'bundle']);
    expect(r.code).toBe(0);
    for (const f of ['asyncapi.yaml', 'openapi.yaml', 'diagram.drawio']) expect(existsSync(join(dir, 'bundle', f)), f).toBe(true);
  });
});
