import type { ParseResult } from '../../shared/model/parse';
import type { Diagnostic, Topology } from '../../shared/model/types';
import { compareDiagnostics, validate } from '../../shared/validation';
import { locateDiagnostics } from './format';

/**
 * Parse findings plus validation findings, each with a line where one is known, in the order of
 * docs/diagnostics.md: errors, then warnings, then infos; then by code, component and connection.
 * (A module of its own so that the CLI loads validation only for the commands that check.)
 */
export function checkParsed(parsed: ParseResult): { doc?: Topology; diagnostics: Diagnostic[]; checks?: Diagnostic[] } {
  if (!parsed.ok) return { diagnostics: [...parsed.diagnostics].sort(compareDiagnostics) };
  const checks = validate(parsed.doc);
  const diagnostics = locateDiagnostics([...parsed.diagnostics, ...checks], parsed.doc, parsed.locate);
  // `checks`: validation's own findings as it returns them, for the document (generateBundle's `checks`), so generate does not validate twice.
  return { doc: parsed.doc, diagnostics: diagnostics.sort(compareDiagnostics), checks };
}
