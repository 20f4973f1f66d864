import { notifyCommandsChanged, registerCommand } from '../app/commands';
import type { Topology } from '../../shared/model/types';
import { useEditor } from '../store/store';
import { canRedo, canUndo, redo, undo } from './history';

/**
 * Undo (Mod+Z) and Redo (Mod+Shift+Z, Mod+Y), for the toolbar, the keys, the palette and the
 * menus. After a step the store takes the file and unsaved state of the design now shown
 * (`syncSession`): undoing back to the document as it was saved (or opened) clears the unsaved
 * mark, and undoing an Open or a New brings back the previous design with its own file.
 */
function movedMany(a: Topology, b: Topology): boolean {
  if (a.layout === b.layout) return false;
  let n = 0;
  for (const id of Object.keys(b.layout)) if (a.layout[id] !== b.layout[id] && ++n >= 3) return true;
  return false;
}

export function registerHistoryCommands(): () => void {
  const step = (fn: typeof undo) => () => {
    const before = useEditor.getState().doc;
    fn(useEditor);
    useEditor.getState().syncSession();
    // A step that moves much of the design (an Auto layout, an Open) shows all of it again, rather than leaving it off-screen.
    const after = useEditor.getState().doc;
    if (after !== before && (after.nodes !== before.nodes || movedMany(before, after))) useEditor.getState().focusOn({});
  };
  const offs = [
    registerCommand('edit.undo', { run: step(undo), enabled: () => canUndo(useEditor) }),
    registerCommand('edit.redo', { run: step(redo), enabled: () => canRedo(useEditor) }),
  ];
  // The toolbar's buttons follow whether there is something to undo or redo.
  let last = `${canUndo(useEditor)}${canRedo(useEditor)}`;
  const off = useEditor.temporal.subscribe(() => {
    const now = `${canUndo(useEditor)}${canRedo(useEditor)}`;
    if (now !== last) {
      last = now;
      notifyCommandsChanged();
    }
  });
  return () => {
    off();
    offs.forEach((f) => f());
  };
}
