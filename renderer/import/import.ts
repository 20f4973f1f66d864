import type { Diagnostic, Topology } from '../../shared/model/types';
import { keepWork, replaceDesign } from '../app/actions';
import { registerCommand } from '../app/commands';
import { useEditor } from '../store/store';

/**
 * File → Import: a docker-compose.yml or a Mermaid flowchart becomes a new, unsaved design
 * (generators/interop: kinds from images or labels and shapes, connections inferred, zones from
 * networks or subgraphs, laid out with ELK). The current design is replaced only when the import
 * succeeds, after asking about its unsaved changes; the replacement is one undo step. The
 * importer's notes are listed in Problems until the next design replaces this one.
 */

export type ImportFormat = 'compose' | 'mermaid';

/** Mermaid flowcharts start with `flowchart`/`graph` (after comments and front matter); anything else is read as compose YAML. */
export function detectImportFormat(fileName: string, text: string): ImportFormat {
  if (/\.(mmd|mermaid)$/i.test(fileName)) return 'mermaid';
  const body = text
    .replace(/^---\n[\s\S]*?\n---\n/, '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('%%'));
  return /^(flowchart|graph)\b/.test(body[0] ?? '') ? 'mermaid' : 'compose';
}

export interface ImportOutcome {
  ok: boolean;
  doc?: Topology;
  /** The importer's notes (guessed kinds, connections without a protocol...), shown in Problems with the design's findings. */
  notes?: Diagnostic[];
  message: string;
  hint?: string;
}

/** Reads the text with the right importer; never throws for a user's file. */
export async function importText(fileName: string, text: string): Promise<ImportOutcome> {
  const format = detectImportFormat(fileName, text);
  // The importers lay the result out with ELK: loaded only when an import happens.
  const { importCompose, importMermaid } = await import('../../generators/interop');
  const base = fileName.replace(/\.(ya?ml|mmd|mermaid|md|txt)$/i, '').replace(/^docker-compose$/i, 'Imported stack');
  try {
    const result = format === 'compose' ? await importCompose(text, { name: base }) : await importMermaid(text, { name: base });
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length) return { ok: false, message: `${fileName} can't be imported: ${errors[0]!.message}`, hint: `${errors[0]!.hint} Your current design is unchanged.` };
    const notes = result.diagnostics.length;
    const what = format === 'compose' ? 'docker-compose file' : 'Mermaid flowchart';
    return {
      ok: true,
      doc: result.doc,
      notes: result.diagnostics,
      message: `Imported ${fileName} (${what}): ${result.doc.nodes.length} components, ${result.doc.edges.length} connections.`,
      hint: notes ? `${notes} note${notes === 1 ? '' : 's'} on guessed kinds or connections: check the Problems panel and the inspector, then save.` : 'Save it to keep it.',
    };
  } catch (e) {
    return { ok: false, message: `${fileName} can't be imported: ${e instanceof Error ? e.message : String(e)}`, hint: 'Your current design is unchanged.' };
  }
}

function pickFile(): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.yml,.yaml,.mmd,.mermaid,.md,.txt';
    input.setAttribute('aria-label', 'Import a docker-compose file or a Mermaid flowchart');
    input.style.display = 'none';
    input.dataset.topoforgeImport = '';
    input.addEventListener('change', () => {
      resolve(input.files?.[0] ?? null);
      input.remove();
    });
    input.addEventListener('cancel', () => {
      resolve(null);
      input.remove();
    });
    document.body.appendChild(input);
    input.click();
  });
}

export async function runImport(): Promise<void> {
  const file = await pickFile();
  if (!file) return;
  const s = useEditor.getState();
  if (file.size > 10 * 1024 * 1024) {
    s.toast({ tone: 'error', message: `${file.name} is too large to import (over 10 MB).`, hint: 'Your current design is unchanged.' });
    return;
  }
  const outcome = await importText(file.name, await file.text());
  if (!outcome.ok || !outcome.doc) {
    s.toast({ tone: 'error', message: outcome.message, hint: outcome.hint });
    return;
  }
  if (!(await keepWork(`Importing ${file.name}`))) return;
  await replaceDesign(outcome.doc, { file: null, dirty: true, fileDiagnostics: outcome.notes });
  s.toast({ tone: 'success', message: outcome.message, hint: outcome.hint });
}

registerCommand('file.import', { run: () => void runImport() });
