import { temporal } from 'zundo';
import { create } from 'zustand';
import type { Diagnostic, Topology } from '../../shared/model/types';
import { emptyTopology } from '../../shared/model/types';
import { historyOptions, type WithHistory } from '../history/history';
import type { FileRef } from '../platform/types';
import type { Selection, Transient } from './derive';
import { NO_TRANSIENT, positionsOf } from './derive';
import { assignZones, movedOrAdded } from '../zones/membership';
import { setUi, useUi } from '../app/ui-prefs';
import { fillLayout } from './doc-ops';

/**
 * The editor's one source of truth: the topology document, the selection and the UI state.
 * Every document change goes through `setDoc` (the path undo/redo wraps); React Flow's nodes
 * and edges are derived from `doc` (see derive.ts), never stored.
 */

export type BottomTab = 'problems' | 'output' | 'decisions';
export type OutputTab = 'template' | 'compose' | 'configs' | 'kubernetes' | 'mermaid';

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
  /** A whole design just opened: fitted, but not below a readable size. */
  readable?: boolean;
}

/**
 * One design as it was opened (or created, imported, restored): its file, the document as last
 * saved or opened (undefined when it has never been saved as it is), and the findings about its
 * file. Replacing the design starts a new session and is an undo step like any other: undoing it
 * brings back the previous design with its own file and unsaved state (see `syncSession`).
 */
export interface Session {
  file: FileRef | null;
  saved: Topology | undefined;
  fileDiagnostics: Diagnostic[];
}

export interface EditorState {
  doc: Topology;
  /** The design's session (tracked by undo with the document). */
  session: number;
  sessions: ReadonlyMap<number, Session>;
  /** Where the design was opened from or last saved to (its session's). */
  file: FileRef | null;
  /** Changed since it was opened or saved. */
  dirty: boolean;
  selection: Selection;
  transient: Transient;
  /** Findings from reading the file (warnings about kept unknown keys, an importer's notes); the design checks' findings are derived, in findings.ts. */
  fileDiagnostics: Diagnostic[];
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

  /** The one way the document changes. `recipe` returns the next document (or the same one for no change); components it moves or adds join the zone they land in. */
  setDoc(recipe: (doc: Topology) => Topology, opts?: { select?: Partial<Selection> }): void;
  /**
   * Replaces the document (open, new, import, restore) as one undo step, in a new session:
   * selection and transient state are reset; missing positions are filled in. `fresh` starts
   * with no history (the design a window starts with).
   */
  loadDoc(doc: Topology, opts: { file: FileRef | null; dirty?: boolean; fileDiagnostics?: Diagnostic[]; fresh?: boolean }): void;
  markSaved(file: FileRef): void;
  /** After undo or redo: the file, unsaved state and file findings of the session now shown. */
  syncSession(): void;
  select(sel: Partial<Selection>): void;
  setTransient(t: Partial<Transient>): void;
  setConnecting(from: string | null, targets?: ReadonlySet<string>): void;
  setBottom(open: boolean, tab?: BottomTab): void;
  setOutputTab(tab: OutputTab): void;
  setNewDialogOpen(open: boolean): void;
  toast(t: Omit<Toast, 'id'>): void;
  dismissToast(id: number): void;
  /** Centres the view on these components and connections and selects them; with none, fits the whole design. */
  focusOn(target: { nodes?: string[]; edges?: string[]; readable?: boolean }): void;
  editLabel(nodeId: string): void;
}

let toastSeq = 0;
let sessionSeq = 0;
let focusSeq = 0;
const EMPTY_SELECTION: Selection = { nodes: [], edges: [] };

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The store, with undo/redo of the document (zundo's `temporal`, see history/history.ts). */
export const createEditorStore = (initial: Topology = emptyTopology(), now?: () => number) =>
  create<EditorState>()(temporal((set, get, api) => ({
    doc: initial,
    session: 0,
    sessions: new Map([[0, { file: null, saved: initial, fileDiagnostics: [] }]]),
    file: null,
    dirty: false,
    selection: EMPTY_SELECTION,
    transient: NO_TRANSIENT,
    fileDiagnostics: [],
    connectingFrom: null,
    connectTargets: null,
    bottomOpen: useUi.getState().bottomOpen,
    bottomTab: 'problems',
    outputTab: 'template',
    newDialogOpen: false,
    toasts: [],
    focus: null,
    labelFocus: 0,

    setDoc(recipe, opts) {
      const prev = get().doc;
      let next = recipe(prev);
      // Components moved or added join the zone they now sit in (or leave theirs): part of the same change, hence of the same undo step.
      if (next !== prev) next = assignZones(next, movedOrAdded(prev, next));
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
      // Components the file gives no position keep the one they are first drawn at.
      const next = fillLayout(doc, positionsOf);
      const session = ++sessionSeq;
      const fileDiagnostics = opts.fileDiagnostics ?? [];
      const sessions = new Map(get().sessions);
      sessions.set(session, { file: opts.file, saved: opts.dirty ? undefined : next, fileDiagnostics });
      set({
        doc: next,
        session,
        sessions,
        file: opts.file,
        dirty: opts.dirty ?? false,
        selection: EMPTY_SELECTION,
        transient: NO_TRANSIENT,
        fileDiagnostics,
        connectingFrom: null,
        connectTargets: null,
        newDialogOpen: false,
      });
      if (opts.fresh) (api as unknown as WithHistory).temporal.getState().clear();
    },

    markSaved(file) {
      const { session, doc, fileDiagnostics } = get();
      const sessions = new Map(get().sessions);
      sessions.set(session, { file, saved: doc, fileDiagnostics });
      set({ file, dirty: false, sessions });
    },

    syncSession() {
      const { session, sessions, doc, file, dirty, fileDiagnostics } = get();
      const s = sessions.get(session);
      if (!s) return;
      const nextDirty = doc !== s.saved;
      if (s.file !== file || nextDirty !== dirty || s.fileDiagnostics !== fileDiagnostics) set({ file: s.file, dirty: nextDirty, fileDiagnostics: s.fileDiagnostics });
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

    setConnecting(from, targets) {
      if (from === null && get().connectingFrom === null) return;
      set({ connectingFrom: from, connectTargets: from === null ? null : (targets ?? null) });
    },

    setBottom(open, tab) {
      set(tab ? { bottomOpen: open, bottomTab: tab } : { bottomOpen: open });
      if (useUi.getState().bottomOpen !== open) setUi({ bottomOpen: open });
    },

    setOutputTab(tab) {
      set({ outputTab: tab, bottomOpen: true, bottomTab: 'output' });
      if (!useUi.getState().bottomOpen) setUi({ bottomOpen: true });
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
      const focus = { nodes, edges, nonce: ++focusSeq, ...(target.readable ? { readable: true } : {}) };
      if (nodes.length || edges.length) set({ focus, selection: { nodes, edges } });
      else set({ focus });
    },
  }), historyOptions<EditorState>(now)));

export type EditorStore = ReturnType<typeof createEditorStore>;

/** The app's store. */
export const useEditor = createEditorStore();
