import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { marked } from 'marked';
import type { Token, Tokens } from 'marked';
import type { Diagnostic, Topology } from '../../shared/model/types';
import { emptyTopology } from '../../shared/model/types';
import { allKindsDesign, loadDesign, ROOT } from '../../test/golden/fixtures';
import { generateMermaid } from '../mermaid';
import { count } from './context';
import { andList, andListOf } from './markdown';
import { buildDocument, fieldStats, generateIntegrationDoc, requirementKey, undecided } from './index';
import { md } from './markdown';
import { SECTIONS } from './sections';
import { integrationTemplate, parseTemplate, variablesIn } from './template';
import { TEMPLATE_SOURCE } from './template-source';

const TEMPLATE_FILE = join(ROOT, 'assets', 'template', 'integration-patterns.md');
const orders = (): Topology => loadDesign(join(ROOT, 'test', 'golden', 'designs', 'order-processing.topo.yaml'));

/** Every token of a Markdown text, nested ones included. */
function tokens(text: string): Token[] {
  const out: Token[] = [];
  marked.walkTokens(marked.lexer(text), (t) => {
    out.push(t);
  });
  return out;
}

const lineOf = (text: string, label: string) => text.split('\n').find((l) => l.startsWith(`- **${label}**: `)) ?? '';

describe('numbers in the text', () => {
  it('are written as en-US writes them: 12,345', () => {
    for (const n of [0, -0, 1, 7, 999, 1000, 1234, -1234, 20000, 1234567, 1.5, 0.1, 1234.5678, -0.25, 2 ** 53, Infinity, NaN]) expect(count(n), String(n)).toBe(n.toLocaleString('en-US'));
    fc.assert(fc.property(fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.double()), (n) => count(n) === n.toLocaleString('en-US')), { numRuns: 2000, seed: 5 });
  });
});

describe('lists in the text', () => {
  it('name the first few and count the rest, whichever way they are made', () => {
    expect(andListOf(['a', 'b', 'c', 'd'], (x) => x.toUpperCase(), 2)).toBe('A, B and 2 more');
    fc.assert(fc.property(fc.array(fc.string({ maxLength: 4 }), { maxLength: 30 }), fc.integer({ min: 0, max: 20 }), (items, max) => andListOf(items, (x) => `[${x}]`, max) === andList(items.map((x) => `[${x}]`), max)), { numRuns: 500, seed: 3 });
  });
});

describe('the template', () => {
  it('is embedded byte for byte from assets/template/integration-patterns.md (run scripts/build-template.mjs after changing it)', () => {
    expect(TEMPLATE_SOURCE).toBe(readFileSync(TEMPLATE_FILE, 'utf8'));
  });

  it('has the 19 sections and 190 fields of "Template Structure", in order, and a description and examples for every variable', () => {
    const t = integrationTemplate();
    expect(t.sections.map((s) => s.title)).toEqual([
      'Integration Overview', 'System Architecture', 'API Integration Patterns', 'Messaging Patterns', 'Event-Driven Architecture',
      'Data Synchronization', 'Enterprise Service Bus', 'Microservices Integration', 'Data Integration', 'Real-time Integration',
      'Batch Integration', 'File-Based Integration', 'Database Integration', 'Cloud Integration', 'Security Integration',
      'Error Handling', 'Monitoring and Observability', 'Testing Strategy', 'Deployment and Operations',
    ]);
    const fields = t.sections.flatMap((s) => s.fields);
    expect(fields).toHaveLength(190);
    const block = TEMPLATE_SOURCE.slice(TEMPLATE_SOURCE.indexOf('## Template Structure'), TEMPLATE_SOURCE.indexOf('## Prompt Template'));
    expect(fields.map((f) => `- **${f.label}**: [${f.variable}]`)).toEqual(block.split('\n').filter((l) => l.startsWith('- **')));
    for (const v of [...fields.map((f) => f.variable), ...variablesIn(t.prompt)]) {
      expect(t.variables.get(v)?.description, v).toBeTruthy();
      expect(t.variables.get(v)!.examples.length, v).toBeGreaterThan(0);
    }
  });

  it('has a section with a resolver for every field, and none for fields it lacks', () => {
    const t = integrationTemplate();
    expect([...SECTIONS.keys()]).toEqual(t.sections.map((s) => s.title));
    for (const s of t.sections) expect(Object.keys(SECTIONS.get(s.title)!.fields).sort(), s.title).toEqual(s.fields.map((f) => f.variable).sort());
  });

  it('reports a template that lost a section it needs', () => {
    expect(() => parseTemplate(TEMPLATE_SOURCE.replace('## Variables', '## Vars'))).toThrow(/Variables/);
  });
});

describe('generateIntegrationDoc', () => {
  it('keeps every section in order; a used section keeps every field in wording, an unused one says so in one line', () => {
    for (const doc of [orders(), allKindsDesign(), emptyTopology('Empty')]) {
      const text = generateIntegrationDoc(doc);
      const model = buildDocument(doc);
      expect(text).not.toMatch(/\[[A-Z][A-Z0-9_]*\]/);
      expect(text).not.toMatch(/undefined|NaN|\[object Object\]|\(not decided\)/);
      let at = 0;
      for (const s of model.sections) {
        const h = text.indexOf(`\n## ${s.title}\n`, at);
        expect(h, s.title).toBeGreaterThan(at);
        at = h;
        if (s.unused !== undefined) {
          expect(text.slice(at).split('\n')[3], s.title).toBe(`Not used by this design: ${s.unused}.`);
          continue;
        }
        for (const f of s.fields) {
          const i = text.indexOf(`\n- **${f.label}**: `, at);
          expect(i, `${s.title} / ${f.label}`).toBeGreaterThan(at);
          at = i;
        }
      }
      expect(text.indexOf('\n## Prompt Template\n')).toBeGreaterThan(at);
    }
  });

  it('says how each consumer without dead letters stands, what paces the retries, and which NATS runs without JetStream', () => {
    const text = generateIntegrationDoc(loadDesign(join(ROOT, 'test', 'fixtures', 'designs', 'messaging-variants.topo.yaml')));
    const dlq = lineOf(text, 'Dead Letter Queues');
    // A retry queue's delay is the only pace the stack sets; elsewhere only the count is stated.
    expect(dlq).toContain('dead-letter queues of `order-broker`: invoices.dlq, after 2 retries, each 5 s later through a retry queue');
    expect(dlq).toContain('dead-letter subjects of `quote-stream`: dlq.quotes.\\>, after 2 retries;');
    expect(dlq).toContain('none for `quote-archiver` on `quote-stream` and `auditor` on `order-broker` (switched off)');
    expect(dlq).toContain('none for `tick-reader` on `tick-bus` (the broker keeps no message to park)');
    expect(text).not.toContain('exponential backoff');
    expect(lineOf(text, 'Dead Letter Handling')).toContain('publishes the message on `dlq.<subject>`');
    expect(lineOf(text, 'Message Broker')).toContain('`tick-bus` (NATS 2.10, core NATS, no JetStream)');
    expect(lineOf(text, 'Message Broker')).toContain('`quote-stream` (NATS 2.10, JetStream)');
  });

  it('names no dead-letter topic for a consumer that ingests the broker itself, and does not promise that no message is lost', () => {
    const text = generateIntegrationDoc(loadDesign(join(ROOT, 'assets', 'examples', 'trading-data.topo.yaml')));
    expect(text).not.toContain('risk.positions.dlt');
    expect(lineOf(text, 'Dead Letter Queues')).toContain('none for `risk-analytics` on `kafka` (it reads the broker with its own ingestion)');
    expect(lineOf(text, 'Reliability Requirements')).toContain('(not every consumer dead-letters)');
    expect(lineOf(text, 'Reliability Requirements')).not.toContain('no message lost');
  });

  it('states the design from the resolved model: service names, routes, channels, dead letters, alerts', () => {
    const text = generateIntegrationDoc(orders());
    expect(lineOf(text, 'Integration Name')).toBe('- **Integration Name**: OrderProcessingIntegration');
    expect(lineOf(text, 'Message Broker')).toBe('- **Message Broker**: `event-bus` (Apache Kafka 3.x, KRaft) with 1 topic: orders.created');
    expect(lineOf(text, 'Rate Limiting')).toBe('- **Rate Limiting**: 1,000 requests per minute per consumer at `api-gateway`, on every route');
    expect(lineOf(text, 'Authentication Method')).toBe('- **Authentication Method**: `api-gateway` checks JWT bearer tokens on every route');
    expect(lineOf(text, 'Dead Letter Queues')).toBe('- **Dead Letter Queues**: dead-letter topics on every consumed topic of `event-bus`: orders.created.dlt, after 3 retries');
    expect(lineOf(text, 'Integration Monitoring')).toContain('`prometheus` scrapes 2 components: `orders-api` and `event-bus` (through `event-bus-exporter`)');
    expect(lineOf(text, 'Alerting Strategy')).toContain('`HighLatencyP99OrdersApi` (p99 latency above 300 ms on `orders-api`)');
    expect(lineOf(text, 'Alerting Strategy')).toContain('`ConsumerLagEventBus` (consumer lag above 1,000 records on `event-bus`)');
    expect(lineOf(text, 'Performance Requirements')).toContain('p99 latency under 300 ms end to end');
    expect(lineOf(text, 'Compliance Requirements')).toBe('- **Compliance Requirements**: SOX');
    expect(text).toContain('\n## Batch Integration\n\nNot used by this design: no batch job.\n');
    expect(text).toContain('\n## Enterprise Service Bus\n\nNot used by this design: no ESB: integration runs through `api-gateway` and `event-bus`.\n');
  });

  it('says why an open field is open, with the template’s own options and a suggestion from the design', () => {
    const doc = orders();
    const text = generateIntegrationDoc(doc);
    const line = lineOf(text, 'Event Versioning');
    expect(line).toMatch(/^- \*\*Event Versioning\*\*: _Not decided: no schema registry checks new event versions\._ Options from the template: backward compatible, forward compatible and full compatibility\. Suggested: \*\*backward compatible\*\*/);
    const q = undecided(doc).find((x) => x.variable === 'EVENT_VERSIONING')!;
    expect(q).toMatchObject({ key: 'eventVersioning', section: 'Event-Driven Architecture', label: 'Event Versioning', description: 'Schema versioning', choices: ['backward compatible', 'forward compatible', 'full compatibility'], input: 'text' });
    expect(q.why.length).toBeGreaterThan(20);
  });

  it('suggests Avro for the serialization when a schema registry is drawn and the broker keeps its default format', () => {
    const doc = orders();
    const bus = doc.nodes.find((n) => n.kind === 'kafka')!;
    expect(undecided(doc).some((q) => q.variable === 'MESSAGE_SERIALIZATION')).toBe(false);
    doc.nodes.push({ id: 'schemas', kind: 'schema-registry', label: 'Schemas', props: {} });
    doc.edges.push({ from: 'schemas', to: bus.id, protocol: 'kafka', props: {} });
    const q = undecided(doc).find((x) => x.variable === 'MESSAGE_SERIALIZATION')!;
    expect(q.suggestion).toEqual({ value: 'Avro', because: '`schemas` is drawn: a schema registry is mostly used with Avro' });
    expect(q.choices).toEqual(['Avro', 'Protobuf', 'JSON Schema', 'MessagePack']);
    // Set on the broker, the format is stated, not asked.
    bus.props = { ...bus.props, serialization: 'avro' };
    expect(undecided(doc).some((x) => x.variable === 'MESSAGE_SERIALIZATION')).toBe(false);
    expect(generateIntegrationDoc(doc)).toContain('- **Message Serialization**: Avro records on `event-bus`; Avro schemas registered in `schemas`');
  });

  it('writes an answer under the variable in camelCase, and shows it as a decision', () => {
    const doc = orders();
    expect(requirementKey('JOB_SCHEDULING')).toBe('jobScheduling');
    expect(requirementKey('PERFORMANCE_REQUIREMENTS')).toBe('latencyP99Ms');
    doc.requirements.eventVersioning = 'backward compatible';
    doc.requirements.chaosTesting = ['LitmusChaos', 'game days'];
    const text = generateIntegrationDoc(doc);
    expect(lineOf(text, 'Event Versioning')).toBe('- **Event Versioning**: backward compatible _(decided)_');
    expect(lineOf(text, 'Chaos Testing')).toBe('- **Chaos Testing**: LitmusChaos and game days _(decided)_');
    const before = fieldStats(orders());
    const after = fieldStats(doc);
    expect(after.decided).toBe(before.decided + 2);
    expect(after.open).toBe(before.open - 2);
  });

  it('answering every open field leaves none open', () => {
    for (const base of [orders(), allKindsDesign(), emptyTopology('Empty')]) {
      const doc: Topology = { ...base, requirements: { ...base.requirements } };
      for (const q of undecided(doc)) doc.requirements[q.key] = q.input === 'number' ? 100 : q.input === 'list' ? [q.suggestion?.value ?? q.choices[0]!] : (q.suggestion?.value ?? q.choices[0]!);
      expect(undecided(doc)).toEqual([]);
      expect(fieldStats(doc).open).toBe(0);
    }
  });

  it('writes the Prompt Template as one paragraph of decided facts', () => {
    const doc = orders();
    const text = generateIntegrationDoc(doc);
    const prompt = text.slice(text.indexOf('## Prompt Template\n') + '## Prompt Template\n'.length, text.indexOf('## Components')).trim();
    expect(prompt.split('\n')).toHaveLength(1);
    expect(prompt.startsWith('Design the integration architecture of OrderProcessingIntegration')).toBe(true);
    expect(prompt).toContain('Callers reach the APIs (RESTful) through `api-gateway` (Kong), which authenticates them with JWT and allows 1,000 req/min per consumer.');
    expect(prompt).toContain('`event-bus` (Kafka) carries the messages (publish-subscribe, JSON, at-least-once), with dead-letter topics for what fails.');
    expect(prompt).not.toMatch(/not decided|Not decided|\[[A-Z_]+\]/);
    expect(prompt.endsWith('with specific recommendations for the target platform.')).toBe(true);
    expect(text).toContain('```mermaid\n' + generateMermaid(doc) + '```');
  });

  it('lists components with service names, images, host ports and networks, and the connections', () => {
    const text = generateIntegrationDoc(orders());
    const tables = tokens(text).filter((t): t is Tokens.Table => t.type === 'table');
    const components = tables.find((t) => t.header[0]!.text === 'Component')!;
    expect(components.header.map((h) => h.text)).toEqual(['Component', 'Service', 'Kind', 'Image', 'Host ports', 'Networks']);
    expect(components.rows).toHaveLength(orders().nodes.length);
    expect(components.rows.find((r) => r[1]!.text === '`event-bus`')!.map((c) => c.text)).toEqual(['Event bus', '`event-bus`', 'Apache Kafka 3.x (KRaft)', '`apache/kafka:3.8.1`', 'none (inside the stack only)', '`core-services`']);
    const connections = tables.find((t) => t.header[0]!.text === 'From')!;
    expect(connections.rows).toHaveLength(orders().edges.length);
  });

  it('lists the design checks it is given, escaped', () => {
    const d: Diagnostic = { code: 'TF301', severity: 'warning', message: 'Gateway <b>open</b> | to [all](javascript:alert(1))', nodes: ['gateway'], edges: ['gateway->orders'], hint: 'Set *Authentication*.' };
    const text = generateIntegrationDoc(orders(), [d]);
    expect(text).toContain('- **Warning** `TF301`: Gateway \\<b\\>open\\</b\\> \\| to \\[all\\](javascript&#58;alert(1)) (`gateway`, `gateway->orders`) — Set \\*Authentication\\*.');
    expect(generateIntegrationDoc(orders(), [])).toContain('No findings');
  });

  it('is deterministic', () => {
    expect(generateIntegrationDoc(allKindsDesign())).toBe(generateIntegrationDoc(allKindsDesign()));
  });

  it('escapes Markdown so user text cannot add HTML, links, images, table columns or lines', () => {
    expect(md('a|b')).toBe('a\\|b');
    expect(md('<script>alert(1)</script>')).toBe('\\<script\\>alert(1)\\</script\\>');
    expect(md('[x](javascript:alert(1))')).toBe('\\[x\\](javascript&#58;alert(1))');
    expect(md('line\nbreak\r\n# heading')).toBe('line break # heading');

    const hostile = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc
        .array(fc.constantFrom('|', '`', '```', '<script>', '</td>', '<img src=x onerror=alert(1)>', '[x](javascript:alert(1))', '![i](http://e/x.png)', 'https://evil.example', 'www.evil.example', 'a@b.example', '\n', '\r\n', '\n\n# H\n', '- item', '1. ', '> q', '*', '_', '\\', '&amp;', '&lt;b&gt;', '[X_Y]', '[ABC]', '---', '=', 'x', ' '), { maxLength: 25 })
        .map((a) => a.join('')),
    );
    const headingsOf = (text: string) => tokens(text).filter((x) => x.type === 'heading').length;
    const plainHeadings = headingsOf(generateIntegrationDoc(orders()));
    fc.assert(
      fc.property(fc.array(hostile, { minLength: 6, maxLength: 6 }), (t) => {
        const doc = orders();
        doc.name = t[0]!;
        doc.description = t[1]!;
        doc.groups[0]!.label = t[2]!;
        doc.nodes[0]!.label = t[3]!;
        doc.nodes[7]!.label = t[4]!;
        doc.edges[1]!.props.description = t[5]!;
        doc.edges[1]!.label = t[4]!;
        doc.requirements.stakeholders = t[5]!;
        doc.requirements.security = [t[2]!];
        doc.requirements.chaosTesting = t[3]!;
        const text = generateIntegrationDoc(doc);
        const all = tokens(text);
        expect(all.filter((x) => x.type === 'html' || x.type === 'link' || x.type === 'image')).toEqual([]);
        const tables = all.filter((x): x is Tokens.Table => x.type === 'table');
        const components = tables.find((x) => x.header[0]!.text === 'Component')!;
        expect(components.rows).toHaveLength(doc.nodes.length);
        for (const r of components.rows) expect(r).toHaveLength(6);
        const connections = tables.find((x) => x.header[0]!.text === 'From')!;
        expect(connections.rows).toHaveLength(doc.edges.length);
        for (const r of connections.rows) expect(r).toHaveLength(4);
        expect(all.filter((x) => x.type === 'heading').length).toBe(plainHeadings);
        expect(text).not.toMatch(/\[[A-Z][A-Z0-9_]*\]/);
      }),
      { numRuns: 40, seed: 7 },
    );
  });

  it('gives every open field of the empty design a reason and the template’s options', () => {
    for (const q of undecided(emptyTopology('Empty'))) {
      expect(q.reason.length, q.variable).toBeGreaterThan(10);
      expect(q.choices.length, q.variable).toBeGreaterThan(0);
    }
  });
});
