import type { ParseResult } from '../../shared/model/parse';
import type { Diagnostic, Topology } from '../../shared/model/types';
import { compareDiagnostics, mergeDiagnostics, validate } from '../../shared/validation';
import { locateDiagnostics } from './format';

/**
 * Parse findings plus validation findings, each with a line where one is known, in the order of
 * docs/diagnostics.md: errors, then warnings, then infos; then by code, component and connection.
 * (A module of its own so that the CLI loads validation only for the commands that check.)
 */
export function checkParsed(parsed: ParseResult): { doc?: Topology; diagnostics: Diagnostic[]; checks?: Diagnostic[] } {
  if (!parsed.ok) return { diagnostics: [...parsed.diagnostics].sort(compareDiagnostics) };
  const checks = validate(parsed.doc);
  // validate() returns its findings in this order already (placing them changes no field the
  // order reads): the parse findings, sorted, are merged in, ahead of equal ones as a sort of
  // both lists one after the other would place them.
  const fromParse = locateDiagnostics(parsed.diagnostics, parsed.doc, parsed.locate).sort(compareDiagnostics);
  const diagnostics = mergeDiagnostics(fromParse, locateDiagnostics(checks, parsed.doc, parsed.locate));
  // `checks`: validation's own findings as it returns them, for the document (generateBundle's `checks`), so generate does not validate twice.
  return { doc: parsed.doc, diagnostics, checks };
}
