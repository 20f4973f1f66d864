import type { ReactFlowInstance } from '@xyflow/react';
import { makeId } from '../../shared/model/ids';
import { registerCommand } from '../app/commands';
import { platform } from '../platform';
import type { FlowEdge, FlowNode } from '../store/derive';
import { useEditor } from '../store/store';
import { useRoutes } from '../layout/routes';

/**
 * Image export: a real SVG of the whole design (shapes, paths and text built from the document,
 * the connections routed as on the canvas, the current theme's colours) and a PNG of that SVG at
 * twice the pixels. In the browser it is a download; in the desktop app the shell asks where.
 * The SVG builder and the Mermaid generator load on the first export, not with the page.
 */

/** The React Flow instance, set by the power layer while the canvas is mounted. */
export const flow: { current: ReactFlowInstance<FlowNode, FlowEdge> | null } = { current: null };

/**
 * The design's image, built from the document (export/svg.ts): the SVG itself, or that SVG
 * drawn at twice its size for the PNG. Always the whole design, whatever is selected.
 */
export async function renderImage(format: 'png' | 'svg'): Promise<string | Uint8Array | undefined> {
  const { designSvg, svgToPng, themeColours } = await import('./svg');
  const { doc } = useEditor.getState();
  const svg = designSvg(doc, useRoutes.getState().byEdge, themeColours());
  if (!svg) return undefined;
  return format === 'svg' ? svg : svgToPng(svg, 2);
}

function baseName(): string {
  const { doc } = useEditor.getState();
  return makeId(doc.name || 'design', () => false);
}

/** Writes the diagram where the platform writes files (the desktop asks where; the browser downloads it). */
async function save(format: 'png' | 'svg' | 'mermaid', data: string | Uint8Array): Promise<void> {
  const path = await platform.exportDiagram(format, data, { suggestedName: baseName() });
  if (path) useEditor.getState().toast({ tone: 'success', message: `Exported ${path}.` });
}

export async function exportImage(format: 'png' | 'svg'): Promise<void> {
  const s = useEditor.getState();
  try {
    const data = await renderImage(format);
    if (!data) {
      s.toast({ tone: 'info', message: 'There is nothing to export yet.', hint: 'Add components to the design first.' });
      return;
    }
    await save(format, data);
  } catch (e) {
    s.toast({ tone: 'error', message: `The image could not be exported: ${(e as Error).message}`, hint: 'Your design is unchanged. Try again, or export the Mermaid diagram instead.' });
  }
}

export async function exportMermaid(): Promise<void> {
  const s = useEditor.getState();
  try {
    const { generateMermaid } = await import('../../generators/mermaid');
    await save('mermaid', generateMermaid(s.doc));
  } catch (e) {
    s.toast({ tone: 'error', message: `The Mermaid diagram could not be exported: ${(e as Error).message}` });
  }
}

export function registerExportCommands(): () => void {
  const has = () => useEditor.getState().doc.nodes.length + useEditor.getState().doc.groups.length > 0;
  const offs = [
    registerCommand('file.exportPng', { run: () => void exportImage('png'), enabled: has }),
    registerCommand('file.exportSvg', { run: () => void exportImage('svg'), enabled: has }),
    registerCommand('file.exportMermaid', { run: () => void exportMermaid(), enabled: has }),
  ];
  return () => offs.forEach((f) => f());
}
