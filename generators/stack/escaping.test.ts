import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Topology } from '../../shared/model/types';
import { resolve } from '../../shared/resolve';
import { generateStack } from './index';
import { bundle, design } from './testkit';

/** Whatever a user types into a label, a name or a setting cannot break a generated file. */

const HOSTILE = ['rm -rf', 'DROP TABLE', '$(id)', '`id`', '</script>', 'location /evil {', '\u0000'];

function hostileDesign(text: string): Topology {
  return design(
    [
      { id: 'ui', kind: 'web-app', label: text },
      { id: 'gw', kind: 'kong', label: text, props: { corsOrigins: [text], cors: true } },
      { id: 'px', kind: 'nginx', label: text, props: { port: 8181 } },
      { id: 'api', kind: 'rest-service', label: text, props: { image: text, healthPath: text, basePath: text } },
      { id: 'bus', kind: 'kafka', label: text, props: { topics: [{ name: text }, { name: 'ok.topic' }] } },
      { id: 'mq', kind: 'rabbitmq', label: text, props: { vhost: text, queues: [{ name: text }] } },
      { id: 'db', kind: 'postgres', label: text, props: { database: text, tables: [text, 'fine'] } },
      { id: 'my', kind: 'mysql', label: text, props: { database: text, tables: [text] } },
      { id: 'mongo', kind: 'mongodb', label: text, props: { collections: [text] } },
      { id: 's3', kind: 'object-storage', label: text, props: { buckets: [text] } },
      { id: 'crm', kind: 'saas-app', label: text, props: { baseUrl: text } },
      { id: 'idp', kind: 'keycloak', label: text, props: { realm: text, roles: [text] } },
      { id: 'graf', kind: 'grafana', label: text, props: { dashboardTitle: text } },
      { id: 'prom', kind: 'prometheus', label: text },
      { id: 'n', kind: 'nats', label: text, props: { subjects: [text] } },
      { id: 'ibm', kind: 'ibm-mq', label: text, props: { queueManager: text, queues: [text] } },
    ],
    [
      { from: 'ui', to: 'gw', protocol: 'http', props: { path: text } },
      { from: 'gw', to: 'api', protocol: 'http', props: { path: text, method: text } },
      { from: 'px', to: 'api', protocol: 'http', props: { path: text } },
      { from: 'px', to: 'crm', protocol: 'http' },
      { from: 'api', to: 'bus', protocol: 'kafka', props: { topic: text } },
      { from: 'bus', to: 'api', protocol: 'kafka', props: { consumerGroup: text, retries: text } },
      { from: 'api', to: 'mq', protocol: 'amqp', props: { exchange: text, routingKey: text } },
      { from: 'mq', to: 'api', protocol: 'amqp', props: { queue: text } },
      { from: 'api', to: 'db', protocol: 'sql' },
      { from: 'api', to: 's3', protocol: 's3', props: { bucket: text, prefix: text } },
      { from: 'api', to: 'n', protocol: 'nats', props: { subject: text } },
      { from: 'api', to: 'ibm', protocol: 'jms', props: { queue: text } },
      { from: 'api', to: 'prom', protocol: 'metrics' },
      { from: 'graf', to: 'prom', protocol: 'metrics' },
      { from: 'gw', to: 'idp', protocol: 'http' },
    ],
    { name: text, description: text },
  );
}

function checkParses(doc: Topology): void {
  const files = generateStack(doc);
  const compose = parse(files.find((f) => f.path === 'docker-compose.yml')!.content, { version: '1.1' }) as { services: Record<string, unknown> };
  const expected = resolve(doc).components.filter((c) => c.containerised).map((c) => c.service);
  for (const name of expected) expect(Object.keys(compose.services)).toContain(name);
  for (const f of files) {
    expect(f.path, 'path').toMatch(/^(docker-compose\.yml|\.env\.example|README\.md|config\/[a-z][a-z0-9-]*\/[A-Za-z0-9._/-]+|config\/_stand-in\/stand-in\.mjs)$/);
    if (/\.ya?ml$/.test(f.path)) expect(() => parse(f.content, { version: '1.1' }), f.path).not.toThrow();
    if (f.path.endsWith('.json')) expect(() => JSON.parse(f.content), f.path).not.toThrow();
    if (f.path === '.env.example') for (const line of f.content.split('\n')) expect(line).toMatch(/^(#.*|[A-Z_][A-Z0-9_]*=[A-Za-z0-9._:/@+-]*|)$/);
    // Comments in SQL, nginx, shell and conf files stay on one line: a newline in a label cannot start a statement.
    if (/\.(sql|conf|sh|mqsc|js|txt)$/.test(f.path)) for (const line of f.content.split('\n')) expect(line).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u2028\u2029]/);
  }
}

describe('escaping what a user typed', () => {
  it('hostile labels, names and settings never reach a config file; invalid ones are reported and replaced', () => {
    const text = `x"; DROP TABLE users; -- $(id) \`id\` rm -rf / ${'${HOME}'} </script> location /evil { return 200; }\n' OR 1=1`;
    const b = bundle(hostileDesign(text));
    checkParses(hostileDesign(text));
    for (const f of b.files) {
      // The README quotes (escaped); the stand-in program and Kong's start script are constants.
      if (f.path === 'README.md' || /\.(mjs|lua)$/.test(f.path)) continue;
      // Labels appear in comments only, on one line; no setting took the hostile value.
      let content = f.content.replace(/^\s*(#|--|\/\/|\*).*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
      // In JSON a label may be a title or a display name (JSON-escaped); nothing else.
      if (f.path.endsWith('.json')) content = JSON.stringify(JSON.parse(f.content), (k, v) => (['title', 'name'].includes(k) && typeof v === 'string' && v.length > 60 ? '' : v));
      for (const bad of HOSTILE) expect(content.includes(bad), `${f.path} contains ${JSON.stringify(bad)}`).toBe(false);
    }
    const readme = b.file('README.md');
    expect(readme).toMatch(/Setting ignored: Connection api-&gt;bus: topic/);
    expect(readme).not.toContain('</script>');
    // Service names come from the labels, DNS-safe; images are pinned.
    const api = resolve(hostileDesign(text)).byId.get('api')!.service;
    expect(api).toMatch(/^[a-z][a-z0-9-]*$/);
    expect(b.compose.services[api]!.image).toMatch(/^node:22[.0-9]*-alpine/);
  });

  it('labels with newlines, quotes and YAML/markdown syntax stay comments and text', () => {
    const label = 'Orders\nservices:\n  evil:\n    image: bad\n# | `x` <b>';
    const b = bundle(design([{ id: 'api', kind: 'rest-service', label }], [], { name: label }));
    expect(Object.keys(b.compose.services)).toEqual(['orders-services-evil-image-bad-x-b']);
    expect(b.file('docker-compose.yml')).toContain('# Orders services: evil: image: bad # | `x` <b> (REST service)');
    expect(b.file('README.md')).toContain('Orders services: evil: image: bad \\# \\| \\`x\\` &lt;b&gt;');
  });

  it('invalid node ids are left out with a note, never used as paths or service names', () => {
    const b = bundle(
      design([
        { id: '../etc', kind: 'postgres' },
        { id: 'Bad Id', kind: 'redis' },
        { id: 'ok', kind: 'redis' },
        { id: 'ok', kind: 'postgres' },
        { id: 'x', kind: 'not-a-kind' },
      ]),
    );
    expect(Object.keys(b.compose.services)).toEqual(['ok']);
    expect(b.compose.services.ok!.image).toMatch(/^redis:/);
    expect(b.files.every((f) => !f.path.includes('..'))).toBe(true);
    const readme = b.file('README.md');
    expect(readme).toMatch(/A node with the id "\.\.\/etc" was left out/);
    expect(readme).toMatch(/A second node with the id `ok` was left out/);
    expect(readme).toMatch(/unknown kind "not-a-kind"/);
  });

  it('property: any text in labels, names and settings gives files that parse', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        checkParses(hostileDesign(text));
      }),
      { numRuns: 15 },
    );
  });

  it('property: valid names from the catalog patterns reach the configs, quoted for each format', () => {
    const name = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,20}$/);
    fc.assert(
      fc.property(name, name, (topic, queue) => {
        const b = bundle(
          design(
            [
              { id: 'p', kind: 'rest-service' },
              { id: 'k', kind: 'kafka' },
              { id: 'r', kind: 'rabbitmq' },
              { id: 'c', kind: 'worker', props: { port: 8081 } },
            ],
            [
              { from: 'p', to: 'k', protocol: 'kafka', props: { topic } },
              { from: 'k', to: 'c', protocol: 'kafka', props: { deadLetter: true } },
              { from: 'p', to: 'r', protocol: 'amqp' },
              { from: 'r', to: 'c', protocol: 'amqp', props: { queue } },
            ],
          ),
        );
        expect(b.file('config/k/topics.txt').split('\n').map((l) => l.split(' ')[0])).toEqual(expect.arrayContaining([topic, `${topic}.dlt`]));
        const d = b.json<{ queues: Array<{ name: string }> }>('config/r/definitions.json');
        expect(d.queues.map((q) => q.name)).toContain(queue);
        expect(b.compose.services.c!.environment!.K_CONSUME_TOPICS).toBe(topic);
      }),
      { numRuns: 40 },
    );
  });
});
