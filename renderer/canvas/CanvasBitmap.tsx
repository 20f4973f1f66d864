import { useStoreApi, type ReactFlowState, type Transform } from '@xyflow/react';
import { memo, useEffect, useLayoutEffect, useRef } from 'react';
import { useRoutes } from '../layout/routes';
import { GRID, type FlowEdge, type FlowNode } from '../store/derive';
import { useFindings } from '../store/findings';
import { useEditor } from '../store/store';
import { arrowOf, routeFor, type Box } from './geometry';
import { hitTest, nodesInside, sizeOf } from './lod';
import { TINY_ZOOM } from './zoom';

/**
 * The level of detail of a large design zoomed far out (lod.ts): the whole design drawn on one
 * canvas bitmap, in place of 5,000 DOM blocks and 7,500 SVG paths, which took software rendering
 * ~200 ms a frame to paint. The bitmap is drawn for the view of the moment (plus a margin around
 * it) and only moved and scaled by a CSS transform while the view pans or zooms; it is drawn again
 * once the view settles, and when the design, the selection, the findings or the theme change.
 *
 * It takes no pointer events: React Flow's pane under it keeps panning, zooming and box selection.
 * What a pointer does to a component is hit-tested here and in Canvas.tsx (lod.ts's hitTest):
 * a click selects it (Canvas's onPaneClick), a double click opens its label, the context menu is
 * its own, a drag moves it (here: the pointer is taken from React Flow's pane before it starts a
 * pan), a box selection selects what it encloses (here, from React Flow's selection rectangle).
 */

export interface BitmapProps {
  nodes: readonly FlowNode[];
  edges: readonly FlowEdge[];
  /** Commits a drag: the new positions of the components and zones moved (one undo step). */
  onMove(positions: Record<string, { x: number; y: number }>): void;
}

/** Drawn around the view on each side, as a share of its size: a pan or zoom out shows it before the view settles. */
const MARGIN = 0.35;
/** The view is drawn again this long after it last moved. */
const SETTLE_MS = 120;
/** A press moves this far (screen px) before it is a drag (React Flow's nodeDragThreshold is 1). */
const DRAG_FROM = 2;

interface Colours {
  get(name: string): string;
}

function coloursOf(el: Element): Colours {
  const css = getComputedStyle(el);
  const cache = new Map<string, string>();
  return {
    get(name) {
      let c = cache.get(name);
      if (c === undefined) cache.set(name, (c = css.getPropertyValue(name).trim() || '#94a3b8'));
      return c;
    },
  };
}

interface Scene {
  nodes: readonly FlowNode[];
  edges: readonly FlowEdge[];
  drag: ReadonlyMap<string, { x: number; y: number }> | null;
}

/**
 * Draws the design for the view `[tx, ty, k]` onto `canvas`, which covers the view (w × h) and
 * `m` pixels more on each side.
 */
function paint(canvas: HTMLCanvasElement, scene: Scene, [tx, ty, k]: Transform, w: number, h: number, m: number, font: string): void {
  const dpr = window.devicePixelRatio || 1;
  const cw = Math.round((w + 2 * m) * dpr);
  const ch = Math.round((h + 2 * m) * dpr);
  if (canvas.width !== cw) canvas.width = cw;
  if (canvas.height !== ch) canvas.height = ch;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, cw, ch);
  ctx.setTransform(k * dpr, 0, 0, k * dpr, (tx + m) * dpr, (ty + m) * dpr);
  // What is drawn, in flow units.
  const x0 = (-m - tx) / k;
  const y0 = (-m - ty) / k;
  const x1 = (w + m - tx) / k;
  const y1 = (h + m - ty) / k;
  const px = 1 / k; // one screen pixel
  const colours = coloursOf(canvas);
  const { nodeDiags, edgeDiags } = useFindings.getState();
  const routes = useRoutes.getState().byEdge;
  const selection = useEditor.getState().selection.nodes;
  const related = selection.length > 0 && selection.length < 50 ? new Set(selection) : null;
  const boxes = new Map<string, Box>();
  for (const n of scene.nodes) {
    const p = scene.drag?.get(n.id) ?? n.position;
    const { w: nw, h: nh } = sizeOf(n);
    boxes.set(n.id, { x: p.x, y: p.y, w: nw, h: nh });
  }
  const inView = (b: Box) => b.x + b.w >= x0 && b.x <= x1 && b.y + b.h >= y0 && b.y <= y1;
  const labels = k >= TINY_ZOOM;

  // Zones, behind everything: outline and a faint fill in their trust colour, solid (as far out in the DOM).
  for (const n of scene.nodes) {
    if (n.type !== 'zone') continue;
    const b = boxes.get(n.id)!;
    if (!inView(b)) continue;
    const trust = typeof n.data.group.trust === 'string' ? n.data.group.trust : 'internal';
    const c = colours.get(`--trust-${trust}`);
    ctx.globalAlpha = 0.05;
    ctx.fillStyle = c;
    ctx.fillRect(b.x, b.y, b.w, b.h);
    ctx.globalAlpha = 1;
    ctx.strokeStyle = n.selected ? colours.get('--accent') : c;
    ctx.lineWidth = Math.max(1.5, px) * (n.selected ? 2 : 1);
    ctx.strokeRect(b.x, b.y, b.w, b.h);
    if (12 * k >= 4) {
      ctx.fillStyle = colours.get('--text-2');
      ctx.font = `600 12px ${font}`;
      ctx.fillText(n.data.group.label || n.data.group.id, b.x + 18, b.y + 26, Math.max(0, b.w - 36));
    }
  }

  // Components: flat blocks in their kind's colour (as the DOM draws them far out in a large design).
  const cats = new Map<string, Box[]>();
  for (const n of scene.nodes) {
    if (n.type !== 'topo') continue;
    const b = boxes.get(n.id)!;
    if (!inView(b)) continue;
    const cat = n.data.kind?.category ?? 'unknown';
    let list = cats.get(cat);
    if (!list) cats.set(cat, (list = []));
    list.push(b);
  }
  for (const [cat, list] of cats) {
    ctx.fillStyle = colours.get(`--cat-${cat}-soft`);
    for (const b of list) ctx.fillRect(b.x, b.y, b.w, b.h);
  }
  if (labels) {
    ctx.fillStyle = colours.get('--text');
    ctx.font = `600 20px ${font}`;
    ctx.textBaseline = 'middle';
    for (const n of scene.nodes) {
      if (n.type !== 'topo') continue;
      const b = boxes.get(n.id)!;
      if (inView(b)) ctx.fillText(n.data.node.label || n.id, b.x + 12, b.y + b.h / 2, b.w - 24);
    }
    ctx.textBaseline = 'alphabetic';
  }

  // Connections, above the components (as in the DOM), grouped by how they are drawn.
  const styles = new Map<string, Path2D>();
  const arrows = new Map<string, Path2D>();
  const add = (map: Map<string, Path2D>, key: string) => {
    let p = map.get(key);
    if (!p) map.set(key, (p = new Path2D()));
    return p;
  };
  for (const e of scene.edges) {
    const a = boxes.get(e.source);
    const b = boxes.get(e.target);
    if (!a || !b) continue;
    if (Math.max(a.x + a.w, b.x + b.w) < x0 || Math.min(a.x, b.x) > x1 || Math.max(a.y + a.h, b.y + b.h) < y0 || Math.min(a.y, b.y) > y1) continue;
    const points = routeFor(routes.get(e.id), a, b);
    if (points.length < 2) continue;
    const sev = edgeDiags.get(e.id)?.worst;
    const rel = !!related && (related.has(e.source) || related.has(e.target));
    const key = e.selected ? 'selected' : rel ? 'related' : sev === 'error' ? 'error' : sev === 'warning' ? 'warning' : 'plain';
    const path = add(styles, key);
    path.moveTo(points[0]!.x, points[0]!.y);
    for (let i = 1; i < points.length; i++) path.lineTo(points[i]!.x, points[i]!.y);
    if (labels) add(arrows, key).addPath(new Path2D(arrowOf(points, key === 'selected' ? 2.2 : key === 'related' ? 2 : 1.6)));
  }
  const strokeOf: Record<string, { colour: string; width: number; dash?: number[] }> = {
    plain: { colour: '--edge', width: 1.6 },
    warning: { colour: '--warning', width: 1.6 },
    error: { colour: '--error', width: 1.6, dash: [5, 4] },
    related: { colour: '--accent', width: 2 },
    selected: { colour: '--edge-selected', width: 2.2 },
  };
  for (const key of ['plain', 'warning', 'error', 'related', 'selected']) {
    const path = styles.get(key);
    if (!path) continue;
    const s = strokeOf[key]!;
    ctx.strokeStyle = colours.get(s.colour);
    // Not thinner than half a screen pixel: a connection stays visible however far out.
    ctx.lineWidth = Math.max(s.width, 0.5 * px);
    ctx.setLineDash(s.dash && s.dash[0]! * k >= 2 ? s.dash : []);
    ctx.stroke(path);
    const arrow = arrows.get(key);
    if (arrow) {
      ctx.fillStyle = ctx.strokeStyle;
      ctx.fill(arrow);
    }
  }
  ctx.setLineDash([]);

  // Selected components: the accent ring; problems: the badge at the top right corner.
  ctx.strokeStyle = colours.get('--accent');
  ctx.lineWidth = Math.max(2, 2 * px);
  for (const n of scene.nodes) {
    if (n.type !== 'topo' || !n.selected) continue;
    const b = boxes.get(n.id)!;
    if (inView(b)) ctx.strokeRect(b.x, b.y, b.w, b.h);
  }
  for (const n of scene.nodes) {
    if (n.type !== 'topo') continue;
    const d = nodeDiags.get(n.id);
    if (!d) continue;
    const b = boxes.get(n.id)!;
    if (!inView(b)) continue;
    ctx.fillStyle = colours.get(d.worst === 'error' ? '--error' : d.worst === 'warning' ? '--warning' : '--info');
    ctx.beginPath();
    ctx.arc(b.x + b.w, b.y, Math.max(10, 1.5 * px), 0, 2 * Math.PI);
    ctx.fill();
  }
}

function snap(v: number): number {
  return Math.round(v / GRID) * GRID;
}

export const CanvasBitmap = memo(function CanvasBitmap({ nodes, edges, onMove }: BitmapProps) {
  const store = useStoreApi<FlowNode, FlowEdge>();
  const canvas = useRef<HTMLCanvasElement>(null);
  const scene = useRef<Scene>({ nodes, edges, drag: null });
  scene.current = { ...scene.current, nodes, edges };
  const onMoveRef = useRef(onMove);
  onMoveRef.current = onMove;
  /** The view the bitmap was drawn for, and its margin. */
  const drawn = useRef<{ t: Transform; m: number } | null>(null);
  const redraw = useRef<() => void>(() => {});

  // Drawing, and following the view.
  useLayoutEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const font = getComputedStyle(el).fontFamily || 'sans-serif';
    const place = (t: Transform) => {
      const d = drawn.current;
      if (!d) return;
      const s = t[2] / d.t[2];
      el.style.transform = `translate(${d.m - s * d.m + t[0] - s * d.t[0]}px, ${d.m - s * d.m + t[1] - s * d.t[1]}px) scale(${s})`;
    };
    const draw = () => {
      const { transform, width, height } = store.getState();
      if (!width || !height) return;
      const m = Math.round(MARGIN * Math.max(width, height));
      paint(el, scene.current, transform, width, height, m, font);
      el.style.left = `${-m}px`;
      el.style.top = `${-m}px`;
      el.style.width = `${width + 2 * m}px`;
      el.style.height = `${height + 2 * m}px`;
      drawn.current = { t: transform, m };
      place(transform);
    };
    redraw.current = draw;
    draw();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last: ReactFlowState<FlowNode, FlowEdge> | undefined;
    const unsubscribe = store.subscribe((s) => {
      if (last && s.transform === last.transform && s.width === last.width && s.height === last.height) return;
      const resized = !!last && (s.width !== last.width || s.height !== last.height);
      last = s;
      if (resized) return draw();
      place(s.transform);
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        const d = drawn.current;
        const t = store.getState().transform;
        if (!d || d.t[0] !== t[0] || d.t[1] !== t[1] || d.t[2] !== t[2]) draw();
      }, SETTLE_MS);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
      redraw.current = () => {};
    };
  }, [store]);

  // The design, the selection, the findings, the routes or the theme changed: drawn again.
  useEffect(() => {
    redraw.current();
  }, [nodes, edges]);
  useEffect(() => {
    let frame = 0;
    const later = () => {
      if (!frame) frame = requestAnimationFrame(() => { frame = 0; redraw.current(); });
    };
    const a = useFindings.subscribe((s, p) => { if (s.nodeDiags !== p.nodeDiags || s.edgeDiags !== p.edgeDiags) later(); });
    const b = useRoutes.subscribe(later);
    const obs = new MutationObserver(later);
    obs.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => {
      a();
      b();
      obs.disconnect();
      cancelAnimationFrame(frame);
    };
  }, []);

  // Box selection: React Flow's rectangle selects nothing of a design it does not draw (its nodes are hidden); what it encloses is selected here.
  useEffect(() => {
    return store.subscribe((s, prev) => {
      const r = s.userSelectionRect;
      if (!s.userSelectionActive || !r || r === prev.userSelectionRect) return;
      const [tx, ty, k] = s.transform;
      const inside = new Set(nodesInside(scene.current.nodes, { x: (r.x - tx) / k, y: (r.y - ty) / k, w: r.width / k, h: r.height / k }));
      const edgesOf = scene.current.edges.filter((e) => inside.has(e.source) || inside.has(e.target)).map((e) => e.id);
      const cur = useEditor.getState().selection;
      const nodeIds = [...inside];
      if (nodeIds.length === cur.nodes.length && nodeIds.every((id, i) => cur.nodes[i] === id) && edgesOf.length === cur.edges.length && edgesOf.every((id, i) => cur.edges[i] === id)) return;
      useEditor.getState().select({ nodes: nodeIds, edges: edgesOf });
    });
  }, [store]);

  // Dragging a component (or a zone by its title): the pointer is taken from React Flow's pane before it pans.
  useEffect(() => {
    const root = canvas.current?.closest('.react-flow');
    if (!root) return;
    let press: { id: string; sx: number; sy: number; fx: number; fy: number; multi: boolean } | null = null;
    let moving: Map<string, { x: number; y: number }> | null = null;
    let primary = { x: 0, y: 0 };
    let suppressClick = false;
    let frame = 0;
    const toFlow = (e: MouseEvent) => {
      const r = root.getBoundingClientRect();
      const [tx, ty, k] = store.getState().transform;
      return { x: (e.clientX - r.left - tx) / k, y: (e.clientY - r.top - ty) / k };
    };
    const onPane = (e: Event) => e.target instanceof Element && e.target.classList.contains('react-flow__pane') && root.contains(e.target);
    const down = (e: PointerEvent) => {
      suppressClick = false;
      // Shift starts a box selection, over components too (React Flow's selectionKeyCode).
      if (e.button !== 0 || !e.isPrimary || e.shiftKey || !onPane(e)) return;
      const f = toFlow(e);
      const hit = hitTest(scene.current.nodes, f.x, f.y);
      if (!hit || hit.part === 'zone') return;
      e.stopPropagation();
      e.preventDefault();
      press = { id: hit.node.id, sx: e.clientX, sy: e.clientY, fx: f.x, fy: f.y, multi: e.metaKey || e.ctrlKey };
    };
    const stopMouse = (e: MouseEvent) => {
      if (press) e.stopPropagation();
    };
    const move = (e: PointerEvent) => {
      if (!press) return;
      if (!moving) {
        if (Math.hypot(e.clientX - press.sx, e.clientY - press.sy) < DRAG_FROM) return;
        // As React Flow: dragging a component not selected selects it (added to the selection with Ctrl or Cmd).
        const s = useEditor.getState();
        let sel = s.selection.nodes;
        if (!sel.includes(press.id)) {
          sel = press.multi ? [...sel, press.id] : [press.id];
          s.select(press.multi ? { nodes: sel } : { nodes: sel, edges: [] });
        }
        const ids = new Set(sel);
        // A zone carries its components.
        for (const n of s.doc.nodes) if (n.group && ids.has(n.group)) ids.add(n.id);
        moving = new Map();
        for (const n of scene.current.nodes) if (ids.has(n.id)) moving.set(n.id, n.position);
        primary = moving.get(press.id) ?? { x: press.fx, y: press.fy };
      }
      const f = toFlow(e);
      // Snapped to the grid as React Flow snaps a dragged component: the one under the pointer lands on it, the rest keep their offsets.
      const dx = snap(primary.x + f.x - press.fx) - primary.x;
      const dy = snap(primary.y + f.y - press.fy) - primary.y;
      const drag = new Map<string, { x: number; y: number }>();
      for (const [id, p] of moving) drag.set(id, { x: p.x + dx, y: p.y + dy });
      scene.current = { ...scene.current, drag };
      if (!frame) frame = requestAnimationFrame(() => { frame = 0; redraw.current(); });
    };
    const up = () => {
      if (!press) return;
      press = null;
      if (!moving) return;
      moving = null;
      suppressClick = true;
      const drag = scene.current.drag;
      scene.current = { ...scene.current, drag: null };
      if (drag?.size) onMoveRef.current(Object.fromEntries(drag));
      redraw.current();
    };
    // After a drag, no click (as d3-drag suppresses it): it would select the component alone.
    const click = (e: MouseEvent) => {
      if (!suppressClick) return;
      suppressClick = false;
      e.stopPropagation();
      e.preventDefault();
    };
    window.addEventListener('pointerdown', down, true);
    window.addEventListener('mousedown', stopMouse, true);
    window.addEventListener('pointermove', move, true);
    window.addEventListener('pointerup', up, true);
    window.addEventListener('pointercancel', up, true);
    window.addEventListener('click', click, true);
    return () => {
      window.removeEventListener('pointerdown', down, true);
      window.removeEventListener('mousedown', stopMouse, true);
      window.removeEventListener('pointermove', move, true);
      window.removeEventListener('pointerup', up, true);
      window.removeEventListener('pointercancel', up, true);
      window.removeEventListener('click', click, true);
      cancelAnimationFrame(frame);
    };
  }, [store]);

  return <canvas ref={canvas} className="canvas-bitmap" data-testid="canvas-bitmap" aria-hidden="true" />;
});

export default CanvasBitmap;
