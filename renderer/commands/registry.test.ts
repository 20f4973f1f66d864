import { afterEach, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../shared/commands';
import { handleShortcut, isEnabled, isRegistered, matchesShortcut, notifyCommandsChanged, onCommandsChanged, registerCommand, runCommand } from '../app/commands';
import { filterCommands, fuzzyScore } from './fuzzy';
import { formatShortcut, shortcutKeys } from './ui';

type Mods = Partial<Pick<KeyboardEvent, 'ctrlKey' | 'shiftKey' | 'altKey' | 'metaKey'>>;

/** A keydown as the window listener sees it; `target` stands for the focused element. */
function keydown(key: string, mods: Mods = {}, target: Partial<HTMLElement> = { tagName: 'BODY' }, code = '') {
  let prevented = false;
  const e = {
    key,
    code,
    ctrlKey: false,
    shiftKey: false,
    altKey: false,
    metaKey: false,
    isComposing: false,
    ...mods,
    target: { closest: () => null, isContentEditable: false, ...target },
    get defaultPrevented() {
      return prevented;
    },
    preventDefault() {
      prevented = true;
    },
  };
  return e as unknown as KeyboardEvent;
}

const offs: (() => void)[] = [];
afterEach(() => {
  while (offs.length) offs.pop()!();
});

function register(id: string, enabled = () => true) {
  const runs: string[] = [];
  offs.push(registerCommand(id, { run: () => runs.push(id), enabled }));
  return runs;
}

describe('the command registry', () => {
  it('runs a registered command only while it is enabled', () => {
    let can = false;
    const runs = register('arrange.addZone', () => can);
    expect(isRegistered('arrange.addZone')).toBe(true);
    expect(isEnabled('arrange.addZone')).toBe(false);
    expect(runCommand('arrange.addZone')).toBe(false);
    can = true;
    expect(runCommand('arrange.addZone')).toBe(true);
    expect(runs).toEqual(['arrange.addZone']);
    expect(runCommand('no.such.command')).toBe(false);
  });

  it('unregistering leaves a later registration of the same id in place', () => {
    const off1 = registerCommand('edit.find', { run: () => undefined });
    const runs = register('edit.find');
    off1();
    expect(runCommand('edit.find')).toBe(true);
    expect(runs).toEqual(['edit.find']);
  });

  it('tells listeners when commands change', () => {
    let n = 0;
    const off = onCommandsChanged(() => n++);
    register('edit.find');
    notifyCommandsChanged();
    off();
    notifyCommandsChanged();
    expect(n).toBe(2);
  });

  it('every descriptor has a unique id, a label, and shortcuts in the Mod+… form', () => {
    expect(new Set(COMMANDS.map((c) => c.id)).size).toBe(COMMANDS.length);
    for (const c of COMMANDS) {
      expect(c.label.length, c.id).toBeGreaterThan(0);
      for (const s of c.shortcuts ?? []) {
        expect(s, c.id).not.toMatch(/Ctrl|Cmd|Meta/);
        expect(s.split('+').at(-1)!.length, c.id).toBeGreaterThan(0);
      }
    }
  });
});

describe('shortcuts', () => {
  it('match Mod, Shift and punctuation keys typed with Shift', () => {
    expect(matchesShortcut(keydown('z', { ctrlKey: true }), 'Mod+Z')).toBe(true);
    expect(matchesShortcut(keydown('Z', { ctrlKey: true, shiftKey: true }), 'Mod+Z')).toBe(false);
    expect(matchesShortcut(keydown('Z', { ctrlKey: true, shiftKey: true }), 'Mod+Shift+Z')).toBe(true);
    expect(matchesShortcut(keydown('?', { shiftKey: true }), '?')).toBe(true);
    expect(matchesShortcut(keydown('?', { shiftKey: true, ctrlKey: true }), '?')).toBe(false);
    expect(matchesShortcut(keydown('z'), 'Z')).toBe(true);
    expect(matchesShortcut(keydown('z', { ctrlKey: true }), 'Z')).toBe(false);
  });

  it('run the command from the keyboard and keep the browser from acting on the keys', () => {
    const undo = register('edit.undo');
    const e = keydown('z', { ctrlKey: true });
    handleShortcut(e);
    expect(undo).toEqual(['edit.undo']);
    expect(e.defaultPrevented).toBe(true);
    const redo = register('edit.redo');
    handleShortcut(keydown('y', { ctrlKey: true }));
    handleShortcut(keydown('Z', { ctrlKey: true, shiftKey: true }));
    expect(redo).toEqual(['edit.redo', 'edit.redo']);
  });

  it('leave typing alone: single keys and Undo in a text field belong to the field, Find and the palette still open', () => {
    const zone = register('arrange.addZone');
    const undo = register('edit.undo');
    const find = register('edit.find');
    const palette = register('view.commandPalette');
    const input = { tagName: 'INPUT', type: 'text' } as Partial<HTMLInputElement>;
    handleShortcut(keydown('z', {}, input));
    const e = keydown('z', { ctrlKey: true }, input);
    handleShortcut(e);
    expect(e.defaultPrevented).toBe(false);
    expect(zone).toEqual([]);
    expect(undo).toEqual([]);
    handleShortcut(keydown('f', { ctrlKey: true }, input));
    handleShortcut(keydown('k', { ctrlKey: true }, input));
    expect(find).toEqual(['edit.find']);
    expect(palette).toEqual(['view.commandPalette']);
    // In the inspector's fields, Undo is the design's (each field's typing is one step).
    const inInspector = { tagName: 'INPUT', type: 'text', closest: () => ({}) } as unknown as Partial<HTMLInputElement>;
    handleShortcut(keydown('z', { ctrlKey: true }, inInspector));
    expect(undo).toEqual(['edit.undo']);
  });

  it('leave Copy, Cut, Paste and Delete to the browser events', () => {
    const copy = register('edit.copy');
    const e = keydown('c', { ctrlKey: true });
    handleShortcut(e);
    expect(copy).toEqual([]);
    expect(e.defaultPrevented).toBe(false);
  });

  it('a registered command owns its Mod keys even while it cannot run', () => {
    register('edit.duplicate', () => false);
    const e = keydown('d', { ctrlKey: true });
    handleShortcut(e);
    expect(e.defaultPrevented).toBe(true);
  });

  it('are shown with ⌘ on macOS and Ctrl elsewhere', () => {
    expect(formatShortcut('Mod+Shift+Z', false)).toBe('Ctrl+Shift+Z');
    expect(formatShortcut('Mod+Shift+Z', true)).toBe('⌘⇧Z');
    expect(formatShortcut('Mod+=', false)).toBe('Ctrl++');
    expect(shortcutKeys('Delete', false)).toEqual(['Del']);
    expect(shortcutKeys('?', true)).toEqual(['?']);
  });
});

describe('the command palette filter', () => {
  it('finds commands by words of their label or menu, forgiving, best first', () => {
    expect(filterCommands('undo')[0]!.id).toBe('edit.undo');
    expect(filterCommands('export svg')[0]!.id).toBe('file.exportSvg');
    expect(filterCommands('dark')[0]!.id).toBe('view.theme.dark');
    expect(filterCommands('shrtcts')[0]!.id).toBe('help.shortcuts');
    expect(filterCommands('arrange').map((c) => c.id)).toEqual(expect.arrayContaining(['arrange.autoLayout', 'arrange.addZone']));
    expect(filterCommands('qqqq')).toEqual([]);
    expect(filterCommands('').length).toBe(COMMANDS.length);
    expect(fuzzyScore('Zoom In', 'zoom')).toBeGreaterThan(fuzzyScore('Zoom In', 'zi'));
  });
});
