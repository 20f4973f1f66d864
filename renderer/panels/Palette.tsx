import { memo, useMemo, useState, type DragEvent } from 'react';
import type { KindDef } from '../../shared/catalog';
import { CATEGORIES, KINDS } from '../../shared/catalog';
import { canvasApi } from '../canvas/api';
import { KIND_MIME, ZONE_MIME } from '../canvas/Canvas';
import { Icon } from '../icons/Icon';
import { addNode } from '../store/doc-ops';
import { GRID, NODE_HEIGHT, NODE_WIDTH } from '../store/derive';
import { useEditor } from '../store/store';
import { setUi, useUi } from '../app/ui-prefs';
import { addZoneAt } from '../zones/zones';

/** Lower-case words a kind is found by: name, id, keywords, product, category. */
function haystack(k: KindDef): string {
  const cat = CATEGORIES.find((c) => c.id === k.category)?.label ?? '';
  return [k.name, k.id, k.product, cat, ...(k.keywords ?? [])].join(' ').toLowerCase();
}

const INDEX = KINDS.map((k) => ({ kind: k, text: haystack(k) }));

export function filterKinds(query: string): KindDef[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return KINDS.slice();
  return INDEX.filter((e) => words.every((w) => e.text.includes(w))).map((e) => e.kind);
}

/** The free spot nearest to `at` (on the grid) where a component does not overlap another one. */
export function freeSpot(at: { x: number; y: number }, taken: readonly { x: number; y: number }[]): { x: number; y: number } {
  const x0 = Math.round((at.x - NODE_WIDTH / 2) / GRID) * GRID;
  const y0 = Math.round((at.y - NODE_HEIGHT / 2) / GRID) * GRID;
  const free = (x: number, y: number) => taken.every((p) => Math.abs(p.x - x) >= NODE_WIDTH + GRID || Math.abs(p.y - y) >= NODE_HEIGHT + GRID);
  const dx = NODE_WIDTH + 2 * GRID;
  const dy = NODE_HEIGHT + 2 * GRID;
  for (let ring = 0; ring < 12; ring++) {
    for (let j = -ring; j <= ring; j++) {
      for (let i = -ring; i <= ring; i++) {
        if (Math.max(Math.abs(i), Math.abs(j)) !== ring) continue;
        const x = x0 + i * dx;
        const y = y0 + j * dy;
        if (free(x, y)) return { x, y };
      }
    }
  }
  return { x: x0, y: y0 };
}

/** Adds a component at the centre of the view (click or Enter on a palette item), in a free spot. */
function addAtCentre(kind: string): void {
  const c = canvasApi.current?.viewCenter() ?? { x: 0, y: 0 };
  const s = useEditor.getState();
  const taken = s.doc.nodes.map((n) => s.doc.layout[n.id]).filter((p): p is NonNullable<typeof p> => !!p);
  const r = addNode(s.doc, { kind, position: freeSpot(c, taken) });
  s.setDoc(() => r.doc, { select: { nodes: [r.id], edges: [] } });
}

/** The palette's Zone: a click adds one in a free spot of the view, a drag puts it where it is dropped. */
function ZoneItem({ compact }: { compact?: boolean }) {
  return (
    <li>
      <button
        type="button"
        className={`palette-item palette-zone${compact ? ' is-compact' : ''}`}
        draggable
        onDragStart={(e) => {
          e.dataTransfer.setData(ZONE_MIME, 'zone');
          e.dataTransfer.setData('text/plain', 'Zone');
          e.dataTransfer.effectAllowed = 'copy';
        }}
        onClick={() => addZoneAt()}
        aria-label="Zone"
        title={'Zone: a boundary around components (network, trust zone, team).\nDrag onto the canvas, or click to add; Z draws one.'}
      >
        <span className="palette-icon">
          <svg viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" strokeWidth="1.75" strokeDasharray="3 2.5" aria-hidden="true">
            <rect x="3" y="4" width="18" height="16" rx="2.5" />
          </svg>
        </span>
        {compact ? null : <span className="palette-name">Zone</span>}
        {compact ? null : <span className="palette-tag">Z</span>}
      </button>
    </li>
  );
}

const PaletteItem = memo(function PaletteItem({ kind, compact }: { kind: KindDef; compact?: boolean }) {
  const onDragStart = (e: DragEvent) => {
    e.dataTransfer.setData(KIND_MIME, kind.id);
    e.dataTransfer.setData('text/plain', kind.name);
    e.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <li>
      <button
        type="button"
        className={`palette-item cat-${kind.category}${compact ? ' is-compact' : ''}`}
        draggable
        onDragStart={onDragStart}
        onClick={() => addAtCentre(kind.id)}
        aria-label={kind.name}
        title={`${compact ? `${kind.name}: ` : ''}${kind.product}. ${kind.description}${kind.external ? ' (external: drawn and documented, no container)' : ''}\nDrag onto the canvas, or click to add.`}
      >
        <span className="palette-icon">
          <Icon iconKey={kind.icon} size={18} />
        </span>
        {compact ? null : <span className="palette-name">{kind.name}</span>}
        {kind.external && !compact ? <span className="palette-tag">ext</span> : null}
      </button>
    </li>
  );
});

function FoldIcon({ side, open }: { side: 'left' | 'right'; open: boolean }) {
  // A panel edge with a chevron pointing the way the panel goes.
  const towardsEdge = (side === 'left') === open;
  return (
    <svg viewBox="0 0 24 24" width="16" height="16" fill="none" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <rect x="3" y="4" width="18" height="16" rx="2" />
      <path d={side === 'left' ? 'M9 4v16' : 'M15 4v16'} />
      <path d={towardsEdge ? (side === 'left' ? 'm15 10-2 2 2 2' : 'm9 10 2 2-2 2') : side === 'left' ? 'm13 10 2 2-2 2' : 'm11 10-2 2 2 2'} />
    </svg>
  );
}

export function PanelToggle({ side, open, name, onClick }: { side: 'left' | 'right'; open: boolean; name: string; onClick(): void }) {
  return (
    <button type="button" className="btn-icon panel-toggle" aria-label={`${open ? 'Collapse' : 'Expand'} ${name}`} aria-expanded={open} title={`${open ? 'Collapse' : 'Expand'} the ${name} (it stays so next time)`} onClick={onClick}>
      <FoldIcon side={side} open={open} />
    </button>
  );
}

export function Palette() {
  const open = useUi((u) => u.paletteOpen);
  const [query, setQuery] = useState('');
  const kinds = useMemo(() => filterKinds(query), [query]);
  const groups = CATEGORIES.map((c) => ({ ...c, kinds: kinds.filter((k) => k.category === c.id) })).filter((g) => g.kinds.length);
  if (!open) {
    // Folded: a rail of icons, still dragged or clicked onto the canvas (their names in tooltips).
    return (
      <aside className="panel palette is-collapsed" role="region" aria-label="Palette">
        <div className="panel-header">
          <PanelToggle side="left" open={false} name="palette" onClick={() => setUi({ paletteOpen: true })} />
        </div>
        <div className="palette-list">
          <ul className="palette-rail-group" aria-label="Zones">
            <ZoneItem compact />
          </ul>
          {CATEGORIES.map((c) => (
            <ul key={c.id} className="palette-rail-group" aria-label={c.label}>
              {KINDS.filter((k) => k.category === c.id).map((k) => (
                <PaletteItem key={k.id} kind={k} compact />
              ))}
            </ul>
          ))}
        </div>
      </aside>
    );
  }
  return (
    <aside className="panel palette" role="region" aria-label="Palette">
      <div className="panel-header">
        <h2 className="panel-title">Components</h2>
        <span className="panel-count">{kinds.length}</span>
        <PanelToggle side="left" open name="palette" onClick={() => setUi({ paletteOpen: false })} />
      </div>
      <div className="palette-search">
        <svg viewBox="0 0 24 24" width="15" height="15" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden="true">
          <circle cx="11" cy="11" r="7" />
          <path d="m20 20-3.5-3.5" />
        </svg>
        <input type="search" placeholder="Search components" aria-label="Search components" value={query} onChange={(e) => setQuery(e.target.value)} onKeyDown={(e) => {
          if (e.key === 'Escape') setQuery('');
          // Enter adds the first match: type "kaf", Enter.
          if (e.key === 'Enter' && query.trim() && kinds[0]) addAtCentre(kinds[0].id);
        }} />
      </div>
      <div className="palette-list">
        {!query.trim() || 'zone boundary group network trust'.includes(query.trim().toLowerCase()) ? (
          <section className="palette-group" aria-label="Zones">
            <h3 className="palette-group-title">Zones</h3>
            <ul>
              <ZoneItem />
            </ul>
          </section>
        ) : null}
        {groups.map((g) => (
          <section key={g.id} className="palette-group" aria-label={g.label}>
            <h3 className="palette-group-title">{g.label}</h3>
            <ul>
              {g.kinds.map((k) => (
                <PaletteItem key={k.id} kind={k} />
              ))}
            </ul>
          </section>
        ))}
        {!groups.length ? <p className="palette-empty">No component matches “{query}”.</p> : null}
      </div>
    </aside>
  );
}
