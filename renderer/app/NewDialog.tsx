import { useEffect, useRef } from 'react';
import { emptyTopology } from '../../shared/model/types';
import { EXAMPLES } from '../services/examples';
import { useEditor } from '../store/store';
import { newDesign } from './actions';

/** New: a blank design or one of the examples. Replacing the current one is safe: it was autosaved, and unsaved changes are warned about. */
export function NewDialog() {
  const open = useEditor((s) => s.newDialogOpen);
  const dirty = useEditor((s) => s.dirty);
  const close = () => useEditor.getState().setNewDialogOpen(false);
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) first.current?.focus();
  }, [open]);
  if (!open) return null;
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="new-title" onKeyDown={(e) => e.key === 'Escape' && close()}>
        <div className="modal-head">
          <h2 id="new-title">New design</h2>
          <button type="button" className="btn-icon" aria-label="Close" onClick={close}>
            ×
          </button>
        </div>
        {dirty ? <div className="banner banner-warning">The current design has unsaved changes. Save it first if you want to keep it as a file.</div> : null}
        <div className="choices">
          <button ref={first} type="button" className="choice" onClick={() => newDesign(emptyTopology('Untitled'))}>
            <span className="choice-title">Blank design</span>
            <span className="choice-desc">An empty canvas.</span>
          </button>
          {EXAMPLES.map((ex) => (
            <button key={ex.id} type="button" className="choice" onClick={() => newDesign(ex.load())}>
              <span className="choice-title">{ex.title}</span>
              <span className="choice-desc">{ex.description || 'Example design.'}</span>
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}
