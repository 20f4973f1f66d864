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

/**
 * Lays out components that have no position: those of a design as it is opened (the store may
 * give them a provisional place on the grid as it loads them, so the ones to lay out are noted
 * before), and any that turn up without one later. No undo step; the design is not marked changed.
 * A component moved by the user in the meantime keeps where it was put.
 */
export function startLayoutOnOpen(): () => void {
  let inFlight = 0;
  let tried: unknown = null;

  const layOut = (ids: readonly string[], fit: boolean) => {
    const doc = useEditor.getState().doc;
    const before = new Map(ids.map((id) => [id, doc.layout[id]]));
    inFlight++;
    return layoutDesign(doc, { only: [...ids] })
      .then((positions) => {
        const cur = useEditor.getState().doc;
        const allowed = new Set<string>();
        for (const [id, p] of before) if (cur.layout[id] === p) allowed.add(id);
        for (const g of cur.groups) {
          if (before.has(g.id) || !cur.layout[g.id] || cur.nodes.some((n) => n.group === g.id && allowed.has(n.id))) allowed.add(g.id);
        }
        const next = applyLayout(cur, positions, allowed);
        if (next !== cur) {
          untracked(useEditor, () => useEditor.setState({ doc: next }));
          if (fit) useEditor.getState().focusOn({});
        }
      })
      .catch(() => {
        // They stay where the canvas first drew them; Auto layout can be run by hand.
      })
      .finally(() => {
        inFlight--;
      });
  };

  const check = () => {
    const doc = useEditor.getState().doc;
    if (inFlight || tried === doc) return;
    const missing = unplaced(doc);
    if (!missing.length) return;
    tried = doc;
    void layOut(missing, missing.length === doc.nodes.length).then(check);
  };

  const load = useEditor.getState().loadDoc;
  useEditor.setState({
    loadDoc(doc, opts) {
      const missing = unplaced(doc);
      const zones = doc.groups.filter((g) => !doc.layout[g.id]).map((g) => g.id);
      load(doc, opts);
      if (missing.length) void layOut([...missing, ...zones], missing.length === doc.nodes.length);
    },
  });
  check();
  const off = useEditor.subscribe((s, prev) => {
    if (s.doc !== prev.doc) check();
  });
  return () => {
    off();
    if (useEditor.getState().loadDoc !== load) useEditor.setState({ loadDoc: load });
  };
}
