import { describe, expect, it } from 'vitest';
import { FILE_CODES } from './fileCodes';
import { LIMITS, parseTopology, type ParseResult } from './parse';

const HEAD = 'topoforge: 1\nname: Test\n';

function errors(r: ParseResult) {
  return r.diagnostics.filter((d) => d.severity === 'error');
}

/** Parses text expected to fail, and returns its first error. */
function firstError(text: string) {
  const r = parseTopology(text);
  expect(r.ok).toBe(false);
  const e = errors(r)[0];
  expect(e, JSON.stringify(r.diagnostics)).toBeDefined();
  return e!;
}

describe('parseTopology: a good file', () => {
  const text = `${HEAD}description: Orders
requirements:
  latencyP99Ms: 100
  availability: "99.9%"
  security: [PCI DSS]
groups:
  - id: dmz
    label: DMZ
    trust: dmz
nodes:
  - id: web
    kind: web-app
    label: Shop
    group: dmz
  - id: api
    kind: rest-service
    props:
      port: 8080
edges:
  - from: web
    to: api
    protocol: http
layout:
  web: { x: 0, y: 0 }
  api: { x: 300, y: 0 }
`;

  it('reads every field', () => {
    const r = parseTopology(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.diagnostics).toEqual([]);
    expect(r.doc).toEqual({
      topoforge: 1,
      name: 'Test',
      description: 'Orders',
      requirements: { latencyP99Ms: 100, availability: '99.9%', security: ['PCI DSS'] },
      groups: [{ id: 'dmz', label: 'DMZ', trust: 'dmz' }],
      nodes: [
        { id: 'web', kind: 'web-app', label: 'Shop', group: 'dmz', props: {} },
        { id: 'api', kind: 'rest-service', label: 'api', props: { port: 8080 } },
      ],
      edges: [{ from: 'web', to: 'api', protocol: 'http', props: {} }],
      layout: { web: { x: 0, y: 0 }, api: { x: 300, y: 0 } },
    });
  });

  it('locates document paths in the text', () => {
    const r = parseTopology(text);
    if (!r.ok) throw new Error('expected ok');
    expect(r.locate('nodes[1]')).toEqual({ line: 17, column: 5 });
    expect(r.locate('nodes[1].props.port')).toEqual({ line: 20, column: 7 });
    expect(r.locate('edges[0]')).toEqual({ line: 22, column: 5 });
    expect(r.locate('edges[0].protocol')?.line).toBe(24);
    expect(r.locate('layout.api')?.line).toBe(27);
    // A path below what the file holds is placed at the nearest part that exists.
    expect(r.locate('nodes[0].props.port')?.line).toBe(13);
    expect(r.locate('nothing.here')).toBeUndefined();
    expect(r.locate('not a path')).toBeUndefined();
  });

  it('reads the same design written as JSON', () => {
    const json = JSON.stringify({
      topoforge: 1,
      name: 'Test',
      nodes: [{ id: 'a', kind: 'worker' }],
      edges: [],
      layout: { a: { x: 1, y: 2 } },
    }, null, '\t');
    const r = parseTopology(json, { fileName: 'design.topo.json' });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.doc.nodes[0]).toEqual({ id: 'a', kind: 'worker', label: 'a', props: {} });
  });

  it('accepts a byte-order mark and Windows line ends', () => {
    const r = parseTopology(`\uFEFF${HEAD.replace(/\n/g, '\r\n')}nodes:\r\n  - id: a\r\n    kind: worker\r\n`);
    expect(r.ok).toBe(true);
  });

  it('leaves prop values to validation: `port: "abc"` parses', () => {
    const r = parseTopology(`${HEAD}nodes:\n  - id: a\n    kind: rest-service\n    props: { port: "abc" }\n`);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.doc.nodes[0]!.props).toEqual({ port: 'abc' });
  });
});

describe('parseTopology: tolerant', () => {
  it('fills defaults for missing optional fields', () => {
    const r = parseTopology(`${HEAD}nodes:\n  - id: a\n    kind: worker\n`);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.doc.requirements).toEqual({});
    expect(r.doc.groups).toEqual([]);
    expect(r.doc.edges).toEqual([]);
    expect(r.doc.layout).toEqual({});
    expect(r.doc.nodes[0]).toEqual({ id: 'a', kind: 'worker', label: 'a', props: {} });
  });

  it('reads empty lists and mappings written as nothing', () => {
    const r = parseTopology(`${HEAD}requirements:\ngroups:\nnodes:\nedges:\nlayout:\n`);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.doc.nodes).toEqual([]);
  });

  it('keeps unknown top-level keys, node keys, edge keys and props', () => {
    const r = parseTopology(`${HEAD}owner: team-a
nodes:
  - id: a
    kind: worker
    notes: hand-written
    props: { port: 1, custom: { deep: [1, 2] } }
  - id: b
    kind: worker
edges:
  - from: a
    to: b
    protocol: kafka
    weight: 3
`);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.doc.owner).toBe('team-a');
    expect(r.doc.nodes[0]!.notes).toBe('hand-written');
    expect(r.doc.nodes[0]!.props).toEqual({ port: 1, custom: { deep: [1, 2] } });
    expect(r.doc.edges[0]!.weight).toBe(3);
  });

  it('does not inject prop defaults', () => {
    const r = parseTopology(`${HEAD}nodes:\n  - id: k\n    kind: kafka\n    props: { retentionHours: 24 }\n`);
    if (r.ok) expect(r.doc.nodes[0]!.props).toEqual({ retentionHours: 24 });
    else throw new Error('expected ok');
  });

  it('drops positions of unknown ids with an info that names the line', () => {
    const r = parseTopology(`${HEAD}nodes:\n  - id: a\n    kind: worker\nlayout:\n  a: { x: 1, y: 2 }\n  ghost: { x: 5, y: 5 }\n`);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.doc.layout).toEqual({ a: { x: 1, y: 2 } });
    expect(r.diagnostics).toMatchObject([{ code: 'TF030', severity: 'info', line: 8, path: 'layout.ghost' }]);
  });

  it('drops a position without numbers, with a warning', () => {
    const r = parseTopology(`${HEAD}nodes:\n  - id: a\n    kind: worker\nlayout:\n  a: { x: left, y: 2 }\n`);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.doc.layout).toEqual({});
    expect(r.diagnostics).toMatchObject([{ code: 'TF031', severity: 'warning', line: 7, nodes: ['a'] }]);
  });

  it('takes numbers written where text is expected as text', () => {
    const r = parseTopology('topoforge: 1\nname: 2024\nrequirements: { availability: 99.9, security: PCI DSS }\nnodes:\n  - id: a\n    kind: worker\n    label: 404\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.doc.name).toBe('2024');
    expect(r.doc.nodes[0]!.label).toBe('404');
    expect(r.doc.requirements).toEqual({ availability: '99.9', security: ['PCI DSS'] });
  });

  it('turns YAML warnings (unknown tags) into warnings with a line', () => {
    const r = parseTopology(`${HEAD}nodes:\n  - id: a\n    kind: worker\n    label: !custom Shop\n`);
    expect(r.ok).toBe(true);
    expect(r.diagnostics).toMatchObject([{ code: 'TF032', severity: 'warning', line: 6 }]);
  });

  it('resolves a few aliases', () => {
    const r = parseTopology(`${HEAD}x-common: &common { replicas: 2 }\nnodes:\n  - id: a\n    kind: worker\n    props: *common\n  - id: b\n    kind: worker\n    props: *common\n`);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.doc.nodes[1]!.props).toEqual({ replicas: 2 });
    // Each node gets its own copy: editing one never edits the other.
    expect(r.doc.nodes[0]!.props).not.toBe(r.doc.nodes[1]!.props);
  });
});

describe('parseTopology: refused, with the place named', () => {
  it('binary garbage and NUL bytes', () => {
    const nul = firstError(`${HEAD}nodes:\0\n`);
    expect(nul).toMatchObject({ code: 'TF001', line: 3 });
    expect(nul.message).toMatch(/not a text file/);
    const bytes = Array.from({ length: 4096 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join('');
    expect(firstError(bytes).code).toBe('TF001');
  });

  it('files over the size limit, before parsing', () => {
    const e = firstError(`${HEAD}description: "${'a'.repeat(LIMITS.maxFileChars)}"\n`);
    expect(e.code).toBe('TF002');
    expect(e.message).toMatch(/too large/);
  });

  it('broken YAML, with line and column', () => {
    const e = firstError(`${HEAD}nodes:\n  - id: a\n    kind: [worker\n`);
    expect(e.code).toBe('TF003');
    expect(e.line).toBeGreaterThanOrEqual(5);
    expect(e.message).toMatch(/not valid YAML at line \d+, column \d+/);
  });

  it('tabs used as indentation', () => {
    expect(firstError(`${HEAD}nodes:\n\t- id: a\n`)).toMatchObject({ code: 'TF003', line: 4 });
  });

  it('a key written twice', () => {
    expect(firstError(`${HEAD}name: Again\n`)).toMatchObject({ code: 'TF003', line: 3 });
  });

  it('a key written twice deep inside: a big layout, a flow mapping, every one reported at its line', () => {
    const layout = Array.from({ length: 3000 }, (_, i) => `  n${i}: { x: ${i}, y: 0 }`);
    layout.push('  n17: { x: 1, y: 1 }');
    const r = parseTopology(`${HEAD}nodes: []\nlayout:\n${layout.join('\n')}\nrequirements: { scope: a, scope: b }\n`);
    expect(r.ok).toBe(false);
    const dups = r.diagnostics.filter((d) => /Map keys must be unique/.test(d.message));
    expect(dups.map((d) => [d.code, d.line])).toEqual([
      ['TF003', 3005],
      ['TF003', 3006],
    ]);
    // Keys that only look alike are different keys.
    expect(parseTopology(`${HEAD}requirements: { a: 1, "1": x, 1: y }\n`).ok).toBe(true);
  });

  it('deep nesting, flow or block, without blowing the stack', () => {
    const flow = firstError(`${HEAD}nodes: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`);
    expect(flow).toMatchObject({ code: 'TF004', line: 3 });
    const block = firstError(`${HEAD}nodes:\n${'- '.repeat(2000)}x\n`);
    expect(block).toMatchObject({ code: 'TF004', line: 4 });
    const nested = firstError(`${HEAD}x:\n${Array.from({ length: 200 }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n')} 1\n`);
    expect(nested.code).toBe('TF004');
  });

  it('nesting just under the limit is fine', () => {
    const depth = LIMITS.maxDepth - 3; // root mapping, nodes list, node mapping, props mapping
    const r = parseTopology(`${HEAD}nodes:\n  - id: a\n    kind: worker\n    props: { p: ${'['.repeat(depth - 1)}${']'.repeat(depth - 1)} }\n`);
    expect(r.ok).toBe(true);
  });

  it('a YAML alias bomb ("billion laughs")', () => {
    const levels = 'abcdefghi'.split('');
    const bomb = levels
      .map((l, i) => (i === 0 ? `${l}: &${l} ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]` : `${l}: &${l} [${Array(9).fill(`*${levels[i - 1]}`).join(',')}]`))
      .join('\n');
    const e = firstError(`${HEAD}${bomb}\n`);
    expect(e).toMatchObject({ code: 'TF005', line: 4 });
    expect(e.message).toMatch(/aliases/);
  });

  it('more than one document', () => {
    expect(firstError(`${HEAD}---\ntopoforge: 1\n`)).toMatchObject({ code: 'TF006', line: 3 });
  });

  it('an empty file, a list, or a scalar', () => {
    expect(firstError('').message).toMatch(/empty/);
    expect(firstError('# just a comment\n').code).toBe('TF007');
    expect(firstError('- a\n- b\n').message).toMatch(/holds a list/);
    expect(firstError('hello\n').code).toBe('TF007');
  });

  it('a missing, zero or non-number format version', () => {
    expect(firstError('name: x\n')).toMatchObject({ code: 'TF010' });
    expect(firstError('topoforge: 0\nname: x\n')).toMatchObject({ code: 'TF010', line: 1 });
    expect(firstError('topoforge: "1"\nname: x\n')).toMatchObject({ code: 'TF010', line: 1 });
    expect(firstError('topoforge: 1.5\nname: x\n').code).toBe('TF010');
    expect(firstError('topoforge: one\nname: x\n').code).toBe('TF010');
  });

  it('a format version newer than this build', () => {
    const e = firstError('name: x\ntopoforge: 2\n');
    expect(e).toMatchObject({ code: 'TF011', line: 2 });
    expect(e.message).toBe('This file was made by a newer Topoforge (format 2); this build reads format 1.');
  });

  it('a missing name, node id, node kind, edge end', () => {
    expect(firstError('topoforge: 1\nnodes: []\n')).toMatchObject({ code: 'TF020' });
    expect(firstError('topoforge: 1\nname: ""\n')).toMatchObject({ code: 'TF020', line: 2 });
    expect(firstError(`${HEAD}nodes:\n  - kind: worker\n`)).toMatchObject({ code: 'TF020', line: 4 });
    expect(firstError(`${HEAD}nodes:\n  - id: a\n    label: A\n`)).toMatchObject({ code: 'TF020', line: 4, nodes: ['a'] });
    expect(firstError(`${HEAD}nodes:\n  - id: a\n    kind: worker\nedges:\n  - to: a\n`)).toMatchObject({ code: 'TF020', line: 7 });
    expect(firstError(`${HEAD}nodes:\n  - id: a\n    kind: worker\nedges:\n  - from: a\n`)).toMatchObject({ code: 'TF020', line: 7 });
  });

  it('structural fields of the wrong type', () => {
    expect(firstError(`${HEAD}nodes: { a: 1 }\n`)).toMatchObject({ code: 'TF021', line: 3, path: 'nodes' });
    expect(firstError(`${HEAD}edges: yes\n`)).toMatchObject({ code: 'TF021', line: 3 });
    expect(firstError(`${HEAD}groups: 3\n`)).toMatchObject({ code: 'TF021', line: 3 });
    expect(firstError(`${HEAD}layout: [a]\n`)).toMatchObject({ code: 'TF021', line: 3 });
    expect(firstError(`${HEAD}requirements: [a]\n`)).toMatchObject({ code: 'TF021', line: 3 });
    expect(firstError(`${HEAD}requirements:\n  latencyP99Ms: fast\n`)).toMatchObject({ code: 'TF021', line: 4 });
    expect(firstError(`${HEAD}nodes:\n  - worker\n`)).toMatchObject({ code: 'TF021', line: 4 });
    expect(firstError(`${HEAD}nodes:\n  - id: a\n    kind: worker\n    props: [1]\n`)).toMatchObject({ code: 'TF021', line: 6, nodes: ['a'] });
    expect(firstError(`${HEAD}nodes:\n  - id: a\n    kind: [worker]\n`)).toMatchObject({ code: 'TF021', line: 5 });
    expect(firstError(`${HEAD}nodes:\n  - id: [a]\n    kind: worker\n`)).toMatchObject({ code: 'TF021', line: 4 });
    expect(firstError(`${HEAD}nodes:\n  - id: a\n    kind: worker\n    label: { x: 1 }\n`)).toMatchObject({ code: 'TF021', line: 6 });
  });

  it('ids outside [a-z][a-z0-9-]* or longer than 63 characters', () => {
    const e = firstError(`${HEAD}nodes:\n  - id: Orders_API\n    kind: worker\n`);
    expect(e).toMatchObject({ code: 'TF022', line: 4, nodes: ['Orders_API'] });
    expect(e.hint).toMatch(/orders-api/);
    expect(firstError(`${HEAD}nodes:\n  - id: 9lives\n    kind: worker\n`).code).toBe('TF022');
    expect(firstError(`${HEAD}nodes:\n  - id: ${'a'.repeat(64)}\n    kind: worker\n`).code).toBe('TF022');
    expect(parseTopology(`${HEAD}nodes:\n  - id: ${'a'.repeat(63)}\n    kind: worker\n`).ok).toBe(true);
    expect(firstError(`${HEAD}groups:\n  - id: DMZ\n`)).toMatchObject({ code: 'TF022', line: 4 });
  });

  it('duplicate ids, nodes and groups sharing one id space', () => {
    const e = firstError(`${HEAD}nodes:\n  - id: a\n    kind: worker\n  - id: a\n    kind: worker\n`);
    expect(e).toMatchObject({ code: 'TF023', line: 6, nodes: ['a'] });
    expect(e.message).toMatch(/first at line 4/);
    expect(firstError(`${HEAD}groups:\n  - id: a\nnodes:\n  - id: a\n    kind: worker\n`)).toMatchObject({ code: 'TF023', line: 6 });
  });

  it('unknown kinds, with a did-you-mean from the catalog', () => {
    const e = firstError(`${HEAD}nodes:\n  - id: bus\n    kind: kafak\n`);
    expect(e).toMatchObject({ code: 'TF024', line: 5, nodes: ['bus'] });
    expect(e.message).toBe('Unknown kind `kafak` at line 5. Did you mean `kafka`?');
    expect(firstError(`${HEAD}nodes:\n  - id: db\n    kind: postgresql\n`).message).toMatch(/Did you mean `postgres`\?/);
    const far = firstError(`${HEAD}nodes:\n  - id: x\n    kind: spaceship\n`);
    expect(far.message).not.toMatch(/Did you mean/);
    expect(far.hint).toMatch(/rest-service/);
  });

  it('an unknown protocol', () => {
    const e = firstError(`${HEAD}nodes:\n  - id: a\n    kind: worker\n  - id: b\n    kind: worker\nedges:\n  - from: a\n    to: b\n    protocol: htp\n`);
    expect(e).toMatchObject({ code: 'TF025', line: 11, edges: ['a->b'] });
    expect(e.message).toMatch(/Did you mean `http`\?/);
  });

  it('edges to unknown nodes (and to zones)', () => {
    const e = firstError(`${HEAD}nodes:\n  - id: api\n    kind: worker\nedges:\n  - from: api\n    to: apii\n`);
    expect(e).toMatchObject({ code: 'TF026', line: 8, edges: ['api->apii'] });
    expect(e.message).toMatch(/Did you mean `api`\?/);
    expect(firstError(`${HEAD}groups:\n  - id: dmz\nnodes:\n  - id: api\n    kind: worker\nedges:\n  - from: dmz\n    to: api\n`).message).toMatch(/is a zone/);
  });

  it('a node in an unknown zone', () => {
    expect(firstError(`${HEAD}groups:\n  - id: dmz\nnodes:\n  - id: a\n    kind: worker\n    group: dmzz\n`)).toMatchObject({ code: 'TF027', line: 8, nodes: ['a'] });
  });

  it('too many nodes', () => {
    const many = Array.from({ length: LIMITS.maxNodes + 1 }, (_, i) => `  - {id: n${i}, kind: worker}`).join('\n');
    const e = firstError(`${HEAD}nodes:\n${many}\n`);
    expect(e).toMatchObject({ code: 'TF028', line: 3 });
  });

  it('zone kinds and trust levels outside their lists', () => {
    expect(firstError(`${HEAD}groups:\n  - id: z\n    trust: high\n`)).toMatchObject({ code: 'TF029', line: 5 });
    expect(firstError(`${HEAD}groups:\n  - id: z\n    kind: vpc\n`)).toMatchObject({ code: 'TF029', line: 5 });
  });

  it('reports every problem, not just the first, up to a cap', () => {
    const r = parseTopology(`${HEAD}nodes:\n  - id: a\n    kind: kafak\n  - id: B\n    kind: worker\n`);
    expect(errors(r).map((d) => d.code)).toEqual(['TF024', 'TF022']);
    const lots = Array.from({ length: 300 }, (_, i) => `  - {id: n${i}, kind: nope}`).join('\n');
    const many = parseTopology(`${HEAD}nodes:\n${lots}\n`);
    expect(many.diagnostics).toHaveLength(LIMITS.maxDiagnostics + 1);
    expect(many.diagnostics.at(-1)).toMatchObject({ code: 'TF033', message: '100 more problems (100 errors) are not shown.' });
  });

  it('gives every diagnostic a known code, a message and a hint', () => {
    const samples = [`${HEAD}nodes: 1`, 'x: [', '', `${HEAD}nodes:\n  - id: A\n`];
    for (const s of samples) {
      for (const d of parseTopology(s).diagnostics) {
        expect(Object.keys(FILE_CODES)).toContain(d.code);
        expect(d.severity).toBe(FILE_CODES[d.code as keyof typeof FILE_CODES].severity);
        expect(d.message.length).toBeGreaterThan(10);
        expect(d.hint.length).toBeGreaterThan(10);
      }
    }
  });

  it('never lets a file pollute object prototypes', () => {
    const r = parseTopology(`${HEAD}__proto__: { polluted: true }\nnodes:\n  - id: a\n    kind: worker\n    __proto__: { polluted: true }\n    props: { __proto__: { polluted: true } }\n`);
    expect(r.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    if (!r.ok) return;
    expect(Object.getPrototypeOf(r.doc.nodes[0]!.props)).toBe(Object.prototype);
    expect(Object.keys(r.doc.nodes[0]!.props)).toEqual(['__proto__']);
  });
});

describe('parseTopology: YAML read as the format promises (js-yaml with the YAML 1.2 core schema of the writer)', () => {
  const props = (text: string) => {
    const r = parseTopology(`${HEAD}nodes:\n  - id: a\n    kind: worker\n    props: ${text}\n`);
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    return r.doc.nodes[0]!.props;
  };

  it('reads numbers, booleans and null as YAML 1.2 core does, and the rest as text', () => {
    expect(props('{ a: 0b101, b: 0x1F, c: 1_000, d: 0o17, e: yes, f: ~, g: 1e3, h: .5, i: -.inf, j: +12, k: -0x1F, l: Null, m: TRUE, n: 012 }')).toEqual({
      a: '0b101',
      b: 31,
      c: '1_000',
      d: 15,
      e: 'yes',
      f: null,
      g: 1000,
      h: 0.5,
      i: -Infinity,
      j: 12,
      k: '-0x1F',
      l: null,
      m: true,
      n: 12,
    });
  });

  it('a label with a character YAML allows only in double quotes is saved so that it opens again', async () => {
    const { serializeTopology } = await import('./serialize');
    const r = parseTopology(`${HEAD}nodes:\n  - id: a\n    kind: worker\n    label: "x\\uFFFEy\\x7Fz\\x85"\n`);
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    const again = parseTopology(serializeTopology(r.doc));
    expect(again.ok && again.doc.nodes[0]!.label).toBe('x\uFFFEy\u007Fz\u0085');
  });

  it('refuses an alias inside what it names, at the alias', () => {
    const e = firstError(`${HEAD}x: &loop [1, *loop]\n`);
    expect(e).toMatchObject({ code: 'TF003', line: 3 });
    expect(e.message).toMatch(/alias `\*loop` is inside the list or mapping it stands for/);
  });

  it('places list items after empty ones (`-` alone) and items of flow lists', () => {
    const r = parseTopology(`${HEAD}nodes:\n  -\n  - id: b\n    kind: worker\n`);
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]).toMatchObject({ code: 'TF021', line: 4 });
    const flow = parseTopology(`${HEAD}nodes: [{ id: a, kind: worker }, { id: b, kind: nope }]\n`);
    expect(flow.diagnostics[0]).toMatchObject({ code: 'TF024', line: 3, column: 43 });
  });

  it('says which line a warning of the reader is at, and reads the file anyway', () => {
    const r = parseTopology(`${HEAD}description: "two\nlines"\n`);
    expect(r.ok).toBe(true);
    expect(r.diagnostics).toMatchObject([{ code: 'TF032', line: 4 }]);
  });
});
