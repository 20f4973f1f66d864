import { registerCommand, notifyCommandsChanged } from '../app/commands';
import { useEditor } from '../store/store';
import { applyLayout } from './apply';
import { layoutWithRoutes } from './client';
import { keepRoutes } from './routes';

/**
 * Auto layout (Mod+Shift+L, the toolbar's "Auto layout"): the whole design, one undo step; the
 * context menu lays out a selection on its own. (A design opened with components that have no position is laid out before it is shown:
 * app/actions.ts, replaceDesign.)
 */

let busy = false;

/** The components a selection stands for: the selected ones, and those of selected zones. */
export function selectedComponents(): string[] {
  const { doc, selection } = useEditor.getState();
  const zones = new Set(doc.groups.map((g) => g.id));
  const picked = new Set(selection.nodes);
  return doc.nodes.filter((n) => picked.has(n.id) || (n.group !== undefined && zones.has(n.group) && picked.has(n.group))).map((n) => n.id);
}

/**
 * Auto layout: the whole design, whatever is selected (a leftover selection never narrows it);
 * `only` lays out just those components (the context menu's "Lay out selection"). One undo step;
 * the view then fits the result.
 */
export async function runAutoLayout(only?: readonly string[]): Promise<void> {
  if (busy) return;
  const s = useEditor.getState();
  busy = true;
  notifyCommandsChanged();
  try {
    const { positions, routes } = await layoutWithRoutes(s.doc, only ? { only } : {});
    useEditor.getState().setDoc((d) => applyLayout(d, positions));
    keepRoutes(useEditor.getState().doc, positions, routes);
    if (!only) useEditor.getState().focusOn({});
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
