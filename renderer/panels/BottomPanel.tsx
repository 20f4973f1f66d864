import { lazy, Suspense, useCallback, useRef, useState } from 'react';
import { useEditor, type BottomTab } from '../store/store';
import { countBySeverity, Problems } from './Problems';
import { SeverityIcon } from './SeverityIcon';

const OutputPanel = lazy(() => import('./Output').then((m) => ({ default: m.OutputPanel })));
const DecisionsPanel = lazy(() => import('./Decisions').then((m) => ({ default: m.DecisionsPanel })));

const MIN_H = 120;

/** The bottom panel: Problems and Output tabs, resizable, collapsible. Output is computed only while shown. */
export function BottomPanel() {
  const open = useEditor((s) => s.bottomOpen);
  const tab = useEditor((s) => s.bottomTab);
  const setBottom = useEditor((s) => s.setBottom);
  const diags = useEditor((s) => s.diagnostics);
  const counts = countBySeverity(diags);
  const [height, setHeight] = useState(() => Math.round(Math.min(360, Math.max(180, window.innerHeight * 0.3))));
  const drag = useRef<{ y: number; h: number } | null>(null);

  const onPointerDown = useCallback(
    (e: React.PointerEvent) => {
      drag.current = { y: e.clientY, h: height };
      (e.target as HTMLElement).setPointerCapture(e.pointerId);
    },
    [height],
  );
  const onPointerMove = useCallback((e: React.PointerEvent) => {
    if (!drag.current) return;
    const max = Math.max(MIN_H, window.innerHeight - 220);
    setHeight(Math.min(max, Math.max(MIN_H, drag.current.h + drag.current.y - e.clientY)));
  }, []);
  const onPointerUp = useCallback(() => {
    drag.current = null;
  }, []);

  const tabButton = (id: BottomTab, label: React.ReactNode, name: string) => (
    <button
      type="button"
      role="tab"
      aria-selected={open && tab === id}
      aria-label={name}
      className={`bottom-tab${open && tab === id ? ' is-active' : ''}`}
      onClick={() => setBottom(!(open && tab === id), id)}
    >
      {label}
    </button>
  );

  return (
    <div className={`dock${open ? ' is-open' : ''}`} style={open ? { height } : undefined}>
      {open ? <div className="bottom-resize" role="separator" aria-orientation="horizontal" aria-label="Resize panel" onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={onPointerUp} /> : null}
      <div className="bottom-tabs" role="tablist" aria-label="Panels">
        {tabButton(
          'problems',
          <>
            Problems
            <span className="tab-counts">
              {counts.error ? (
                <span className="count sev-error">
                  <SeverityIcon severity="error" size={12} />
                  {counts.error}
                </span>
              ) : null}
              {counts.warning ? (
                <span className="count sev-warning">
                  <SeverityIcon severity="warning" size={12} />
                  {counts.warning}
                </span>
              ) : null}
              {!counts.error && !counts.warning ? <span className="count sev-ok">{counts.info ? `${counts.info} notes` : 'none'}</span> : null}
            </span>
          </>,
          'Problems',
        )}
        {tabButton('output', 'Output', 'Output')}
        {tabButton('decisions', 'Decisions', 'Decisions')}
        <span className="spacer" />
        <button type="button" className="btn-icon" aria-label={open ? 'Collapse panel' : 'Expand panel'} title={open ? 'Collapse panel' : 'Expand panel'} onClick={() => setBottom(!open)}>
          <svg viewBox="0 0 24 24" width="16" height="16" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
            {open ? <path d="m6 9 6 6 6-6" /> : <path d="m6 15 6-6 6 6" />}
          </svg>
        </button>
      </div>
      {open ? (
        <div className="bottom-body">
          {tab === 'problems' ? (
            <Problems />
          ) : tab === 'decisions' ? (
            <Suspense fallback={<div className="empty-state">Loading…</div>}>
              <DecisionsPanel />
            </Suspense>
          ) : (
            <Suspense fallback={<div className="empty-state">Loading…</div>}>
              <OutputPanel />
            </Suspense>
          )}
        </div>
      ) : null}
    </div>
  );
}
