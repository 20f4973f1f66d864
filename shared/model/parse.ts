import { Composer, Lexer, LineCounter, Parser, isAlias, isMap, isScalar, isSeq, type Document, type Node as YamlNode } from 'yaml';
import type { CST } from 'yaml';
type Token = CST.Token;
import { fileDiagnostic } from './fileCodes';
import { LIMITS } from './limits';
import { splitPath } from './path';
import { restoreTopology, type RestoreOptions } from './restore';
import type { Diagnostic, Topology } from './types';

export { LIMITS } from './limits';

/**
 * Reads a `*.topo.yaml` file (format 1, or the same shape as JSON) into a `Topology`.
 *
 * The text goes through: size and text checks, the YAML parser (a concrete syntax tree, walked
 * without recursion to refuse deep nesting before anything recurses), YAML composition (syntax
 * errors, duplicate keys), conversion to plain data (alias bombs refused), format migration, and
 * `restoreTopology` (defaults, structure, ids, kinds, references). Every diagnostic carries the
 * line and column where the problem is, when it is known.
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

/** C0 controls other than tab, LF and CR: YAML forbids them, binary files are full of them. (DEL is let through: the YAML library writes it unescaped.) */
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
  const bad = NOT_TEXT.exec(text);
  if (bad) {
    const { line, column } = lineColOf(text, bad.index);
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

  // The parser keeps a syntax tree of about a kilobyte per value or alias, and the YAML library
  // resolves double-quoted text at some 35 bytes a character: a 10 MB file of tiny values
  // ("[0,0,0,...]") took gigabytes and minutes, 10 MB of one quoted string 350 MB. Values, aliases
  // and quoted text are counted first with the streaming lexer (no tree), in any file over 64 KB.
  const tooManyAliases = (line: number, column: number) =>
    fileDiagnostic('TF005', {
      message: `The file uses more than ${LIMITS.maxAliasCount} YAML aliases (\`*name\`; the limit is passed at line ${line}); that many is how alias bombs blow up memory, so it is refused.`,
      hint: 'Write the repeated values out instead of using anchors and aliases.',
      line,
      column,
    });
  if (text.length > 64 * 1024) {
    const over = lexicalLimits(text);
    if (over) {
      const { line, column } = lineColOf(text, over.offset);
      return fail(
        over.what === 'aliases'
          ? tooManyAliases(line, column)
          : over.what === 'values'
            ? fileDiagnostic('TF028', {
                message: `${what} holds more than ${LIMITS.maxValues.toLocaleString('en-US')} values (the limit is passed at line ${line}); designs are read up to that size (about 20,000 components).`,
                hint: 'Split the design into several files; a file this full of values is probably damaged or not a design.',
                line,
                column,
              })
            : fileDiagnostic('TF002', {
                message: `${what} holds more than ${formatSize(LIMITS.maxQuotedChars)} of double-quoted text (the limit is passed at line ${line}).`,
                hint: 'Write long text as a block (`|` followed by indented lines) or in single quotes; Topoforge itself only quotes short texts.',
                line,
                column,
              }),
      );
    }
  }

  const lc = new LineCounter();
  const at = (offset: number): SourceLocation => {
    const p = lc.linePos(offset);
    return p.line === 0 ? { line: 1, column: offset + 1 } : { line: p.line, column: p.col };
  };
  const tokens = Array.from(new Parser(lc.addNewLine).parse(text));

  const scan = scanTokens(tokens, LIMITS.maxDepth);
  const deep = scan.deepAt;
  if (deep !== undefined) {
    const { line, column } = at(deep);
    return fail(
      fileDiagnostic('TF004', {
        message: `The file nests lists and mappings more than ${LIMITS.maxDepth} levels deep (line ${line}).`,
        hint: 'A design never needs that much nesting; the file is probably damaged or not a design.',
        line,
        column,
      }),
    );
  }

  if (scan.aliasesOverAt !== undefined) {
    const { line, column } = at(scan.aliasesOverAt);
    return fail(tooManyAliases(line, column));
  }

  // Duplicate keys are found by duplicateKeys() below, in one pass: the library's own check
  // (uniqueKeys) compares each key with every earlier one, quadratic in a map's size, and a
  // design's `layout` has a key per component.
  const composer = new Composer({ prettyErrors: false, uniqueKeys: false, strict: true });
  const docs = Array.from(composer.compose(tokens, true, text.length));
  if (docs.length > 1) {
    const { line, column } = at(docs[1]!.range[0]);
    return fail(
      fileDiagnostic('TF006', {
        message: `The file holds more than one YAML document (a second one starts at line ${line}).`,
        hint: 'A design file holds one design: remove the `---` line and what follows, or split it into files.',
        line,
        column,
      }),
    );
  }
  const yamlDoc = docs[0]!;
  const errors: Array<{ pos: [number, ...number[]]; code: string; message: string }> = [...yamlDoc.errors];
  const dups = duplicateKeys(yamlDoc.contents);
  if (dups.length) {
    errors.push(...dups.map((offset) => ({ pos: [offset] as [number], code: 'DUPLICATE_KEY', message: 'Map keys must be unique' })));
    errors.sort((a, b) => a.pos[0] - b.pos[0]);
  }
  if (errors.length) {
    return fail(
      ...errors.slice(0, 20).map((e) => {
        const { line, column } = at(e.pos[0]);
        return fileDiagnostic('TF003', {
          message: `The file is not valid YAML at line ${line}, column ${column}: ${cleanYamlMessage(e.message)}`,
          hint: yamlHint(e.code),
          line,
          column,
        });
      }),
    );
  }
  const warnings = yamlDoc.warnings.slice(0, 20).map((w) => {
    const { line, column } = at(w.pos[0]);
    return fileDiagnostic('TF032', { message: `YAML at line ${line}: ${cleanYamlMessage(w.message)}`, hint: 'The value is read as plain text.', line, column });
  });

  let raw: unknown;
  try {
    raw = yamlDoc.toJS({ maxAliasCount: LIMITS.maxAliasCount });
  } catch (e) {
    if (e instanceof RangeError) {
      return fail(fileDiagnostic('TF004', { message: `The file nests lists and mappings (through aliases) more than ${LIMITS.maxDepth} levels deep.`, hint: 'A design never needs that much nesting; the file is probably damaged or not a design.' }));
    }
    const msg = e instanceof Error ? e.message : String(e);
    if (/resource exhaustion/i.test(msg)) {
      const where = scan.firstAlias !== undefined ? at(scan.firstAlias) : undefined;
      return fail(
        fileDiagnostic('TF005', {
          message: `The file expands YAML aliases (\`*name\`) more than ${LIMITS.maxAliasCount} times${where ? ` (the first alias is at line ${where.line})` : ''}; this is how "billion laughs" bombs blow up memory, so it is refused.`,
          hint: 'Write the repeated values out instead of using anchors and aliases.',
          ...(where ? { line: where.line, column: where.column } : {}),
        }),
      );
    }
    return fail(fileDiagnostic('TF003', { message: `The file is not valid YAML: ${cleanYamlMessage(msg)}`, hint: 'Check anchors (`&name`) and aliases (`*name`): an alias must come after its anchor.' }));
  }

  const locate = (path: string): SourceLocation | undefined => {
    const offset = offsetOf(yamlDoc, path);
    return offset === undefined ? undefined : at(offset);
  };
  const describe = (path: string): string => {
    const l = locate(path);
    return l ? `line ${l.line}` : `\`${path}\``;
  };
  const restored = restoreTopology(raw, { describe, registry: opts.registry, target: opts.target });
  const diagnostics = [...warnings, ...restored.diagnostics].map((d) => {
    if (d.line !== undefined || d.path === undefined) return d;
    const l = locate(d.path);
    return l ? { ...d, line: l.line, column: l.column } : d;
  });
  if (!restored.ok) return { ok: false, diagnostics };
  return { ok: true, doc: restored.doc, diagnostics, locate };
}

/** Where the file passes the value or the double-quoted-text limit, if it does (the lexer only: no syntax tree). */
function lexicalLimits(text: string): { what: 'values' | 'quoted' | 'aliases'; offset: number } | undefined {
  let aliases = 0;
  let values = 0;
  let quoted = 0;
  let offset = 0;
  for (const lexeme of new Lexer().lex(text)) {
    // The lexer marks each scalar with U+001F before its text; other one-character controls are markers too (the source has none).
    if (lexeme === '\u001f') {
      if (++values > LIMITS.maxValues) return { what: 'values', offset };
      continue;
    }
    if (lexeme.length === 1 && lexeme < ' ' && lexeme !== '\n' && lexeme !== '\t' && lexeme !== '\r') continue;
    if (lexeme.charCodeAt(0) === 34 /* " */ && (quoted += lexeme.length) > LIMITS.maxQuotedChars) return { what: 'quoted', offset };
    if (lexeme.charCodeAt(0) === 42 /* * */ && ++aliases > LIMITS.maxAliasCount) return { what: 'aliases', offset };
    offset += lexeme.length;
  }
  return undefined;
}

function fail(...diagnostics: Diagnostic[]): ParseResult {
  return { ok: false, diagnostics };
}

function formatSize(chars: number): string {
  return chars >= 1024 * 1024 ? `${(chars / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(chars / 1024)} KB`;
}

function lineColOf(text: string, index: number): SourceLocation {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: index - start + 1 };
}

/**
 * Walks the concrete syntax tree with an explicit stack; returns the offset of the first
 * collection nested deeper than `limit`, or undefined.
 */
function scanTokens(tokens: readonly Token[], limit: number): { deepAt?: number; firstAlias?: number; aliasesOverAt?: number } {
  let firstAlias: number | undefined;
  let aliases = 0;
  let aliasesOverAt: number | undefined;
  const stack: Array<[Token | null | undefined, number]> = tokens.map((t) => [t, 0]);
  while (stack.length) {
    const [t, depth] = stack.pop()!;
    if (!t) continue;
    switch (t.type) {
      case 'document':
        stack.push([t.value, depth]);
        break;
      case 'block-map':
      case 'block-seq':
      case 'flow-collection': {
        const d = depth + 1;
        if (d > limit) return { deepAt: t.offset, firstAlias };
        for (const item of t.items) {
          if ('key' in item) stack.push([item.key, d]);
          if ('value' in item) stack.push([item.value, d]);
        }
        break;
      }
      case 'alias':
        if (firstAlias === undefined || t.offset < firstAlias) firstAlias = t.offset;
        if (++aliases > LIMITS.maxAliasCount && (aliasesOverAt === undefined || t.offset < aliasesOverAt)) aliasesOverAt = t.offset;
        break;
      default:
        break;
    }
  }
  return { firstAlias, aliasesOverAt };
}

/**
 * Offsets of keys repeated within a mapping (what YAML's uniqueKeys reports as DUPLICATE_KEY:
 * scalar keys with the same value), in document order, with a set per mapping.
 */
function duplicateKeys(root: unknown): number[] {
  const out: number[] = [];
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const k = pair.key;
        if (isScalar(k) && !(typeof k.value === 'number' && Number.isNaN(k.value))) {
          const id = `${typeof k.value}:${String(k.value)}`;
          if (seen.has(id)) out.push(k.range?.[0] ?? 0);
          else seen.add(id);
        }
      }
      for (let i = node.items.length - 1; i >= 0; i--) {
        stack.push(node.items[i]!.value);
        stack.push(node.items[i]!.key);
      }
    } else if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
    }
  }
  return out.sort((a, b) => a - b);
}

/** Offset in the text of a document path: the key of a mapping entry, or the start of a list item. */
const pairIndex = new WeakMap<object, Map<string, { key: unknown; value: unknown }>>();
/** The first pair of each scalar key of a mapping, indexed once: locating every finding of a mapping with many keys stays linear. */
function pairsOf(map: { items: Array<{ key: unknown; value: unknown }> }): Map<string, { key: unknown; value: unknown }> {
  let index = pairIndex.get(map);
  if (!index) {
    index = new Map();
    for (const p of map.items) {
      if (!isScalar(p.key)) continue;
      const k = String(p.key.value);
      if (!index.has(k)) index.set(k, p);
    }
    pairIndex.set(map, index);
  }
  return index;
}

function offsetOf(doc: Document.Parsed, path: string): number | undefined {
  const segments = splitPath(path);
  if (!segments || segments.length === 0) return undefined;
  let node: unknown = doc.contents;
  let found: number | undefined;
  for (const seg of segments) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = pairsOf(node).get(String(seg));
      if (!pair) break;
      const key = pair.key as YamlNode;
      if (key.range) found = key.range[0];
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as YamlNode | undefined;
      if (!item?.range) break;
      found = item.range[0];
      node = item;
    } else break;
  }
  return found;
}

function cleanYamlMessage(msg: string): string {
  // The library appends a source excerpt on later lines; keep the sentence.
  const first = msg.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').trim();
  return first.endsWith('.') ? first : `${first}.`;
}

function yamlHint(code: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'Each key may appear once in a mapping; remove or rename the repeated one.';
    case 'TAB_AS_INDENT':
      return 'Indent with spaces, not tabs.';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
    case 'UNEXPECTED_TOKEN':
      return 'Check the indentation and the punctuation (`:`, `-`, brackets and quotes) around this line.';
    case 'MULTILINE_IMPLICIT_KEY':
      return 'A key must fit on one line; check for a missing `:` or an unclosed quote on the line before.';
    case 'BAD_DQ_ESCAPE':
      return 'Inside double quotes, write a backslash as `\\\\`, or use single quotes.';
    case 'BAD_ALIAS':
      return 'An alias `*name` needs an anchor `&name` before it.';
    default:
      return 'Check the YAML syntax around this line; text with `: `, `#` or quotes in it is safest in double quotes.';
  }
}
