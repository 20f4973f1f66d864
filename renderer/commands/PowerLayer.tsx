import { useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';
import { registerCommand } from '../app/commands';
import { registerClipboardCommands, startClipboardEvents } from '../clipboard/clipboard';
import { flow, registerExportCommands } from '../export/image';
import { registerHistoryCommands } from '../history/commands';
import { registerLayoutCommands } from '../layout/commands';
import { FindBox } from '../search/FindBox';
import type { FlowEdge, FlowNode } from '../store/derive';
import { startTheme } from '../theme/theme';
import { ZoneDraw } from '../zones/ZoneDraw';
import { registerZoneCommands } from '../zones/zones';
import { CommandPalette } from './CommandPalette';
import { installTestHook } from './hook';
import { ShortcutsSheet } from './ShortcutsSheet';
import { useOverlay } from './ui';
import './power.css';

/**
 * The editor's power features, mounted once inside the React Flow provider: undo/redo, the
 * clipboard, auto layout, zones, find, themes, image export, the command palette and the
 * shortcuts sheet. Each registers its commands in the one registry (app/commands.ts) that the
 * toolbar, the keys, the palette and the desktop menus run.
 */
export function PowerLayer() {
  const rf = useReactFlow<FlowNode, FlowEdge>();
  useEffect(() => {
    flow.current = rf;
    const offs = [
      registerHistoryCommands(),
      registerClipboardCommands(),
      registerLayoutCommands(),
      registerZoneCommands(),
      registerExportCommands(),
      registerCommand('edit.find', { run: () => useOverlay.getState().openFind() }),
      registerCommand('view.commandPalette', { run: () => useOverlay.getState().open('palette') }),
      registerCommand('help.shortcuts', {
        run: () => {
          const o = useOverlay.getState();
          if (o.overlay === 'shortcuts') o.close();
          else o.open('shortcuts');
        },
      }),
      startTheme(),
      startClipboardEvents(),
      installTestHook(),
    ];
    return () => {
      offs.forEach((f) => f());
      if (flow.current === rf) flow.current = null;
    };
  }, [rf]);
  return (
    <>
      <ZoneDraw />
      <FindBox />
      <CommandPalette />
      <ShortcutsSheet />
    </>
  );
}
