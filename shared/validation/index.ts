/**
 * Graph validation: what is wrong with a design, as you draw it.
 *
 * `validate(doc)` is a pure function returning every finding, sorted: errors, then warnings,
 * then infos; then by code, then by the first node and edge id. `createValidator()` gives the
 * same answer, reusing per-node and per-edge results between runs (for the canvas).
 * Every code is documented in docs/diagnostics.md.
 */
import type { Diagnostic, Protocol, Severity, TopoNode, Topology } from '../model/types';
import { CODES } from './codes';
import { edgeLocal } from './edgeRules';
import { makeValidator } from './engine';

export { createValidator } from './engine';
export { compareDiagnostics, merge as mergeDiagnostics } from './findings';
export type { Validator } from './engine';
export { CODES, ALL_CODES } from './codes';
export type { Code } from './codes';
export * as assumptions from './assumptions';
export { parseAvailability } from './rules/security';

export function validate(doc: Topology): Diagnostic[] {
  return makeValidator(false).validate(doc);
}

export interface ConnectionCheck {
  /** No error: the connection can be drawn. */
  ok: boolean;
  /** The protocol it would carry (the one given, or the one taken by default). */
  protocol: Protocol | undefined;
  /** What validation would say about this connection on its own (TF1xx, TF203, TF9xx). */
  problems: Array<{ code: string; severity: Severity; message: string; hint: string }>;
}

/**
 * What validation says about a connection `from -> to` before it exists, for the canvas while
 * drawing: the same rules and words as the problems list, without the design-wide checks.
 */
export function checkConnection(from: TopoNode, to: TopoNode, protocol?: Protocol): ConnectionCheck {
  const edge = protocol === undefined ? { from: from.id, to: to.id, props: {} } : { from: from.id, to: to.id, protocol, props: {} };
  const r = edgeLocal(edge, from, to);
  const problems = r.diags.map((d) => ({ code: d.code, severity: CODES[d.code].severity, message: d.message, hint: d.hint }));
  return { ok: !problems.some((p) => p.severity === 'error'), protocol: r.protocol, problems };
}
