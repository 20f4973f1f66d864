import { memo, useMemo, useState } from 'react';
import type { Diagnostic, Severity } from '../../shared/model/types';
import { useFindings } from '../store/findings';
import { useEditor } from '../store/store';
import { SeverityIcon } from './SeverityIcon';
import { HelpText } from '../inspector/fields';

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
/** Rows drawn at first (the panel shows about ten); a design with thousands of findings stays responsive and opens fast. */
const PAGE = 100;

export function countBySeverity(diags: readonly Diagnostic[]): Record<Severity, number> {
  const c = { error: 0, warning: 0, info: 0 };
  for (const d of diags) c[d.severity]++;
  return c;
}

const Row = memo(function Row({ d, where }: { d: Diagnostic; where: string }) {
  const focusOn = useEditor((s) => s.focusOn);
  const clickable = d.nodes.length > 0 || d.edges.length > 0;
  return (
    <li>
      <button type="button" className={`problem sev-${d.severity}`} disabled={!clickable} onClick={() => focusOn({ nodes: d.edges.length ? [] : d.nodes, edges: d.edges })}>
        <SeverityIcon severity={d.severity} />
        <span className="problem-text">
          <span className="problem-message">
            <HelpText text={d.message} />
          </span>
          {d.hint ? (
            <span className="problem-hint">
              <HelpText text={d.hint} />
            </span>
          ) : null}
        </span>
        <span className="problem-where">{where}</span>
        <span className="problem-code">{d.code}</span>
      </button>
    </li>
  );
});

export function Problems() {
  const diags = useFindings((s) => s.all);
  const doc = useEditor((s) => s.doc);
  const [hidden, setHidden] = useState<Set<Severity>>(new Set());
  const [limit, setLimit] = useState(PAGE);
  const labels = useMemo(() => new Map(doc.nodes.map((n) => [n.id, n.label || n.id])), [doc.nodes]);
  const sorted = useMemo(() => diags.slice().sort((a, b) => ORDER[a.severity] - ORDER[b.severity]), [diags]);
  const counts = countBySeverity(diags);
  const shown = sorted.filter((d) => !hidden.has(d.severity));
  const toggle = (s: Severity) => {
    const next = new Set(hidden);
    if (next.has(s)) next.delete(s);
    else next.add(s);
    setHidden(next);
  };
  const whereOf = (d: Diagnostic) => {
    if (d.edges.length) {
      const m = /^(.*)->(.*?)(#\d+)?$/.exec(d.edges[0]!);
      const more = d.edges.length > 1 ? ` +${d.edges.length - 1}` : '';
      return m ? `${labels.get(m[1]!) ?? m[1]} → ${labels.get(m[2]!) ?? m[2]}${more}` : d.edges[0]! + more;
    }
    if (d.nodes.length) return d.nodes.map((n) => labels.get(n) ?? n).slice(0, 2).join(', ') + (d.nodes.length > 2 ? '…' : '');
    if (d.line) return `line ${d.line}`;
    return 'design';
  };
  return (
    <section className="problems" role="region" aria-label="Problems">
      <div className="subbar">
        {(['error', 'warning', 'info'] as const).map((s) => (
          <button key={s} type="button" className={`filter-chip sev-${s}${hidden.has(s) ? ' is-off' : ''}`} aria-pressed={!hidden.has(s)} onClick={() => toggle(s)}>
            <SeverityIcon severity={s} size={13} />
            <span>
              {counts[s]} {s === 'error' ? (counts[s] === 1 ? 'error' : 'errors') : s === 'warning' ? (counts[s] === 1 ? 'warning' : 'warnings') : counts[s] === 1 ? 'note' : 'notes'}
            </span>
          </button>
        ))}
      </div>
      {shown.length ? (
        <ul className="problem-list" aria-label="Problem list">
          {shown.slice(0, limit).map((d, i) => (
            <Row key={`${d.code}-${d.path ?? ''}-${i}`} d={d} where={whereOf(d)} />
          ))}
          {shown.length > limit ? (
            <li className="problem-more">
              <button type="button" className="btn btn-small" onClick={() => setLimit(limit + PAGE * 3)}>
                Show {Math.min(PAGE * 3, shown.length - limit)} more of {shown.length - limit}
              </button>
            </li>
          ) : null}
        </ul>
      ) : (
        <div className="empty-state">
          <svg viewBox="0 0 24 24" width="28" height="28" fill="none" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
            <circle cx="12" cy="12" r="9" />
            <path d="m8 12.5 2.5 2.5L16 9.5" />
          </svg>
          <span>{diags.length ? 'All findings are filtered out.' : 'No problems found.'}</span>
        </div>
      )}
    </section>
  );
}
