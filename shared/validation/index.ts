/**
 * Graph validation: what is wrong with a design, as you draw it.
 *
 * `validate(doc)` is a pure function returning every finding, sorted: errors, then warnings,
 * then infos; then by code, then by the first node and edge id. `createValidator()` gives the
 * same answer, reusing per-node and per-edge results between runs (for the canvas).
 * Every code is documented in docs/diagnostics.md.
 */
import type { Diagnostic, Topology } from '../model/types';
import { makeValidator } from './engine';

export { createValidator, compareDiagnostics } from './engine';
export type { Validator } from './engine';
export { CODES, ALL_CODES } from './codes';
export type { Code } from './codes';
export * as assumptions from './assumptions';
export { parseAvailability } from './rules/security';

export function validate(doc: Topology): Diagnostic[] {
  return makeValidator(false).validate(doc);
}
