import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../assets/examples';
import { generateBundle } from '../../generators/bundle';
import { generateIntegrationDoc } from '../../generators/doc';
import { generateAsyncApi, generateDrawio, generateOpenApi } from '../../generators/interop';
import { generateMermaid } from '../../generators/mermaid';
import type { OutputFile } from '../../generators/types';
import { parseTopology } from '../../shared/model/parse';
import type { Topology } from '../../shared/model/types';
import { resolve } from '../../shared/resolve';
import { validate } from '../../shared/validation';
import { redactSecrets } from '../../shared/validation/rules/secrets';
import { envExample, envRefs } from '../fuzz/checks';
import { KEYS, LEAK, PASSWORDS } from '../fuzz/secrets';

/**
 * No generated file holds a credential: every password, token and key is a ${VARIABLE} listed in
 * .env.example with a placeholder, whether the stack made it up or the user typed one into the
 * design (TF509).
 */

const CREDENTIAL_KEY = /pass(word|wd)?$|secret|token|api_?key|access_?key|private_?key|credential/i;
const REFERENCE = /^\$\{(env:)?[A-Z_][A-Z0-9_]*(:-[^}]*)?\}$/;

/** Password-like settings with a literal value: in YAML/JSON by key, elsewhere by `key=value`/`key: value`. */
function literalCredentials(f: OutputFile): string[] {
  const out: string[] = [];
  const walk = (v: unknown, path: string) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) {
      if (typeof x === 'string' && CREDENTIAL_KEY.test(k) && x !== '' && !REFERENCE.test(x) && !x.includes('${')) out.push(`${path}.${k} = ${x}`);
      walk(x, `${path}.${k}`);
    }
  };
  if (/\.ya?ml$/.test(f.path)) {
    const doc = parseDocument(f.content, { version: f.path === 'docker-compose.yml' ? '1.1' : '1.2' });
    // OpenAPI/AsyncAPI describe security schemes (type: apiKey ...): names, not values.
    if (!/^(openapi|asyncapi)\.yaml$/.test(f.path)) walk(doc.toJS(), f.path);
  } else if (f.path.endsWith('.json') && !f.path.includes('/dashboards/')) {
    walk(JSON.parse(f.content), f.path);
  } else if (/\.(sh|conf|sql|js|mqsc|hcl)$/.test(f.path) || f.path === '.env.example') {
    for (const line of f.content.split('\n')) {
      if (/^\s*(#|--|\/\/|\*)/.test(line)) continue;
      // key=value (shell, conf) or key: value; not psql's `PASSWORD :'variable'`.
      const m = /\b([A-Za-z_]*(?:PASSWORD|PASS|SECRET|TOKEN|password|secret|token))(?:\s*=|:(?=\s))\s*['"]?([^\s'",;]+)/.exec(line);
      if (m && !m[2]!.startsWith('$') && !/^(change-me|<[^>]+>)$/.test(m[2]!)) out.push(`${f.path}: ${line.trim()}`);
    }
  }
  return out;
}

function expectNoLeak(files: readonly OutputFile[], literals: readonly string[] = []): void {
  for (const f of files) {
    for (const re of LEAK) expect(re.test(f.content), `${f.path} holds ${re}`).toBe(false);
    for (const s of literals) expect(f.content.includes(s), `${f.path} holds ${JSON.stringify(s)}`).toBe(false);
    expect(literalCredentials(f), f.path).toEqual([]);
  }
}

/** Every ${VAR} in the bundle (outside comments and scripts) is in .env.example; secrets there are placeholders. */
function expectEveryVariableDeclared(files: readonly OutputFile[]): void {
  const declared = envExample(files.find((f) => f.path === '.env.example')!.content);
  for (const f of files) {
    // Shell and init scripts expand their own variables and the container's environment, which
    // the compose file (checked here) sets.
    if (/\.(sh|js|mjs|lua)$/.test(f.path)) continue;
    const text = f.content.split('\n').filter((l) => !/^\s*#/.test(l)).join('\n');
    for (const name of envRefs(text)) {
      // The README explains the syntax with `${NAME}`: a placeholder of the prose, not a variable.
      if (f.path === 'README.md' && name === 'NAME') continue;
      expect(declared.has(name), `${f.path} uses \${${name}}`).toBe(true);
    }
  }
  for (const [name, value] of declared) {
    // (A MinIO ACCESS_KEY is its root user's name; its SECRET_KEY is the password.)
    if (/PASSWORD|SECRET|TOKEN|CREDENTIAL/.test(name)) expect(value, name).toBe('change-me');
  }
  // Every variable the stack marks as a secret has the placeholder.
  const lines = files.find((f) => f.path === '.env.example')!.content.split('\n');
  lines.forEach((line, i) => {
    if (/\(secret\)$/.test(line)) expect(lines[i + 1], line).toMatch(/^[A-Z_][A-Z0-9_]*=change-me$/);
  });
}

describe('the bundles of the bundled examples', () => {
  for (const ex of EXAMPLES) {
    it(`${ex.id}: no literal credential, every variable declared with a placeholder`, () => {
      const r = parseTopology(ex.yaml);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      const files = generateBundle(r.doc);
      expectNoLeak(files);
      expectEveryVariableDeclared(files);
    });
  }
});

/** The starter example with credentials typed everywhere a user can type. */
function withCredentials(): Topology {
  const r = parseTopology(EXAMPLES.find((e) => e.id === 'ecommerce-orders')!.yaml);
  if (!r.ok) throw new Error('example does not parse');
  const doc = structuredClone(r.doc);
  const [a, b, c] = doc.nodes;
  a!.props = { ...a!.props, password: PASSWORDS[0], apiKey: KEYS.stripe, note: `deploy with ${KEYS.github}` };
  a!.label = `${a!.label} ${KEYS.aws}`;
  b!.props = { ...b!.props, credentials: { user: 'svc', password: PASSWORDS[1] }, dsn: KEYS.url };
  c!.props = { ...c!.props, clientSecret: PASSWORDS[2], cert: KEYS.pem };
  doc.edges[0]!.props = { ...doc.edges[0]!.props, token: KEYS.jwt, description: `bearer ${KEYS.jwt}` };
  doc.edges[0]!.label = KEYS.slack;
  doc.requirements = { ...doc.requirements, apiToken: 'req-token-literal', security: [`rotate ${KEYS.aws}`] };
  doc.description = `Staging at ${KEYS.url}`;
  return doc;
}

const LITERALS = [...Object.values(KEYS), ...PASSWORDS, 'req-token-literal', 'Z7QW3ERTY5UIOPAS', 'Tr0ub4dor'];

describe('credentials typed into the design (TF509)', () => {
  it('are warned about, each with its variable', () => {
    const doc = withCredentials();
    const found = validate(doc).filter((d) => d.code === 'TF509');
    expect(found.length).toBeGreaterThanOrEqual(14);
    for (const d of found) {
      expect(d.severity).toBe('warning');
      expect(d.message).toMatch(/the generated files get \$\{[A-Z0-9_]+\} instead$/);
      for (const s of LITERALS) expect(`${d.message} ${d.hint}`).not.toContain(s);
    }
  });

  it('never reach a generated file: each is a ${VARIABLE} listed in .env.example with change-me', () => {
    const doc = withCredentials();
    const files = generateBundle(doc);
    expectNoLeak(files, LITERALS);
    expectEveryVariableDeclared(files);
    const env = envExample(files.find((f) => f.path === '.env.example')!.content);
    for (const d of validate(doc).filter((x) => x.code === 'TF509')) {
      const variable = /get \$\{([A-Z0-9_]+)\} instead$/.exec(d.message)![1]!;
      expect(env.get(variable), variable).toBe('change-me');
      // Text that is shown (labels, descriptions) shows the reference where the key was (Markdown escapes its _).
      if (/\.label$|description$/.test(d.path ?? '')) expect(files.some((f) => f.path !== '.env.example' && f.content.replace(/\\_/g, '_').includes(`\${${variable}}`)), `\${${variable}} is shown`).toBe(true);
    }
  });

  it('each generator alone writes references too (the CLI\'s doc, mermaid and export commands, the app\'s previews)', () => {
    const doc = withCredentials();
    for (const [name, text] of [
      ['doc', generateIntegrationDoc(doc)],
      ['doc with the app\'s findings', generateIntegrationDoc(doc, validate(doc))],
      ['mermaid', generateMermaid(doc)],
      ['drawio', generateDrawio(doc)],
      ['asyncapi', generateAsyncApi(doc)],
      ['openapi', generateOpenApi(doc)],
    ] as const) {
      for (const re of LEAK) expect(re.test(text), `${name}: ${re}`).toBe(false);
      for (const s of LITERALS) expect(text.includes(s), `${name}: ${s}`).toBe(false);
    }
  });

  it('a service you build gets its credential settings as environment variables; the design file keeps the value for you to move', () => {
    const doc = withCredentials();
    const files = generateBundle(doc);
    const compose = parseDocument(files.find((f) => f.path === 'docker-compose.yml')!.content, { version: '1.1' }).toJS() as { services: Record<string, { environment?: Record<string, string> }> };
    const first = doc.nodes[0]!;
    // The stack reads the design with the credentials replaced (a label holding a key is named after the reference).
    const envOf = compose.services[resolve(redactSecrets(doc).doc).byId.get(first.id)!.service]!.environment!;
    // Named as validation announced them (after the component's id); required, so Compose refuses to start without them.
    const prefix = first.id.toUpperCase().replace(/-/g, '_');
    expect(envOf.PASSWORD).toMatch(new RegExp(`^\\$\\{${prefix}_PASSWORD:\\?`));
    expect(envOf.API_KEY).toMatch(new RegExp(`^\\$\\{${prefix}_API_KEY:\\?`));
  });
  // The same over random designs: the 'secrets' property of test/unit/fuzz-model.test.ts.
});
