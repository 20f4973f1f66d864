import { notifyCommandsChanged, registerCommand } from '../app/commands';
import { useEditor } from '../store/store';
import { canRedo, canUndo, redo, undo } from './history';

/** Undo (Mod+Z) and Redo (Mod+Shift+Z, Mod+Y), for the toolbar, the keys, the palette and the menus. */
export function registerHistoryCommands(): () => void {
  const offs = [
    registerCommand('edit.undo', { run: () => undo(useEditor), enabled: () => canUndo(useEditor) }),
    registerCommand('edit.redo', { run: () => redo(useEditor), enabled: () => canRedo(useEditor) }),
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
