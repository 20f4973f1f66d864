import { fileDiagnostic } from './fileCodes';
import type { Diagnostic } from './types';
import { FORMAT_VERSION } from './types';

/**
 * Format migrations. A design file names its format version (`topoforge: N`). Files of an older
 * format are upgraded step by step, N -> N+1 -> ... -> FORMAT_VERSION, on the plain object read
 * from the file, before `restoreTopology` normalises it. Each step is a pure function: it never
 * mutates its input and never reads anything else.
 *
 * Format 1 is the first format, so the registry is empty today: migrating a format-1 file is the
 * identity. When format 2 comes, add `{ from: 1, to: 2, ... }` here, bump FORMAT_VERSION, and keep
 * the step forever (see docs/file-format.md, "Versions and migrations").
 */

export type RawDocument = Record<string, unknown>;

export interface Migration {
  from: number;
  /** Always `from + 1`. */
  to: number;
  /** What changed, for the changelog and the tests. */
  description: string;
  migrate(doc: Readonly<RawDocument>): RawDocument;
}

export const MIGRATIONS: readonly Migration[] = [];

export type MigrateResult =
  | { ok: true; doc: RawDocument; from: number; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };

export interface MigrateOptions {
  registry?: readonly Migration[];
  /** The version this build reads; FORMAT_VERSION unless a test says otherwise. */
  target?: number;
}

const VERSION_HINT = 'Put `topoforge: 1` on the first line of the file: it is the format version this build reads.';

/** Reads the format version of `raw` and upgrades it to `target`. */
export function migrate(raw: RawDocument, opts: MigrateOptions = {}): MigrateResult {
  const registry = opts.registry ?? MIGRATIONS;
  const target = opts.target ?? FORMAT_VERSION;
  const v: unknown = raw.topoforge;
  const oldest = registry.reduce((min, m) => Math.min(min, m.from), target);
  if (v === undefined || v === null) {
    return fail(fileDiagnostic('TF010', { message: 'The file has no format version: `topoforge:` is missing.', hint: VERSION_HINT }));
  }
  if (typeof v !== 'number' || !Number.isInteger(v) || v < oldest) {
    const shown = typeof v === 'string' ? `"${v}"` : String(JSON.stringify(v) ?? v);
    return fail(
      fileDiagnostic('TF010', {
        message: `The format version \`topoforge: ${shown}\` is not valid: this build reads ${oldest === target ? `format ${target}` : `formats ${oldest} to ${target}`}.`,
        hint: VERSION_HINT,
        path: 'topoforge',
      }),
    );
  }
  if (v > target) {
    return fail(
      fileDiagnostic('TF011', {
        message: `This file was made by a newer Topoforge (format ${v}); this build reads format ${target}.`,
        hint: 'Open it with a newer Topoforge, or ask whoever sent it for a file saved in the older format.',
        path: 'topoforge',
      }),
    );
  }
  let doc: RawDocument = raw;
  for (let version = v; version < target; version++) {
    const step = registry.find((m) => m.from === version);
    if (!step || step.to !== version + 1) {
      return fail(
        fileDiagnostic('TF012', {
          message: `This build cannot upgrade format ${version} to format ${version + 1}.`,
          hint: 'Open the file with the Topoforge release that made it and save it again, or update Topoforge.',
          path: 'topoforge',
        }),
      );
    }
    doc = { ...step.migrate(doc), topoforge: step.to };
  }
  return { ok: true, doc, from: v, diagnostics: [] };
}

function fail(d: Diagnostic): MigrateResult {
  return { ok: false, diagnostics: [d] };
}
