/**
 * Descriptors of every user action: the one list that the toolbar, the keyboard shortcuts,
 * the command palette and Electron's native menus are built from. The renderer attaches
 * `run` and `when` to each id (renderer/commands); the shell builds menus from `menu`.
 */

export type MenuId = 'file' | 'edit' | 'view' | 'arrange' | 'help';

export interface CommandDescriptor {
  id: string;
  label: string;
  /** Keys in the `Mod+Shift+Z` form; `Mod` is Cmd on macOS and Ctrl elsewhere. */
  shortcuts?: readonly string[];
  menu?: MenuId;
  /** Menu items with the same group are kept together, separated from the next group. */
  group?: string;
}

export const COMMANDS: readonly CommandDescriptor[] = [
  { id: 'file.new', label: 'New', shortcuts: ['Mod+N'], menu: 'file', group: 'open' },
  { id: 'file.open', label: 'Open…', shortcuts: ['Mod+O'], menu: 'file', group: 'open' },
  { id: 'file.save', label: 'Save', shortcuts: ['Mod+S'], menu: 'file', group: 'save' },
  { id: 'file.saveAs', label: 'Save As…', shortcuts: ['Mod+Shift+S'], menu: 'file', group: 'save' },
  { id: 'file.import', label: 'Import…', menu: 'file', group: 'export' },
  { id: 'file.exportBundle', label: 'Export bundle…', shortcuts: ['Mod+E'], menu: 'file', group: 'export' },
  { id: 'file.exportPng', label: 'Export PNG…', menu: 'file', group: 'export' },
  { id: 'file.exportSvg', label: 'Export SVG…', menu: 'file', group: 'export' },
  { id: 'file.exportMermaid', label: 'Export Mermaid…', menu: 'file', group: 'export' },
  { id: 'edit.undo', label: 'Undo', shortcuts: ['Mod+Z'], menu: 'edit', group: 'history' },
  { id: 'edit.redo', label: 'Redo', shortcuts: ['Mod+Shift+Z', 'Mod+Y'], menu: 'edit', group: 'history' },
  { id: 'edit.cut', label: 'Cut', shortcuts: ['Mod+X'], menu: 'edit', group: 'clipboard' },
  { id: 'edit.copy', label: 'Copy', shortcuts: ['Mod+C'], menu: 'edit', group: 'clipboard' },
  { id: 'edit.paste', label: 'Paste', shortcuts: ['Mod+V'], menu: 'edit', group: 'clipboard' },
  { id: 'edit.duplicate', label: 'Duplicate', shortcuts: ['Mod+D'], menu: 'edit', group: 'clipboard' },
  { id: 'edit.delete', label: 'Delete', shortcuts: ['Delete', 'Backspace'], menu: 'edit', group: 'select' },
  { id: 'edit.selectAll', label: 'Select All', shortcuts: ['Mod+A'], menu: 'edit', group: 'select' },
  { id: 'edit.find', label: 'Find…', shortcuts: ['Mod+F'], menu: 'edit', group: 'find' },
  { id: 'view.commandPalette', label: 'Command Palette…', shortcuts: ['Mod+K'], menu: 'view', group: 'palette' },
  { id: 'view.fit', label: 'Fit View', shortcuts: ['Shift+1'], menu: 'view', group: 'zoom' },
  { id: 'view.zoomIn', label: 'Zoom In', shortcuts: ['Mod+='], menu: 'view', group: 'zoom' },
  { id: 'view.zoomOut', label: 'Zoom Out', shortcuts: ['Mod+-'], menu: 'view', group: 'zoom' },
  { id: 'view.theme.light', label: 'Light Theme', menu: 'view', group: 'theme' },
  { id: 'view.theme.dark', label: 'Dark Theme', menu: 'view', group: 'theme' },
  { id: 'view.theme.system', label: 'System Theme', menu: 'view', group: 'theme' },
  { id: 'arrange.autoLayout', label: 'Auto layout', shortcuts: ['Mod+Shift+L'], menu: 'arrange', group: 'layout' },
  { id: 'arrange.addZone', label: 'Add Zone', shortcuts: ['Z'], menu: 'arrange', group: 'zones' },
  { id: 'help.shortcuts', label: 'Keyboard Shortcuts', shortcuts: ['?'], menu: 'help', group: 'help' },
];

export function commandById(id: string): CommandDescriptor | undefined {
  return COMMANDS.find((c) => c.id === id);
}
