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
import { fieldStats, generateIntegrationDoc, requirementKey, resolveFields } from './index';
import { md } from './markdown';
import { RESOLVERS } from './sections';
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

describe('the template', () => {
  it('is embedded byte for byte from assets/template/integration-patterns.md (run scripts/build-template.mjs after changing it)', () => {
    expect(TEMPLATE_SOURCE).toBe(readFileSync(TEMPLATE_FILE, 'utf8'));
  });

  it('has the 19 sections and 190 fields of "Template Structure", in order, and a description for every variable', () => {
    const t = integrationTemplate();
    expect(t.sections.map((s) => s.title)).toEqual([
      'Integration Overview', 'System Architecture', 'API Integration Patterns', 'Messaging Patterns', 'Event-Driven Architecture',
      'Data Synchronization', 'Enterprise Service Bus', 'Microservices Integration', 'Data Integration', 'Real-time Integration',
      'Batch Integration', 'File-Based Integration', 'Database Integration', 'Cloud Integration', 'Security Integration',
      'Error Handling', 'Monitoring and Observability', 'Testing Strategy', 'Deployment and Operations',
    ]);
    const fields = t.sections.flatMap((s) => s.fields);
    expect(fields).toHaveLength(190);
    // Same as a plain scan of the source text between "## Template Structure" and "## Prompt Template".
    const block = TEMPLATE_SOURCE.slice(TEMPLATE_SOURCE.indexOf('## Template Structure'), TEMPLATE_SOURCE.indexOf('## Prompt Template'));
    expect(fields.map((f) => `- **${f.label}**: [${f.variable}]`)).toEqual(block.split('\n').filter((l) => l.startsWith('- **')));
    for (const v of [...fields.map((f) => f.variable), ...variablesIn(t.prompt)]) {
      expect(t.variables.get(v)?.description, v).toBeTruthy();
      expect(t.variables.get(v)!.examples.length, v).toBeGreaterThan(0);
    }
    expect(t.prompt.startsWith('Design comprehensive integration architecture for [INTEGRATION_NAME]')).toBe(true);
    expect(t.prompt.endsWith('specific recommendations for the target integration platform.')).toBe(true);
  });

  it('has a resolver for every variable and none for variables it lacks', () => {
    const t = integrationTemplate();
    const vars = new Set([...t.sections.flatMap((s) => s.fields.map((f) => f.variable)), ...variablesIn(t.prompt)]);
    expect(Object.keys(RESOLVERS).sort()).toEqual([...vars].sort());
  });

  it('reports a template that lost a section it needs', () => {
    expect(() => parseTemplate(TEMPLATE_SOURCE.replace('## Variables', '## Vars'))).toThrow(/Variables/);
  });
});

describe('generateIntegrationDoc', () => {
  it('keeps every section and field of the template, in order and wording, and leaves no [PLACEHOLDER]', () => {
    for (const doc of [orders(), allKindsDesign(), emptyTopology('Empty')]) {
      const text = generateIntegrationDoc(doc);
      expect(text).not.toMatch(/\[[A-Z][A-Z0-9_]*\]/);
      expect(text).not.toMatch(/undefined|NaN|\[object Object\]/);
      let at = 0;
      for (const s of integrationTemplate().sections) {
        const h = text.indexOf(`\n## ${s.title}\n`, at);
        expect(h, s.title).toBeGreaterThan(at);
        at = h;
        for (const f of s.fields) {
          const i = text.indexOf(`\n- **${f.label}**: `, at);
          expect(i, `${s.title} / ${f.label}`).toBeGreaterThan(at);
          at = i;
        }
      }
      expect(text.indexOf('\n## Prompt Template\n')).toBeGreaterThan(at);
    }
  });

  it('fills the fields from the design: kinds, settings, graph and requirements', () => {
    const text = generateIntegrationDoc(orders());
    const line = (label: string) => text.split('\n').find((l) => l.startsWith(`- **${label}**: `)) ?? '';
    expect(line('Integration Name')).toBe('- **Integration Name**: OrderProcessingIntegration');
    expect(line('Message Broker')).toBe('- **Message Broker**: Apache Kafka 3.x (KRaft) “Event bus” (`bus`)');
    expect(line('Rate Limiting')).toContain('1,000 req/min per consumer at API Gateway (`gateway`) on /orders and /payments');
    expect(line('Authentication Method')).toContain('JWT bearer tokens at API Gateway (`gateway`)');
    expect(line('Integration Topology')).toMatch(/hub-and-spoke|pipeline|point-to-point|mesh/);
    expect(line('Message Patterns')).toBe('- **Message Patterns**: request-reply over HTTP, publish-subscribe over Kafka');
    expect(line('Dead Letter Queues')).toContain('topic orders.created.dlt on Event bus (`bus`)');
    expect(line('Integration Monitoring')).toContain('scrapes 2 components: `orders` and `bus`');
    expect(line('Alerting Strategy')).toContain('p99 latency above 300 ms');
    expect(line('Alerting Strategy')).toContain('consumer lag above 1000 records');
    expect(line('Performance Requirements')).toBe('- **Performance Requirements**: p99 latency under 300 ms end to end');
    expect(line('Compliance Requirements')).toBe('- **Compliance Requirements**: SOX');
    expect(line('Circuit Breaker')).toContain('`payments` → `stripe`');
  });

  it('says plainly what is not decided and what would decide it', () => {
    const text = generateIntegrationDoc(orders());
    expect(text).toContain('- **Batch Processing Framework**: _Not decided — no batch job in the design; add a Batch job node to decide the batch framework._');
    expect(text).toContain('- **Change Data Capture**: _Not decided — no CDC connection in the design; add Debezium and draw a CDC connection from a database to it._');
  });

  it('lets the requirements answer a field the drawing cannot, under the variable in camelCase', () => {
    const doc = orders();
    expect(requirementKey('JOB_SCHEDULING')).toBe('jobScheduling');
    doc.requirements.jobScheduling = 'Apache Airflow';
    doc.requirements.chaosTesting = ['LitmusChaos', 'game days'];
    const text = generateIntegrationDoc(doc);
    expect(text).toContain('- **Job Scheduling**: Apache Airflow');
    expect(text).toContain('- **Chaos Testing**: LitmusChaos, game days');
    expect(fieldStats(doc).filled).toBe(fieldStats(orders()).filled + 2);
  });

  it('fills the Prompt Template paragraph and embeds the Mermaid diagram', () => {
    const doc = orders();
    const text = generateIntegrationDoc(doc);
    const prompt = text.slice(text.indexOf('## Prompt Template'), text.indexOf('## Components'));
    expect(prompt).toContain('Design comprehensive integration architecture for OrderProcessingIntegration API and messaging integration supporting order fulfillment across');
    expect(prompt).toContain('**Messaging Architecture:**');
    expect(prompt).toContain('Please provide detailed architecture diagrams');
    expect(text).toContain('```mermaid\n' + generateMermaid(doc) + '```');
  });

  it('lists the components and connections in tables', () => {
    const text = generateIntegrationDoc(orders());
    const tables = tokens(text).filter((t): t is Tokens.Table => t.type === 'table');
    expect(tables).toHaveLength(2);
    expect(tables[0]!.header.map((h) => h.text)).toEqual(['Node', 'Name', 'Kind', 'Image', 'Ports', 'Zone']);
    expect(tables[0]!.rows).toHaveLength(orders().nodes.length);
    expect(tables[0]!.rows.find((r) => r[0]!.text === '`bus`')!.map((c) => c.text)).toEqual(['`bus`', 'Event bus', 'Apache Kafka 3.x (KRaft)', '`apache/kafka:3.8.1`', '9092→9092 broker', 'Core services']);
    expect(tables[1]!.rows).toHaveLength(orders().edges.length);
    expect(tables[1]!.rows[5]!.map((c) => c.text)).toEqual(['`bus`', '`shipping`', 'Kafka', 'orders.created; dead-letter; 3 retries']);
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
    expect(md('# title')).toBe('\\# title');
    expect(md('1. item')).toBe('1\\. item');
    expect(md('`code` *em* _em_ ~~s~~')).toBe('\\`code\\` \\*em\\* \\_em\\_ \\~\\~s\\~\\~');

    const hostile = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc
        .array(fc.constantFrom('|', '`', '```', '<script>', '</td>', '<img src=x onerror=alert(1)>', '[x](javascript:alert(1))', '![i](http://e/x.png)', 'https://evil.example', 'www.evil.example', 'a@b.example', '\n', '\r\n', '\n\n# H\n', '- item', '1. ', '> q', '*', '_', '\\', '&amp;', '&lt;b&gt;', '[X_Y]', '[ABC]', '---', '=', 'x', ' '), { maxLength: 25 })
        .map((a) => a.join('')),
    );
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
        const text = generateIntegrationDoc(doc);
        const all = tokens(text);
        expect(all.filter((x) => x.type === 'html' || x.type === 'link' || x.type === 'image')).toEqual([]);
        const tables = all.filter((x): x is Tokens.Table => x.type === 'table');
        expect(tables).toHaveLength(2);
        expect(tables[0]!.rows).toHaveLength(doc.nodes.length);
        for (const r of tables[0]!.rows) expect(r).toHaveLength(6);
        expect(tables[1]!.rows).toHaveLength(doc.edges.length);
        for (const r of tables[1]!.rows) expect(r).toHaveLength(4);
        // One heading per section plus the fixed ones: user text opened none.
        const headings = all.filter((x) => x.type === 'heading').length;
        expect(headings).toBe(1 + 1 + integrationTemplate().sections.length + 4);
        expect(text).not.toMatch(/\[[A-Z][A-Z0-9_]*\]/);
      }),
      { numRuns: 40, seed: 7 },
    );
  });

  it('answers every field of the empty design with a reason', () => {
    const answers = resolveFields(emptyTopology('Empty'));
    for (const [v, a] of answers) if (a.kind === 'open') expect(`${a.why} ${a.decide}`.length, v).toBeGreaterThan(20);
  });
});
