import { fileDiagnostic } from './fileCodes';
import { LIMITS } from './limits';
import { splitPath } from './path';
import { restoreTopology, type RestoreOptions } from './restore';
import type { Diagnostic, Topology } from './types';
import { keyOffset, readYaml, type ListIndex, type MapIndex, type PartIndex } from './yaml-read';

export { LIMITS } from './limits';

/**
 * Reads a `*.topo.yaml` file (format 1, or the same shape as JSON) into a `Topology`.
 *
 * The text goes through: size and text checks, the YAML reader (yaml-read.ts: a file as
 * Topoforge writes it is read by yaml-fast.ts, anything else by js-yaml: syntax errors, duplicate
 * keys, tags, and the limits on values, aliases and nesting checked while it reads, with where
 * every key and list item starts), alias expansion within limits (alias bombs refused), format
 * migration, and `restoreTopology` (defaults, structure, ids, kinds, references). Every
 * diagnostic carries the line and column where the problem is, when it is known.
 */

export interface SourceLocation {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

export type ParseResult =
  | {
      ok: true;
      doc: Topology;
      /** Warnings and infos about the file (never errors). */
      diagnostics: Diagnostic[];
      /** Where a document path (`nodes[3]`, `nodes[3].props.port`, `edges[2]`) is in the text. */
      locate: (path: string) => SourceLocation | undefined;
    }
  | { ok: false; diagnostics: Diagnostic[] };

export interface ParseOptions extends Pick<RestoreOptions, 'registry' | 'target'> {
  /** The file's name, for messages. */
  fileName?: string;
}

/** C0 controls other than tab, LF and CR: YAML forbids them, binary files are full of them. (DEL and C1 controls are YAML's to refuse, outside quotes.) */
const NOT_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

export function parseTopology(text: string, opts: ParseOptions = {}): ParseResult {
  const what = opts.fileName ? `\`${opts.fileName}\`` : 'The file';
  if (text.length > LIMITS.maxFileChars) {
    return fail(
      fileDiagnostic('TF002', {
        message: `${what} is too large (${formatSize(text.length)}); designs are at most ${formatSize(LIMITS.maxFileChars)}.`,
        hint: 'Split the design into several files, or check that this is the file you meant.',
      }),
    );
  }
  const at = lineLocator(text);
  const bad = NOT_TEXT.exec(text);
  if (bad) {
    const { line, column } = at(bad.index);
    const ch = bad[0]!.charCodeAt(0);
    return fail(
      fileDiagnostic('TF001', {
        message:
          ch === 0
            ? `${what} is not a text file: it contains a NUL byte (line ${line}, column ${column}).`
            : `${what} is not a text file: it contains the control character U+${ch.toString(16).toUpperCase().padStart(4, '0')} at line ${line}, column ${column}.`,
        hint: 'Open a `.topo.yaml` design saved by Topoforge, or a text file in that format.',
        line,
        column,
      }),
    );
  }

  const tooManyAliases = (line: number, column: number) =>
    fileDiagnostic('TF005', {
      message: `The file uses more than ${LIMITS.maxAliasCount} YAML aliases (\`*name\`; the limit is passed at line ${line}); that many is how alias bombs blow up memory, so it is refused.`,
      hint: 'Write the repeated values out instead of using anchors and aliases.',
      line,
      column,
    });

  // js-yaml reads the text; the limits (values, double-quoted text, aliases, nesting) are
  // checked as it reads, and stop it at the place they are passed (yaml-read.ts).
  const r = readYaml(text);
  if (!r.ok) {
    const f = r.failure;
    const { line, column } = at(f.offset);
    switch (f.kind) {
      case 'aliases':
        return fail(tooManyAliases(line, column));
      case 'values':
        return fail(
          fileDiagnostic('TF028', {
            message: `${what} holds more than ${LIMITS.maxValues.toLocaleString('en-US')} values (the limit is passed at line ${line}); designs are read up to that size (about 20,000 components).`,
            hint: 'Split the design into several files; a file this full of values is probably damaged or not a design.',
            line,
            column,
          }),
        );
      case 'quoted':
        return fail(
          fileDiagnostic('TF002', {
            message: `${what} holds more than ${formatSize(LIMITS.maxQuotedChars)} of double-quoted text (the limit is passed at line ${line}).`,
            hint: 'Write long text as a block (`|` followed by indented lines) or in single quotes; Topoforge itself only quotes short texts.',
            line,
            column,
          }),
        );
      case 'deep':
        return fail(tooDeep(line, column));
      case 'syntax': {
        const errors = [
          { offset: f.offset, message: sentence(f.reason), hint: yamlHint(f.reason) },
          ...f.duplicateKeys.map((offset) => ({ offset, message: DUPLICATE_KEY, hint: DUPLICATE_KEY_HINT })),
        ].sort((a, b) => a.offset - b.offset);
        return fail(...errors.slice(0, 20).map((e) => yamlError(at, e.offset, e.message, e.hint)));
      }
    }
  }
  const read = r.read;

  if (read.secondDocAt !== undefined) {
    const { line, column } = at(read.secondDocAt);
    return fail(
      fileDiagnostic('TF006', {
        message: `The file holds more than one YAML document (a second one starts at line ${line}).`,
        hint: 'A design file holds one design: remove the `---` line and what follows, or split it into files.',
        line,
        column,
      }),
    );
  }
  if (read.duplicateKeys.length) {
    return fail(...read.duplicateKeys.slice(0, 20).map((offset) => yamlError(at, offset, DUPLICATE_KEY, DUPLICATE_KEY_HINT)));
  }
  const warnings = read.warnings.slice(0, 20).map((w) => {
    const { line, column } = at(w.offset);
    const hint = w.kind === 'tag' ? 'The value is read as plain text.' : 'The file is read anyway; check the YAML around this line.';
    return fileDiagnostic('TF032', { message: `YAML at line ${line}: ${sentence(w.message)}`, hint, line, column });
  });

  const root = read.docs[0] ?? null;
  let raw: unknown = root;
  if (read.aliases > 0) {
    // js-yaml shares one object between an anchor and its aliases: each place gets its own
    // copy (editing one component never edits another), within the limits of an alias bomb.
    const copied = expandAliases(root, read.aliasAt);
    if (!copied.ok) {
      const where = copied.offset !== undefined ? at(copied.offset) : read.firstAlias !== undefined ? at(read.firstAlias) : undefined;
      if (copied.why === 'deep') {
        return fail(fileDiagnostic('TF004', { message: `The file nests lists and mappings (through aliases) more than ${LIMITS.maxDepth} levels deep.`, hint: 'A design never needs that much nesting; the file is probably damaged or not a design.' }));
      }
      if (copied.why === 'cycle' && where) {
        return fail(yamlError(at, copied.offset!, `The alias \`*${aliasName(text, copied.offset!)}\` is inside the list or mapping it stands for.`, 'An alias `*name` needs an anchor `&name` before it, outside the alias.'));
      }
      const first = read.firstAlias !== undefined ? at(read.firstAlias) : undefined;
      return fail(
        fileDiagnostic('TF005', {
          message: `The file expands YAML aliases (\`*name\`) more than ${LIMITS.maxAliasCount} times${first ? ` (the first alias is at line ${first.line})` : ''}; this is how "billion laughs" bombs blow up memory, so it is refused.`,
          hint: 'Write the repeated values out instead of using anchors and aliases.',
          ...(first ? { line: first.line, column: first.column } : {}),
        }),
      );
    }
    raw = copied.value;
  }

  const locate = (path: string): SourceLocation | undefined => {
    const offset = offsetOf(root, read.index, path);
    return offset === undefined ? undefined : at(offset);
  };
  const describe = (path: string): string => {
    const l = locate(path);
    return l ? `line ${l.line}` : `\`${path}\``;
  };
  const restored = restoreTopology(raw, { describe, registry: opts.registry, target: opts.target, fresh: true });
  const diagnostics = [...warnings, ...restored.diagnostics].map((d) => {
    if (d.line !== undefined || d.path === undefined) return d;
    const l = locate(d.path);
    return l ? { ...d, line: l.line, column: l.column } : d;
  });
  if (!restored.ok) return { ok: false, diagnostics };
  return { ok: true, doc: restored.doc, diagnostics, locate };
}

function fail(...diagnostics: Diagnostic[]): ParseResult {
  return { ok: false, diagnostics };
}

function formatSize(chars: number): string {
  return chars >= 1024 * 1024 ? `${(chars / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(chars / 1024)} KB`;
}

const DUPLICATE_KEY = 'Map keys must be unique.';
const DUPLICATE_KEY_HINT = 'Each key may appear once in a mapping; remove or rename the repeated one.';

function tooDeep(line: number, column: number): Diagnostic {
  return fileDiagnostic('TF004', {
    message: `The file nests lists and mappings more than ${LIMITS.maxDepth} levels deep (line ${line}).`,
    hint: 'A design never needs that much nesting; the file is probably damaged or not a design.',
    line,
    column,
  });
}

function yamlError(at: (offset: number) => SourceLocation, offset: number, message: string, hint: string): Diagnostic {
  const { line, column } = at(offset);
  return fileDiagnostic('TF003', { message: `The file is not valid YAML at line ${line}, column ${column}: ${message}`, hint, line, column });
}

/** Line and column (1-based) of an offset; the line starts are found once, on first use. */
function lineLocator(text: string): (offset: number) => SourceLocation {
  let starts: Int32Array | undefined;
  return (offset: number) => {
    if (!starts) {
      // Counted first, then written into an array of the right size (no list of 100,000 numbers to copy).
      let lines = 1;
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
      starts = new Int32Array(lines);
      let k = 1;
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts[k++] = i + 1;
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}

function sentence(reason: string): string {
  const s = reason.charAt(0).toUpperCase() + reason.slice(1);
  return s.endsWith('.') ? s : `${s}.`;
}

/** The name of the alias written at `offset` (`*name`). */
function aliasName(text: string, offset: number): string {
  return /^\*([^\s,[\]{}]*)/.exec(text.slice(offset, offset + 200))?.[1] ?? '';
}

type Expanded = { ok: true; value: unknown } | { ok: false; why: 'bomb' | 'deep' | 'cycle'; offset?: number };

/**
 * A copy of the read document in which every alias is a copy of its anchor's value, refused
 * past LIMITS.maxAliasCount expansions (an alias inside an expanded value counts each time) or
 * LIMITS.maxValues expanded values, and past LIMITS.maxDepth levels of nesting.
 */
function expandAliases(root: unknown, aliasAt: ReadonlyMap<object, number>): Expanded {
  let expansions = 0;
  let expandedValues = 0;
  const seen = new Set<object>();
  const path = new Set<object>();
  class Refused {
    constructor(
      readonly why: 'bomb' | 'deep' | 'cycle',
      readonly offset?: number,
    ) {}
  }
  const copy = (v: unknown, depth: number, expanding: boolean): unknown => {
    if (v === null || typeof v !== 'object') {
      if (expanding && ++expandedValues > LIMITS.maxValues) throw new Refused('bomb');
      return v;
    }
    if (path.has(v)) throw new Refused('cycle', aliasAt.get(v));
    let exp = expanding;
    if (aliasAt.has(v)) {
      if (seen.has(v)) {
        exp = true;
        if (++expansions > LIMITS.maxAliasCount) throw new Refused('bomb');
      } else seen.add(v);
    }
    if (depth > LIMITS.maxDepth) throw new Refused('deep');
    if (exp && ++expandedValues > LIMITS.maxValues) throw new Refused('bomb');
    path.add(v);
    let out: unknown;
    if (Array.isArray(v)) {
      const list: unknown[] = new Array(v.length);
      for (let i = 0; i < v.length; i++) list[i] = copy(v[i], depth + 1, exp);
      out = list;
    } else {
      const obj: Record<string, unknown> = {};
      for (const k of Object.keys(v)) {
        const value = copy((v as Record<string, unknown>)[k], depth + 1, exp);
        if (k === '__proto__') Object.defineProperty(obj, k, { value, enumerable: true, writable: true, configurable: true });
        else obj[k] = value;
      }
      out = obj;
    }
    path.delete(v);
    return out;
  };
  try {
    return { ok: true, value: copy(root, 1, false) };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, why: e.why, offset: e.offset };
    throw e;
  }
}

/** Offset in the text of a document path: the key of a mapping entry, or the start of a list item; the nearest part that exists. */
function offsetOf(root: unknown, index: PartIndex, path: string): number | undefined {
  const segments = splitPath(path);
  if (!segments || segments.length === 0) return undefined;
  let node: unknown = root;
  let found: number | undefined;
  for (const seg of segments) {
    if (node === null || typeof node !== 'object') break;
    const ix = index.get(node);
    if (!ix) break;
    if (!Array.isArray(node)) {
      const o = keyOffset(ix as MapIndex, String(seg));
      if (o === undefined) break;
      found = o;
      node = Object.prototype.hasOwnProperty.call(node, seg) ? (node as Record<string, unknown>)[seg] : undefined;
    } else if (typeof seg === 'number') {
      const o = (ix as ListIndex)[seg];
      if (o === undefined) break;
      found = o;
      node = (node as unknown[])[seg];
    } else break;
  }
  return found;
}

/** A hint for a js-yaml syntax error, by its reason. */
function yamlHint(reason: string): string {
  if (/tab characters/.test(reason)) return 'Indent with spaces, not tabs.';
  if (/multiline key/.test(reason)) return 'A key must fit on one line; check for a missing `:` or an unclosed quote on the line before.';
  if (/escape sequence|hexadecimal character/.test(reason)) return 'Inside double quotes, write a backslash as `\\\\`, or use single quotes.';
  if (/alias/.test(reason)) return 'An alias `*name` needs an anchor `&name` before it.';
  if (/non-printable/.test(reason)) return 'Remove the control character here, or write the text in double quotes with the character escaped (`\\u007F`).';
  if (/indentation|colon is missed|end of the stream|end of the document|comma|node content|whitespace character is expected|explicit mapping pair|implicit key/.test(reason)) {
    return 'Check the indentation and the punctuation (`:`, `-`, brackets and quotes) around this line.';
  }
  return 'Check the YAML syntax around this line; text with `: `, `#` or quotes in it is safest in double quotes.';
}
