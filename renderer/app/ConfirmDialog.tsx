import { useEffect, useRef } from 'react';
import { useQuestion } from './confirm';

/** Save / Don't save / Cancel, before unsaved work would be replaced (see confirm.ts). */
export function ConfirmDialog() {
  const q = useQuestion((s) => s.question);
  const save = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (q) save.current?.focus();
  }, [q]);
  if (!q) return null;
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && q.answer('cancel')}>
      <div
        className="modal modal-confirm"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="confirm-title"
        aria-describedby="confirm-message"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            q.answer('cancel');
          }
        }}
      >
        <div className="modal-head">
          <h2 id="confirm-title">{q.title}</h2>
        </div>
        <p id="confirm-message" className="modal-text">
          {q.message}
        </p>
        <div className="modal-actions">
          <button type="button" className="btn" onClick={() => q.answer('discard')}>
            Don't save
          </button>
          <span className="spacer" />
          <button type="button" className="btn" onClick={() => q.answer('cancel')}>
            Cancel
          </button>
          <button ref={save} type="button" className="btn btn-primary" onClick={() => q.answer('save')}>
            Save
          </button>
        </div>
      </div>
    </div>
  );
}
