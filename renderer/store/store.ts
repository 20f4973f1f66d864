import { temporal } from 'zundo';
import { create } from 'zustand';
import type { Diagnostic, Topology } from '../../shared/model/types';
import { emptyTopology } from '../../shared/model/types';
import { historyOptions, type WithHistory } from '../history/history';
import type { FileRef } from '../platform/types';
import type { DiagSummary, Selection, Transient } from './derive';
import { NO_TRANSIENT, positionsOf, summarise } from './derive';
import { fillLayout } from './doc-ops';

/**
 * The editor's one source of truth: the topology document, the selection and the UI state.
 * Every document change goes through `setDoc` (the path undo/redo wraps); React Flow's nodes
 * and edges are derived from `doc` (see derive.ts), never stored.
 */

export type BottomTab = 'problems' | 'output' | 'decisions';
export type OutputTab = 'template' | 'compose' | 'configs' | 'mermaid';

export interface Toast {
  id: number;
  tone: 'error' | 'info' | 'success';
  message: string;
  hint?: string;
}

export interface FocusRequest {
  nodes: string[];
  edges: string[];
  nonce: number;
}

export interface EditorState {
  doc: Topology;
  /** Where the design was opened from or last saved to. */
  file: FileRef | null;
  /** Changed since it was opened or saved. */
  dirty: boolean;
  selection: Selection;
  transient: Transient;
  /** Findings from reading the file (warnings about kept unknown keys and the like). */
  fileDiagnostics: Diagnostic[];
  /** Findings of the design checks, recomputed as the document changes. */
  diagnostics: Diagnostic[];
  /** Findings per component and per connection id, for the canvas badges (unchanged entries keep their identity). */
  nodeDiags: ReadonlyMap<string, DiagSummary>;
  edgeDiags: ReadonlyMap<string, DiagSummary>;
  /** While a connection is dragged: the node it starts from, and the nodes it may end at. */
  connectingFrom: string | null;
  connectTargets: ReadonlySet<string> | null;
  bottomOpen: boolean;
  bottomTab: BottomTab;
  outputTab: OutputTab;
  newDialogOpen: boolean;
  toasts: Toast[];
  focus: FocusRequest | null;
  /** Bumped to put the keyboard in the selected component's label field (double-click on the canvas). */
  labelFocus: number;

  /** The one way the document changes. `recipe` returns the next document (or the same one for no change). */
  setDoc(recipe: (doc: Topology) => Topology, opts?: { select?: Partial<Selection> }): void;
  /** Replaces the document (open, new, restore): selection and transient state are reset; missing positions are filled in. */
  loadDoc(doc: Topology, opts: { file: FileRef | null; dirty?: boolean; fileDiagnostics?: Diagnostic[] }): void;
  markSaved(file: FileRef): void;
  select(sel: Partial<Selection>): void;
  setTransient(t: Partial<Transient>): void;
  setDiagnostics(d: Diagnostic[]): void;
  setConnecting(from: string | null, targets?: ReadonlySet<string>): void;
  setBottom(open: boolean, tab?: BottomTab): void;
  setOutputTab(tab: OutputTab): void;
  setNewDialogOpen(open: boolean): void;
  toast(t: Omit<Toast, 'id'>): void;
  dismissToast(id: number): void;
  /** Centres the view on these components and connections and selects them; with none, fits the whole design. */
  focusOn(target: { nodes?: string[]; edges?: string[] }): void;
  editLabel(nodeId: string): void;
}

let toastSeq = 0;
let focusSeq = 0;
const EMPTY_SELECTION: Selection = { nodes: [], edges: [] };

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function sameSummary(a: DiagSummary, b: DiagSummary): boolean {
  return a.errors === b.errors && a.warnings === b.warnings && a.infos === b.infos && sameList(a.messages, b.messages);
}

/** The new summaries, reusing the previous objects where nothing changed. */
function keepSame(prev: ReadonlyMap<string, DiagSummary>, next: Map<string, DiagSummary>): ReadonlyMap<string, DiagSummary> {
  for (const [k, v] of next) {
    const p = prev.get(k);
    if (p && sameSummary(p, v)) next.set(k, p);
  }
  return next;
}

/** The store, with undo/redo of the document (zundo's `temporal`, see history/history.ts). */
export const createEditorStore = (initial: Topology = emptyTopology(), now?: () => number) =>
  create<EditorState>()(temporal((set, get, api) => ({
    doc: initial,
    file: null,
    dirty: false,
    selection: EMPTY_SELECTION,
    transient: NO_TRANSIENT,
    fileDiagnostics: [],
    diagnostics: [],
    nodeDiags: new Map(),
    edgeDiags: new Map(),
    connectingFrom: null,
    connectTargets: null,
    bottomOpen: true,
    bottomTab: 'problems',
    outputTab: 'template',
    newDialogOpen: false,
    toasts: [],
    focus: null,
    labelFocus: 0,

    setDoc(recipe, opts) {
      const prev = get().doc;
      const next = recipe(prev);
      const patch: Partial<EditorState> = {};
      if (next !== prev) {
        patch.doc = next;
        patch.dirty = true;
      }
      if (opts?.select) {
        const sel = { ...get().selection, ...opts.select };
        patch.selection = sel;
      }
      if (Object.keys(patch).length) set(patch);
    },

    loadDoc(doc, opts) {
      set({
        // Components the file gives no position keep the one they are first drawn at.
        doc: fillLayout(doc, positionsOf),
        file: opts.file,
        dirty: opts.dirty ?? false,
        selection: EMPTY_SELECTION,
        transient: NO_TRANSIENT,
        fileDiagnostics: opts.fileDiagnostics ?? [],
        connectingFrom: null,
        connectTargets: null,
        newDialogOpen: false,
      });
      // A design opened or created starts with no history.
      (api as unknown as WithHistory).temporal.getState().clear();
    },

    markSaved(file) {
      set({ file, dirty: false });
    },

    select(sel) {
      const cur = get().selection;
      const nodes = sel.nodes ?? cur.nodes;
      const edges = sel.edges ?? cur.edges;
      if (sameList(nodes, cur.nodes) && sameList(edges, cur.edges)) return;
      set({ selection: { nodes, edges } });
    },

    setTransient(t) {
      set({ transient: { ...get().transient, ...t } });
    },

    setDiagnostics(d) {
      const { nodes, edges } = summarise(d);
      set({ diagnostics: d, nodeDiags: keepSame(get().nodeDiags, nodes), edgeDiags: keepSame(get().edgeDiags, edges) });
    },

    setConnecting(from, targets) {
      if (from === null && get().connectingFrom === null) return;
      set({ connectingFrom: from, connectTargets: from === null ? null : (targets ?? null) });
    },

    setBottom(open, tab) {
      set(tab ? { bottomOpen: open, bottomTab: tab } : { bottomOpen: open });
    },

    setOutputTab(tab) {
      set({ outputTab: tab, bottomOpen: true, bottomTab: 'output' });
    },

    setNewDialogOpen(open) {
      set({ newDialogOpen: open });
    },

    toast(t) {
      const id = ++toastSeq;
      set({ toasts: [...get().toasts.slice(-2), { ...t, id }] });
      setTimeout(() => get().dismissToast(id), t.tone === 'error' ? 8000 : 4000);
    },

    dismissToast(id) {
      const toasts = get().toasts.filter((t) => t.id !== id);
      if (toasts.length !== get().toasts.length) set({ toasts });
    },

    editLabel(nodeId) {
      set({ selection: { nodes: [nodeId], edges: [] }, labelFocus: get().labelFocus + 1 });
    },

    focusOn(target) {
      const nodes = target.nodes ?? [];
      const edges = target.edges ?? [];
      const focus = { nodes, edges, nonce: ++focusSeq };
      if (nodes.length || edges.length) set({ focus, selection: { nodes, edges } });
      else set({ focus });
    },
  }), historyOptions<EditorState>(now)));

export type EditorStore = ReturnType<typeof createEditorStore>;

/** The app's store. */
export const useEditor = createEditorStore();
