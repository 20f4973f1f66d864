import type { TemporalState, ZundoOptions } from 'zundo';
import type { StoreApi } from 'zustand';
import { edgeIds } from '../../shared/model/ids';
import type { Topology } from '../../shared/model/types';
import type { Selection } from '../store/derive';

/**
 * Undo and redo of the document, with zundo's `temporal` middleware on the editor store.
 *
 * - Only `doc`, `selection` and `session` are tracked (`partialize`), and an entry is made only
 *   when the document (or the design, on Open, New, Import) changed (`equality`): selecting, panning, toasts and the like are not undo steps.
 *   The selection is kept with each entry so that an undo selects what the step was about.
 * - The history is bounded (`HISTORY_LIMIT` entries; the oldest go first).
 * - Typing in a field makes one step, not one per keystroke: a change to the same single field
 *   (a component's label, one of its settings, the design's name...) right after a change to
 *   that same field, within `COALESCE_MS`, joins the step before it (`changeKey`).
 * - A drag is one step because the canvas only writes positions to the document on drag stop.
 */

export const HISTORY_LIMIT = 200;
export const COALESCE_MS = 1000;

export interface Tracked {
  doc: Topology;
  selection: Selection;
  /** The design's session (store.ts): undoing an Open or a New brings back the previous design's file too. */
  session: number;
}

function onlyChanged(a: Topology, b: Topology, keys: readonly string[]): boolean {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  const all = new Set([...ka, ...kb]);
  for (const k of all) {
    const same = (a as Record<string, unknown>)[k] === (b as Record<string, unknown>)[k];
    if (!same && !keys.includes(k)) return false;
  }
  return true;
}

/** The one key of two records whose value differs, or undefined when none or several do. */
function singleDiff(a: Record<string, unknown>, b: Record<string, unknown>): string | undefined {
  let found: string | undefined;
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (a[k] === b[k]) continue;
    if (found !== undefined) return undefined;
    found = k;
  }
  return found;
}

/** `label`, or `prop:<key>` when exactly one of these changed in a component, connection or zone. */
function fieldOf(a: Record<string, unknown>, b: Record<string, unknown>): string | undefined {
  const k = singleDiff(a, b);
  if (k === undefined) return undefined;
  if (k === 'props') {
    const p = singleDiff((a.props ?? {}) as Record<string, unknown>, (b.props ?? {}) as Record<string, unknown>);
    return p === undefined ? undefined : `prop:${p}`;
  }
  // Structural fields (id, kind, group, from, to, protocol) are never coalesced.
  return k === 'label' || k === 'description' ? k : undefined;
}

function singleIndex<T>(a: readonly T[], b: readonly T[]): number {
  if (a.length !== b.length) return -1;
  let at = -1;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    if (at >= 0) return -1;
    at = i;
  }
  return at;
}

/**
 * What a change from `a` to `b` edits when it edits one text-like field only (the design's name,
 * one requirement, one component's label or setting, one connection's label or setting, one
 * zone's label), as a key naming that field; undefined for anything else (adds, deletes, moves,
 * connects, renames of ids, several fields at once). Two changes with the same key in a row are
 * one undo step.
 */
export function changeKey(a: Topology, b: Topology): string | undefined {
  if (a === b) return undefined;
  if (onlyChanged(a, b, ['name', 'description'])) {
    const k = singleDiff({ name: a.name, description: a.description }, { name: b.name, description: b.description });
    return k ? `meta:${k}` : undefined;
  }
  if (onlyChanged(a, b, ['requirements'])) {
    const k = singleDiff(a.requirements ?? {}, b.requirements ?? {});
    return k ? `req:${k}` : undefined;
  }
  if (onlyChanged(a, b, ['nodes'])) {
    const i = singleIndex(a.nodes, b.nodes);
    if (i < 0 || a.nodes[i]!.id !== b.nodes[i]!.id) return undefined;
    const f = fieldOf(a.nodes[i]!, b.nodes[i]!);
    return f ? `node:${a.nodes[i]!.id}:${f}` : undefined;
  }
  if (onlyChanged(a, b, ['edges'])) {
    const i = singleIndex(a.edges, b.edges);
    if (i < 0) return undefined;
    const f = fieldOf(a.edges[i]!, b.edges[i]!);
    return f ? `edge:${edgeIds(a.edges)[i]}:${f}` : undefined;
  }
  if (onlyChanged(a, b, ['groups'])) {
    const i = singleIndex(a.groups, b.groups);
    if (i < 0 || a.groups[i]!.id !== b.groups[i]!.id) return undefined;
    const f = fieldOf(a.groups[i]!, b.groups[i]!);
    return f ? `group:${a.groups[i]!.id}:${f}` : undefined;
  }
  return undefined;
}

type HandleSet = (pastState: Tracked, replace: unknown, currentState: Tracked, deltaState?: Partial<Tracked> | null) => void;

/**
 * zundo options for a store whose state has `doc` and `selection`. `now` is the clock (tests
 * pass their own).
 */
export function historyOptions<S extends Tracked>(now: () => number = () => Date.now()): ZundoOptions<S, Tracked> {
  // The document the last recorded (or joined) change produced, its key and when it happened.
  let lastDoc: Topology | undefined;
  let lastKey: string | undefined;
  let lastAt = 0;
  const coalesce = (handle: HandleSet): HandleSet => (past, replace, current, delta) => {
    const t = now();
    const key = changeKey(past.doc, current.doc);
    // Joined only when nothing else happened in between (an undo puts another document back).
    const join = key !== undefined && key === lastKey && past.doc === lastDoc && t - lastAt < COALESCE_MS;
    lastDoc = current.doc;
    lastKey = key;
    lastAt = t;
    if (!join) handle(past, replace, current, delta);
  };
  return {
    partialize: (s: S): Tracked => ({ doc: s.doc, selection: s.selection, session: s.session }),
    equality: (a: Tracked, b: Tracked) => a.doc === b.doc && a.session === b.session,
    limit: HISTORY_LIMIT,
    handleSet: coalesce as unknown as ZundoOptions<S, Tracked>['handleSet'],
  };
}

/** What the history commands need of a store: its zundo `temporal` store. */
export interface WithHistory {
  temporal: StoreApi<TemporalState<Tracked>>;
}

export function canUndo(store: WithHistory): boolean {
  return store.temporal.getState().pastStates.length > 0;
}

export function canRedo(store: WithHistory): boolean {
  return store.temporal.getState().futureStates.length > 0;
}

let applying = 0;

/** True while an undo or redo is putting a document back (listeners must not amend it). */
export function isApplyingHistory(): boolean {
  return applying > 0;
}

export function undo(store: WithHistory): void {
  applying++;
  try {
    store.temporal.getState().undo();
  } finally {
    applying--;
  }
}

export function redo(store: WithHistory): void {
  applying++;
  try {
    store.temporal.getState().redo();
  } finally {
    applying--;
  }
}

export function clearHistory(store: WithHistory): void {
  store.temporal.getState().clear();
}

/**
 * Runs `fn` without recording: its document changes become part of the step before them (used
 * to keep a component's zone in step with where it was dropped, and for layout on open).
 */
export function untracked(store: WithHistory, fn: () => void): void {
  const t = store.temporal.getState();
  if (!t.isTracking) {
    fn();
    return;
  }
  t.pause();
  try {
    fn();
  } finally {
    store.temporal.getState().resume();
  }
}

/**
 * A gesture (resizing a zone) that updates the document live and ends as one undo step:
 * `begin` stops recording and remembers the document; `end` puts that document back unrecorded,
 * then applies the final one as a single recorded change (none when nothing changed).
 */
export function gesture<S extends Tracked>(store: WithHistory & StoreApi<S>) {
  let start: Topology | undefined;
  return {
    begin() {
      if (start) return;
      start = store.getState().doc;
      store.temporal.getState().pause();
    },
    get active() {
      return start !== undefined;
    },
    end() {
      if (!start) return;
      const final = store.getState().doc;
      const first = start;
      start = undefined;
      store.setState({ doc: first } as Partial<S>);
      store.temporal.getState().resume();
      if (final !== first) store.setState({ doc: final, dirty: true } as unknown as Partial<S>);
    },
  };
}
