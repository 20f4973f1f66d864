import '@xyflow/react/dist/style.css';
import './styles/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './import/import';
import { readAutosave, startAutosave } from './app/autosave';
import { startTitleSync, startValidation } from './app/runtime';
import { replaceDesign } from './app/actions';
import { defaultExample } from './services/examples';
import { platform } from './platform';
import { preloadSerializer } from './services/serializer';
import { emptyTopology } from '../shared/model/types';

// The working design: the autosave when there is one, else the bundled example. In the desktop
// app each window starts empty and the shell hands it its design (a file, a restored draft)
// through platform.onOpenRequest; the shell drafts unsaved work per window itself.
const saved = platform.isDesktop ? undefined : readAutosave();
if (platform.isDesktop) {
  void replaceDesign(emptyTopology('Untitled'), { file: null, fresh: true });
} else if (saved) {
  void replaceDesign(saved.doc, { file: saved.fileName ? { name: saved.fileName } : null, dirty: saved.dirty, fresh: true });
} else {
  const ex = defaultExample();
  void replaceDesign(ex ? ex.load() : emptyTopology('Untitled'), { file: null, fresh: true });
}
startValidation();
if (!platform.isDesktop) startAutosave(saved?.text);
startTitleSync();
preloadSerializer();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
