import type { Diagnostic, Severity } from '../../shared/model/types';

/**
 * Codes of the findings about imported files (docker-compose, Mermaid), TF6xx.
 * Each is documented in docs/interop.md ("Import diagnostics").
 */
export const IMPORT_CODES = {
  TF601: { severity: 'error', title: 'Not a docker-compose file Topoforge can read' },
  TF602: { severity: 'warning', title: 'Kind undecided' },
  TF603: { severity: 'info', title: 'Imported as the closest kind' },
  TF604: { severity: 'info', title: 'Helper service folded into its component' },
  TF605: { severity: 'warning', title: 'Connection the catalog does not allow between these kinds' },
  TF606: { severity: 'warning', title: 'Connection protocol guessed' },
  TF607: { severity: 'info', title: 'Start-order dependency not drawn' },
  TF608: { severity: 'warning', title: 'Dependency on a service not in the file' },
  TF609: { severity: 'warning', title: 'extends from a file that was not read' },
  TF610: { severity: 'error', title: 'Not a Mermaid flowchart Topoforge can read' },
  TF611: { severity: 'info', title: 'Component kind guessed' },
  TF612: { severity: 'warning', title: 'Mermaid line not understood' },
  TF613: { severity: 'info', title: 'Service only in a compose profile' },
  TF614: { severity: 'info', title: 'Connection drawn from indirect evidence' },
} as const satisfies Record<string, { severity: Severity; title: string }>;

export type ImportCode = keyof typeof IMPORT_CODES;

export function importDiagnostic(
  code: ImportCode,
  init: { message: string; hint: string; nodes?: string[]; edges?: string[]; line?: number },
): Diagnostic {
  return {
    code,
    severity: IMPORT_CODES[code].severity,
    message: init.message,
    nodes: init.nodes ?? [],
    edges: init.edges ?? [],
    hint: init.hint,
    ...(init.line !== undefined ? { line: init.line } : {}),
  };
}

/**
 * What to show after an import: `check` (warnings: kinds undecided, protocols guessed, connections
 * the catalog does not allow, lines not understood) before `notes` (info: closest kinds, helpers
 * folded, dependencies not drawn, profiles), each in file order. Errors are neither: with an
 * error nothing was imported.
 */
export function importNotes(diagnostics: readonly Diagnostic[]): { check: Diagnostic[]; notes: Diagnostic[] } {
  const byLine = (a: Diagnostic, b: Diagnostic) => (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER);
  return {
    check: diagnostics.filter((d) => d.severity === 'warning').sort(byLine),
    notes: diagnostics.filter((d) => d.severity === 'info').sort(byLine),
  };
}
