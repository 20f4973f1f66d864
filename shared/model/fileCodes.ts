import type { Diagnostic, Severity } from './types';

/**
 * Codes of the findings about the file itself (reading, YAML, structure), TF001-TF099.
 * Each is documented in docs/diagnostics.md, section "File errors (TF0xx)".
 */
export const FILE_CODES = {
  TF001: { severity: 'error', title: 'Not a text file' },
  TF002: { severity: 'error', title: 'File too large' },
  TF003: { severity: 'error', title: 'Invalid YAML' },
  TF004: { severity: 'error', title: 'Nesting too deep' },
  TF005: { severity: 'error', title: 'Too many aliases' },
  TF006: { severity: 'error', title: 'More than one document' },
  TF007: { severity: 'error', title: 'Not a design' },
  TF010: { severity: 'error', title: 'Missing or invalid format version' },
  TF011: { severity: 'error', title: 'Made by a newer Topoforge' },
  TF012: { severity: 'error', title: 'Cannot upgrade an old format' },
  TF020: { severity: 'error', title: 'Missing required field' },
  TF021: { severity: 'error', title: 'Wrong type' },
  TF022: { severity: 'error', title: 'Invalid id' },
  TF023: { severity: 'error', title: 'Duplicate id' },
  TF024: { severity: 'error', title: 'Unknown kind' },
  TF025: { severity: 'error', title: 'Unknown protocol' },
  TF026: { severity: 'error', title: 'Connection to an unknown component' },
  TF027: { severity: 'error', title: 'Unknown zone' },
  TF028: { severity: 'error', title: 'Too many items' },
  TF029: { severity: 'error', title: 'Value not allowed' },
  TF030: { severity: 'info', title: 'Position of an unknown id dropped' },
  TF031: { severity: 'warning', title: 'Invalid position dropped' },
  TF032: { severity: 'warning', title: 'YAML warning' },
  TF033: { severity: 'info', title: 'More problems not shown' },
} as const satisfies Record<string, { severity: Severity; title: string }>;

export type FileCode = keyof typeof FILE_CODES;

export interface FileDiagnosticInit {
  message: string;
  hint: string;
  path?: string;
  nodes?: string[];
  edges?: string[];
  line?: number;
  column?: number;
}

export function fileDiagnostic(code: FileCode, init: FileDiagnosticInit): Diagnostic {
  const d: Diagnostic = {
    code,
    severity: FILE_CODES[code].severity,
    message: init.message,
    nodes: init.nodes ?? [],
    edges: init.edges ?? [],
    hint: init.hint,
  };
  if (init.path !== undefined) d.path = init.path;
  if (init.line !== undefined) d.line = init.line;
  if (init.column !== undefined) d.column = init.column;
  return d;
}
