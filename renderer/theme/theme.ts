import { create } from 'zustand';
import { registerCommand } from '../app/commands';
import './dark.css';

/**
 * Light, dark, or following the system (`prefers-color-scheme`), remembered in localStorage.
 * The theme is `data-theme` on the root element; every colour of the stylesheet is a variable
 * that dark.css redefines. The rendered Mermaid follows through `useTheme`.
 */

export type ThemePref = 'light' | 'dark' | 'system';
export type Theme = 'light' | 'dark';
export const THEME_KEY = 'topoforge:theme';

function systemTheme(): Theme {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function readPref(): ThemePref {
  try {
    const v = localStorage.getItem(THEME_KEY);
    return v === 'light' || v === 'dark' || v === 'system' ? v : 'system';
  } catch {
    return 'system';
  }
}

export interface ThemeState {
  pref: ThemePref;
  theme: Theme;
}

export const useTheme = create<ThemeState>()(() => {
  const pref = readPref();
  return { pref, theme: pref === 'system' ? systemTheme() : pref };
});

function apply(theme: Theme): void {
  if (typeof document === 'undefined') return;
  document.documentElement.dataset.theme = theme;
  document.documentElement.style.colorScheme = theme;
}

export function setTheme(pref: ThemePref): void {
  try {
    localStorage.setItem(THEME_KEY, pref);
  } catch {
    // Not remembered; it still applies now.
  }
  const theme = pref === 'system' ? systemTheme() : pref;
  useTheme.setState({ pref, theme });
  apply(theme);
}

export function currentTheme(): Theme {
  return useTheme.getState().theme;
}

/** The next choice of the toolbar's theme button: light → dark → system → light. */
export function nextPref(p: ThemePref): ThemePref {
  return p === 'light' ? 'dark' : p === 'dark' ? 'system' : 'light';
}

export function startTheme(): () => void {
  apply(useTheme.getState().theme);
  const offs = (['light', 'dark', 'system'] as const).map((p) => registerCommand(`view.theme.${p}`, { run: () => setTheme(p) }));
  const mq = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
  const onChange = () => {
    if (useTheme.getState().pref !== 'system') return;
    const theme = systemTheme();
    useTheme.setState({ theme });
    apply(theme);
  };
  mq?.addEventListener('change', onChange);
  // Another window chose a theme.
  const onStorage = (e: StorageEvent) => {
    if (e.key === THEME_KEY) setTheme(readPref());
  };
  window.addEventListener('storage', onStorage);
  return () => {
    offs.forEach((f) => f());
    mq?.removeEventListener('change', onChange);
    window.removeEventListener('storage', onStorage);
  };
}
