import type { ReactFlowInstance } from '@xyflow/react';
import { makeId } from '../../shared/model/ids';
import { generateMermaid } from '../../generators/mermaid';
import { registerCommand } from '../app/commands';
import { platform } from '../platform';
import { DEFAULT_ZONE, NODE_HEIGHT, NODE_WIDTH, positionsOf, type FlowEdge, type FlowNode } from '../store/derive';
import { useEditor } from '../store/store';
import { currentTheme } from '../theme/theme';

/**
 * Image export: PNG (at twice the pixels) and SVG of the whole design or of the selection, as
 * the canvas draws it in the current theme, with html-to-image over React Flow's viewport (the
 * "download image" pattern: the viewport is re-transformed so the design's bounds fill the image).
 * In the browser it is a download; in the desktop app the shell asks where to write it.
 */

/** The React Flow instance, set by the power layer while the canvas is mounted. */
export const flow: { current: ReactFlowInstance<FlowNode, FlowEdge> | null } = { current: null };

const PADDING = 32;
/** Above this many components the canvas draws only those in view (see Canvas: onlyRenderVisibleElements). */
const LARGE = 300;
/** Images are kept under this many CSS pixels a side (×2 for PNG), within every browser's canvas limit. */
const MAX_SIDE = 8000;

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Bounds of the given components and zones (all when `ids` is empty), from the document. */
export function designBounds(ids: ReadonlySet<string> | undefined): Bounds | undefined {
  const { doc, transient } = useEditor.getState();
  const pos = positionsOf(doc);
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  const zones = new Set(doc.groups.map((g) => g.id));
  for (const [id, p] of pos) {
    if (ids && !ids.has(id)) continue;
    const m = transient.measured[id];
    const w = zones.has(id) ? (p.w ?? DEFAULT_ZONE.w) : (m?.width ?? NODE_WIDTH);
    const h = zones.has(id) ? (p.h ?? DEFAULT_ZONE.h) : (m?.height ?? NODE_HEIGHT);
    x0 = Math.min(x0, p.x);
    y0 = Math.min(y0, p.y);
    x1 = Math.max(x1, p.x + w);
    y1 = Math.max(y1, p.y + h);
  }
  if (!Number.isFinite(x0)) return undefined;
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** What an export covers: always the whole design (a leftover selection never narrows it). */
function scope(): { ids: Set<string> | undefined; edges: Set<string> | undefined } {
  return { ids: undefined, edges: undefined };
}

/** Presentation properties that the canvas's stylesheet gives SVG shapes (edges, arrows). */
const SVG_PROPS = ['stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'stroke-linecap', 'stroke-linejoin', 'fill', 'fill-opacity', 'opacity'];

/**
 * html-to-image copies an `<svg>` as it is, without the stylesheet's rules for what is inside it
 * (the connections' strokes come from CSS), so for the capture every shape inside the viewport's
 * SVGs gets its computed look written on it. Returns a function that puts the originals back.
 */
function inlineSvgStyles(root: Element): () => void {
  const restore: (() => void)[] = [];
  for (const el of root.querySelectorAll<SVGElement>('svg path, svg polyline, svg line, svg circle, svg rect, svg polygon')) {
    const before = el.getAttribute('style');
    const cs = getComputedStyle(el);
    for (const p of SVG_PROPS) el.style.setProperty(p, cs.getPropertyValue(p));
    restore.push(() => (before === null ? el.removeAttribute('style') : el.setAttribute('style', before)));
  }
  return () => restore.forEach((f) => f());
}

const nextFrame = () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));

/**
 * Renders the design (or the selection) with html-to-image, then puts the view back as it was.
 */
export async function renderImage(format: 'png' | 'svg'): Promise<string | undefined> {
  const viewportEl = document.querySelector<HTMLElement>('.react-flow__viewport');
  const rf = flow.current;
  if (!viewportEl || !rf) return undefined;
  const { ids, edges } = scope();
  const b = designBounds(ids);
  if (!b) return undefined;
  const zoom = Math.min(1, MAX_SIDE / (b.width + PADDING * 2), MAX_SIDE / (b.height + PADDING * 2));
  const width = Math.ceil(b.width * zoom + PADDING * 2);
  const height = Math.ceil(b.height * zoom + PADDING * 2);
  const transform = `translate(${PADDING - b.x * zoom}px, ${PADDING - b.y * zoom}px) scale(${zoom})`;
  const before = rf.getViewport();
  const root = document.documentElement;
  // A large design only has the components in view drawn: the view takes in all of it while the
  // export runs (labels may then be left out). Otherwise the view goes to 100%, where every label is drawn.
  const large = rf.getNodes().length > LARGE;
  let moved = false;
  root.classList.add('is-exporting');
  try {
    if (large) {
      await rf.fitView({ ...(ids ? { nodes: [...ids].map((id) => ({ id })) } : {}), padding: 0, duration: 0, minZoom: 0.02 });
      moved = true;
      await nextFrame();
    } else if (before.zoom < 1) {
      await rf.setViewport({ ...before, zoom: 1 });
      moved = true;
      await nextFrame();
    }
    const { toPng, toSvg } = await import('html-to-image');
    const keep = (el: HTMLElement): boolean => {
      const cl = el.classList;
      if (!cl) return true;
      if (cl.contains('react-flow__handle') || cl.contains('topo-badge')) return false;
      if (ids && cl.contains('react-flow__node')) return ids.has(el.getAttribute('data-id') ?? '');
      if (edges && cl.contains('react-flow__edge')) return edges.has(el.getAttribute('data-id') ?? '');
      if (edges && cl.contains('topo-edge-label')) return edges.has(el.getAttribute('data-edge-id') ?? '');
      return true;
    };
    const bg = getComputedStyle(root).getPropertyValue('--canvas-bg').trim() || (currentTheme() === 'dark' ? '#0c1015' : '#ffffff');
    const opts = {
      backgroundColor: bg,
      width,
      height,
      skipFonts: true,
      filter: keep,
      style: { width: `${width}px`, height: `${height}px`, transform },
    };
    const putBack = inlineSvgStyles(viewportEl);
    try {
      return format === 'png' ? await toPng(viewportEl, { ...opts, pixelRatio: 2 }) : await toSvg(viewportEl, opts);
    } finally {
      putBack();
    }
  } finally {
    root.classList.remove('is-exporting');
    if (moved) await rf.setViewport(before);
  }
}

/** The SVG text of an `image/svg+xml` data URL. */
export function svgText(dataUrl: string): string {
  const comma = dataUrl.indexOf(',');
  const meta = dataUrl.slice(0, comma);
  const body = dataUrl.slice(comma + 1);
  return meta.endsWith(';base64') ? atob(body) : decodeURIComponent(body);
}

function pngBytes(dataUrl: string): Uint8Array {
  const bin = atob(dataUrl.slice(dataUrl.indexOf(',') + 1));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function baseName(): string {
  const { doc } = useEditor.getState();
  return makeId(doc.name || 'design', () => false);
}

const EXT = { png: 'png', svg: 'svg', mermaid: 'mmd' } as const;
const MIME = { png: 'image/png', svg: 'image/svg+xml', mermaid: 'text/plain' } as const;

async function save(format: 'png' | 'svg' | 'mermaid', data: string | Uint8Array): Promise<void> {
  const s = useEditor.getState();
  const name = baseName();
  if (platform.isDesktop && platform.exportDiagram) {
    const path = await platform.exportDiagram(format, data, { suggestedName: name });
    if (path) s.toast({ tone: 'success', message: `Exported ${path}.` });
    return;
  }
  const file = `${name}.${EXT[format]}`;
  download(file, new Blob([data as BlobPart], { type: MIME[format] }));
  s.toast({ tone: 'success', message: `Exported ${file}.` });
}

export async function exportImage(format: 'png' | 'svg'): Promise<void> {
  const s = useEditor.getState();
  try {
    const url = await renderImage(format);
    if (!url) {
      s.toast({ tone: 'info', message: 'There is nothing to export yet.', hint: 'Add components to the design first.' });
      return;
    }
    await save(format, format === 'png' ? pngBytes(url) : svgText(url));
  } catch (e) {
    s.toast({ tone: 'error', message: `The image could not be exported: ${(e as Error).message}`, hint: 'Your design is unchanged. Try again, or export the Mermaid diagram instead.' });
  }
}

export async function exportMermaid(): Promise<void> {
  const s = useEditor.getState();
  try {
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
