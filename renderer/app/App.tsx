import { ReactFlowProvider } from '@xyflow/react';
import { useEffect } from 'react';
import { Canvas } from '../canvas/Canvas';
import { PowerLayer } from '../commands/PowerLayer';
import { Inspector } from '../inspector/Inspector';
import { BottomPanel, OutputView } from '../panels/BottomPanel';
import { Palette } from '../panels/Palette';
import { platform } from '../platform';
import { handleShortcut, runCommand } from './commands';
import { loadText } from './actions';
import { ErrorBoundary } from './ErrorBoundary';
import { ConfirmDialog } from './ConfirmDialog';
import { NewDialog } from './NewDialog';
import { Toasts } from './Toasts';
import { Toolbar } from './Toolbar';
import { useUi } from './ui-prefs';

export function App() {
  const paletteOpen = useUi((u) => u.paletteOpen);
  const inspectorOpen = useUi((u) => u.inspectorOpen);
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
        <div className={`workspace${paletteOpen ? '' : ' palette-folded'}${inspectorOpen ? '' : ' inspector-folded'}`}>
          <Palette />
          <main className="centre">
            <div className="canvas-area">
              <ErrorBoundary name="canvas">
                <Canvas />
              </ErrorBoundary>
              <Toasts />
            </div>
            <ErrorBoundary name="bottom panel">
              <BottomPanel />
            </ErrorBoundary>
          </main>
          <ErrorBoundary name="inspector">
            <Inspector />
          </ErrorBoundary>
        </div>
        <OutputView />
        <NewDialog />
        <ConfirmDialog />
        <PowerLayer />
      </div>
    </ReactFlowProvider>
  );
}
