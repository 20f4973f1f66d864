import { describe, expect, it } from 'vitest';
import { matchesShortcut } from './commands';

const key = (k: string, mods: Partial<Pick<KeyboardEvent, 'ctrlKey' | 'shiftKey' | 'altKey' | 'metaKey'>> = {}, code = '') =>
  ({ key: k, code, ctrlKey: false, shiftKey: false, altKey: false, metaKey: false, ...mods }) as KeyboardEvent;

describe('keyboard shortcuts', () => {
  it('Mod is Ctrl off macOS, and modifiers must match exactly', () => {
    expect(matchesShortcut(key('s', { ctrlKey: true }), 'Mod+S')).toBe(true);
    expect(matchesShortcut(key('s'), 'Mod+S')).toBe(false);
    expect(matchesShortcut(key('S', { ctrlKey: true, shiftKey: true }), 'Mod+S')).toBe(false);
    expect(matchesShortcut(key('S', { ctrlKey: true, shiftKey: true }), 'Mod+Shift+S')).toBe(true);
    expect(matchesShortcut(key('!', { shiftKey: true }, 'Digit1'), 'Shift+1')).toBe(true);
    expect(matchesShortcut(key('Delete'), 'Delete')).toBe(true);
  });
});
