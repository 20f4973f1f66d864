import { getKind } from '../../catalog';
import { edgeIds } from '../../model/ids';
import type { Diagnostic, TopoEdge, TopoNode, Topology } from '../../model/types';
import type { Index } from '../context';
import { makeDiagnostic } from '../context';
import { displayName } from '../format';

/**
 * Credentials typed into a design (TF509). A design file is shared and kept in git, and every
 * generated file is too: a password, token or key must live in `.env`, not in the drawing.
 *
 * Two things count as a credential:
 * - a literal value (text or a number) in a setting or requirement whose name says it is one
 *   (`password`, `dbPassword`, `secret`, `clientSecret`, `token`, `authToken`, `apiKey`,
 *   `accessKey`, `privateKey`, `credentials`, ...), when the catalog does not define that setting;
 * - a value that looks like a key wherever it is typed (a setting, a requirement, a label, the
 *   name or the description): a private key block, AWS, Stripe, GitHub, Slack or Google API keys,
 *   JSON Web Tokens, and URLs with a password in them.
 *
 * A `${NAME}` reference is not a credential: it is how a design points at one.
 *
 * `findSecrets` lists them; `redactSecrets` gives the design with each one replaced by a
 * `${VARIABLE}` reference (named after the component or connection and the setting, e.g.
 * `${ORDERS_API_KEY}`), which is what every generator writes instead; the starter stack lists each
 * variable in `.env.example`.
 */

export interface SecretFinding {
  /** Path of the value in the document, e.g. `nodes[2].props.apiKey`, `requirements.apiToken`, `nodes[0].label`. */
  path: string;
  /** Whose variable it is: a node id, an edge id (`a->b`), `requirements` or `design`. */
  owner: string;
  /** The setting's name as the variable's second half, e.g. `API_KEY`, `CREDENTIALS_PASSWORD`, `LABEL`. */
  key: string;
  /** `${owner}_${key}` in upper snake case, e.g. `ORDERS_API_KEY`. */
  variable: string;
  /** What it looks like, for messages: "a password", "an AWS access key id". */
  what: string;
  /** Where it was typed, for messages: `the setting "apiKey"`, `the label`. */
  where: string;
  nodes: string[];
  edges: string[];
  /** Node or edge index, for the component or connection name in messages. */
  nodeIndex?: number;
  edgeIndex?: number;
  /** Keys from the document's root to the value (list indexes as numbers). */
  segments: Array<string | number>;
  /** True when the whole value is the credential (a credential-named setting); false for a key inside text. */
  whole: boolean;
}

/** Formats that are keys wherever they appear (each matched as a whole token). */
const KEY_FORMATS: ReadonlyArray<{ re: RegExp; what: string }> = [
  { re: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|$)/g, what: 'a private key' },
  { re: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, what: 'an AWS access key id' },
  { re: /\b[rs]k_(?:live|test)_[0-9A-Za-z]{10,}\b/g, what: 'a Stripe secret key' },
  { re: /\bgh[pousr]_[0-9A-Za-z]{30,}\b|\bgithub_pat_[0-9A-Za-z_]{22,}\b/g, what: 'a GitHub token' },
  { re: /\bxox[abposr]-[0-9A-Za-z-]{10,}\b/g, what: 'a Slack token' },
  { re: /\bAIza[0-9A-Za-z_-]{35}\b/g, what: 'a Google API key' },
  { re: /\beyJ[0-9A-Za-z_-]{8,}\.eyJ[0-9A-Za-z_-]{8,}\.[0-9A-Za-z_-]{8,}/g, what: 'a JSON Web Token' },
  { re: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/"'`<>]+:(?!\$\{)[^\s@/"'`<>]+@/gi, what: 'a URL with a password in it' },
];

/** A quick test before the formats: most text has none of these marks. */
const MAYBE_KEY = /PRIVATE KEY|AKIA|ASIA|k_live_|k_test_|gh[pousr]_|github_pat_|xox[abposr]-|AIza|eyJ|:\/\/[^\s]*@/;

/** The last word of a setting's name that makes it a credential. */
const CREDENTIAL_WORDS = new Set(['password', 'passwd', 'pwd', 'passphrase', 'secret', 'token', 'credential', 'credentials', 'bearer', 'apikey', 'privatekey', 'accesskey', 'secretkey']);
/** `<word> key` names that are credentials: apiKey, accessKey, privateKey, signingKey ... */
const KEY_PREFIXES = new Set(['api', 'access', 'private', 'secret', 'signing', 'auth', 'encryption', 'master', 'client', 'license', 'subscription', 'shared']);

/** Words of a setting name: `dbPassword` -> [db, password], `client_secret` -> [client, secret]. */
function words(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Whether a setting (or requirement) named `key` holds a credential. */
export function isCredentialName(key: string): boolean {
  const w = words(key);
  const last = w[w.length - 1];
  if (!last) return false;
  if (CREDENTIAL_WORDS.has(last)) return true;
  return last === 'key' && w.length >= 2 && KEY_PREFIXES.has(w[w.length - 2]!);
}

/** What a credential-named setting holds, for messages. */
function credentialKind(name: string): string {
  const last = words(name).pop() ?? '';
  if (/^(password|passwd|pwd|passphrase)$/.test(last)) return 'a password';
  if (last === 'token' || last === 'bearer') return 'a token';
  if (last === 'secret') return 'a secret';
  if (last.endsWith('key')) return 'a key';
  return 'a credential';
}

const nameCache = new Map<string, boolean>();
/** isCredentialName, remembered (setting names repeat across a design). */
function credentialName(key: string): boolean {
  let v = nameCache.get(key);
  if (v === undefined) {
    v = isCredentialName(key);
    if (nameCache.size < 10_000) nameCache.set(key, v);
  }
  return v;
}

/** `${NAME}` or `${NAME:-default}` and nothing else: a reference, the form the hint asks for. */
const REFERENCE = /^\s*\$\{[A-Za-z_][A-Za-z0-9_]*(?:(?::?[-?+])[^}]*)?\}\s*$/;
/** Values that are clearly not a real credential. */
const PLACEHOLDER = /^\s*(?:|change-?me|changeit|<[^>]*>|\*+|x+|\.\.\.|todo|tbd|none|null|redacted|secret|password)\s*$/i;

export function isLiteralCredential(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  return typeof v === 'string' && !REFERENCE.test(v) && !PLACEHOLDER.test(v);
}

/** `orders-db` -> `ORDERS_DB`, `apiKey` -> `API_KEY`; what the starter stack names variables with. */
export function envPart(text: string): string {
  const s = text
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[A-Z]/.test(s) ? s : `N_${s}`;
}

function keyFormat(text: string): string | undefined {
  if (!MAYBE_KEY.test(text)) return undefined;
  for (const f of KEY_FORMATS) {
    f.re.lastIndex = 0;
    if (f.re.test(text)) return f.what;
  }
  return undefined;
}

/** `text` with every key-format token replaced by `ref`. */
function replaceKeys(text: string, ref: string): string {
  let out = text;
  for (const f of KEY_FORMATS) {
    f.re.lastIndex = 0;
    out = out.replace(f.re, ref);
  }
  return out;
}

interface Owner {
  owner: string;
  nodes: string[];
  edges: string[];
  nodeIndex?: number;
  edgeIndex?: number;
}

interface Visit {
  /** Path of the value in the document, for messages. */
  path: string;
  /** Keys from the document's root to it. */
  segments: Array<string | number>;
  /** Names on the way to it, from the setting's name down (list indexes included). */
  names: string[];
  value: unknown;
}

const MAX_WALK = 10_000;

/** Every scalar under `value`, with the names leading to it (bounded: designs are small, files are depth-checked). */
function leaves(value: unknown, path: string, segments: Array<string | number>, names: string[], out: Visit[]): void {
  const stack: Visit[] = [{ path, segments, names, value }];
  let seen = 0;
  while (stack.length && seen++ < MAX_WALK) {
    const v = stack.pop()!;
    if (v.value !== null && typeof v.value === 'object') {
      const entries = Array.isArray(v.value) ? v.value.map((x, i) => [String(i), x] as const) : Object.entries(v.value as Record<string, unknown>);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, x] = entries[i]!;
        const isList = Array.isArray(v.value);
        stack.push({ path: isList ? `${v.path}[${k}]` : `${v.path}.${k}`, segments: [...v.segments, isList ? Number(k) : k], names: [...v.names, k], value: x });
      }
    } else out.push(v);
  }
}

/**
 * Which components and connections to look into (positions in `doc.nodes` / `doc.edges`,
 * ascending): the others are known to hold nothing (see `nodeMayHoldSecret`).
 */
export interface SecretScope {
  nodes: readonly number[];
  edges: readonly number[];
}

/**
 * The credentials typed into a design, in document order. Only the components and connections
 * in `scope` are looked into; by default those the quick checks (`nodeMayHoldSecret`) can't rule
 * out, which finds the same; `'everything'` looks into each one (for tests of the quick checks).
 */
export function findSecrets(doc: Topology, scope?: SecretScope | 'everything'): SecretFinding[] {
  const found: SecretFinding[] = [];
  const used = new Set<string>();
  const add = (o: Owner, path: string, segments: Array<string | number>, keyNames: string[], what: string, where: string, whole: boolean) => {
    const key = envPart(keyNames.join('_'));
    let variable = `${envPart(o.owner)}_${key}`;
    for (let i = 2; used.has(variable); i++) variable = `${envPart(o.owner)}_${key}_${i}`;
    used.add(variable);
    found.push({ path, segments, whole, owner: o.owner, key: variable.slice(envPart(o.owner).length + 1), variable, what, where, nodes: o.nodes, edges: o.edges, ...(o.nodeIndex !== undefined ? { nodeIndex: o.nodeIndex } : {}), ...(o.edgeIndex !== undefined ? { edgeIndex: o.edgeIndex } : {}) });
  };

  /** Settings: credential names (unless the catalog defines them) and key formats. */
  const scanProps = (o: Owner, props: unknown, base: string, segments: Array<string | number>, defined: ReadonlySet<string>) => {
    if (!props || typeof props !== 'object' || Array.isArray(props)) return;
    for (const name in props as Record<string, unknown>) {
      if (!Object.prototype.hasOwnProperty.call(props, name)) continue;
      const value = (props as Record<string, unknown>)[name];
      // The common case, a plain value: no allocation unless something is found.
      if (value === null || typeof value !== 'object') {
        if (!defined.has(name) && credentialName(name) && isLiteralCredential(value)) {
          add(o, `${base}.${name}`, [...segments, name], [name], credentialKind(name), `the setting "${name}"`, true);
        } else if (typeof value === 'string' && MAYBE_KEY.test(value)) {
          const what = keyFormat(value);
          if (what) add(o, `${base}.${name}`, [...segments, name], [name], what, `the setting "${name}"`, false);
        }
        continue;
      }
      const all: Visit[] = [];
      leaves(value, `${base}.${name}`, [...segments, name], [name], all);
      for (const leaf of all) {
        const named = leaf.names.filter((n) => !/^\d+$/.test(n));
        const credential = [...named].reverse().find(credentialName);
        const where = `the setting "${leaf.names.join('.')}"`;
        if (credential !== undefined && isLiteralCredential(leaf.value)) {
          add(o, leaf.path, leaf.segments, leaf.names, credentialKind(credential), where, true);
        } else if (typeof leaf.value === 'string') {
          const what = keyFormat(leaf.value);
          if (what) add(o, leaf.path, leaf.segments, leaf.names, what, where, false);
        }
      }
    }
  };
  const scanText = (o: Owner, value: unknown, path: string, segments: Array<string | number>, key: string, where: string) => {
    if (typeof value !== 'string') return;
    const what = keyFormat(value);
    if (what) add(o, path, segments, [key], what, where, false);
  };

  const design: Owner = { owner: 'design', nodes: [], edges: [] };
  scanText(design, doc.name, 'name', ['name'], 'name', 'the design\'s name');
  scanText(design, doc.description, 'description', ['description'], 'description', 'the design\'s description');

  const req = doc.requirements;
  if (req && typeof req === 'object') scanProps({ owner: 'requirements', nodes: [], edges: [] }, req, 'requirements', ['requirements'], NONE);

  const groups = Array.isArray(doc.groups) ? doc.groups : [];
  groups.forEach((g, i) => {
    if (!g || typeof g !== 'object' || typeof g.id !== 'string') return;
    scanText({ owner: g.id, nodes: [g.id], edges: [] }, g.label, `groups[${i}].label`, ['groups', i, 'label'], 'label', 'the label');
  });

  const nodes = Array.isArray(doc.nodes) ? doc.nodes : [];
  const scanNode = (n: TopoNode | undefined, i: number) => {
    if (!n || typeof n !== 'object') return;
    const id = String(n.id);
    const o: Owner = { owner: id, nodes: [id], edges: [], nodeIndex: i };
    scanText(o, n.label, `nodes[${i}].label`, ['nodes', i, 'label'], 'label', 'the label');
    scanProps(o, n.props, `nodes[${i}].props`, ['nodes', i, 'props'], definedProps(n.kind));
  };
  if (scope === undefined) scope = scopeOfDoc(doc);
  if (scope !== 'everything') for (const i of scope.nodes) scanNode(nodes[i], i);
  else nodes.forEach(scanNode);

  const edges = Array.isArray(doc.edges) ? doc.edges : [];
  // Edge ids (`a->b`, `a->b#2`) are only worked out for a connection with a finding.
  let ids: string[] | undefined;
  const edgeId = (i: number) => (ids ??= edgeIds(edges))[i]!;
  const lazyOwner = (i: number): Owner => {
    const o = { nodes: [] as string[], edgeIndex: i } as Owner;
    Object.defineProperty(o, 'owner', { get: () => edgeId(i), enumerable: true });
    Object.defineProperty(o, 'edges', { get: () => [edgeId(i)], enumerable: true });
    return o;
  };
  const scanEdge = (e: TopoEdge | undefined, i: number) => {
    if (!e || typeof e !== 'object') return;
    const o = lazyOwner(i);
    scanText(o, e.label, `edges[${i}].label`, ['edges', i, 'label'], 'label', 'the label');
    // No connection setting of the catalog is named like a credential: each one that is counts.
    scanProps(o, e.props, `edges[${i}].props`, ['edges', i, 'props'], NONE);
  };
  if (scope !== 'everything') for (const i of scope.edges) scanEdge(edges[i], i);
  else edges.forEach(scanEdge);
  return found;
}

const definedCache = new Map<string, ReadonlySet<string>>();
const NONE: ReadonlySet<string> = new Set();
/** Settings the catalog defines for a kind (none is a credential unless marked `secret`). */
function definedProps(kindId: unknown): ReadonlySet<string> {
  if (typeof kindId !== 'string') return NONE;
  let s = definedCache.get(kindId);
  if (!s) {
    const kind = getKind(kindId);
    if (!kind) return NONE;
    s = new Set(kind.props.filter((p) => !p.secret).map((p) => p.key));
    definedCache.set(kindId, s);
  }
  return s;
}

function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

/** A copy of `obj` with the value at `segments` replaced by `f(old)`; untouched branches are shared. */
function replaceAt(obj: unknown, segments: ReadonlyArray<string | number>, f: (v: unknown) => unknown): unknown {
  if (segments.length === 0) return f(obj);
  if (obj === null || typeof obj !== 'object') return obj;
  const [head, ...rest] = segments as [string | number, ...Array<string | number>];
  if (Array.isArray(obj)) {
    const i = Number(head);
    const copy = obj.slice();
    copy[i] = replaceAt(obj[i], rest, f);
    return copy;
  }
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj as Record<string, unknown>)) setOwn(copy, k, k === String(head) ? replaceAt(v, rest, f) : v);
  return copy;
}

/**
 * The design with every credential replaced by a `${VARIABLE}` reference (a setting holding one
 * becomes the reference; a key inside longer text is replaced within it), and what was found.
 * The input is not changed.
 */
export function redactSecrets(doc: Topology, scope?: SecretScope | 'everything'): { doc: Topology; found: SecretFinding[] } {
  const found = findSecrets(doc, scope);
  if (found.length === 0) return { doc, found };
  let out: unknown = doc;
  for (const f of found) {
    const ref = `\${${f.variable}}`;
    out = replaceAt(out, f.segments, (v) => (f.whole || typeof v !== 'string' ? ref : replaceKeys(v, ref)));
  }
  return { doc: out as Topology, found };
}

/** Key-shaped text (a private key, an AWS key id, a token ...) in `text` replaced by `[secret]`; for messages about a design. */
export function redactText(text: string): string {
  return MAYBE_KEY.test(text) ? replaceKeys(text, '[secret]') : text;
}

/** TF509: each credential typed into the design, with the variable the generated files use instead. */
export function secretRules(index: Index, out: Diagnostic[]): void {
  const { doc: safe, found } = redactSecrets(index.doc, index.secretScope ?? scopeOfDoc(index.doc));
  if (found.length === 0) return;
  // Components are named from the redacted design: a label may be the very thing found.
  const nodeById = new Map<string, TopoNode>();
  for (const n of Array.isArray(safe.nodes) ? safe.nodes : []) if (n && typeof n === 'object' && !nodeById.has(String(n.id))) nodeById.set(String(n.id), n);
  const nameOf = (id: unknown) => {
    const n = nodeById.get(String(id));
    return n ? displayName(n, String(n.id)) : `"${redactText(String(id))}"`;
  };
  for (const f of found) {
    const node = f.nodeIndex !== undefined ? safe.nodes[f.nodeIndex] : undefined;
    const edge = f.edgeIndex !== undefined ? safe.edges[f.edgeIndex] : undefined;
    const who = node
      ? displayName(node, String(node.id))
      : edge
        ? `The connection ${nameOf(edge.from)} → ${nameOf(edge.to)}`
        : f.owner === 'requirements'
          ? 'The requirements'
          : f.nodes.length
            ? `The zone "${f.owner}"`
            : 'The design';
    const setting = f.path.startsWith('requirements.') ? f.path.slice('requirements.'.length) : /\.props\.(.*)$/.exec(f.path)?.[1];
    const fix = setting ? `write ${setting}: \${${f.variable}} in the design` : 'take it out of the text';
    out.push(
      makeDiagnostic(
        'TF509',
        `${who}: ${f.where} holds ${f.what}; the generated files get \${${f.variable}} instead`,
        `Keep credentials out of the design file (it is shared and kept in git): ${fix}, and set ${f.variable} in .env (the generated .env.example lists it).`,
        f.nodes.slice(),
        f.edges.slice(),
        f.path,
      ),
    );
  }
}

// ── Quick checks: what certainly holds no credential ────────────────────────────────────

/**
 * False when `findSecrets` certainly finds nothing in this component (its label and settings);
 * true when it may. Allocates nothing: most components hold no credential, and this runs for
 * each one on each validation.
 */
export function nodeMayHoldSecret(n: TopoNode): boolean {
  return maybeKeyText(n.label) || propsMayHold(n.props, definedProps(n.kind));
}

/** `nodeMayHoldSecret` for a connection (its label and settings). */
export function edgeMayHoldSecret(e: TopoEdge): boolean {
  return maybeKeyText(e.label) || propsMayHold(e.props, NONE);
}

function maybeKeyText(v: unknown): boolean {
  return typeof v === 'string' && MAYBE_KEY.test(v);
}

/** The cases of `scanProps`, each widened to "may" (a nested value too big or deep to walk counts as may). */
function propsMayHold(props: unknown, defined: ReadonlySet<string>): boolean {
  if (!props || typeof props !== 'object' || Array.isArray(props)) return false;
  for (const name in props as Record<string, unknown>) {
    if (!Object.prototype.hasOwnProperty.call(props, name)) continue;
    const value = (props as Record<string, unknown>)[name];
    if (value === null || typeof value !== 'object') {
      if (!defined.has(name) && credentialName(name) && isLiteralCredential(value)) return true;
      if (maybeKeyText(value)) return true;
      continue;
    }
    const budget = { left: MAX_WALK };
    if (nestedMayHold(value, credentialName(name), budget, 0)) return true;
  }
  return false;
}

function nestedMayHold(value: unknown, credential: boolean, budget: { left: number }, depth: number): boolean {
  if (--budget.left < 0 || depth > 64) return true;
  if (value === null || typeof value !== 'object') return (credential && isLiteralCredential(value)) || maybeKeyText(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (nestedMayHold(value[i], credential, budget, depth + 1)) return true;
    return false;
  }
  for (const k in value as Record<string, unknown>) {
    if (!Object.prototype.hasOwnProperty.call(value, k)) continue;
    if (nestedMayHold((value as Record<string, unknown>)[k], credential || credentialName(k), budget, depth + 1)) return true;
  }
  return false;
}

/** Every component and connection of `doc` that may hold a credential. */
function scopeOfDoc(doc: Topology): SecretScope {
  const nodes: number[] = [];
  const edges: number[] = [];
  const rawNodes = Array.isArray(doc.nodes) ? doc.nodes : [];
  const rawEdges = Array.isArray(doc.edges) ? doc.edges : [];
  for (let i = 0; i < rawNodes.length; i++) {
    const n = rawNodes[i];
    if (n && typeof n === 'object' && nodeMayHoldSecret(n)) nodes.push(i);
  }
  for (let i = 0; i < rawEdges.length; i++) {
    const e = rawEdges[i];
    if (e && typeof e === 'object' && edgeMayHoldSecret(e)) edges.push(i);
  }
  return { nodes, edges };
}
