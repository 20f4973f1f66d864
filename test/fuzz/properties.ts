import fc from 'fast-check';
import { FILE_CODES } from '../../shared/model/fileCodes';
import { parseTopology } from '../../shared/model/parse';
import { serializeTopology, serializeTopologyJson } from '../../shared/model/serialize';
import type { Diagnostic, Topology } from '../../shared/model/types';
import { CODES, compareDiagnostics, createValidator, validate } from '../../shared/validation';
import { checkBundle, type CheckEnv } from './checks';
import { anyDesign, everyKindDesign, fileDesign, throughFile } from './designs';
import { HOSTILE_PIECES, hostileText } from './hostile';
import { checkNoSecretLeaks, designWithSecret } from './secrets';
import { checkKubernetes } from './k8s';

/**
 * The fuzz properties, shared by the CI suites (test/unit/fuzz-*.test.ts: fixed seed, `ciRuns`
 * runs) and `npm run fuzz` (test/fuzz/run.ts: random seed, ten times as many runs by default).
 * Each property throws (an assertion) when it does not hold; fast-check then shrinks the input
 * and reports the seed, the path and the smallest counterexample.
 */

export interface FuzzProperty {
  name: string;
  /** Runs in CI, where the seed is fixed. */
  ciRuns: number;
  /** The bundle properties need Mermaid's parser and an XML parser (a DOM). */
  needsDom?: boolean;
  property(env: CheckEnv): fc.IRawProperty<unknown[]>;
}

/** The seed of the CI suites. */
export const CI_SEED = 7;

function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

const STACK_TRACE = /\n\s+at .+:\d+:\d+|\bat Object\.|TypeError|ReferenceError|RangeError|undefined is not/;

/** A diagnostic a user can read: a known code, a sentence, a hint, ids as text. */
export function checkDiagnostic(d: Diagnostic, codes: Record<string, { severity: string }>): void {
  const where = JSON.stringify(d).slice(0, 300);
  assert(d && typeof d === 'object', `not a diagnostic: ${where}`);
  assert(typeof d.code === 'string' && codes[d.code] !== undefined, `unknown code ${d.code}: ${where}`);
  assert(d.severity === codes[d.code]!.severity, `${d.code} has severity ${d.severity}, documented ${codes[d.code]!.severity}`);
  assert(typeof d.message === 'string' && d.message.trim().length > 0, `${d.code} has no message`);
  assert(typeof d.hint === 'string' && d.hint.trim().length > 0, `${d.code} has no hint`);
  assert(!STACK_TRACE.test(d.message) && !STACK_TRACE.test(d.hint), `${d.code} shows a programming error: ${where}`);
  assert(Array.isArray(d.nodes) && d.nodes.every((x) => typeof x === 'string'), `${d.code}: nodes is not a list of ids`);
  assert(Array.isArray(d.edges) && d.edges.every((x) => typeof x === 'string'), `${d.code}: edges is not a list of ids`);
  if (d.line !== undefined) assert(Number.isInteger(d.line) && d.line >= 1, `${d.code}: line ${d.line}`);
  if (d.column !== undefined) assert(Number.isInteger(d.column) && d.column >= 1, `${d.code}: column ${d.column}`);
  if (d.path !== undefined) assert(typeof d.path === 'string', `${d.code}: path is not text`);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

// ── What a file may hold ─────────────────────────────────────────────────────────────

const YAML_LINES = [
  'topoforge: 1', 'topoforge: 2', 'topoforge: "1"', 'name: x', 'name:', 'nodes:', 'edges:', 'groups:', 'layout:', 'requirements:',
  '  - id: a', '  - id: b', '    kind: kafka', '    kind: rest-service', '    kind: [x', '    props: { port: 8080 }', '    props: 5',
  '  - from: a', '    to: b', '    to: zz', '    protocol: kafka', '    protocol: soap', '  a: { x: 1, y: 2 }', '  a: { x: .nan, y: 2 }',
  'x: &a [1, 2]', 'y: [*a, *a, *a]', 'z: *nope', '!!binary AAAA', '? complex key', ': value', '- - - -', '{', '[', ']', '---', '...',
  '%YAML 1.2', '%TAG ! tag:x,2000:', '"unclosed', "'unclosed", '\t- tab', 'key: value # comment', 'a: b: c', '<<: *a', 'dup: 1', 'dup: 2',
];

const yamlish = fc.array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...YAML_LINES) }, { weight: 1, arbitrary: hostileText }), { maxLength: 24 }).map((l) => l.join('\n'));

/** A saved design with a random edit: characters deleted and hostile text inserted somewhere. */
const editedFile = fc
  .tuple(fileDesign(4, 4), fc.nat(), fc.nat(40), fc.oneof(hostileText, fc.constantFrom(...HOSTILE_PIECES)))
  .map(([d, at, del, ins]) => {
    const text = serializeTopology(d);
    const i = at % (text.length + 1);
    return text.slice(0, i) + ins + text.slice(i + del);
  });

export const fileText: fc.Arbitrary<string> = fc.oneof(hostileText, yamlish, editedFile, fileDesign(4, 4).map(serializeTopologyJson));

// ── The properties ───────────────────────────────────────────────────────────────────

export const PROPERTIES: FuzzProperty[] = [
  {
    name: 'parse: any text gives a design or readable diagnostics, never an exception',
    ciRuns: 1000,
    property: () =>
      fc.property(fileText, (text) => {
        const r = parseTopology(text, { fileName: 'fuzz.topo.yaml' });
        assert(typeof r === 'object' && typeof r.ok === 'boolean', 'no result');
        if (r.ok) {
          assert(r.doc && Array.isArray(r.doc.nodes) && Array.isArray(r.doc.edges), 'a design without nodes or edges lists');
          for (const d of r.diagnostics) assert(d.severity !== 'error', `ok with an error: ${d.code}`);
        } else {
          assert(r.diagnostics.length > 0, 'refused without saying why');
          assert(r.diagnostics.some((d) => d.severity === 'error'), 'refused without an error');
        }
        for (const d of r.diagnostics) checkDiagnostic(d, FILE_CODES);
      }),
  },
  {
    name: 'design files: saving and opening again gives the same design and the same bytes (YAML and JSON)',
    ciRuns: 300,
    property: () =>
      fc.property(fileDesign(), (d) => {
        const doc = throughFile(d);
        const text = serializeTopology(doc);
        const again = parseTopology(text);
        assert(again.ok, `does not open again: ${again.ok ? '' : again.diagnostics[0]?.message}`);
        assert(same(again.doc, doc), 'opened again, the design differs');
        assert(serializeTopology(again.doc) === text, 'saved again, the bytes differ');
        const json = parseTopology(serializeTopologyJson(doc));
        assert(json.ok && same(json.doc, doc), 'the JSON form does not read back as the same design');
      }),
  },
  {
    name: 'validate: any design, valid or broken, gives well-formed sorted findings, the same every time, never an exception',
    ciRuns: 600,
    property: () =>
      fc.property(fc.oneof(anyDesign(), fileDesign().map(throughFile)), (doc: Topology) => {
        const found = validate(doc);
        for (const d of found) checkDiagnostic(d, CODES);
        for (let i = 1; i < found.length; i++) assert(compareDiagnostics(found[i - 1]!, found[i]!) <= 0, 'findings are not sorted');
        assert(same(validate(doc), found), 'a second run gives other findings');
        const incremental = createValidator();
        incremental.validate({ ...doc, nodes: doc.nodes.slice(1), edges: [] });
        assert(same(incremental.validate(doc), found), 'the incremental validator disagrees with a fresh run');
      }),
  },
  {
    name: 'secrets: a credential typed into a setting, a requirement, a label or a description never reaches a generated file',
    ciRuns: 80,
    property: () => fc.property(designWithSecret, ({ doc, literals }) => checkNoSecretLeaks(doc, literals)),
  },
  {
    name: 'generate: every file of a saved design\'s bundle parses, draws exactly the design, and no text a user typed changes its structure',
    ciRuns: 200,
    needsDom: true,
    property: (env) =>
      fc.asyncProperty(fileDesign(), async (d) => {
        await checkBundle(throughFile(d), env);
      }),
  },
  {
    name: 'generate: broken designs (unknown kinds, bad ids, dangling connections, settings of any type) still give a sound bundle',
    ciRuns: 150,
    needsDom: true,
    property: (env) =>
      fc.asyncProperty(anyDesign(), async (doc) => {
        await checkBundle(doc, env);
      }),
  },
  {
    name: 'generate k8s: any design, hostile text included, gives overlays that build and objects the Kubernetes and operator schemas accept',
    ciRuns: 30,
    property: () =>
      fc.property(fc.oneof(fileDesign().map(throughFile), anyDesign(), everyKindDesign.map(throughFile)), (doc: Topology) => {
        checkKubernetes(doc);
      }),
  },
  {
    name: 'generate: every catalog kind at once, with hostile labels and settings',
    ciRuns: 10,
    needsDom: true,
    property: (env) =>
      fc.asyncProperty(everyKindDesign, async (d) => {
        await checkBundle(throughFile(d), env);
      }),
  },
];
