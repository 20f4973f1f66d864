import type { ReactNode } from 'react';
import { runCommand } from '../app/commands';
import { nextPref, useTheme, type ThemePref } from './theme';

const LABEL: Record<ThemePref, string> = { light: 'Light theme', dark: 'Dark theme', system: 'System theme' };

const ICON: Record<ThemePref, ReactNode> = {
  light: <path d="M12 4V2M12 22v-2M4 12H2M22 12h-2M5.6 5.6 4.2 4.2M19.8 19.8l-1.4-1.4M5.6 18.4l-1.4 1.4M19.8 4.2l-1.4 1.4M12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8z" />,
  dark: <path d="M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5z" />,
  system: <path d="M3 5h18v11H3zM8 20h8M12 16v4" />,
};

/** The toolbar's theme button: shows the current choice; a click moves to the next (light → dark → system). */
export function ThemeToggle() {
  const pref = useTheme((s) => s.pref);
  const next = nextPref(pref);
  return (
    <button
      type="button"
      className="tool tool-icon-only"
      aria-label="Theme"
      title={`${LABEL[pref]} — click for ${LABEL[next].toLowerCase()}`}
      onClick={() => runCommand(`view.theme.${next}`)}
    >
      <svg viewBox="0 0 24 24" width="16" height="16" fill="none" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
        {ICON[pref]}
      </svg>
    </button>
  );
}
