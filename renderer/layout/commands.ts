import { registerCommand, notifyCommandsChanged } from '../app/commands';
import { canvasApi } from '../canvas/api';
import { untracked } from '../history/history';
import { useEditor } from '../store/store';
import { applyLayout, unplaced } from './apply';
import { layoutDesign } from './client';

/**
 * Auto layout (Mod+Shift+L, the toolbar's "Auto layout"): the selected components when two or
 * more are selected (a selected zone brings its components), else the whole design; one undo
 * step. And layout on open: components without a position are laid out as soon as the design
 * is there, without an undo step and without marking the design changed.
 */

let busy = false;

/** The components to lay out for the current selection, or undefined for the whole design. */
export function layoutTargets(): string[] | undefined {
  const { doc, selection } = useEditor.getState();
  const zones = new Set(doc.groups.map((g) => g.id));
  const picked = new Set(selection.nodes);
  const ids = doc.nodes.filter((n) => picked.has(n.id) || (n.group !== undefined && zones.has(n.group) && picked.has(n.group))).map((n) => n.id);
  return ids.length >= 2 ? ids : undefined;
}

export async function runAutoLayout(): Promise<void> {
  if (busy) return;
  const s = useEditor.getState();
  const only = layoutTargets();
  busy = true;
  notifyCommandsChanged();
  try {
    const positions = await layoutDesign(s.doc, only ? { only } : {});
    useEditor.getState().setDoc((d) => applyLayout(d, positions));
    if (!only) canvasApi.current?.fit();
  } catch (e) {
    useEditor.getState().toast({ tone: 'error', message: `The design could not be laid out: ${(e as Error).message}.`, hint: 'Your design is unchanged.' });
  } finally {
    busy = false;
    notifyCommandsChanged();
  }
}

export function registerLayoutCommands(): () => void {
  return registerCommand('arrange.autoLayout', {
    run: () => void runAutoLayout(),
    enabled: () => !busy && useEditor.getState().doc.nodes.length > 0,
  });
}

/** Lays out components that have no position, whenever the document has some (open, import, paste of a hand-written file). */
export function startLayoutOnOpen(): () => void {
  let inFlight = false;
  let tried: unknown = null;
  const check = () => {
    const doc = useEditor.getState().doc;
    if (inFlight || tried === doc) return;
    const missing = unplaced(doc);
    if (!missing.length) return;
    tried = doc;
    inFlight = true;
    const wasAllUnplaced = missing.length === doc.nodes.length;
    layoutDesign(doc, { only: missing })
      .then((positions) => {
        const cur = useEditor.getState().doc;
        const still = new Set(unplaced(cur));
        const allowed = new Set<string>(still);
        for (const g of cur.groups) {
          if (!cur.layout[g.id] || cur.nodes.some((n) => n.group === g.id && still.has(n.id))) allowed.add(g.id);
        }
        const next = applyLayout(cur, positions, allowed);
        if (next !== cur) {
          untracked(useEditor, () => useEditor.setState({ doc: next }));
          if (wasAllUnplaced) useEditor.getState().focusOn({});
        }
      })
      .catch(() => {
        // The grid the canvas draws unplaced components on stays; Auto layout can be run by hand.
      })
      .finally(() => {
        inFlight = false;
        check();
      });
  };
  check();
  return useEditor.subscribe((s, prev) => {
    if (s.doc !== prev.doc) check();
  });
}
