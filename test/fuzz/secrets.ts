import fc from 'fast-check';
import { generateBundle } from '../../generators/bundle';
import { validate } from '../../shared/validation';
import { envExample } from './checks';
import { fileDesign, throughFile } from './designs';

/** Credentials for the secrets checks (test/unit/hardening-secrets.test.ts and the fuzz property). */

// Key-shaped test values are put together at run time, so that no secret scanner mistakes this file for a leak.
export const KEYS = {
  stripe: ['sk', 'live', 'Q7r'.repeat(9)].join('_'),
  aws: ['AKIA', 'Z7QW3ERTY5UIOPAS'].join(''),
  github: ['ghp', 'Kx4'.repeat(12)].join('_'),
  slack: ['xoxb', '1234567890', 'abcdefghij'].join('-'),
  jwt: ['eyJhbGciOiJIUzI1NiJ9', 'eyJzdWIiOiJvcmRlcnMifQ', 'c2lnbmF0dXJlLXNpZ25hdHVyZQ'].join('.'),
  pem: ['-----BEGIN PRIVATE', 'KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE', 'KEY-----'].join(' '),
  url: 'postgres://app:Tr0ub4dor@db:5432/shop',
};
export const PASSWORDS = ['hunter2-Literal', 'Tr0ub4dor&3', 'correct horse battery staple'];

/** Independent of the validation rule: what a secret scanner looks for in the files. */
export const LEAK = [
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /\b(AKIA|ASIA)[0-9A-Z]{16}\b/,
  /\b[rs]k_(live|test)_[0-9A-Za-z]{10,}/,
  /\bgh[pousr]_[0-9A-Za-z]{30,}/,
  /\bxox[abposr]-[0-9A-Za-z-]{10,}/,
  /\beyJ[0-9A-Za-z_-]+\.eyJ[0-9A-Za-z_-]+\.[0-9A-Za-z_-]+/,
  // A user:password@ in a URL, unless the password is a reference: ${VAR} (Compose) or $(VAR) (a Kubernetes container's own variable).
  /[a-z]+:\/\/[^\s:@/"']+:(?!\$\{|\$\()[^\s@/"']+@/,
];


/** A random saved design with a credential typed into a setting, a requirement, a label, a connection or the description. */
export const designWithSecret = fc
  .tuple(fileDesign(5, 6), fc.constantFrom(...Object.values(KEYS)), fc.nat(), fc.constantFrom('password', 'apiKey', 'label', 'requirement', 'edge', 'description'))
  .map(([d, key, pick, where]) => {
    const doc = throughFile(d);
    const n = doc.nodes[pick % doc.nodes.length]!;
    if (where === 'password' || where === 'apiKey') n.props = { ...n.props, [where]: `${where}-${pick}-literal` };
    if (where === 'label') n.label = `${n.label} ${key}`;
    if (where === 'requirement') doc.requirements = { ...doc.requirements, deployToken: `tok-${pick}-literal`, scope: key };
    if (where === 'description') doc.description = key;
    if (where === 'edge' && doc.edges.length) doc.edges[pick % doc.edges.length]!.props = { ...doc.edges[pick % doc.edges.length]!.props, description: key, secret: `edge-${pick}-literal` };
    return { doc, literals: [`${where}-${pick}-literal`, `tok-${pick}-literal`, `edge-${pick}-literal`] };
  });

/** Throws when a generated file holds a typed credential or a TF509 variable is not in .env.example. */
export function checkNoSecretLeaks(doc: Parameters<typeof generateBundle>[0], literals: readonly string[]): void {
  const files = generateBundle(doc);
  for (const f of files) {
    // References (`${VAR}`, Kafka Connect's `${env:VAR}`) are what a file should hold: take them out first.
    const content = f.content.replace(/\$\{[^}\s]*\}/g, '${REF}');
    for (const re of LEAK) if (re.test(content)) throw new Error(`${f.path} holds a credential (${re})`);
    for (const s of literals) if (f.content.includes(s)) throw new Error(`${f.path} holds ${JSON.stringify(s)}`);
  }
  const env = envExample(files.find((f) => f.path === '.env.example')!.content);
  for (const d of validate(doc).filter((x) => x.code === 'TF509')) {
    const variable = /get \$\{([A-Z0-9_]+)\} instead$/.exec(d.message)?.[1];
    if (!variable || env.get(variable) !== 'change-me') throw new Error(`TF509 announces \${${variable}}, which .env.example does not list with change-me`);
  }
}
