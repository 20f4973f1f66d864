import { useEffect, useReducer, type ReactNode } from 'react';
import { commandById } from '../../shared/commands';
import { isEnabled, onCommandsChanged, runCommand } from './commands';
import { useEditor } from '../store/store';
import { ThemeToggle } from '../theme/ThemeToggle';

const ICONS: Record<string, ReactNode> = {
  'file.new': <path d="M14 3H6v18h12V7zM14 3v4h4M12 11v6M9 14h6" />,
  'file.open': <path d="M3 7a2 2 0 0 1 2-2h4l2 2h8a2 2 0 0 1 2 2v1H7.5L4 19H3zM4 19l3.5-9H22l-3.5 9z" />,
  'file.save': <path d="M5 3h11l3 3v15H5zM8 3v5h7V3M8 21v-7h8v7" />,
  'file.import': <path d="M12 15V3M7 8l5-5 5 5M4 14v6h16v-6" />,
  'edit.undo': <path d="M9 14 4 9l5-5M4 9h11a5 5 0 0 1 0 10h-3" />,
  'edit.redo': <path d="m15 14 5-5-5-5M20 9H9a5 5 0 0 0 0 10h3" />,
  'arrange.autoLayout': <path d="M4 4h6v6H4zM14 14h6v6h-6zM14 4h6v6h-6zM7 10v4a3 3 0 0 0 3 3h4" />,
  'arrange.addZone': <path d="M4 6.5V4h2.5M9.5 4h5M17.5 4H20v2.5M20 9.5v5M20 17.5V20h-2.5M14.5 20h-5M6.5 20H4v-2.5M4 14.5v-5" />,
  'view.fit': <path d="M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5" />,
  'file.exportBundle': <path d="M12 3v12M7 10l5 5 5-5M5 21h14" />,
};

function shortcutText(id: string): string {
  const s = commandById(id)?.shortcuts?.[0];
  if (!s) return '';
  const mac = /Mac|iPhone|iPad/.test(navigator.platform);
  return s.replace('Mod', mac ? '⌘' : 'Ctrl').replace(/\+/g, mac ? '' : '+');
}

function ToolButton({ id, label, primary, showLabel = true }: { id: string; label: string; primary?: boolean; showLabel?: boolean }) {
  const enabled = isEnabled(id);
  const sc = shortcutText(id);
  return (
    <button
      type="button"
      className={`tool${primary ? ' tool-primary' : ''}${showLabel ? '' : ' tool-icon-only'}`}
      disabled={!enabled}
      onClick={() => runCommand(id)}
      aria-label={label}
      title={`${commandById(id)?.label ?? label}${sc ? ` (${sc})` : ''}${enabled ? '' : ' — not available yet'}`}
    >
      <svg viewBox="0 0 24 24" width="16" height="16" fill="none" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
        {ICONS[id]}
      </svg>
      {showLabel ? <span>{label}</span> : null}
    </button>
  );
}

function Logo() {
  return (
    <svg viewBox="0 0 28 28" width="24" height="24" aria-hidden="true">
      <rect x="1" y="1" width="26" height="26" rx="7" fill="var(--accent)" />
      <circle cx="9" cy="9" r="2.6" fill="#fff" />
      <circle cx="19" cy="9" r="2.6" fill="#fff" opacity=".75" />
      <circle cx="14" cy="19" r="2.6" fill="#fff" />
      <path d="M9 9 14 19M19 9l-5 10M9 9h10" stroke="#fff" strokeWidth="1.6" fill="none" opacity=".9" />
    </svg>
  );
}

export function Toolbar() {
  const name = useEditor((s) => s.doc.name);
  const file = useEditor((s) => s.file);
  const dirty = useEditor((s) => s.dirty);
  useEditor((s) => s.selection); // re-render when what can run changes
  const [, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => onCommandsChanged(bump), []);
  return (
    <header className="toolbar" role="toolbar" aria-label="Main toolbar">
      <div className="brand">
        <Logo />
        <span className="brand-name">Topoforge</span>
      </div>
      <div className="tool-group">
        <ToolButton id="file.new" label="New" />
        <ToolButton id="file.open" label="Open" />
        <ToolButton id="file.save" label="Save" />
        <ToolButton id="file.import" label="Import" showLabel={false} />
      </div>
      <div className="tool-sep" />
      <div className="tool-group">
        <ToolButton id="edit.undo" label="Undo" showLabel={false} />
        <ToolButton id="edit.redo" label="Redo" showLabel={false} />
      </div>
      <div className="tool-sep" />
      <div className="tool-group">
        <ToolButton id="arrange.autoLayout" label="Auto layout" />
        <ToolButton id="arrange.addZone" label="Zone" />
        <ToolButton id="view.fit" label="Fit view" showLabel={false} />
      </div>
      <div className="doc-title" title={file ? file.name : 'Not saved to a file yet (autosaved in this browser)'}>
        <span className="doc-name">{name || 'Untitled'}</span>
        <span className="doc-file">
          {file ? file.name : 'unsaved'}
          {dirty ? <span className="dirty-dot" aria-label="unsaved changes" /> : null}
        </span>
      </div>
      <div className="tool-group tool-right">
        <ThemeToggle />
        <ToolButton id="file.exportBundle" label="Export" primary />
      </div>
    </header>
  );
}
