import { parseAllDocuments, parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { generateBundle } from '../../generators/bundle';
import { generateIntegrationDoc } from '../../generators/doc';
import { generateAsyncApi } from '../../generators/interop';
import { parseTopology } from '../../shared/model/parse';
import { validate } from '../../shared/validation';
import { formatDiagnostics } from '../../generators/cli/format';
import type { Topology } from '../../shared/model/types';

/**
 * Regression tests for what the fuzz suites found in the generators (test/unit/fuzz-*.test.ts
 * keep the general properties true; these pin the inputs that broke them).
 */

function design(nodes: Array<Record<string, unknown>>, edges: Array<Record<string, unknown>> = [], extra: Partial<Topology> = {}): Topology {
  return {
    topoforge: 1,
    name: 'Hardening',
    requirements: {},
    groups: [],
    layout: {},
    ...extra,
    nodes: nodes.map((n) => ({ label: n.id, props: {}, ...n })) as Topology['nodes'],
    edges: edges.map((e) => ({ props: {}, ...e })) as Topology['edges'],
  };
}

const files = (doc: Topology) => new Map(generateBundle(doc).map((f) => [f.path, f.content]));
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('text a user typed, in the starter stack', () => {
  it('a label with U+FFFE or U+FFFF leaves the YAML files readable (docker-compose and promtool refuse them, even in a comment)', () => {
    const label = 'Orders \uFFFE API \uFFFF';
    const b = files(design([{ id: 'api', kind: 'rest-service', label }, { id: 'prom', kind: 'prometheus', label }], [{ from: 'api', to: 'prom', protocol: 'metrics' }], { name: label }));
    for (const [path, content] of b) {
      if (!/\.ya?ml$/.test(path)) continue;
      expect(content, path).not.toMatch(/[\uFFFE\uFFFF]/);
      // Kubernetes manifests are YAML streams (one object per document).
      expect(path.startsWith('k8s/') ? parseAllDocuments(content).flatMap((d) => d.errors) : parseDocument(content).errors, path).toEqual([]);
    }
    expect(b.get('docker-compose.yml')).toContain('# Orders API (REST service)');
  });

  it('bidirectional overrides and isolates, zero-width characters and byte-order marks a user typed reach no generated file and no CLI message (Trojan Source, CVE-2021-42574): each is a space, in every file as in the document', () => {
    const HIDDEN = /[\u061C\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/;
    const b = files(
      design(
        [
          { id: 'api', kind: 'rest-service', label: 'Orders \u202Eevil\u202C API \u200B zero', group: 'core' },
          { id: 'db', kind: 'postgres', label: 'Orders\u2066 DB\u2069', group: 'core' },
          { id: 'bus', kind: 'rabbitmq', label: '\uFEFFEvents\u200F' },
          { id: 'prom', kind: 'prometheus', label: 'Metrics\u061C' },
        ],
        [
          { from: 'api', to: 'db', label: 'writes \u202E orders' },
          { from: 'api', to: 'bus', label: 'publishes\u2067 orders', props: { topic: 'orders' } },
          { from: 'prom', to: 'api', protocol: 'metrics' },
        ],
        { name: 'Shop\u202E', groups: [{ id: 'core', label: 'Core \u202Ezone', trust: 'internal' }] as Topology['groups'] },
      ),
    );
    for (const [path, content] of b) expect(content.match(HIDDEN)?.index, path).toBeUndefined();
    expect(b.get('docker-compose.yml')).toContain('# Orders evil API zero (REST service)');
    const doc = parseTopology(`topoforge: 1\nname: x\nnodes:\n  - id: api\n    kind: rest-service\n    label: "Orders \\u202E API"\n  - id: api2\n    kind: rest-service\n    label: "Orders \\u202E API"\n    props: { port: 8080 }\n`);
    expect(doc.ok).toBe(true);
    const text = formatDiagnostics('d.topo.yaml', doc.ok ? validate(doc.doc) : []);
    expect(text).toContain('Orders');
    expect(text).not.toMatch(HIDDEN);
  });

  it('a credential setting whose name holds a line separator leaves .env.example one line per entry (found by npm run fuzz, seed 1291543759)', () => {
    const b = files(design([{ id: 'crm', kind: 'saas-app', label: 'CRM', props: { password: { '\u2028x\n': 'hunter2-Literal' } } }], []));
    const env = b.get('.env.example')!;
    expect(env).not.toMatch(/[\u2028\u2029]/);
    expect(env).not.toContain('hunter2-Literal');
    const lines = env.split('\n');
    const i = lines.findIndex((l) => l.startsWith('CRM_PASSWORD'));
    expect(lines[i]).toMatch(/^CRM_PASSWORD\w*=change-me$/);
    expect(lines[i - 1]).toMatch(/^# Setting "password\. x " of crm, typed into the design/);
  });

  it('a long label is cut between characters, never inside an emoji (no lone surrogate written as U+FFFD)', () => {
    for (let pad = 0; pad < 4; pad++) {
      const label = `${'x'.repeat(110 + pad)}${'🎉'.repeat(20)}`;
      const b = files(design([{ id: 'api', kind: 'rest-service', label }], [], { name: label, description: label }));
      for (const [path, content] of b) expect(LONE_SURROGATE.test(content), `${path} (pad ${pad})`).toBe(false);
    }
  });

  it('a lone surrogate in a label becomes U+FFFD in the README and the compose comments', () => {
    const b = files(design([{ id: 'api', kind: 'rest-service', label: 'a\uD800b' }]));
    expect(b.get('README.md')).toContain('a\uFFFDb');
    expect(b.get('docker-compose.yml')).toContain('# a\uFFFDb (REST service)');
  });

  it('a description or label starting with a list, heading or rule marker stays a paragraph in README.md', () => {
    for (const text of ['- not a list item', '+ not one either', '1. not a numbered item', '=== not a heading', '---']) {
      const readme = files(design([{ id: 'api', kind: 'rest-service' }], [], { description: text })).get('README.md')!;
      const line = readme.split('\n').find((l) => l.includes(text.replace(/^[-+=]/, '').replace(/^1\./, '')))!;
      expect(line, text).toMatch(/^(\\[-+=]|1\\\.)/);
    }
  });

  it('a label holding ${VAR} is no Keycloak placeholder in the realm file (Keycloak would put the secret there while importing)', () => {
    const b = files(
      design(
        [
          { id: 'gw', kind: 'kong', label: 'Edge ${IDP_ADMIN_PASSWORD} ${env.HOME}', props: { auth: 'oidc' } },
          { id: 'api', kind: 'rest-service', label: '${IDP_CLIENT_GW_SECRET}' },
          { id: 'idp', kind: 'keycloak', props: { realm: 'shop' } },
        ],
        [
          { from: 'gw', to: 'api', protocol: 'http' },
          { from: 'gw', to: 'idp', protocol: 'http' },
          { from: 'api', to: 'idp', protocol: 'http' },
        ],
      ),
    );
    const realm = JSON.parse(b.get('config/idp/realm-shop.json')!) as { clients: Array<{ clientId: string; name: string; secret?: string }> };
    // Clients are named after the components' service names (DNS-safe, from the labels).
    const byId = new Map(realm.clients.map((c) => [c.clientId, c]));
    expect(byId.get('edge-idp-admin-password-env-home')!.name).toBe('Edge $ {IDP_ADMIN_PASSWORD} $ {env.HOME}');
    expect(byId.get('idp-client-gw-secret')!.name).toBe('$ {IDP_CLIENT_GW_SECRET}');
    // The client secrets are the only placeholders, each declared in .env.example.
    const placeholders = [...b.get('config/idp/realm-shop.json')!.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]);
    expect(placeholders.sort()).toEqual(['IDP_CLIENT_EDGE_IDP_ADMIN_PASSWORD_ENV_HOME_SECRET', 'IDP_CLIENT_IDP_CLIENT_GW_SECRET_SECRET']);
    for (const p of placeholders) expect(b.get('.env.example')).toMatch(new RegExp(`^${p}=change-me$`, 'm'));
  });
});

describe('settings and ids a broken file or a caller may hand the exports', () => {
  it('asyncapi.yaml leaves out a client with an invalid id instead of failing', () => {
    const doc = design(
      [
        { id: 'bus', kind: 'kafka' },
        { id: '', kind: 'rest-service' },
        { id: 'Bad Id', kind: 'worker' },
      ],
      [
        { from: '', to: 'bus', protocol: 'kafka', props: { topic: 'orders' } },
        { from: 'bus', to: 'Bad Id', protocol: 'kafka', props: { topic: 'orders' } },
      ],
    );
    const text = generateAsyncApi(doc);
    const api = parseDocument(text).toJS() as { operations?: Record<string, unknown> };
    expect(api.operations ?? {}).toEqual({});
    expect(() => generateBundle(doc)).not.toThrow();
  });

  it('asyncapi.yaml titles hold no U+FFFE/U+FFFF', () => {
    const doc = design(
      [
        { id: 'api', kind: 'rest-service', label: 'Orders\uFFFE' },
        { id: 'bus', kind: 'kafka', label: '\uFFFF' },
      ],
      [{ from: 'api', to: 'bus', protocol: 'kafka', props: { topic: 'orders' } }],
      { name: '\uFFFE' },
    );
    const text = generateAsyncApi(doc);
    expect(text).not.toMatch(/[\uFFFE\uFFFF]/);
    expect(parseDocument(text).errors).toEqual([]);
  });
  it('settings outside their choices that reach asyncapi.yaml and openapi.yaml hold no character YAML readers refuse', () => {
    const doc = design(
      [
        { id: 'api', kind: 'rest-service', props: { dataFormat: 'json\u0085' } },
        { id: 'mq', kind: 'ibm-mq', props: { queueManager: 'QM\u007f1' } },
        { id: 'rabbit', kind: 'rabbitmq', props: { vhost: '\uFFFE' } },
        { id: 'gw', kind: 'kong', props: { rateLimitPerMinute: 10, rateLimitBy: 'ip\u009f', exposure: '\uFFFF' } },
      ],
      [
        { from: 'api', to: 'mq', protocol: 'jms' },
        { from: 'api', to: 'rabbit', protocol: 'amqp' },
        { from: 'gw', to: 'api', protocol: 'http' },
      ],
    );
    const b = files(doc);
    for (const path of ['asyncapi.yaml', 'openapi.yaml']) {
      expect(b.get(path), path).not.toMatch(/[\u007F-\u009F\uFFFE\uFFFF]/);
      expect(parseDocument(b.get(path)!).errors, path).toEqual([]);
    }
    // A setting that breaks its catalog pattern is not used at all: the resolved model takes the default.
    expect(b.get('asyncapi.yaml')).toContain('ccdtQueueManagerName: QM1');
  });
});

describe('the Integration Patterns document, on settings of the wrong type', () => {
  const file = (signals: string) => `topoforge: 1
name: ToString
nodes:
  - id: api
    kind: rest-service
  - id: traces
    kind: jaeger
edges:
  - from: api
    to: traces
    protocol: otlp
    props:
      signals: ${signals}
`;

  it('an OTLP connection whose signals are a mapping with a toString key does not crash the document', () => {
    for (const signals of ['{ toString: x }', '{ valueOf: 1, toString: [] }', '[logs]']) {
      const r = parseTopology(file(signals));
      expect(r.ok, signals).toBe(true);
      if (!r.ok) continue;
      const doc = generateIntegrationDoc(r.doc);
      expect(doc, signals).toMatch(/\*\*Error Logging\*\*: _Not decided/);
      expect(() => generateBundle(r.doc)).not.toThrow();
    }
  });

  it('a data format that is none of the choices never reaches the text: the document states the default the stack uses (no NUL, no Markdown)', () => {
    const doc = design([{ id: 'files', kind: 'sftp-server', props: { fileFormat: '\u0000`*x*`' } }, { id: 'job', kind: 'batch-job' }], [{ from: 'files', to: 'job', protocol: 'sftp' }]);
    const text = generateIntegrationDoc(doc);
    expect(text).not.toMatch(/\u0000/);
    expect(text).not.toContain('*x*');
    expect(text).toContain('- **File Formats**: CSV on `files`');
  });
});
