import { MAX_ID_LENGTH } from './types';

/**
 * Limits a design file must stay within. Each one is checked before the expensive step it
 * guards, so that a hostile or broken file is refused in bounded time and memory.
 * Listed in docs/file-format.md ("Limits").
 */
export const LIMITS = {
  /** Largest file read, in characters (UTF-16 code units; about the size in bytes for ASCII). */
  maxFileChars: 10 * 1024 * 1024,
  /** Largest file read by the CLI and the app, in bytes (checked before reading). */
  maxFileBytes: 10 * 1024 * 1024,
  /** Deepest nesting of lists and mappings (the top-level mapping is depth 1). */
  maxDepth: 64,
  /**
   * YAML aliases (`*name`) in one file, and expansions when they are resolved; guards against
   * alias ("billion laughs") bombs and floods of aliases.
   */
  maxAliasCount: 100,
  /**
   * Values (scalars: text, numbers, true/false, null) in one file, counted with the streaming
   * lexer before the file is parsed, so that a file of nothing but tiny values is refused in
   * bounded memory. A 20,000-component design holds about 630,000.
   */
  maxValues: 750_000,
  /**
   * Characters of double-quoted text in one file (the YAML library resolves them at some 35 bytes
   * each), counted with the values. Topoforge quotes only labels with line breaks or odd spaces.
   */
  maxQuotedChars: 2 * 1024 * 1024,
  /** Components (nodes) in one design. */
  maxNodes: 20_000,
  /** Connections (edges) in one design. */
  maxEdges: 100_000,
  /** Zones (groups) in one design. */
  maxGroups: 2_000,
  /** Longest id of a node or group. */
  maxIdLength: MAX_ID_LENGTH,
  /** Diagnostics reported for one file; the rest are summarised in one line. */
  maxDiagnostics: 200,
} as const;
