import { describe, expect, it } from 'vitest';
import { validate } from './index';
import { findSecrets, isCredentialName, redactSecrets, redactText } from './rules/secrets';
import { design, edge, node, withCode } from './testkit';

// Key-shaped test values are put together at run time, so that no secret scanner mistakes this file for a leak.
const STRIPE = ['sk', 'live', 'Zx9'.repeat(8)].join('_');
const AWS = ['AKIA', 'IOSFODNN7EXAMPLE'].join('');
const GITHUB = ['ghp', 'aB3'.repeat(12)].join('_');
const JWT = ['eyJhbGciOiJIUzI1NiJ9', 'eyJzdWIiOiIxMjM0NTY3ODkwIn0', 'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'].join('.');
const PEM = ['-----BEGIN RSA PRIVATE', 'KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE', 'KEY-----'].join(' ');

describe('what counts as a credential', () => {
  it('names whose last word is a credential', () => {
    for (const k of ['password', 'dbPassword', 'DB_PASSWORD', 'passwd', 'pwd', 'secret', 'clientSecret', 'client_secret', 'token', 'authToken', 'apiKey', 'api-key', 'APIKey', 'accessKey', 'privateKey', 'secretKey', 'credentials', 'bearer']) {
      expect(isCredentialName(k), k).toBe(true);
    }
    for (const k of ['tokenUrl', 'secretPaths', 'passwordPolicy', 'key', 'keys', 'monkey', 'tokenizer', 'port', 'user', 'username', 'auth', 'authorization', 'keyspace', 'primaryKey', 'sortKey', '']) {
      expect(isCredentialName(k), k).toBe(false);
    }
  });

  it('a literal in a credential-named setting the catalog does not define, text or number; never a reference, a placeholder or a true/false', () => {
    const doc = design({
      nodes: [
        node('api', 'rest-service', {
          password: 'hunter2',
          pin: 1234,
          apiKey: 424242,
          dbPassword: '${API_DB_PASSWORD}',
          clientSecret: '${SECRET:-x}',
          token: 'change-me',
          accessKey: '<your key>',
          authToken: true,
          tokenUrl: 'https://idp/token',
          credentials: { user: 'app', password: 's3cret' },
          users: [{ name: 'a', secret: 'x1' }],
        }),
        node('vault', 'vault', { secretPaths: ['secret/orders'] }),
      ],
    });
    expect(findSecrets(doc).map((f) => [f.path, f.variable, f.what])).toEqual([
      ['nodes[0].props.password', 'API_PASSWORD', 'a password'],
      ['nodes[0].props.apiKey', 'API_API_KEY', 'a key'],
      // Under a credential-named mapping, every value counts.
      ['nodes[0].props.credentials.user', 'API_CREDENTIALS_USER', 'a credential'],
      ['nodes[0].props.credentials.password', 'API_CREDENTIALS_PASSWORD', 'a password'],
      ['nodes[0].props.users[0].secret', 'API_USERS_0_SECRET', 'a secret'],
    ]);
  });

  it('key-shaped values wherever they are typed: settings (also the catalog\'s), requirements, labels, name, description, connections', () => {
    const doc = design({
      nodes: [node('api', 'rest-service', { note: `use ${STRIPE}` }, { label: `Orders ${AWS}` }), node('bus', 'kafka')],
      edges: [edge('api', 'bus', 'kafka', { topic: AWS, description: JWT, password: 'pw1' })],
      requirements: { scope: `repo token ${GITHUB}`, apiToken: 'abc', sshKey: PEM },
    });
    doc.name = 'Shop';
    doc.description = `db at postgres://app:hunter2@db:5432/shop and ${PEM}`;
    expect(findSecrets(doc).map((f) => [f.path, f.variable, f.what])).toEqual([
      ['description', 'DESIGN_DESCRIPTION', 'a private key'],
      ['requirements.scope', 'REQUIREMENTS_SCOPE', 'a GitHub token'],
      ['requirements.apiToken', 'REQUIREMENTS_API_TOKEN', 'a token'],
      ['requirements.sshKey', 'REQUIREMENTS_SSH_KEY', 'a private key'],
      ['nodes[0].label', 'API_LABEL', 'an AWS access key id'],
      ['nodes[0].props.note', 'API_NOTE', 'a Stripe secret key'],
      ['edges[0].props.topic', 'API_BUS_TOPIC', 'an AWS access key id'],
      ['edges[0].props.description', 'API_BUS_DESCRIPTION', 'a JSON Web Token'],
      ['edges[0].props.password', 'API_BUS_PASSWORD', 'a password'],
    ]);
  });

  it('a URL with ${VAR} as its password is fine; one with a literal password is not', () => {
    const ok = design({ nodes: [node('api', 'rest-service', { dsn: 'postgres://${DB_USER}:${DB_PASSWORD}@db/shop' })] });
    const bad = design({ nodes: [node('api', 'rest-service', { dsn: 'postgres://app:pw@db/shop' })] });
    expect(findSecrets(ok)).toEqual([]);
    expect(findSecrets(bad).map((f) => f.what)).toEqual(['a URL with a password in it']);
  });
});

describe('TF509: credential typed into the design', () => {
  it('warns once per value, names the setting and the variable, never repeats the value', () => {
    const doc = design({
      nodes: [node('api', 'rest-service', { dbPassword: 'hunter2', note: STRIPE }, { label: 'Orders API' }), node('db', 'postgres')],
      edges: [edge('api', 'db', 'sql', { password: 'pw-on-the-edge' })],
    });
    const found = withCode(validate(doc), 'TF509');
    // Sorted like every finding: the connection's (no component) first. Its variable is made unique.
    expect(found.map((d) => [d.message, d.path, d.nodes, d.edges])).toEqual([
      ['The connection Orders API (REST service) → PostgreSQL: the setting "password" holds a password; the generated files get ${API_DB_PASSWORD_2} instead', 'edges[0].props.password', [], ['api->db']],
      ['Orders API (REST service): the setting "dbPassword" holds a password; the generated files get ${API_DB_PASSWORD} instead', 'nodes[0].props.dbPassword', ['api'], []],
      ['Orders API (REST service): the setting "note" holds a Stripe secret key; the generated files get ${API_NOTE} instead', 'nodes[0].props.note', ['api'], []],
    ]);
    for (const d of found) {
      expect(d.severity).toBe('warning');
      expect(`${d.message} ${d.hint}`).not.toMatch(/hunter2|pw-on-the-edge|Zx9Zx9/);
    }
    expect(found[1]!.hint).toBe('Keep credentials out of the design file (it is shared and kept in git): write dbPassword: ${API_DB_PASSWORD} in the design, and set API_DB_PASSWORD in .env (the generated .env.example lists it).');
  });

  it('is quiet once the design uses references', () => {
    const doc = design({ nodes: [node('api', 'rest-service', { dbPassword: '${API_DB_PASSWORD}' })] });
    expect(withCode(validate(doc), 'TF509')).toEqual([]);
  });
});

describe('redactSecrets', () => {
  it('replaces each credential by its ${VARIABLE}: a whole setting, or the key inside longer text; the input is left as it was', () => {
    const doc = design({
      nodes: [node('api', 'rest-service', { password: 'hunter2', port: 8080, note: `key ${STRIPE} here` }, { label: `Orders ${AWS}` })],
      requirements: { apiToken: 'abc', scope: 'shop' },
    });
    const before = JSON.stringify(doc);
    const { doc: out, found } = redactSecrets(doc);
    expect(JSON.stringify(doc)).toBe(before);
    expect(found).toHaveLength(4);
    expect(out.nodes[0]!.props).toEqual({ password: '${API_PASSWORD}', port: 8080, note: 'key ${API_NOTE} here' });
    expect(out.nodes[0]!.label).toBe('Orders ${API_LABEL}');
    expect(out.requirements).toEqual({ apiToken: '${REQUIREMENTS_API_TOKEN}', scope: 'shop' });
    expect(JSON.stringify(out)).not.toMatch(/hunter2|Zx9|AKIA|"abc"/);
    // Nothing left to find: redacting twice changes nothing.
    expect(findSecrets(out)).toEqual([]);
    expect(redactSecrets(out).doc).toBe(out);
  });

  it('returns the same object when there is nothing to redact', () => {
    const doc = design({ nodes: [node('api', 'rest-service')] });
    expect(redactSecrets(doc).doc).toBe(doc);
  });

  it('handles settings named __proto__ or with dots without touching prototypes', () => {
    const props = JSON.parse('{"__proto__": {"password": "x1"}, "a.b": {"token": "t1"}}') as Record<string, unknown>;
    const doc = design({ nodes: [node('api', 'rest-service', props)] });
    const { doc: out, found } = redactSecrets(doc);
    expect(found.map((f) => f.path)).toEqual(['nodes[0].props.__proto__.password', 'nodes[0].props.a.b.token']);
    expect(JSON.stringify(out.nodes[0]!.props)).toBe('{"__proto__":{"password":"${API_PROTO_PASSWORD}"},"a.b":{"token":"${API_A_B_TOKEN}"}}');
    expect(({} as Record<string, unknown>).password).toBeUndefined();
  });
});

describe('messages about a design with a key in a label', () => {
  it('never show the key: TF509 names the component from the redacted design', () => {
    const doc = design({ nodes: [node('api', 'rest-service', {}, { label: `Orders ${AWS}` })] });
    const found = withCode(validate(doc), 'TF509');
    expect(found.map((d) => d.message)).toEqual(['Orders ${API_LABEL} (REST service): the label holds an AWS access key id; the generated files get ${API_LABEL} instead']);
    expect(found[0]!.hint).toBe('Keep credentials out of the design file (it is shared and kept in git): take it out of the text, and set API_LABEL in .env (the generated .env.example lists it).');
  });

  it('redactText replaces key-shaped text in any message', () => {
    expect(redactText(`Orders ${AWS} (REST service) is not connected`)).toBe('Orders [secret] (REST service) is not connected');
    expect(redactText('nothing to see')).toBe('nothing to see');
  });
});
