import { registerCommand, notifyCommandsChanged } from '../app/commands';
import { canvasApi } from '../canvas/api';
import { useEditor } from '../store/store';
import { applyLayout } from './apply';
import { layoutWithRoutes } from './client';
import { keepRoutes } from './routes';

/**
 * Auto layout (Mod+Shift+L, the toolbar's "Auto layout"): the selected components when two or
 * more are selected (a selected zone brings its components), else the whole design; one undo
 * step. (A design opened with components that have no position is laid out before it is shown:
 * app/actions.ts, replaceDesign.)
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
    const { positions, routes } = await layoutWithRoutes(s.doc, only ? { only } : {});
    useEditor.getState().setDoc((d) => applyLayout(d, positions));
    keepRoutes(useEditor.getState().doc, positions, routes);
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
