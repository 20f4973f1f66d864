import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments, parseDocument } from 'yaml';
import { generateBundle } from '../../generators/bundle';
import { checkOutputPaths } from '../../generators/cli/writeBundle';
import { nodeRef } from '../../generators/mermaid/escape';
import type { OutputFile } from '../../generators/types';
import { getKind } from '../../shared/catalog';
import type { Topology } from '../../shared/model/types';
import { plainTwin } from './designs';

/**
 * What every generated bundle must be, whatever the design holds:
 *
 * 1. each file parses with its real parser (YAML with `yaml`, the compose file against the
 *    Compose Specification schema, JSON, draw.io XML, Mermaid with mermaid's own parser), holds
 *    well-formed Unicode and no control characters;
 * 2. the diagrams draw exactly the design's components, connections and zones;
 * 3. the bundle has the same structure as the bundle of its "plain twin" (the same design with
 *    every label, description and requirement text replaced by plain words): the same files,
 *    the same number of lines in each, the same compose services and settings, the same
 *    statements in every SQL, shell, nginx and broker config (only comment lines may differ),
 *    the same keys and lists in every YAML and JSON file, the same Markdown structure. So no
 *    text a user typed can add a service, a route, a node, an SQL statement or a shell command.
 * 4. every `${VAR}` a tool would expand is declared in `.env.example`, with a value.
 *
 * Failures throw an Error naming the file and what is wrong.
 */

export interface ParsedMermaid {
  vertices: string[];
  edges: Array<[string, string]>;
  subgraphs: string[];
}

export interface CheckEnv {
  /** Mermaid's own parser (needs a DOM: jsdom). */
  mermaid?: (text: string) => Promise<ParsedMermaid>;
  /** An XML parser: true when the text is well-formed. */
  xmlWellFormed?: (text: string) => boolean;
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let composeValidator: ((data: unknown) => boolean) & { errors?: unknown } | undefined;
function composeSchema() {
  if (!composeValidator) {
    const schema = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/compose-spec.json'), 'utf8'));
    composeValidator = new Ajv({ allErrors: true, strict: false, validateSchema: false }).compile(schema);
  }
  return composeValidator;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** C0 controls other than tab and line feed (a CR would split lines for some readers and not others). */
const CONTROL = /[\u0000-\u0008\u000B-\u001F]/;
/** What YAML allows in a stream (YAML 1.2 c-printable; Go's yaml and PyYAML refuse the rest, even in comments). */
const NOT_YAML_PRINTABLE = /[^\u0009\u000A\u000D\u0020-\u007E\u0085\u00A0-\uD7FF\uE000-\uFFFD\uD800-\uDFFF]/;
/** What XML 1.0 allows (Char). */
const NOT_XML_CHAR = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\uD800-\uDFFF]/;
/** Line-oriented configs (nginx, SQL, shell, MQSC ...) hold printable text only. */
const NOT_CONFIG_TEXT = /[\u007F-\u009F\u2028\u2029]/;

function fail(path: string, what: string): never {
  throw new Error(`${path}: ${what}`);
}

function yamlData(f: OutputFile): unknown {
  // Kubernetes manifests are YAML streams (one object per document), read as kubectl reads them (YAML 1.1).
  if (f.path.startsWith('k8s/')) {
    const docs = parseAllDocuments(f.content, { version: '1.1', uniqueKeys: true, prettyErrors: false });
    if (!Array.isArray(docs)) fail(f.path, 'not a YAML stream');
    return docs.map((d) => {
      if (d.errors.length) fail(f.path, `not valid YAML: ${d.errors[0]!.message}`);
      return d.toJS({ maxAliasCount: -1 });
    });
  }
  const doc = parseDocument(f.content, { version: f.path === 'docker-compose.yml' ? '1.1' : '1.2', uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length) fail(f.path, `not valid YAML: ${doc.errors[0]!.message}`);
  return doc.toJS({ maxAliasCount: -1 });
}

/** Keys, list lengths and value types; text replaced by "S" (labels may legitimately sit in a string). */
function skeleton(v: unknown): unknown {
  if (typeof v === 'string') return 'S';
  if (Array.isArray(v)) return v.map(skeleton);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, skeleton(x)]));
  return v;
}

/** Lines that are not comments, for line-oriented config formats. */
function statements(path: string, text: string): string[] {
  const comment = path.endsWith('.sql')
    ? /^\s*--/
    : path.endsWith('.js')
      ? /^\s*\/\//
      : path.endsWith('.mqsc')
        ? /^\s*\*/
        : /^\s*#/;
  return text.split('\n').filter((l) => !comment.test(l));
}

/** The shape of a Markdown line: how it starts and how many table cells it has. */
function markdownShape(line: string): string {
  const start = /^(#{1,6} |```|\s*[-*] |\s*\d+\. |\||>|$)/.exec(line)?.[1] ?? 'p';
  const pipes = (line.replace(/\\\\/g, '').match(/(?<!\\)\|/g) ?? []).length;
  return `${start}${pipes}`;
}

function eq(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** `${NAME}` (and `${NAME:-x}`) references that Compose, Keycloak or the collector would expand; `$${...}` is an escape. */
export function envRefs(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/(\$*)\$\{(?:env:)?([A-Za-z_][A-Za-z0-9_]*)(?::?[-?+][^}]*)?\}/g)) if (m[1]!.length % 2 === 0) out.add(m[2]!);
  return [...out];
}

export function envExample(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line);
    if (m) out.set(m[1]!, m[2]!);
  }
  return out;
}

/** The components the diagrams draw: one per distinct id. */
function drawnNodes(doc: Topology): string[] {
  const ids: string[] = [];
  for (const n of doc.nodes) if (n && typeof n === 'object' && !ids.includes(String(n.id))) ids.push(String(n.id));
  return ids;
}

/** 1. Every file parses, with its real parser, and holds clean text. */
export function checkSyntax(files: readonly OutputFile[], env: CheckEnv = {}): void {
  checkOutputPaths(files);
  const paths = files.map((f) => f.path);
  if (!eq(paths, [...paths].sort())) fail('bundle', 'files are not sorted by path');
  for (const f of files) {
    if (typeof f.content !== 'string') fail(f.path, 'content is not text');
    if (LONE_SURROGATE.test(f.content)) fail(f.path, `holds a lone surrogate (not valid UTF-16, written as U+FFFD): ${JSON.stringify(f.content.slice(Math.max(0, f.content.search(LONE_SURROGATE) - 30), f.content.search(LONE_SURROGATE) + 5))}`);
    const bad = CONTROL.exec(f.content);
    if (bad) fail(f.path, `holds the control character U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0')} near ${JSON.stringify(f.content.slice(Math.max(0, bad.index - 30), bad.index + 5))}`);
    if (!f.content.endsWith('\n')) fail(f.path, 'does not end with a newline');
    const notAllowed = /\.ya?ml$/.test(f.path) ? NOT_YAML_PRINTABLE : f.path.endsWith('.drawio') ? NOT_XML_CHAR : /\.(md|mmd|json)$/.test(f.path) ? undefined : NOT_CONFIG_TEXT;
    const odd = notAllowed?.exec(f.content);
    if (odd) fail(f.path, `holds U+${odd[0].charCodeAt(0).toString(16).padStart(4, '0')}, which its readers refuse, near ${JSON.stringify(f.content.slice(Math.max(0, odd.index - 30), odd.index + 5))}`);
    if (f.mode !== undefined && f.mode !== 0o755 && f.mode !== 0o644) fail(f.path, `unexpected mode ${f.mode.toString(8)}`);
    if (/\.ya?ml$/.test(f.path)) {
      const data = yamlData(f);
      if (f.path === 'docker-compose.yml') {
        const validate = composeSchema();
        if (!validate(data)) fail(f.path, `does not match the Compose Specification: ${JSON.stringify(validate.errors).slice(0, 600)}`);
      }
    } else if (f.path.endsWith('.json')) {
      try {
        JSON.parse(f.content);
      } catch (e) {
        fail(f.path, `not valid JSON: ${(e as Error).message}`);
      }
    } else if (f.path.endsWith('.drawio') && env.xmlWellFormed && !env.xmlWellFormed(f.content)) {
      fail(f.path, 'not well-formed XML');
    }
  }
}

/** 2. The Mermaid diagram and the draw.io file draw exactly the design's components, connections and zones. */
export async function checkDiagrams(doc: Topology, files: readonly OutputFile[], env: CheckEnv = {}): Promise<void> {
  const byPath = new Map(files.map((f) => [f.path, f.content]));
  const ids = drawnNodes(doc);
  const edges = doc.edges.filter((e) => e && typeof e === 'object' && ids.includes(String(e.from)) && ids.includes(String(e.to)));
  const groups = [...new Set(doc.groups.filter((g) => g && typeof g === 'object').map((g) => String(g.id)))];
  const mmd = byPath.get('diagram.mmd') ?? fail('bundle', 'no diagram.mmd');
  const integration = byPath.get('INTEGRATION.md') ?? fail('bundle', 'no INTEGRATION.md');
  if (!integration.includes(`\`\`\`mermaid\n${mmd.trimEnd()}\n\`\`\`\n`)) fail('INTEGRATION.md', 'does not embed diagram.mmd as one mermaid block');
  if (env.mermaid) {
    const parsed = await env.mermaid(mmd);
    if (!eq([...parsed.vertices].sort(), ids.map(nodeRef).sort())) fail('diagram.mmd', `draws ${parsed.vertices.length} components (${parsed.vertices.slice(0, 8).join(', ')}), the design has ${ids.length}`);
    if (!eq(parsed.edges, edges.map((e) => [nodeRef(String(e.from)), nodeRef(String(e.to))]))) fail('diagram.mmd', `draws ${parsed.edges.length} connections, the design has ${edges.length}`);
    const validGroups = groups.filter((g) => /^[a-z][a-z0-9-]*$/.test(g));
    if (parsed.subgraphs.length !== validGroups.length) fail('diagram.mmd', `draws ${parsed.subgraphs.length} zones, the design has ${validGroups.length}`);
  }
  const drawio = byPath.get('diagram.drawio') ?? fail('bundle', 'no diagram.drawio');
  const vertexCells = (drawio.match(/<mxCell id="node-/g) ?? []).length;
  const edgeCells = (drawio.match(/<mxCell id="edge-/g) ?? []).length;
  // What the resolved model keeps: a valid id (pattern and length) of a known kind.
  const known = doc.nodes.filter((n) => n && typeof n === 'object' && getKind(n.kind) && /^[a-z][a-z0-9-]*$/.test(String(n.id)) && String(n.id).length <= 63);
  const knownIds = [...new Set(known.map((n) => n.id))];
  if (vertexCells !== knownIds.length) fail('diagram.drawio', `has ${vertexCells} component cells, the design has ${knownIds.length} components of known kinds`);
  if (edgeCells > doc.edges.length) fail('diagram.drawio', `has ${edgeCells} connection cells, the design has ${doc.edges.length} connections`);
}

/** 3. The same structure as the bundle of the plain twin: user text only ever sits inside a value or a comment. */
export function checkAgainstTwin(files: readonly OutputFile[], twinFiles: readonly OutputFile[]): void {
  const a = new Map(files.map((f) => [f.path, f]));
  const b = new Map(twinFiles.map((f) => [f.path, f]));
  if (!eq([...a.keys()], [...b.keys()])) fail('bundle', `different files than with plain labels: ${[...a.keys()].filter((p) => !b.has(p)).join(', ')} / ${[...b.keys()].filter((p) => !a.has(p)).join(', ')}`);
  for (const [path, f] of a) {
    const t = b.get(path)!;
    const lines = f.content.split('\n');
    const twinLines = t.content.split('\n');
    if (lines.length !== twinLines.length) fail(path, `${lines.length} lines, but ${twinLines.length} with plain labels: user text broke a line`);
    if (f.mode !== t.mode) fail(path, 'a different file mode than with plain labels');
    if (/\.(ya?ml|json)$/.test(path)) {
      const data = path.endsWith('.json') ? JSON.parse(f.content) : yamlData(f);
      const twinData = path.endsWith('.json') ? JSON.parse(t.content) : yamlData(t);
      if (path === 'docker-compose.yml') {
        // The whole compose file is the same; only the Kafka cluster id is derived from the design's name.
        const strip = (x: unknown) => JSON.parse(JSON.stringify(x, (k, v) => (k === 'CLUSTER_ID' ? 'derived' : v)));
        if (!eq(strip(data), strip(twinData))) fail(path, 'differs from the compose file made with plain labels (beyond comments)');
      } else if (!eq(skeleton(data), skeleton(twinData))) {
        fail(path, 'has other keys or list lengths than with plain labels');
      }
    } else if (/\.(md)$/.test(path)) {
      let fenced = false;
      for (let i = 0; i < lines.length; i++) {
        if (lines[i]!.startsWith('```') !== twinLines[i]!.startsWith('```')) fail(path, `line ${i + 1} opens or closes a code block only with the user's text: ${JSON.stringify(lines[i]!.slice(0, 200))}`);
        if (lines[i]!.startsWith('```')) fenced = !fenced;
        // Inside the mermaid block: diagram.mmd, checked with Mermaid's parser.
        if (!fenced && markdownShape(lines[i]!) !== markdownShape(twinLines[i]!)) fail(path, `line ${i + 1} has another Markdown structure than with plain labels: ${JSON.stringify(lines[i]!.slice(0, 200))}`);
      }
    } else if (path.endsWith('.mmd')) {
      for (let i = 0; i < lines.length; i++) {
        const head = (l: string) => l.trimStart().split(/[\s["(]/)[0];
        if (head(lines[i]!) !== head(twinLines[i]!)) fail(path, `line ${i + 1} starts differently than with plain labels: ${JSON.stringify(lines[i]!.slice(0, 200))}`);
      }
    } else if (path.endsWith('.drawio')) {
      const tags = (s: string) => s.replace(/"[^"]*"/g, '""');
      if (tags(f.content) !== tags(t.content)) fail(path, 'has other XML elements or attributes than with plain labels');
    } else if (path.endsWith('.html')) {
      // The same elements and attributes in the same order: text and attribute values aside.
      const tags = (s: string) => s.replace(/>[^<]*</g, '><').replace(/"[^"]*"/g, '""');
      if (tags(f.content) !== tags(t.content)) fail(path, 'has other HTML or SVG elements or attributes than with plain labels');
    } else {
      // SQL, shell, nginx/mosquitto/redis/nats/rabbitmq configs, MQSC, init JS, topic lists, .env.example.
      const s = statements(path, f.content);
      const ts = statements(path, t.content);
      for (let i = 0; i < Math.max(s.length, ts.length); i++) {
        if (s[i] !== ts[i]) fail(path, `a statement differs from the plain-label version (only comments may): ${JSON.stringify(s[i]?.slice(0, 200))} vs ${JSON.stringify(ts[i]?.slice(0, 200))}`);
      }
    }
  }
}

/** 4. Every variable a tool expands is declared in `.env.example` (credentials with a placeholder). */
export function checkEnv(files: readonly OutputFile[]): void {
  const byPath = new Map(files.map((f) => [f.path, f.content]));
  const declared = envExample(byPath.get('.env.example') ?? fail('bundle', 'no .env.example'));
  // A config that a service expands from its own process (the collector's `${env:NAME}`) may use
  // what the compose file sets in that service's environment (itself from .env, checked above).
  const compose = parseDocument(byPath.get('docker-compose.yml') ?? '').toJS() as { services?: Record<string, { environment?: Record<string, unknown>; volumes?: unknown[] }> } | null;
  const setFor = new Map<string, Set<string>>();
  for (const svc of Object.values(compose?.services ?? {})) {
    for (const v of svc.volumes ?? []) {
      const m = typeof v === 'string' ? /^\.\/(config\/[^:]+):/.exec(v) : null;
      if (m) setFor.set(m[1]!, new Set([...(setFor.get(m[1]!) ?? []), ...Object.keys(svc.environment ?? {})]));
    }
  }
  for (const f of files) {
    // Files read by tools that expand ${...}: the compose file (outside comments), Keycloak realm imports, collector and Grafana provisioning configs.
    const expanded = f.path === 'docker-compose.yml' || /^config\/[^/]+\/(realm-[^/]+\.json|config\.yaml|provisioning\/.*\.ya?ml|connectors\/.*\.json)$/.test(f.path);
    if (!expanded) continue;
    const text = statements(f.path, f.content).join('\n');
    for (const name of envRefs(text)) {
      if (!declared.has(name) && !setFor.get(f.path)?.has(name)) fail(f.path, `uses \${${name}}, which .env.example does not declare`);
    }
  }
  for (const [name, value] of declared) {
    if (/PASSWORD|SECRET|TOKEN|CREDENTIAL|_KEY$/.test(name) && value === '') fail('.env.example', `${name} has no placeholder value`);
  }
}

/** All of the above, for one design. */
export async function checkBundle(doc: Topology, env: CheckEnv = {}): Promise<OutputFile[]> {
  const files = generateBundle(doc);
  const again = generateBundle(doc);
  if (!eq(files, again)) fail('bundle', 'the same design gave different files');
  checkSyntax(files, env);
  await checkDiagrams(doc, files, env);
  checkAgainstTwin(files, generateBundle(plainTwin(doc)));
  checkEnv(files);
  return files;
}
