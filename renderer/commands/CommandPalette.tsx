import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { isEnabled, isRegistered, onCommandsChanged, runCommand } from '../app/commands';
import { filterCommands, menuName } from './fuzzy';
import { formatShortcut, useOverlay } from './ui';

/** Mod+K: every command, filtered as you type; Enter runs the highlighted one. Disabled ones are shown greyed. */
export function CommandPalette() {
  const open = useOverlay((s) => s.overlay === 'palette');
  if (!open) return null;
  return <PaletteDialog />;
}

function PaletteDialog() {
  const close = useOverlay((s) => s.close);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => onCommandsChanged(bump), []);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const returnTo = useRef<Element | null>(document.activeElement);
  const items = useMemo(() => filterCommands(query).filter((c) => c.id !== 'view.commandPalette'), [query]);

  useEffect(() => {
    input.current?.focus();
    const back = returnTo.current;
    return () => {
      if (back instanceof HTMLElement && back.isConnected) back.focus();
    };
  }, []);
  useEffect(() => setActive(items.findIndex((c) => isEnabled(c.id)) === -1 ? 0 : items.findIndex((c) => isEnabled(c.id))), [items]);
  useEffect(() => {
    list.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const run = (id: string) => {
    if (!isEnabled(id)) return;
    close();
    // After the dialog is gone, so that a command opening another overlay gets the keyboard.
    setTimeout(() => runCommand(id), 0);
  };

  const move = (d: number) => {
    if (!items.length) return;
    setActive((a) => (a + d + items.length) % items.length);
  };

  return (
    <div className="modal-backdrop power-backdrop" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div
        className="power-dialog command-palette"
        role="dialog"
        aria-modal="true"
        aria-label="Command palette"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            close();
          } else if (e.key === 'ArrowDown') {
            e.preventDefault();
            move(1);
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            move(-1);
          } else if (e.key === 'Enter') {
            e.preventDefault();
            const c = items[active];
            if (c) run(c.id);
          }
        }}
      >
        <input
          ref={input}
          className="power-input"
          role="combobox"
          aria-expanded="true"
          aria-controls="command-palette-list"
          aria-activedescendant={items[active] ? `cmd-${items[active]!.id}` : undefined}
          aria-label="Type a command"
          placeholder="Type a command…"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <ul ref={list} id="command-palette-list" className="power-list" role="listbox" aria-label="Commands">
          {items.length === 0 ? <li className="power-empty">No command matches “{query}”.</li> : null}
          {items.map((c, i) => {
            const enabled = isEnabled(c.id);
            return (
              <li
                key={c.id}
                id={`cmd-${c.id}`}
                data-index={i}
                role="option"
                aria-selected={i === active}
                aria-disabled={!enabled}
                className={`power-item${i === active ? ' is-active' : ''}${enabled ? '' : ' is-disabled'}`}
                onMouseMove={() => setActive(i)}
                onClick={() => run(c.id)}
                title={enabled ? undefined : isRegistered(c.id) ? 'Not available right now' : 'Not available in this build'}
              >
                <span className="power-item-label">{c.label.replace(/…$/, '')}</span>
                <span className="power-item-menu">{menuName(c)}</span>
                {c.shortcuts?.length ? <kbd className="power-kbd">{formatShortcut(c.shortcuts[0]!)}</kbd> : null}
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}
