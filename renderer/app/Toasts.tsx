import { useEditor } from '../store/store';
import { SeverityIcon } from '../panels/SeverityIcon';
import { HelpText } from '../inspector/fields';

export function Toasts() {
  const toasts = useEditor((s) => s.toasts);
  const dismiss = useEditor((s) => s.dismissToast);
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast tone-${t.tone}`} role={t.tone === 'error' ? 'alert' : 'status'}>
          {t.tone === 'success' ? (
            <svg className="toast-icon" viewBox="0 0 16 16" width="15" height="15" aria-hidden="true">
              <circle cx="8" cy="8" r="7" fill="currentColor" />
              <path d="m5 8.2 2 2 4-4.2" stroke="#fff" strokeWidth="1.6" fill="none" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
          ) : (
            <SeverityIcon severity={t.tone === 'error' ? 'error' : 'info'} />
          )}
          <div className="toast-text">
            <div className="toast-message">
              <HelpText text={t.message} />
            </div>
            {t.hint ? (
              <div className="toast-hint">
                <HelpText text={t.hint} />
              </div>
            ) : null}
          </div>
          <button type="button" className="btn-icon" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
