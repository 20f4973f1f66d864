import { makeId } from '../../shared/model/ids';
import { parseTopology } from '../../shared/model/parse';
import { loadSerializer } from '../services/serializer';
import type { Diagnostic, Topology } from '../../shared/model/types';
import { emptyTopology } from '../../shared/model/types';
import { applyLayout, unplaced } from '../layout/apply';
import { layoutDesign } from '../layout/client';
import { findRoutes } from '../layout/routes';
import { platform } from '../platform';
import type { FileRef, OpenedDesign } from '../platform/types';
import { generateOutput } from '../services/output-client';
import { useFindings } from '../store/findings';
import { useEditor } from '../store/store';
import { ask } from './confirm';

/**
 * File actions: new, open, save, export. User errors become toasts; the current design is never
 * lost: whatever replaces it asks first when it has unsaved changes (Save / Don't save / Cancel),
 * and is one undo step.
 */

function slug(doc: Topology): string {
  return makeId(doc.name || 'design', () => false);
}

function located(d: Diagnostic): string {
  const where = d.line && !new RegExp(`\\bline ${d.line}\\b`).test(d.message) ? ` (line ${d.line}${d.column ? `, column ${d.column}` : ''})` : '';
  return `${d.message.replace(/\.$/, '')}${where}.`;
}

/**
 * Before the design on the canvas is replaced by `what` (“Opening orders.topo.yaml”): when it has
 * unsaved changes, asks Save / Don't save / Cancel. True to go on (saved, or the user chose not
 * to), false to leave everything as it is.
 */
export async function keepWork(what: string): Promise<boolean> {
  const s = useEditor.getState();
  if (!s.dirty) return true;
  const name = s.doc.name || 'Untitled';
  const answer = await ask(
    `Save the changes to “${name}”?`,
    `${what} replaces the design on the canvas. Its changes${s.file ? ` since it was saved to ${s.file.name}` : ''} are not saved to a file. (Undo brings it back.)`,
  );
  if (answer === 'cancel') return false;
  if (answer === 'discard') return true;
  return saveDesign(false);
}

/** Positions for the components (and zones) the design has none for, from ELK in the layout worker. */
async function placed(doc: Topology): Promise<Topology> {
  const missing = unplaced(doc);
  if (!missing.length) return doc;
  try {
    const positions = await layoutDesign(doc, { only: missing });
    const ids = new Set(missing);
    for (const g of doc.groups) if (!doc.layout[g.id] || doc.nodes.some((n) => n.group === g.id && ids.has(n.id))) ids.add(g.id);
    return applyLayout(doc, positions, ids);
  } catch {
    return doc; // drawn on a grid instead (the store fills in positions); Auto layout can be run by hand
  }
}

/**
 * The one way a design replaces the one on the canvas (open, new, import, an example, a restored
 * draft): components without a position are laid out first, then the store loads it as one undo
 * step, and the view fits it.
 */
export async function replaceDesign(doc: Topology, opts: { file: FileRef | null; dirty?: boolean; fileDiagnostics?: Diagnostic[]; fresh?: boolean }): Promise<void> {
  const ready = unplaced(doc).length ? await placed(doc) : doc;
  useEditor.getState().loadDoc(ready, opts);
  useEditor.getState().focusOn({ readable: true });
  void findRoutes(useEditor.getState().doc);
}

/** New (a blank design or an example), after asking about unsaved changes. */
export async function newDesign(doc: Topology = emptyTopology('Untitled'), what = 'A new design'): Promise<boolean> {
  if (!(await keepWork(what))) return false;
  await replaceDesign(doc, { file: null, dirty: false });
  return true;
}

/**
 * Reads a design's text into the editor; on a parse error the current design stays and the reason
 * is shown. With `ask`, unsaved changes are asked about first (Open); the shell's own requests
 * (a window's first design, a reload from disk the user chose) load as they come.
 */
export async function loadText(opened: OpenedDesign, opts: { ask?: boolean } = {}): Promise<boolean> {
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
  if (opts.ask && !(await keepWork(`Opening ${opened.file.name}`))) return false;
  await replaceDesign(r.doc, { file: opened.file, dirty: opened.dirty ?? false, fileDiagnostics: r.diagnostics });
  s.toast(opened.dirty ? { tone: 'success', message: `Restored unsaved changes to ${opened.file.name}.`, hint: 'Save to keep them.' } : { tone: 'success', message: `Opened ${opened.file.name}.` });
  return true;
}

export async function openDesign(): Promise<void> {
  try {
    const opened = await platform.openDesign();
    // (The desktop shell opens a file beside unsaved work, in a window of its own: no question there.)
    if (opened) await loadText(opened, { ask: true });
  } catch (e) {
    useEditor.getState().toast({ tone: 'error', message: (e as Error).message, hint: 'Your current design is unchanged.' });
  }
}

export async function saveDesign(saveAs = false): Promise<boolean> {
  const s = useEditor.getState();
  try {
    const serializeTopology = await loadSerializer();
    const text = serializeTopology(s.doc);
    const file = await platform.saveDesign(text, { saveAs, file: s.file ?? undefined, suggestedName: `${slug(s.doc)}.topo.yaml` });
    if (!file) return false;
    useEditor.getState().markSaved(file);
    useEditor.getState().toast(
      file.downloaded
        ? { tone: 'success', message: `Downloaded ${file.name} to your browser's downloads folder.`, hint: 'This browser cannot write to a file itself: each Save downloads a new copy. Open that file to go on from it later.' }
        : { tone: 'success', message: `Saved ${file.name}.` },
    );
    return true;
  } catch (e) {
    s.toast({ tone: 'error', message: (e as Error).message, hint: 'Your design is still here and autosaved in this browser; try saving again.' });
    return false;
  }
}

export async function exportBundle(): Promise<void> {
  const s = useEditor.getState();
  try {
    const f = useFindings.getState();
    const out = await generateOutput(s.doc, f.forDoc === s.doc ? f.checks : undefined);
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
