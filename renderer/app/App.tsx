import { ReactFlowProvider } from '@xyflow/react';
import { useEffect } from 'react';
import { Canvas } from '../canvas/Canvas';
import { PowerLayer } from '../commands/PowerLayer';
import { Inspector } from '../inspector/Inspector';
import { BottomPanel } from '../panels/BottomPanel';
import { Palette } from '../panels/Palette';
import { platform } from '../platform';
import { handleShortcut, runCommand } from './commands';
import { loadText } from './actions';
import { ErrorBoundary } from './ErrorBoundary';
import { ConfirmDialog } from './ConfirmDialog';
import { NewDialog } from './NewDialog';
import { Toasts } from './Toasts';
import { Toolbar } from './Toolbar';

export function App() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => handleShortcut(e);
    window.addEventListener('keydown', onKey);
    const offMenu = platform.onMenuCommand((id) => runCommand(id));
    const offOpen = platform.onOpenRequest((d) => void loadText(d));
    return () => {
      window.removeEventListener('keydown', onKey);
      offMenu();
      offOpen();
    };
  }, []);
  return (
    <ReactFlowProvider>
      <div className="app">
        <Toolbar />
        <div className="workspace">
          <Palette />
          <main className="centre">
            <ErrorBoundary name="canvas">
              <Canvas />
            </ErrorBoundary>
            <Toasts />
            <ErrorBoundary name="bottom panel">
              <BottomPanel />
            </ErrorBoundary>
          </main>
          <ErrorBoundary name="inspector">
            <Inspector />
          </ErrorBoundary>
        </div>
        <NewDialog />
        <ConfirmDialog />
        <PowerLayer />
      </div>
    </ReactFlowProvider>
  );
}
