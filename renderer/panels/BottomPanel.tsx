import { lazy, Suspense, useCallback, useRef, useState } from 'react';
import { useFindings } from '../store/findings';
import { useEditor, type BottomTab } from '../store/store';
import { setUi, useUi } from '../app/ui-prefs';
import { countBySeverity, Problems } from './Problems';
import { SeverityIcon } from './SeverityIcon';

const OutputPanel = lazy(() => import('./Output').then((m) => ({ default: m.OutputPanel })));
const DecisionsPanel = lazy(() => import('./Decisions').then((m) => ({ default: m.DecisionsPanel })));

const MIN_H = 120;

/** The panel opens at a readable size: under half the window, at least 280 px, leaving room for the canvas. */
function defaultHeight(): number {
  return Math.round(Math.min(window.innerHeight - 260, Math.max(280, window.innerHeight * 0.42)));
}

/** The Output in a view of its own over the whole window (the Output panel's "Pop out"). */
export function OutputView() {
  const popped = useUi((u) => !!u.outputPopped);
  const name = useEditor((s) => s.doc.name);
  if (!popped) return null;
  const close = () => setUi({ outputPopped: false });
  return (
    <div className="output-view" onKeyDown={(e) => e.key === 'Escape' && close()}>
      <div className="output-view-head">
        <h2>Output · {name || 'Untitled'}</h2>
        <span className="spacer" />
        <button type="button" className="btn btn-small" onClick={close} autoFocus>
          Back to the canvas
        </button>
      </div>
      <Suspense fallback={<div className="empty-state">Loading…</div>}>
        <OutputPanel />
      </Suspense>
    </div>
  );
}

/** The bottom panel: Problems and Output tabs, resizable, collapsible. Output is computed only while shown. */
export function BottomPanel() {
  const open = useEditor((s) => s.bottomOpen);
  const tab = useEditor((s) => s.bottomTab);
  const setBottom = useEditor((s) => s.setBottom);
  const diags = useFindings((s) => s.all);
  const counts = countBySeverity(diags);
  const remembered = useUi((u) => u.bottomHeight);
  const popped = useUi((u) => !!u.outputPopped);
  const [height, setHeight] = useState(() => Math.min(remembered ?? defaultHeight(), Math.max(MIN_H, window.innerHeight - 220)));
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
    if (drag.current) setUi({ bottomHeight: height });
    drag.current = null;
  }, [height]);

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
        <button type="button" className="btn btn-small" aria-label="Pop out the output" title="Show the output in a view of its own, over the whole window" onClick={() => setUi({ outputPopped: true })}>
          <svg viewBox="0 0 24 24" width="14" height="14" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
            <path d="M14 4h6v6M20 4l-8 8M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5" />
          </svg>
          Pop out
        </button>
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
          ) : popped ? (
            <div className="empty-state">The output is shown in its own view.</div>
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
