import { describe, expect, it } from 'vitest';
import { flowOf, getKind } from '../../shared/catalog';
import type { Topology } from '../../shared/model/types';
import { generateStack } from '../../generators/stack';
import { resolve } from '../../shared/resolve';
import { importCompose } from '../../generators/interop/compose';
import { validate } from '../../shared/validation';
import { allKindsDesign, loadExamples } from '../golden/fixtures';
import { apiDesign, messagingDesign, pipelineDesign } from '../fixtures/interop-designs';

/**
 * What a docker-compose file can say about a design: its containerised components and the
 * connections between them. Prometheus's scrape targets live in prometheus.yml, not in the
 * compose file, so metrics links to Prometheus are not compared; telemetry links are compared
 * the way the data flows (they may be drawn either way).
 */
function composable(doc: Topology) {
  const run = new Set(doc.nodes.filter((n) => getKind(n.kind) && !getKind(n.kind)!.external).map((n) => n.id));
  const kind = (id: string) => getKind(doc.nodes.find((n) => n.id === id)!.kind)!;
  const edges: string[] = [];
  for (const e of doc.edges) {
    if (!run.has(e.from) || !run.has(e.to)) continue;
    const p = e.protocol;
    if (p === 'metrics' && (kind(e.to).id === 'prometheus' || kind(e.from).id === 'prometheus') && kind(e.to).id !== 'grafana' && kind(e.from).id !== 'grafana') continue;
    if (p === 'metrics' || p === 'otlp') {
      const f = flowOf(kind(e.from), kind(e.to), p);
      edges.push(f.source === 'from' ? `${e.from} -> ${e.to} ${p}` : `${e.to} -> ${e.from} ${p}`);
    } else edges.push(`${e.from} -> ${e.to} ${p ?? ''}`);
  }
  return {
    nodes: doc.nodes.filter((n) => run.has(n.id)).map((n) => `${n.id} ${n.kind}`).sort(),
    edges: [...new Set(edges)].sort(),
  };
}

/** The design with each component's id replaced by its service name (what a compose file calls it). */
function byService(doc: Topology): Topology {
  const r = resolve(doc);
  const name = (id: string) => r.byId.get(id)?.service ?? id;
  return { ...doc, nodes: doc.nodes.map((n) => ({ ...n, id: name(n.id) })), edges: doc.edges.map((e) => ({ ...e, from: name(e.from), to: name(e.to) })) };
}

async function roundTrip(doc: Topology) {
  const compose = generateStack(doc).find((f) => f.path === 'docker-compose.yml')!.content;
  const back = await importCompose(compose);
  return { before: composable(byService(doc)), after: composable(back.doc), back };
}

describe('design → generateStack → importCompose', () => {
  const designs: Array<[string, () => Topology]> = [
    ['messaging', messagingDesign],
    ['api', apiDesign],
    ['pipeline', pipelineDesign],
    ...loadExamples().map((e) => [`example ${e.name}`, () => e.doc] as [string, () => Topology]),
  ];
  for (const [name, make] of designs) {
    it(`gives back the same components and connections: ${name}`, async () => {
      const { before, after, back } = await roundTrip(make());
      expect(after.nodes).toEqual(before.nodes);
      expect(after.edges).toEqual(before.edges);
      // Helpers the stack adds (topic init jobs, exporters, task managers) are folded, never components.
      expect(back.doc.nodes.some((n) => /-(init|exporter|register|taskmanager)$/.test(n.id))).toBe(false);
    });
  }

  it('keeps every component of the whole catalog and most connections of a design wired at random', async () => {
    // allKindsDesign wires each kind to the next one it can talk to, including consumers of
    // brokers nobody writes to (the compose file cannot tell those apart from producers) and
    // messages between two services with no broker in between (validation's TF109: the importer
    // never makes those up, so they are not expected back).
    const doc = allKindsDesign();
    const noBroker = new Set(validate(doc).filter((d) => d.code === 'TF109').flatMap((d) => d.edges));
    const { before, after } = await roundTrip(doc);
    expect(after.nodes).toEqual(before.nodes);
    const wanted = before.edges.filter((e) => !noBroker.has(e.split(' ').filter((_, i) => i !== 1 && i !== 3).join('->')));
    expect(wanted.length).toBeLessThan(before.edges.length);
    const kept = wanted.filter((e) => after.edges.includes(e)).length;
    expect(kept / wanted.length).toBeGreaterThanOrEqual(0.6);
  });
});

describe('imported designs are design files Topoforge opens', () => {
  it('compose and Mermaid imports serialize, parse back unchanged and have no file errors', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { ROOT } = await import('../golden/fixtures');
    const { serializeTopology } = await import('../../shared/model/serialize');
    const { parseTopology } = await import('../../shared/model/parse');
    const { importMermaid } = await import('../../generators/interop/mermaid');
    const { generateMermaid } = await import('../../generators/mermaid');
    const confluent = readFileSync(join(ROOT, 'test', 'fixtures', 'compose', 'cp-all-in-one-community.yml'), 'utf8');
    const confluentImport = await importCompose(confluent);
    const imported = [confluentImport.doc, (await importMermaid(generateMermaid(pipelineDesign()))).doc];
    const errors: Array<ReturnType<typeof validate>> = [];
    for (const doc of imported) {
      const text = serializeTopology(doc);
      const parsed = parseTopology(text);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) continue;
      expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(serializeTopology(parsed.doc)).toBe(text);
      // Validation runs on it (what it reports is the user's to fix, e.g. a connection without a protocol).
      errors.push(validate(parsed.doc).filter((d) => d.severity === 'error'));
    }
    // Confluent: no errors since the catalog has Kafka Connect (its calls to the registry and from ksqlDB are
    // connections the catalog allows, so the importer flags none); no port clashes, nothing malformed.
    expect(confluentImport.diagnostics.filter((d) => d.code === 'TF605')).toEqual([]);
    expect(errors[0]!.map((d) => `${d.code} ${d.message}`)).toEqual([]);
    // Mermaid: the same errors as the design it was drawn from.
    const codes = (l: ReturnType<typeof validate>) => l.map((d) => `${d.code} ${d.edges.join(',')}`).sort();
    expect(codes(errors[1]!)).toEqual(codes(validate(pipelineDesign()).filter((d) => d.severity === 'error')));
  });
});
