import { notifyCommandsChanged, registerCommand } from '../app/commands';
import type { Topology } from '../../shared/model/types';
import { useEditor } from '../store/store';
import { canRedo, canUndo, redo, undo } from './history';

/**
 * Undo (Mod+Z) and Redo (Mod+Shift+Z, Mod+Y), for the toolbar, the keys, the palette and the
 * menus. Undoing back to the document as it was saved (or opened) clears the unsaved mark.
 */
export function registerHistoryCommands(): () => void {
  // The document as last saved or opened: whatever it is while nothing is unsaved.
  let saved: Topology | undefined = useEditor.getState().dirty ? undefined : useEditor.getState().doc;
  let stepping = false;
  const offSaved = useEditor.subscribe((s) => {
    if (!s.dirty && !stepping) saved = s.doc;
  });
  const step = (fn: typeof undo) => () => {
    stepping = true;
    try {
      fn(useEditor);
    } finally {
      stepping = false;
    }
    const { doc, dirty } = useEditor.getState();
    if (dirty !== (doc !== saved)) useEditor.setState({ dirty: doc !== saved });
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
    offSaved();
    offs.forEach((f) => f());
  };
}
