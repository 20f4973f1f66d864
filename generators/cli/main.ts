import { readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { ParseResult } from '../../shared/model/parse';
import type { Diagnostic, Topology } from '../../shared/model/types';
import { UserError, describeFsError, readDesignFile } from './readFile';
import type { BundleFs } from './writeBundle';

// Everything else is imported by the command that needs it (`await import`), so that
// `topoforge --help` loads no YAML, validation, generator or layout code: the bundle
// (scripts/build-cli.mjs) puts each in a chunk of its own.
const parser = () => import('../../shared/model/parse');
const checker = () => import('./check');
const writer = () => import('./writeBundle');

/**
 * The `topoforge` command line: validate, generate, new, mermaid, doc.
 *
 * Exit codes: 0 done (warnings allowed); 1 the design has errors; 2 the file can't be read or
 * isn't a design (not text, too large, broken YAML, too deep, alias bomb, newer format), or the
 * command line is wrong; 3 an internal error (a bug: please report it).
 */

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
  /** File operations for `generate` (tests inject failures). */
  fs?: BundleFs;
}

const nodeIo = (): CliIo => ({
  out: (t) => writeSafely(process.stdout, t),
  err: (t) => writeSafely(process.stderr, t),
  cwd: process.cwd(),
});

function writeSafely(stream: NodeJS.WriteStream, text: string): void {
  try {
    stream.write(text);
  } catch {
    // A closed pipe (`topoforge doc x | head`) is not an error.
  }
}

export function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

const USAGE = `Usage: topoforge <command> [options]

Design system integrations as *.topo.yaml files; check them and generate docs and a starter stack.

Commands:
  validate FILE [--format text|json]   check a design: FILE:LINE: severity CODE message
  generate FILE -o DIR [--force]       write the bundle (INTEGRATION.md, diagram.mmd, stack, configs, k8s/)
  new [--example NAME] [-o FILE]       start from a bundled example (lists them without NAME)
  mermaid FILE                         print the Mermaid diagram
  doc FILE                             print the filled INTEGRATION.md
  import compose|mermaid FILE -o OUT   turn a docker-compose.yml or a Mermaid flowchart into a design
  export drawio|asyncapi|openapi FILE  print the design as draw.io XML, AsyncAPI 3.0 or OpenAPI 3.1
  fix FILE [-o OUT]                    apply the one-step fix of every error (as the app's Problems list does)

Options:
  -h, --help       help (also: topoforge <command> --help)
  -v, --version    print the version

Exit codes: 0 ok (warnings allowed), 1 the design has errors, 2 the file can't be read or is
not a design, or the command line is wrong.
`;

const HELP: Record<string, string> = {
  validate: `Usage: topoforge validate FILE [--format text|json]

Checks a design file: the file itself (YAML, structure, ids, kinds) and the design (connections,
protocols, gateways, brokers, security, requirements). Prints one line per finding:

  FILE:LINE: severity CODE message
      hint
      fix: what \`topoforge fix FILE\` changes (errors only)

--format json prints { file, diagnostics, summary: { errors, warnings, infos } }.
Exit: 0 no errors (warnings allowed), 1 errors in the design, 2 the file can't be read or is not a design.
`,
  generate: `Usage: topoforge generate FILE -o DIR [--target all|kubernetes] [--force]

Writes the bundle for a design into DIR: INTEGRATION.md, diagram.mmd, docker-compose.yml,
.env.example, config/<node-id>/..., README.md, k8s/ (Kubernetes manifests), and a .topoforge
marker. With --target kubernetes, only k8s/: a Kustomize base and dev/prod overlays
(kubectl apply -k DIR/k8s/overlays/dev).

The bundle is written into a temporary folder next to DIR and then takes DIR's place, so a failure
never leaves a half-written bundle: the previous one stays as it was. DIR is replaced as a whole.

  -o, --out DIR   the output folder (required)
  --target T      all (the default) or kubernetes
  --force         generate even when the design has errors, and replace a non-empty DIR that
                  Topoforge did not make (one without a .topoforge file)
Exit: 0 written, 1 the design has errors (nothing written), 2 unreadable file, bad usage, or DIR refused.
`,
  new: `Usage: topoforge new [--example NAME] [-o FILE] [--force]

Starts a design from a bundled example. Without --example, lists the examples.
Without -o, prints the design to stdout.

  --example NAME  the example to start from
  -o, --out FILE  write it to FILE (not overwriting an existing file unless --force)
`,
  mermaid: `Usage: topoforge mermaid FILE

Prints the design's Mermaid flowchart to stdout (for docs pipelines).
Exit: 0 printed, 1 the file has errors that keep it from being drawn, 2 the file can't be read.
`,
  doc: `Usage: topoforge doc FILE [--undecided]

Prints the filled Integration Patterns document (INTEGRATION.md) to stdout.

  --undecided     list the template's fields the drawing does not answer instead: each with its
                  section, the requirements key that answers it, the template's options and a
                  suggestion from the design
Exit: 0 printed, 1 the file has errors that keep it from being read, 2 the file can't be read.
`,
  import: `Usage: topoforge import compose|mermaid FILE [-o OUT.topo.yaml] [--force]

Turns a docker-compose.yml (kinds from images, names, settings, commands and ports; helpers
folded into what they serve; connections from depends_on, links, environment values and
command arguments, with protocols from URL schemes and variable names; networks as zones) or a
Mermaid flowchart (kinds from labels, shapes and the protocols of the edges; subgraphs as zones)
into a design, laid out. Without -o, prints the design to stdout.
On stderr, first what to check (kinds undecided, protocols guessed, connections the catalog does
not allow), then notes (closest kinds, helpers folded, dependencies not drawn), as FILE:LINE.
Exit: 0 imported, 2 the file can't be read or is not a compose file / flowchart.
`,
  export: `Usage: topoforge export drawio|asyncapi|openapi FILE

Prints the design as draw.io XML (diagram.drawio), an AsyncAPI 3.0 document (brokers, channels,
operations) or an OpenAPI 3.1 document (the routes each gateway exposes).
Exit: 0 printed, 1 the file has errors that keep it from being read, 2 the file can't be read.
`,
  fix: `Usage: topoforge fix FILE [-o OUT.topo.yaml]

Applies the one-step fix of each error in the design, one after another, as the Fix buttons of
the app's Problems list do: reverse a connection drawn backwards, put the broker or worker that
belongs between two components, pick the protocol two components share, reset a setting that is
not valid, rename an id... Prints each change. Writes the design back to FILE (atomically), or to
OUT with -o. Warnings are left alone: they are choices, not mistakes.
Exit: 0 no errors left, 1 errors remain that have no one-step fix, 2 the file can't be read.
`,
};

type Handler = (args: string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, Handler> = {
  validate: cmdValidate,
  generate: cmdGenerate,
  new: cmdNew,
  mermaid: (args, io) => cmdPrint('mermaid', args, io),
  doc: (args, io) => cmdPrint('doc', args, io),
  import: cmdImport,
  export: cmdExport,
  fix: cmdFix,
};

/** Runs the CLI; returns the exit code. Never throws. */
export async function run(argv: readonly string[], io: CliIo = nodeIo()): Promise<number> {
  try {
    const [first, ...rest] = argv;
    if (first === undefined) {
      io.err(USAGE);
      return 2;
    }
    if (first === '-h' || first === '--help' || first === 'help') {
      const topic = first === 'help' ? rest[0] : undefined;
      io.out(topic && HELP[topic] ? HELP[topic] : USAGE);
      return 0;
    }
    if (first === '-v' || first === '--version') {
      io.out(`topoforge ${version()}\n`);
      return 0;
    }
    const handler = Object.prototype.hasOwnProperty.call(COMMANDS, first) ? COMMANDS[first] : undefined;
    if (!handler) {
      io.err(`topoforge: unknown ${first.startsWith('-') ? 'option' : 'command'} '${first}'\n\n${USAGE}`);
      return 2;
    }
    if (rest.includes('-h') || rest.includes('--help')) {
      io.out(HELP[first]!);
      return 0;
    }
    return await handler(rest, io);
  } catch (e) {
    if (e instanceof UserError) {
      io.err(`topoforge: ${e.message}\n`);
      return e.exitCode;
    }
    const msg = e instanceof Error ? e.message : String(e);
    io.err(`topoforge: internal error: ${msg}\nThis is a bug in Topoforge; please report it with the design file.${process.env.TOPOFORGE_DEBUG && e instanceof Error ? `\n${e.stack}` : ''}\n`);
    return 3;
  }
}

function parse<T extends NonNullable<ParseArgsConfig['options']>>(command: string, args: string[], options: T, positionals: number) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    const msg = e instanceof Error ? e.message.split('\n')[0]!.replace(/^Unknown option '([^']+)'.*$/, "unknown option '$1'") : String(e);
    throw new UserError(`${command}: ${msg}\n\n${HELP[command]}`);
  }
  if (parsed.positionals.length > positionals) {
    throw new UserError(`${command}: unexpected argument '${parsed.positionals[positionals]}'\n\n${HELP[command]}`);
  }
  return parsed;
}

function requireFile(command: string, file: string | undefined): string {
  if (!file) throw new UserError(`${command}: which design file? Give its path.\n\n${HELP[command]}`);
  return file;
}

/** Codes of file problems that mean "this is not a readable design" (exit 2, not 1). */
const UNREADABLE = new Set(['TF001', 'TF002', 'TF003', 'TF004', 'TF005', 'TF006', 'TF007', 'TF010', 'TF011', 'TF012']);

interface Loaded {
  file: string;
  parsed: ParseResult;
  /** Exit code when the file did not parse: 2 unreadable, 1 design errors. */
  failCode: number;
}

async function load(file: string): Promise<Loaded> {
  const text = await readDesignFile(file);
  const { parseTopology } = await parser();
  const parsed = parseTopology(text, { fileName: file });
  const failCode = !parsed.ok && parsed.diagnostics.some((d) => d.severity === 'error' && UNREADABLE.has(d.code)) ? 2 : 1;
  return { file, parsed, failCode };
}

/**
 * Parse findings plus validation findings, each with a line where one is known, in the order of
 * docs/diagnostics.md: errors, then warnings, then infos; then by code, component and connection.
 */
async function check(loaded: Loaded): Promise<{ doc?: Topology; diagnostics: Diagnostic[]; checks?: Diagnostic[] }> {
  const { checkParsed } = await checker();
  return checkParsed(loaded.parsed);
}

const formatter = () => import('./format');

async function cmdValidate(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('validate', args, { format: { type: 'string', short: 'f', default: 'text' } }, 1);
  const format = values.format;
  if (format !== 'text' && format !== 'json') throw new UserError(`validate: --format is text or json, not '${format}'.`);
  const file = requireFile('validate', positionals[0]);
  let loaded: Loaded;
  try {
    loaded = await load(file);
  } catch (e) {
    if (e instanceof UserError && format === 'json') {
      io.out(`${JSON.stringify({ file, error: e.message, diagnostics: [], summary: { errors: 1, warnings: 0, infos: 0 } }, null, 2)}\n`);
      return e.exitCode;
    }
    throw e;
  }
  const { doc, diagnostics } = await check(loaded);
  const { formatDiagnostics, summarize } = await formatter();
  const summary = summarize(diagnostics);
  // The one-step fix of each error, as the app offers it (`topoforge fix` applies them).
  const fixes = new Map<Diagnostic, string>();
  if (doc && summary.errors) {
    const { fixFor } = await import('../../shared/validation/fixes');
    for (const d of diagnostics) {
      const f = d.severity === 'error' ? fixFor(doc, d) : undefined;
      if (f) fixes.set(d, f.label);
    }
  }
  if (format === 'json') {
    const listed = diagnostics.map((d) => (fixes.has(d) ? { ...d, fix: fixes.get(d) } : d));
    io.out(`${JSON.stringify({ file, diagnostics: listed, summary }, null, 2)}\n`);
  } else {
    io.out(formatDiagnostics(file, diagnostics, fixes));
    io.out(`${file}: ${describeSummary(summary)}\n`);
  }
  if (!loaded.parsed.ok) return loaded.failCode;
  return summary.errors > 0 ? 1 : 0;
}

function describeSummary(s: { errors: number; warnings: number; infos: number }): string {
  if (!s.errors && !s.warnings && !s.infos) return 'no problems found';
  const n = (k: number, w: string) => `${k} ${w}${k === 1 ? '' : 's'}`;
  return [n(s.errors, 'error'), n(s.warnings, 'warning'), n(s.infos, 'info')].join(', ');
}

async function cmdGenerate(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('generate', args, { out: { type: 'string', short: 'o' }, force: { type: 'boolean', default: false }, target: { type: 'string', default: 'all' } }, 1);
  const file = requireFile('generate', positionals[0]);
  if (!values.out) throw new UserError(`generate: where to? Give the output folder with -o DIR.\n\n${HELP.generate}`);
  if (values.target !== 'all' && values.target !== 'kubernetes') throw new UserError(`generate: unknown target '${values.target}': use all or kubernetes.\n\n${HELP.generate}`);
  const loaded = await load(file);
  const { doc, diagnostics, checks } = await check(loaded);
  const { formatDiagnostics } = await formatter();
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (!doc) {
    io.err(formatDiagnostics(file, diagnostics));
    io.err(`topoforge: ${file} could not be read as a design; nothing was generated.\n`);
    return loaded.failCode;
  }
  if (errors.length && !values.force) {
    io.err(formatDiagnostics(file, errors));
    io.err(`topoforge: the design has ${errors.length} error${errors.length === 1 ? '' : 's'}; nothing was generated. Fix them, or use --force to generate anyway.\n`);
    return 1;
  }
  // Components without a position get ELK's layout, so the draw.io export is laid out too.
  const { writeBundle } = await writer();
  let files;
  if (values.target === 'kubernetes') {
    const { generateKubernetes } = await import('../k8s');
    files = generateKubernetes(doc);
  } else {
    const [{ generateBundleOnThreads }, { withLayout }] = await Promise.all([import('./parallel'), import('../../shared/layout')]);
    // Validation does not read the layout: its findings on the file as read serve the document.
    // A large design is made on two threads; the second one's script is built beside this file.
    files = await generateBundleOnThreads(await withLayout(doc), { ...(checks ? { checks } : {}), workerUrl: new URL('./generate-worker.mjs', import.meta.url) });
  }
  const result = await writeBundle(values.out, files, { force: values.force, designFile: file, cwd: io.cwd, fs: io.fs });
  if (errors.length) io.err(`topoforge: generated despite ${errors.length} error${errors.length === 1 ? '' : 's'} (--force).\n`);
  io.out(`Wrote ${result.files} files to ${values.out}${result.replaced ? ' (replacing the previous bundle)' : ''}.\n`);
  return 0;
}

/**
 * Writes a design file with node-io's atomic writer: a new file appears complete or not at all
 * (created exclusively unless `force`); replacing one (`force`) writes a temporary file beside it,
 * flushed to disk, and renames it over, so a failure (a full disk) never leaves the old design
 * truncated. A symbolic link stays a link: the file it points to is replaced.
 */
async function writeDesign(out: string, text: string, force: boolean, fs: BundleFs): Promise<void> {
  const { writeFileAtomic } = await import('../../node-io/atomic-write');
  await writeFileAtomic(out, text, { fs, exclusive: !force });
}

async function cmdNew(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('new', args, { example: { type: 'string', short: 'e' }, out: { type: 'string', short: 'o' }, force: { type: 'boolean', default: false } }, 1);
  const name = values.example ?? positionals[0];
  const { EXAMPLES } = await import('../../assets/examples');
  const list = () => EXAMPLES.map((e) => `  ${e.id.padEnd(20)} ${e.title}: ${e.description}`).join('\n');
  if (name === undefined) {
    io.out(`Examples (topoforge new --example NAME [-o FILE]):\n${list()}\n`);
    return 0;
  }
  const example = EXAMPLES.find((e) => e.id === name);
  if (!example) {
    io.err(`topoforge: new: there is no example '${name}'. Examples:\n${list()}\n`);
    return 2;
  }
  if (!values.out) {
    io.out(example.yaml);
    return 0;
  }
  const out = values.out;
  if (!values.force) {
    const exists = await stat(out).then(
      () => true,
      (e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? false : Promise.reject(new UserError(describeFsError(e, out)))),
    );
    if (exists) throw new UserError(`${out} already exists; not overwriting it. Choose another name, or use --force.`);
  }
  try {
    await writeDesign(out, example.yaml, !!values.force, io.fs ?? (await writer()).nodeFs);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new UserError(`${out} already exists; not overwriting it. Choose another name, or use --force.`);
    throw new UserError(describeFsError(e, out));
  }
  io.out(`Wrote ${out} (from the ${example.id} example). Next: topoforge validate ${out}\n`);
  return 0;
}

async function cmdPrint(what: 'mermaid' | 'doc', args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(what, args, what === 'doc' ? { undecided: { type: 'boolean', default: false } } : {}, 1);
  const file = requireFile(what, positionals[0]);
  const loaded = await load(file);
  const { doc, diagnostics } = await check(loaded);
  if (!doc) {
    io.err((await formatter()).formatDiagnostics(file, diagnostics));
    return loaded.failCode;
  }
  let text: string;
  if (what === 'mermaid') text = (await import('../mermaid')).generateMermaid(doc);
  else {
    const { formatUndecided, generateIntegrationDoc, undecided } = await import('../doc');
    text = (values as { undecided?: boolean }).undecided ? formatUndecided(undecided(doc), file) : generateIntegrationDoc(doc, diagnostics);
  }
  io.out(text.endsWith('\n') ? text : `${text}\n`);
  return 0;
}

async function cmdImport(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('import', args, { out: { type: 'string', short: 'o' }, force: { type: 'boolean', default: false } }, 2);
  const [from, file] = positionals;
  if (from !== 'compose' && from !== 'mermaid') throw new UserError(`import: import from compose or mermaid, not '${from ?? ''}'.\n\n${HELP.import}`);
  const path = requireFile('import', file);
  const text = await readDesignFile(path);
  const [{ importCompose, importMermaid, importNotes }, { formatDiagnostics }, { serializeTopology }] = await Promise.all([import('../interop'), formatter(), import('../../shared/model/serialize')]);
  const result = from === 'compose' ? await importCompose(text) : await importMermaid(text);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) {
    io.err(formatDiagnostics(path, errors));
    io.err(`topoforge: ${path} could not be imported; nothing was written.\n`);
    return 2;
  }
  // What the importer could not decide comes first: the user checks those in the design.
  const { check, notes } = importNotes(result.diagnostics);
  if (check.length) io.err(`To check (undecided or guessed):\n${formatDiagnostics(path, check)}`);
  if (notes.length) io.err(`Notes:\n${formatDiagnostics(path, notes)}`);
  const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
  const counts = `${plural(result.doc.nodes.length, 'component')}, ${plural(result.doc.edges.length, 'connection')}${check.length ? `; ${check.length} to check` : ''}${notes.length ? `; ${notes.length} note${notes.length === 1 ? '' : 's'}` : ''}`;
  const yaml = serializeTopology(result.doc);
  if (!values.out) {
    io.err(`Imported ${path}: ${counts}.\n`);
    io.out(yaml);
    return 0;
  }
  try {
    await writeDesign(values.out, yaml, !!values.force, io.fs ?? (await writer()).nodeFs);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new UserError(`${values.out} already exists; not overwriting it. Choose another name, or use --force.`);
    throw new UserError(describeFsError(e, values.out));
  }
  io.out(`Wrote ${values.out}: ${counts}. Next: topoforge validate ${values.out}\n`);
  return 0;
}

async function cmdFix(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('fix', args, { out: { type: 'string', short: 'o' } }, 1);
  const file = requireFile('fix', positionals[0]);
  const loaded = await load(file);
  const { doc, diagnostics } = await check(loaded);
  const { formatDiagnostics } = await formatter();
  if (!doc) {
    io.err(formatDiagnostics(file, diagnostics));
    return loaded.failCode;
  }
  const [{ validate }, { applyFix, fixFor }, { serializeTopology }] = await Promise.all([import('../../shared/validation'), import('../../shared/validation/fixes'), import('../../shared/model/serialize')]);
  let cur = doc;
  let applied = 0;
  const tried = new Set<string>();
  // One fix at a time, on the design as the previous one left it (positions move).
  for (let round = 0; round < 1000; round++) {
    const next = validate(cur).find((d) => d.severity === 'error' && !tried.has(`${d.code} ${d.message}`) && fixFor(cur, d));
    if (!next) break;
    tried.add(`${next.code} ${next.message}`);
    const fix = fixFor(cur, next)!;
    io.out(`${file}: ${next.code} ${next.message}\n    fixed: ${fix.label}\n`);
    cur = applyFix(cur, fix);
    applied++;
  }
  const left = validate(cur).filter((d) => d.severity === 'error');
  const out = values.out ?? file;
  if (applied) {
    try {
      await writeDesign(out, serializeTopology(cur), true, io.fs ?? (await writer()).nodeFs);
    } catch (e) {
      throw new UserError(describeFsError(e, out));
    }
  }
  if (left.length) io.err(`${formatDiagnostics(file, left)}topoforge: ${left.length} error${left.length === 1 ? '' : 's'} left that no one-step fix removes; see the hints above.\n`);
  io.out(applied ? `Applied ${applied} fix${applied === 1 ? '' : 'es'}; wrote ${out}.\n` : `${file}: nothing to fix.\n`);
  return left.length ? 1 : 0;
}

async function cmdExport(args: string[], io: CliIo): Promise<number> {
  const { positionals } = parse('export', args, {}, 2);
  const [to, file] = positionals;
  if (to !== 'drawio' && to !== 'asyncapi' && to !== 'openapi') throw new UserError(`export: export to drawio, asyncapi or openapi, not '${to ?? ''}'.\n\n${HELP.export}`);
  const path = requireFile('export', file);
  const loaded = await load(path);
  const { doc, diagnostics } = await check(loaded);
  if (!doc) {
    io.err((await formatter()).formatDiagnostics(path, diagnostics));
    return loaded.failCode;
  }
  const { generateAsyncApi, generateDrawio, generateOpenApi } = await import('../interop');
  const text = to === 'drawio' ? generateDrawio(await (await import('../../shared/layout')).withLayout(doc)) : to === 'asyncapi' ? generateAsyncApi(doc) : generateOpenApi(doc);
  io.out(text.endsWith('\n') ? text : `${text}\n`);
  return 0;
}
