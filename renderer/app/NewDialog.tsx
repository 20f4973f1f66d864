import { useEffect, useRef } from 'react';
import { emptyTopology, type Topology } from '../../shared/model/types';
import { EXAMPLES } from '../services/examples';
import { useEditor } from '../store/store';
import { newDesign } from './actions';

/** New: a blank design or one of the examples. Unsaved changes are asked about before they are replaced (Save / Don't save / Cancel), and the replacement can be undone. */
export function NewDialog() {
  const open = useEditor((s) => s.newDialogOpen);
  const dirty = useEditor((s) => s.dirty);
  const close = () => useEditor.getState().setNewDialogOpen(false);
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) first.current?.focus();
  }, [open]);
  if (!open) return null;
  const choose = async (doc: Topology, what: string) => {
    close();
    await newDesign(doc, what);
  };
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="new-title" onKeyDown={(e) => e.key === 'Escape' && close()}>
        <div className="modal-head">
          <h2 id="new-title">New design</h2>
          <button type="button" className="btn-icon" aria-label="Close" onClick={close}>
            ×
          </button>
        </div>
        {dirty ? <div className="banner banner-warning">The current design has unsaved changes: you will be asked whether to save them.</div> : null}
        <div className="choices">
          <button ref={first} type="button" className="choice" onClick={() => void choose(emptyTopology('Untitled'), 'A blank design')}>
            <span className="choice-title">Blank design</span>
            <span className="choice-desc">An empty canvas.</span>
          </button>
          {EXAMPLES.map((ex) => (
            <button key={ex.id} type="button" className="choice" onClick={() => void choose(ex.load(), `The example “${ex.title}”`)}>
              <span className="choice-title">{ex.title}</span>
              <span className="choice-desc">{ex.description || 'Example design.'}</span>
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}
