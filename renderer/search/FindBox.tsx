import { useEffect, useMemo, useRef, useState } from 'react';
import { useOverlay } from '../commands/ui';
import { useEditor } from '../store/store';
import { findNodes } from './search';

/**
 * Find (Mod+F): a box over the canvas. Typing jumps to the best match; Enter / ↓ go to the next,
 * Shift+Enter / ↑ to the previous; each match is selected and centred. Esc closes it.
 */
export function FindBox() {
  const open = useOverlay((s) => s.findOpen);
  if (!open) return null;
  return <Find />;
}

function Find() {
  const closeFind = useOverlay((s) => s.closeFind);
  const focusNonce = useOverlay((s) => s.findFocus);
  const doc = useEditor((s) => s.doc);
  const [query, setQuery] = useState('');
  const [at, setAt] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const hits = useMemo(() => findNodes(doc, query), [doc, query]);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, [focusNonce]);

  const show = (i: number) => {
    const h = hits[i];
    if (!h) return;
    setAt(i);
    useEditor.getState().focusOn({ nodes: [h.id] });
  };

  // A new query shows its best match.
  useEffect(() => {
    setAt(0);
    if (query.trim() && hits[0]) useEditor.getState().focusOn({ nodes: [hits[0].id] });
    // Only when the query changes, not when the design does.
  }, [query]);

  const step = (d: number) => {
    if (!hits.length) return;
    show((at + d + hits.length) % hits.length);
  };

  const close = () => {
    closeFind();
    // Back to the canvas, with the match selected.
    document.querySelector<HTMLElement>('.react-flow__pane')?.focus?.();
  };

  const status = !query.trim() ? '' : hits.length ? `${Math.min(at + 1, hits.length)} of ${hits.length}` : 'No match';
  return (
    <div className="find-box" role="search" aria-label="Find components">
      <svg className="find-icon" viewBox="0 0 24 24" width="15" height="15" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden="true">
        <circle cx="11" cy="11" r="6.5" />
        <path d="m16 16 4.5 4.5" />
      </svg>
      <input
        ref={input}
        className="find-input"
        aria-label="Find a component by label, kind or id"
        placeholder="Find by label, kind or id"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            close();
          } else if (e.key === 'Enter') {
            e.preventDefault();
            step(e.shiftKey ? -1 : 1);
          } else if (e.key === 'ArrowDown') {
            e.preventDefault();
            step(1);
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            step(-1);
          }
        }}
      />
      <span className="find-status" aria-live="polite">
        {status}
      </span>
      <button type="button" className="btn-icon" aria-label="Previous match" disabled={!hits.length} onClick={() => step(-1)}>
        ‹
      </button>
      <button type="button" className="btn-icon" aria-label="Next match" disabled={!hits.length} onClick={() => step(1)}>
        ›
      </button>
      <button type="button" className="btn-icon" aria-label="Close find" onClick={close}>
        ×
      </button>
      {query.trim() && hits.length > 1 ? (
        <ul className="find-results" aria-label="Matches">
          {hits.slice(0, 8).map((h, i) => (
            <li key={h.id}>
              <button type="button" className={`find-result${i === at ? ' is-active' : ''}`} onClick={() => show(i)}>
                <span className="find-result-label">{h.label}</span>
                <span className="find-result-kind">{h.kind}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
