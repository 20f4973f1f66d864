import { Panel, useReactFlow, useStoreApi, type ReactFlowState } from '@xyflow/react';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { FlowEdge, FlowNode } from '../store/derive';

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface MiniMapProps {
  nodes: readonly FlowNode[];
  width: number;
  height: number;
  ariaLabel: string;
  /** While a component is dragged: the map is not drawn again until it is put down (the design has not changed yet). */
  frozen?: boolean;
}

/** From this many components and zones on, the map follows a moving view every THROTTLE_MS. */
const THROTTLE_FROM = 300;
const THROTTLE_MS = 100;

/** The side of the frame of the part in view before it is scaled to size (app.css). */
const VIEW_BOX = 100;

/** Space around the drawing, in minimap pixels (as React Flow's MiniMap). */
const MARGIN = 5;

function sizeOf(n: FlowNode): { w: number; h: number } {
  return { w: n.width ?? n.measured?.width ?? 0, h: n.height ?? n.measured?.height ?? 0 };
}

function boundsOf(nodes: readonly FlowNode[]): Box | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const n of nodes) {
    const { w, h } = sizeOf(n);
    x0 = Math.min(x0, n.position.x);
    y0 = Math.min(y0, n.position.y);
    x1 = Math.max(x1, n.position.x + w);
    y1 = Math.max(y1, n.position.y + h);
  }
  return Number.isFinite(x0) ? { x: x0, y: y0, w: x1 - x0, h: y1 - y0 } : null;
}

/** The part of the design in view, in flow coordinates. */
function viewOf(s: Pick<ReactFlowState, 'transform' | 'width' | 'height'>): Box {
  const [tx, ty, k] = s.transform;
  return { x: -tx / k, y: -ty / k, w: s.width / k, h: s.height / k };
}

function union(a: Box, b: Box): Box {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y };
}

/** The drawing's resolution: this many canvas pixels per minimap pixel (sharp on a 2× screen). */
const RESOLUTION = 2;
/** Between two drawings of a large design while it changes (a drag, typing), at least this long. */
const REDRAW_MS = 250;

/**
 * Draws the components and zones onto `canvas`, which shows `bounds` (flow units) at its CSS
 * size; the backing store is a few times the minimap's size, whatever the design's. A canvas,
 * not an SVG of one element per component: 5,000 rectangles to create, diff and lay out on every
 * change of the design were most of the cost of opening, dragging or typing in a large one.
 */
function paint(canvas: HTMLCanvasElement, nodes: readonly FlowNode[], bounds: Box, width: number, height: number): void {
  const s = Math.max(bounds.w / (width * RESOLUTION), bounds.h / (height * RESOLUTION), 1e-6);
  const cw = Math.max(1, Math.ceil(bounds.w / s));
  const ch = Math.max(1, Math.ceil(bounds.h / s));
  if (canvas.width !== cw) canvas.width = cw;
  if (canvas.height !== ch) canvas.height = ch;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.clearRect(0, 0, cw, ch);
  const css = getComputedStyle(canvas);
  const colours = new Map<string, string>();
  const colour = (v: string) => {
    let c = colours.get(v);
    if (c === undefined) colours.set(v, (c = css.getPropertyValue(v).trim() || '#94a3b8'));
    return c;
  };
  const r = 4 / s;
  // Zones first (behind), then components, one fill per colour.
  for (const pass of ['zone', 'topo'] as const) {
    let current = '';
    for (const n of nodes) {
      if (n.type !== pass) continue;
      const { w, h } = sizeOf(n);
      const fill = colour(n.type === 'zone' ? '--zone-minimap' : `--cat-${n.data.kind?.category ?? 'unknown'}`);
      if (fill !== current) {
        ctx.fillStyle = fill;
        current = fill;
      }
      const x = (n.position.x - bounds.x) / s;
      const y = (n.position.y - bounds.y) / s;
      const ww = w / s;
      const hh = h / s;
      if (ww < 3 || hh < 3 || !ctx.roundRect) ctx.fillRect(x, y, ww, hh);
      else {
        ctx.beginPath();
        ctx.roundRect(x, y, ww, hh, Math.min(r, ww / 2, hh / 2));
        ctx.fill();
      }
    }
  }
}

/** Whether two lists of nodes draw the same map: the same places, sizes, kinds and zones, in the same order. */
function sameDrawing(a: readonly FlowNode[], b: readonly FlowNode[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (x.type !== y.type || x.position.x !== y.position.x || x.position.y !== y.position.y || x.width !== y.width || x.height !== y.height || x.measured?.width !== y.measured?.width || x.measured?.height !== y.measured?.height) return false;
    if (x.type === 'topo' && y.type === 'topo' && x.data.kind?.category !== y.data.kind?.category) return false;
  }
  return true;
}

/**
 * The minimap: what React Flow's MiniMap shows (every component and zone, the part in view
 * unmasked, framed like React Flow frames it), drawn so that a pan or zoom costs next to nothing.
 * The components are drawn once per change of the design, in flow coordinates; as the view moves
 * only two transforms are updated (the one that fits the drawing into the map, and the frame of
 * the part in view, whose wide shadow is the mask), outside React, from a subscription to the
 * canvas's viewport. React Flow's MiniMap re-renders its SVG with a new viewBox and a new mask
 * path on every frame and watches every node: at 1,000 components that was a fifth of each frame
 * of a pan or zoom. In a large design it follows a moving view ten times a second (and where it
 * stops at once), on a layer of its own so that the canvas moving under it does not draw it again.
 * Drag in it to pan, wheel over it to zoom.
 */
export const CanvasMiniMap = memo(function CanvasMiniMap({ nodes: current, width, height, ariaLabel, frozen = false }: MiniMapProps) {
  // The components as last put down: a drag frame changes nothing here (no pass over every component per frame).
  const kept = useRef(current);
  if (!frozen) kept.current = current;
  const nodes = kept.current;
  const store = useStoreApi<FlowNode, FlowEdge>();
  const rf = useReactFlow<FlowNode, FlowEdge>();
  const drawing = useRef<HTMLCanvasElement>(null);
  const mask = useRef<HTMLDivElement>(null);
  const frame = useRef<HTMLDivElement>(null);
  /** Flow units per minimap pixel, as last drawn (for panning). */
  const scale = useRef(1);
  const bounds = useMemo(() => boundsOf(nodes), [nodes]);
  const throttle = nodes.length > THROTTLE_FROM;

  const draw = useCallback(
    (s: ReactFlowState<FlowNode, FlowEdge>) => {
      const view = viewOf(s);
      const box = bounds ? union(bounds, view) : view;
      const k = Math.max(box.w / (width - 2 * MARGIN), box.h / (height - 2 * MARGIN)) || 1;
      scale.current = k;
      // The map's origin (top left) in flow units: the box centred, at least MARGIN pixels from the edges.
      const ox = box.x - (width * k - box.w) / 2;
      const oy = box.y - (height * k - box.h) / 2;
      if (drawing.current && bounds) {
        drawing.current.style.transform = `scale(${1 / k}) translate(${bounds.x - ox}px, ${bounds.y - oy}px)`;
      }
      if (mask.current) {
        // A transform only (no size change): the map is neither laid out nor painted again, only composed.
        mask.current.style.transform = `translate(${(view.x - ox) / k}px, ${(view.y - oy) / k}px) scale(${view.w / k / VIEW_BOX}, ${view.h / k / VIEW_BOX})`;
      }
    },
    [bounds, width, height],
  );

  useLayoutEffect(() => {
    draw(store.getState());
    let last: ReactFlowState<FlowNode, FlowEdge> | undefined;
    let drawnAt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const now = () => {
      timer = undefined;
      drawnAt = performance.now();
      draw(store.getState());
    };
    const unsubscribe = store.subscribe((s) => {
      if (last && s.transform === last.transform && s.width === last.width && s.height === last.height) return;
      last = s;
      // A large design's map follows the view a few times a second while it moves, and exactly once it stops.
      if (!throttle) return now();
      if (timer) return;
      const wait = drawnAt + THROTTLE_MS - performance.now();
      if (wait <= 0) now();
      else timer = setTimeout(now, wait);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [store, draw, throttle]);

  // The components, drawn again when the design (or the theme) changes; in a large design at most
  // every REDRAW_MS while it keeps changing, and once more when it stops.
  const latest = useRef({ nodes, bounds });
  latest.current = { nodes, bounds };
  const paintedAt = useRef(0);
  const [theme, setTheme] = useState(() => document.documentElement.dataset.theme);
  useEffect(() => {
    const obs = new MutationObserver(() => setTheme(document.documentElement.dataset.theme));
    obs.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => obs.disconnect();
  }, []);
  /** What the drawing shows, to skip drawing it again when only what it does not show changed (a selection). */
  const painted = useRef<{ nodes: readonly FlowNode[]; bounds: Box; width: number; height: number; theme: string | undefined } | null>(null);
  useEffect(() => {
    const now = () => {
      const { nodes: ns, bounds: b } = latest.current;
      const p = painted.current;
      if (p && b && p.bounds.x === b.x && p.bounds.y === b.y && p.bounds.w === b.w && p.bounds.h === b.h && p.width === width && p.height === height && p.theme === theme && sameDrawing(p.nodes, ns)) return;
      paintedAt.current = performance.now();
      if (drawing.current && b) {
        paint(drawing.current, ns, b, width, height);
        painted.current = { nodes: ns, bounds: b, width, height, theme };
      }
    };
    const wait = throttle ? paintedAt.current + REDRAW_MS - performance.now() : 0;
    if (wait <= 0) return void now();
    const t = setTimeout(now, wait);
    return () => clearTimeout(t);
  }, [nodes, bounds, width, height, throttle, theme]);

  // Drag to pan (the view follows the pointer), wheel to zoom, as React Flow's pannable, zoomable minimap.
  useEffect(() => {
    const el = frame.current;
    if (!el) return;
    let from: { x: number; y: number } | null = null;
    const down = (e: PointerEvent) => {
      if (e.button !== 0) return;
      from = { x: e.clientX, y: e.clientY };
      el.setPointerCapture(e.pointerId);
      e.preventDefault();
    };
    const move = (e: PointerEvent) => {
      if (!from) return;
      const { x, y, zoom } = rf.getViewport();
      const k = scale.current * zoom;
      void rf.setViewport({ x: x - (e.clientX - from.x) * k, y: y - (e.clientY - from.y) * k, zoom });
      from = { x: e.clientX, y: e.clientY };
    };
    const up = (e: PointerEvent) => {
      from = null;
      if (el.hasPointerCapture(e.pointerId)) el.releasePointerCapture(e.pointerId);
    };
    const wheel = (e: WheelEvent) => {
      e.preventDefault();
      const delta = -e.deltaY * (e.deltaMode === 1 ? 0.05 : e.deltaMode ? 1 : 0.002);
      void rf.zoomTo(rf.getZoom() * 2 ** delta);
    };
    el.addEventListener('pointerdown', down);
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
    el.addEventListener('pointercancel', up);
    el.addEventListener('wheel', wheel, { passive: false });
    return () => {
      el.removeEventListener('pointerdown', down);
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
      el.removeEventListener('pointercancel', up);
      el.removeEventListener('wheel', wheel);
    };
  }, [rf]);

  return (
    <Panel position="bottom-right" className="react-flow__minimap canvas-minimap" style={{ width, height }}>
      <canvas ref={drawing} className="canvas-minimap-drawing" style={{ width: bounds?.w ?? 0, height: bounds?.h ?? 0 }} aria-hidden="true" />
      <div ref={mask} className="canvas-minimap-view" />
      <div ref={frame} className="canvas-minimap-frame" role="img" aria-label={ariaLabel} />
    </Panel>
  );
});
