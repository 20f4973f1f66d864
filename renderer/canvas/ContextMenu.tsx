import { useEffect, useMemo, useRef, useState } from 'react';
import { create } from 'zustand';
import type { KindDef } from '../../shared/catalog';
import { KINDS } from '../../shared/catalog';
import { Icon } from '../icons/Icon';
import { filterKinds } from '../panels/Palette';

/**
 * The canvas's context menu (right click on the canvas, a component, a connection, a zone or a
 * selection: Canvas.tsx decides the items) and the kind picker it shares with a connection
 * dropped on empty canvas (the kinds that can take it). One at a time; Escape or a click
 * elsewhere closes it.
 */

export interface MenuItem {
  label: string;
  run(): void;
  disabled?: boolean;
  danger?: boolean;
  hint?: string;
}

export type MenuState =
  | { kind: 'items'; x: number; y: number; title?: string; items: MenuItem[] }
  | { kind: 'picker'; x: number; y: number; title: string; kinds: readonly KindDef[]; pick(kind: KindDef): void };

export const useMenu = create<{ menu: MenuState | null }>()(() => ({ menu: null }));

export function openMenu(menu: MenuState): void {
  useMenu.setState({ menu });
}

export function closeMenu(): void {
  if (useMenu.getState().menu) useMenu.setState({ menu: null });
}

function place(x: number, y: number, w: number, h: number): { left: number; top: number } {
  return { left: Math.max(4, Math.min(x, window.innerWidth - w - 4)), top: Math.max(4, Math.min(y, window.innerHeight - h - 4)) };
}

export function ContextMenu() {
  const menu = useMenu((s) => s.menu);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!menu) return;
    const onDown = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) closeMenu();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        closeMenu();
      }
    };
    window.addEventListener('pointerdown', onDown, true);
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('pointerdown', onDown, true);
      window.removeEventListener('keydown', onKey, true);
    };
  }, [menu]);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('input, [role="menuitem"]:not([disabled])')?.focus();
  }, [menu]);
  if (!menu) return null;
  if (menu.kind === 'picker') return <Picker menu={menu} box={ref} />;
  const pos = place(menu.x, menu.y, 220, menu.items.length * 30 + 40);
  return (
    <div ref={ref} className="context-menu" role="menu" aria-label={menu.title ?? 'Actions'} style={pos}>
      {menu.title ? <div className="context-menu-title">{menu.title}</div> : null}
      {menu.items.map((it) => (
        <button
          key={it.label}
          type="button"
          role="menuitem"
          className={`context-menu-item${it.danger ? ' is-danger' : ''}`}
          disabled={it.disabled}
          title={it.hint}
          onClick={() => {
            closeMenu();
            it.run();
          }}
          onKeyDown={(e) => {
            const all = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([disabled])') ?? [])];
            const i = all.indexOf(e.currentTarget);
            if (e.key === 'ArrowDown') all[(i + 1) % all.length]?.focus();
            if (e.key === 'ArrowUp') all[(i - 1 + all.length) % all.length]?.focus();
          }}
        >
          {it.label}
        </button>
      ))}
    </div>
  );
}

function Picker({ menu, box }: { menu: Extract<MenuState, { kind: 'picker' }>; box: React.RefObject<HTMLDivElement | null> }) {
  const [query, setQuery] = useState('');
  const kinds = useMemo(() => {
    const allowed = new Set(menu.kinds.map((k) => k.id));
    return filterKinds(query).filter((k) => allowed.has(k.id));
  }, [menu.kinds, query]);
  const pos = place(menu.x, menu.y, 260, 340);
  const pick = (k: KindDef) => {
    closeMenu();
    menu.pick(k);
  };
  return (
    <div ref={box} className="context-menu kind-picker" role="dialog" aria-label={menu.title} style={pos}>
      <div className="context-menu-title">{menu.title}</div>
      <input
        className="input"
        placeholder="Search components"
        aria-label="Search components"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && kinds[0]) pick(kinds[0]);
        }}
      />
      <ul className="kind-picker-list" role="listbox" aria-label="Components">
        {kinds.map((k) => (
          <li key={k.id}>
            <button type="button" role="option" aria-selected={false} className={`palette-item cat-${k.category}`} onClick={() => pick(k)} aria-label={k.name}>
              <span className="palette-icon">
                <Icon iconKey={k.icon} size={16} />
              </span>
              <span className="palette-name">{k.name}</span>
            </button>
          </li>
        ))}
        {!kinds.length ? <li className="palette-empty">{menu.kinds.length === KINDS.length ? 'No component matches.' : 'No component that can take it matches.'}</li> : null}
      </ul>
    </div>
  );
}
