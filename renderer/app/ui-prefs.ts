import { create } from 'zustand';

/**
 * How the user arranged the window, remembered in localStorage: palette and inspector shown or
 * folded away, the bottom panel's height. Until the user chooses, a window narrower than
 * WIDE_WINDOW starts with the inspector folded (the canvas gets most of a 1280 × 720 window), and
 * every window with the bottom panel closed (its tabs show the counts of problems).
 */

export const UI_KEY = 'topoforge:ui:v1';
/** From this window width on, the inspector starts open. */
export const WIDE_WINDOW = 1440;

export interface UiPrefs {
  paletteOpen: boolean;
  inspectorOpen: boolean;
  /** The bottom panel (Problems, Output) open; closed until the user opens it. */
  bottomOpen: boolean;
  /** Height of the bottom panel when open, in pixels; undefined for the default. */
  bottomHeight?: number;
  /** The Output shown in a view of its own, over the whole window (not remembered). */
  outputPopped?: boolean;
}

function defaults(): UiPrefs {
  const wide = typeof window === 'undefined' || window.innerWidth >= WIDE_WINDOW;
  return { paletteOpen: true, inspectorOpen: wide, bottomOpen: false };
}

function read(): UiPrefs {
  const d = defaults();
  try {
    const raw = JSON.parse(localStorage.getItem(UI_KEY) ?? '{}') as Partial<UiPrefs>;
    return {
      paletteOpen: typeof raw.paletteOpen === 'boolean' ? raw.paletteOpen : d.paletteOpen,
      inspectorOpen: typeof raw.inspectorOpen === 'boolean' ? raw.inspectorOpen : d.inspectorOpen,
      bottomOpen: typeof raw.bottomOpen === 'boolean' ? raw.bottomOpen : d.bottomOpen,
      ...(typeof raw.bottomHeight === 'number' && raw.bottomHeight > 0 ? { bottomHeight: raw.bottomHeight } : {}),
    };
  } catch {
    return d;
  }
}

export const useUi = create<UiPrefs>()(() => read());

/** Changes and remembers part of the arrangement. */
export function setUi(patch: Partial<UiPrefs>): void {
  useUi.setState(patch);
  try {
    const { paletteOpen, inspectorOpen, bottomOpen, bottomHeight } = useUi.getState();
    localStorage.setItem(UI_KEY, JSON.stringify({ paletteOpen, inspectorOpen, bottomOpen, bottomHeight }));
  } catch {
    // Storage refused: the arrangement holds for this visit.
  }
}
