import { create } from 'zustand';

/** Which of the keyboard overlays is open: the command palette, the shortcuts sheet or the find box. */
export type Overlay = 'palette' | 'shortcuts' | null;

export interface OverlayState {
  overlay: Overlay;
  findOpen: boolean;
  /** Bumped to put the keyboard back in the find box when it is already open. */
  findFocus: number;
  open(o: Exclude<Overlay, null>): void;
  close(): void;
  openFind(): void;
  closeFind(): void;
}

export const useOverlay = create<OverlayState>()((set, get) => ({
  overlay: null,
  findOpen: false,
  findFocus: 0,
  open: (overlay) => set({ overlay }),
  close: () => set({ overlay: null }),
  openFind: () => set({ findOpen: true, findFocus: get().findFocus + 1 }),
  closeFind: () => set({ findOpen: false }),
}));

const isMac = () => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

const MAC_KEYS: Record<string, string> = { Mod: '⌘', Shift: '⇧', Alt: '⌥', Delete: '⌦', Backspace: '⌫', Enter: '↩', Escape: 'Esc' };
const PC_KEYS: Record<string, string> = { Mod: 'Ctrl', Delete: 'Del', Escape: 'Esc' };

/** The keys of a `Mod+Shift+Z` shortcut as shown to the user: `⌘⇧Z` on macOS, `Ctrl+Shift+Z` elsewhere. */
export function shortcutKeys(shortcut: string, mac = isMac()): string[] {
  const names = mac ? MAC_KEYS : PC_KEYS;
  return shortcut.split('+').map((k) => names[k] ?? (k === '=' ? '+' : k));
}

export function formatShortcut(shortcut: string, mac = isMac()): string {
  return shortcutKeys(shortcut, mac).join(mac ? '' : '+');
}
