import { useEffect, useRef } from 'react';
import { COMMANDS, type MenuId } from '../../shared/commands';
import { menuName } from './fuzzy';
import { formatShortcut, shortcutKeys, useOverlay } from './ui';

/** `?`: every command and its keys (⌘ on macOS, Ctrl elsewhere), from the command descriptors, and the canvas's own keys. */

const ORDER: MenuId[] = ['file', 'edit', 'view', 'arrange', 'help'];

const CANVAS_KEYS: { label: string; keys: string[] }[] = [
  { label: 'Move the selected components', keys: ['↑', '↓', '←', '→'] },
  { label: 'Add to the selection', keys: ['Shift', 'Click'] },
  { label: 'Select with a box', keys: ['Shift', 'Drag'] },
  { label: 'Edit a component’s label', keys: ['Double-click'] },
  { label: 'Close a dialog or the find box', keys: ['Esc'] },
];

function Keys({ keys }: { keys: readonly string[] }) {
  return (
    <span className="shortcut-keys">
      {keys.map((k, i) => (
        <kbd key={i} className="power-kbd">
          {k}
        </kbd>
      ))}
    </span>
  );
}

export function ShortcutsSheet() {
  const open = useOverlay((s) => s.overlay === 'shortcuts');
  const close = useOverlay((s) => s.close);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const back = document.activeElement;
    ref.current?.focus();
    return () => {
      if (back instanceof HTMLElement && back.isConnected) back.focus();
    };
  }, [open]);
  if (!open) return null;
  return (
    <div className="modal-backdrop power-backdrop" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div
        ref={ref}
        tabIndex={-1}
        className="power-dialog shortcuts-sheet"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-title"
        onKeyDown={(e) => {
          if (e.key === 'Escape' || e.key === '?') {
            e.preventDefault();
            close();
          }
        }}
      >
        <div className="modal-head">
          <h2 id="shortcuts-title">Keyboard shortcuts</h2>
          <button type="button" className="btn-icon" aria-label="Close" onClick={close}>
            ×
          </button>
        </div>
        <div className="shortcuts-grid">
          {ORDER.map((menu) => {
            const cmds = COMMANDS.filter((c) => c.menu === menu);
            if (!cmds.length) return null;
            return (
              <section key={menu} className="shortcuts-section" aria-label={menuName(cmds[0]!)}>
                <h3>{menuName(cmds[0]!)}</h3>
                <table className="shortcuts-table">
                  <tbody>
                    {cmds.map((c) => (
                      <tr key={c.id}>
                        <td>{c.label.replace(/…$/, '')}</td>
                        <td>{c.shortcuts?.length ? c.shortcuts.map((s, i) => <Keys key={i} keys={shortcutKeys(s)} />) : <span className="muted">—</span>}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            );
          })}
          <section className="shortcuts-section" aria-label="Canvas">
            <h3>Canvas</h3>
            <table className="shortcuts-table">
              <tbody>
                {CANVAS_KEYS.map((k) => (
                  <tr key={k.label}>
                    <td>{k.label}</td>
                    <td>
                      <Keys keys={k.keys} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </div>
        <p className="shortcuts-foot muted">All of these are also in the command palette ({formatShortcut('Mod+K')}).</p>
      </div>
    </div>
  );
}
