import { makeId } from '../../shared/model/ids';
import { parseTopology } from '../../shared/model/parse';
import { serializeTopology } from '../../shared/model/serialize';
import type { Diagnostic, Topology } from '../../shared/model/types';
import { emptyTopology } from '../../shared/model/types';
import { platform } from '../platform';
import type { OpenedDesign } from '../platform/types';
import { generateOutput } from '../services/output-client';
import { useEditor } from '../store/store';

/** File actions: new, open, save, export. User errors become toasts; the current design is never lost. */

function slug(doc: Topology): string {
  return makeId(doc.name || 'design', () => false);
}

function located(d: Diagnostic): string {
  const where = d.line && !new RegExp(`\\bline ${d.line}\\b`).test(d.message) ? ` (line ${d.line}${d.column ? `, column ${d.column}` : ''})` : '';
  return `${d.message.replace(/\.$/, '')}${where}.`;
}

export function newDesign(doc: Topology = emptyTopology('Untitled')): void {
  useEditor.getState().loadDoc(doc, { file: null, dirty: false });
  useEditor.getState().focusOn({});
}

/** Reads a design's text into the editor; on a parse error the current design stays and the reason is shown. */
export function loadText(opened: OpenedDesign): boolean {
  const r = parseTopology(opened.text, { fileName: opened.file.name });
  const s = useEditor.getState();
  if (!r.ok) {
    const first = r.diagnostics.find((d) => d.severity === 'error') ?? r.diagnostics[0];
    s.toast({
      tone: 'error',
      message: first ? `${opened.file.name} can't be opened: ${located(first)}` : `${opened.file.name} can't be opened.`,
      hint: first?.hint ? `${first.hint} Your current design is unchanged.` : 'Your current design is unchanged.',
    });
    return false;
  }
  s.loadDoc(r.doc, { file: opened.file, dirty: opened.dirty ?? false, fileDiagnostics: r.diagnostics });
  s.focusOn({});
  s.toast(opened.dirty ? { tone: 'success', message: `Restored unsaved changes to ${opened.file.name}.`, hint: 'Save to keep them.' } : { tone: 'success', message: `Opened ${opened.file.name}.` });
  return true;
}

export async function openDesign(): Promise<void> {
  try {
    const opened = await platform.openDesign();
    if (opened) loadText(opened);
  } catch (e) {
    useEditor.getState().toast({ tone: 'error', message: (e as Error).message, hint: 'Your current design is unchanged.' });
  }
}

export async function saveDesign(saveAs = false): Promise<boolean> {
  const s = useEditor.getState();
  try {
    const text = serializeTopology(s.doc);
    const file = await platform.saveDesign(text, { saveAs, file: s.file ?? undefined, suggestedName: `${slug(s.doc)}.topo.yaml` });
    if (!file) return false;
    useEditor.getState().markSaved(file);
    useEditor.getState().toast({ tone: 'success', message: `Saved ${file.name}.` });
    return true;
  } catch (e) {
    s.toast({ tone: 'error', message: (e as Error).message, hint: 'Your design is still here and autosaved in this browser; try saving again.' });
    return false;
  }
}

export async function exportBundle(): Promise<void> {
  const s = useEditor.getState();
  try {
    const out = await generateOutput(s.doc, s.diagnostics);
    if (!out.files.length) {
      s.toast({ tone: 'error', message: 'There is nothing to export yet.', hint: out.errors[0] ?? 'The generators are not available in this build.' });
      return;
    }
    const res = await platform.exportBundle(out.files, { suggestedName: `${slug(s.doc)}-bundle` });
    if (res) s.toast({ tone: 'success', message: `Exported ${res.count} files to ${res.location}.` });
  } catch (e) {
    s.toast({ tone: 'error', message: `The bundle could not be exported: ${(e as Error).message}` });
  }
}
