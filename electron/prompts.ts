import type { MessageBoxOptions } from 'electron';
import type { Draft } from './drafts';

/**
 * The questions the shell asks, as plain data (electron/main.ts shows them with
 * dialog.showMessageBox). The button order gives the answer: index 0 is the first button.
 */

export const SAVE_CHANGES_ANSWERS = ['save', 'discard', 'cancel'] as const;
export function saveChangesPrompt(name: string): MessageBoxOptions {
  return {
    type: 'warning',
    message: `Do you want to save the changes you made to "${name}"?`,
    detail: "Your changes will be lost if you don't save them.",
    buttons: ['Save', "Don't Save", 'Cancel'],
    defaultId: 0,
    cancelId: 2,
    noLink: true,
  };
}

export const CONFLICT_ANSWERS = ['overwrite', 'reload', 'cancel'] as const;
export function conflictPrompt(name: string): MessageBoxOptions {
  return {
    type: 'warning',
    message: `"${name}" was changed by another program since you opened it.`,
    detail:
      'Overwrite: replace it with your version (the version on disk is kept as a .bak file).\n' +
      'Load From Disk: show the version on disk; the changes you made in this window are lost.\n' +
      'Cancel: save nothing for now.',
    buttons: ['Overwrite', 'Load From Disk', 'Cancel'],
    defaultId: 2,
    cancelId: 2,
    noLink: true,
  };
}

export function replaceFolderPrompt(folderName: string): MessageBoxOptions {
  return {
    type: 'warning',
    message: `"${folderName}" already exists and was not created by Topoforge.`,
    detail: 'Exporting the bundle there replaces the whole folder: everything in it now will be deleted.',
    buttons: ['Replace Folder', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  };
}

export const RESTORE_ANSWERS = ['restore', 'later', 'discard'] as const;
export function restorePrompt(drafts: readonly Draft[]): MessageBoxOptions {
  const n = drafts.length;
  const list = drafts
    .slice(0, 8)
    .map((d) => `• ${d.name}${d.path ? ` (${d.path})` : ''}, changed ${d.updatedAt.replace('T', ' ').slice(0, 16)} UTC`)
    .join('\n');
  return {
    type: 'question',
    message: n === 1 ? 'Topoforge closed without saving your changes to a design.' : `Topoforge closed without saving your changes to ${n} designs.`,
    detail: `${list}${n > 8 ? `\n…and ${n - 8} more` : ''}\n\nRestore them now? "Not Now" keeps them for the next launch.`,
    buttons: ['Restore', 'Not Now', 'Discard'],
    defaultId: 0,
    cancelId: 1,
    noLink: true,
  };
}
