import {
  ConnectionLineType, ConnectionMode, Controls, getNodesBounds, ReactFlow, useReactFlow, useStore, useStoreApi,
  type Viewport,
  type Connection, type Edge, type EdgeChange, type FinalConnectionState, type IsValidConnection, type NodeChange, type OnConnectStartParams,
} from '@xyflow/react';
import { lazy, Suspense, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type DragEvent as ReactDragEvent } from 'react';
import { defaultProtocol, getKind, KINDS, PROTOCOL_NAMES } from '../../shared/catalog';
import { edgeIds } from '../../shared/model/ids';
import { runCommand } from '../app/commands';
import { runAutoLayout } from '../layout/commands';
import { ContextMenu, openMenu, type MenuItem } from './ContextMenu';
import { addNode, connect, moveElements, removeElements, resizeGroup, reverseEdge } from '../store/doc-ops';
import { createEdgeDeriver, createNodeDeriver, DEFAULT_ZONE, GRID, NO_TRANSIENT, NODE_HEIGHT, NODE_WIDTH, positionsOf, type FlowEdge, type FlowNode } from '../store/derive';
import type { Position, Topology } from '../../shared/model/types';
import { settles, SETTLE_MS, useSettled } from '../store/settled';
import { useEditor } from '../store/store';
import { setUi } from '../app/ui-prefs';
import { judgeConnection, viableProtocols } from '../services/validation';
import { canvasApi } from './api';
import { createZone, zoneAround } from '../zones/zones';
import { ROUTE_LIMIT, setObstacles } from './obstacles';
import { CanvasBackground } from './CanvasBackground';
import { CanvasMiniMap } from './CanvasMiniMap';
import { TopoEdgeView } from './TopoEdgeView';
import { TopoNodeView } from './TopoNodeView';
import { ZoneNodeView } from './ZoneNodeView';
import { EdgeLabelLayerProvider, FAR_ZOOM, FarProvider, LABEL_ZOOM, LegibleProvider, TINY_ZOOM } from './zoom';
import { hitTest, LOD_FROM, LOD_ZOOM } from './lod';
import { liveDrag } from './live-drag';
import { holdStill, releaseStill } from './still-edges';

/** The bitmap of a large design zoomed far out (lod.ts), loaded when a design that large is first shown. */
const loadBitmap = () => import('./CanvasBitmap');
const CanvasBitmap = lazy(loadBitmap);

export const KIND_MIME = 'application/x-topoforge-kind';
export const ZONE_MIME = 'application/x-topoforge-zone';

const nodeTypes = { topo: TopoNodeView, zone: ZoneNodeView };
const edgeTypes = { topo: TopoEdgeView };
const SNAP: [number, number] = [GRID, GRID];
const MULTI_KEYS = ['Shift', 'Meta', 'Control'];
const DELETE_KEYS = ['Delete', 'Backspace'];
const MINIMAP_SIZE = { width: 168, height: 112 };
/** The fit of a whole design, here and in the focus effect below. */
const FIT = { padding: 0.15, maxZoom: 1.1 };
const MIN_ZOOM = 0.1;
/**
 * A design opened (or the first one shown) is not drawn smaller than this, where names are still
 * read (13 px at 1 → about 10 px): a design too large for the window at that size is centred and
 * the rest is a pan or a Fit view away (the minimap shows where).
 */
const READABLE_ZOOM = 0.75;
/** Room left around a fitted design for the zoom controls (bottom left) and the minimap (bottom right). */
const EDGE_PAD = 28;
const CONTROLS_PAD = 56;

/**
 * The viewport showing `bounds` as large as it fits in a `w` × `h` canvas with nothing under the
 * zoom controls or the minimap: the design is kept left of the minimap or above it, whichever
 * leaves it larger.
 */
export function fitViewport(bounds: { x: number; y: number; width: number; height: number }, w: number, h: number, opts: { maxZoom: number; minZoom?: number }): Viewport {
  const minZoom = opts.minZoom ?? MIN_ZOOM;
  const side = { top: EDGE_PAD, left: CONTROLS_PAD, right: MINIMAP_SIZE.width + 2 * EDGE_PAD, bottom: EDGE_PAD };
  const below = { top: EDGE_PAD, left: CONTROLS_PAD, right: EDGE_PAD, bottom: MINIMAP_SIZE.height + 2 * EDGE_PAD };
  const fit = (p: { top: number; left: number; right: number; bottom: number }) => {
    const zoom = Math.max(minZoom, Math.min(opts.maxZoom, (w - p.left - p.right) / Math.max(1, bounds.width), (h - p.top - p.bottom) / Math.max(1, bounds.height)));
    const x = p.left + (w - p.left - p.right - bounds.width * zoom) / 2 - bounds.x * zoom;
    const y = p.top + (h - p.top - p.bottom - bounds.height * zoom) / 2 - bounds.y * zoom;
    return { x, y, zoom };
  };
  const a = fit(side);
  const b = fit(below);
  const best = a.zoom >= b.zoom ? a : b;
  // Held at the readable size, a design wider than the view shows its start (data flows left to right), not a cut middle.
  const p = best === a ? side : below;
  if (best.zoom === minZoom && bounds.width * minZoom > w - p.left - p.right) best.x = p.left - bounds.x * minZoom;
  return best;
}
/**
 * Large designs draw only what is in view (onlyRenderVisibleElements) once zoomed in past
 * CULL_ZOOM, where most of the design is out of view and full components and labels are drawn.
 * Further out, up to CULL_ABOVE components, every one stays in the DOM: nearly all of them are in
 * view anyway, and culling would mount and unmount hundreds of them on every zoom step (see
 * docs/performance.md).
 */
const CULL_FROM = 300;
const CULL_ABOVE = 2000;
const CULL_ZOOM = 0.5;


/** A zone that had no position (drawn around its components) keeps the size it was drawn with once it is moved. */
function keepZoneSizes(next: Topology, prev: Topology, ids: readonly string[]): Topology {
  let out = next;
  let drawn: Map<string, Position> | undefined;
  for (const id of ids) {
    if (prev.layout[id]?.w !== undefined || !prev.groups.some((g) => g.id === id)) continue;
    drawn ??= positionsOf(prev);
    const box = drawn.get(id);
    if (box?.w !== undefined && box.h !== undefined) out = resizeGroup(out, id, { w: box.w, h: box.h });
  }
  return out;
}

function snap(v: number): number {
  return Math.round(v / GRID) * GRID;
}

/** The canvas: React Flow, with nodes and edges derived from the document in the store. */
export function Canvas() {
  const doc = useEditor((s) => s.doc);
  const selection = useEditor((s) => s.selection);
  const transient = useEditor((s) => s.transient);
  const dragging = transient.drag !== NO_TRANSIENT.drag && Object.keys(transient.drag).length > 0;
  const focus = useEditor((s) => s.focus);
  const zoomedIn = useStore((s) => s.transform[2] > CULL_ZOOM);
  const far = useStore((s) => s.transform[2] < FAR_ZOOM);
  const legible = useStore((s) => s.transform[2] >= LABEL_ZOOM);
  const tiny = useStore((s) => s.transform[2] < TINY_ZOOM);
  const lodZoom = useStore((s) => s.transform[2] < LOD_ZOOM);
  const [selectMode, setSelectMode] = useState(false);
  const [dropping, setDropping] = useState(false);
  const rf = useReactFlow<FlowNode, FlowEdge>();
  const wrapper = useRef<HTMLDivElement>(null);

  const deriveNodes = useMemo(createNodeDeriver, []);
  const deriveEdges = useMemo(createEdgeDeriver, []);
  /**
   * The positions of a drag in progress in a design too large to route connections around
   * components (more than ROUTE_LIMIT connections): the canvas moves the nodes itself (liveMove
   * below) and the store is told where they were put down, once, on drop. A render of the canvas
   * for another reason during the drag derives the nodes where they are now.
   */
  const liveDragRef = useRef<Record<string, { x: number; y: number }> | null>(null);
  const flowStore = useStoreApi<FlowNode, FlowEdge>();
  const nodes = useMemo(() => {
    const live = liveDragRef.current;
    const out = deriveNodes(doc, selection, live ? { ...transient, drag: { ...transient.drag, ...live } } : transient);
    // The components' boxes, for connections to be routed around (obstacles.ts).
    if (doc.edges.length <= ROUTE_LIMIT) setObstacles(out.filter((n) => n.type === 'topo').map((n) => ({ id: n.id, x: n.position.x, y: n.position.y, w: n.measured?.width ?? NODE_WIDTH, h: n.measured?.height ?? NODE_HEIGHT })));
    return out;
  }, [deriveNodes, doc, selection, transient]);
  // The connections' accessible names follow a label typed into a large design when typing pauses.
  const labelNodes = useSettled(doc.nodes, settles(doc) ? SETTLE_MS : 0);
  const edges = useMemo(() => deriveEdges(doc, selection, labelNodes), [deriveEdges, doc, selection, labelNodes]);

  // A large design far out is drawn as one bitmap (lod.ts, CanvasBitmap.tsx): React Flow keeps its
  // components, hidden (no DOM; Delete, Fit view and the selection work as before), and only the
  // selected connections (hidden too, for Delete), so that it neither draws nor scans 7,500 of them.
  const large = doc.nodes.length > LOD_FROM;
  const lod = large && lodZoom;
  useEffect(() => {
    if (large) void loadBitmap();
  }, [large]);
  const hiddenCopies = useMemo(() => new WeakMap<object, FlowNode | FlowEdge>(), []);
  const flowNodes = useMemo(() => {
    if (!lod) return nodes;
    return nodes.map((n) => {
      let h = hiddenCopies.get(n) as FlowNode | undefined;
      if (!h) hiddenCopies.set(n, (h = { ...n, hidden: true }));
      return h;
    });
  }, [lod, nodes, hiddenCopies]);
  const flowEdges = useMemo(() => {
    if (!lod) return edges;
    return edges.filter((e) => e.selected).map((e) => {
      let h = hiddenCopies.get(e) as FlowEdge | undefined;
      if (!h) hiddenCopies.set(e, (h = { ...e, hidden: true }));
      return h;
    });
  }, [lod, edges, hiddenCopies]);
  const lodRef = useRef({ lod, nodes, edges });
  lodRef.current = { lod, nodes, edges };
  /** A click handled as a component's in the bitmap: React Flow's reset of the selection that follows it is ignored. */
  const ignoreSelect = useRef(false);
  /** The component or zone under a pointer event, when the design is drawn as a bitmap. */
  const lodHit = useCallback((e: { clientX: number; clientY: number }) => {
    if (!lodRef.current.lod) return undefined;
    const p = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY }, { snapToGrid: false });
    return hitTest(lodRef.current.nodes, p.x, p.y);
  }, [rf]);

  // React Flow starts with the design already fitted, so the first render is the one that stays:
  // no second pass over every component and connection when a later fit crosses the zoom levels
  // where they are drawn differently (plain blocks far out, labels near).
  const [initialViewport, setInitialViewport] = useState<Viewport | null>(null);
  useLayoutEffect(() => {
    const r = wrapper.current?.getBoundingClientRect();
    setInitialViewport(nodes.length && r?.width && r.height ? fitViewport(getNodesBounds(nodes), r.width, r.height, { maxZoom: FIT.maxZoom, minZoom: READABLE_ZOOM }) : { x: 48, y: 48, zoom: 1 });
    // Only the first render: later designs are fitted by the focus request (loadDoc asks for one).
  }, []);

  // React Flow's layer for connection labels, found once it is there (see useEdgeLabelLayer).
  const [labelLayer, setLabelLayer] = useState<HTMLElement | null>(null);
  useLayoutEffect(() => {
    const el = wrapper.current?.querySelector<HTMLElement>('.react-flow__edgelabel-renderer') ?? null;
    if (el !== labelLayer) setLabelLayer(el);
  });

  /** Fits the whole design into the view, clear of the zoom controls and the minimap. */
  const fitAll = useCallback(
    (duration: number, maxZoom: number, minZoom?: number) => {
      const r = wrapper.current?.getBoundingClientRect();
      const all = rf.getNodes();
      if (!r?.width || !r.height || !all.length) return;
      void rf.setViewport(fitViewport(getNodesBounds(all), r.width, r.height, { maxZoom, minZoom }), { duration });
    },
    [rf],
  );

  // The canvas API for the palette, toolbar and commands.
  useEffect(() => {
    canvasApi.current = {
      viewCenter() {
        const el = wrapper.current;
        if (!el) return { x: 0, y: 0 };
        const r = el.getBoundingClientRect();
        return rf.screenToFlowPosition({ x: r.left + r.width / 2, y: r.top + r.height / 2 });
      },
      fit: () => fitAll(250, 1.25),
      zoomIn: () => void rf.zoomIn({ duration: 150 }),
      zoomOut: () => void rf.zoomOut({ duration: 150 }),
    };
    return () => {
      canvasApi.current = null;
    };
  }, [rf, fitAll]);

  // A whole design to fit (after open / new / undo of either): fitted before React Flow adopts the
  // new components (its passive effect), from the derived nodes, so that it draws only what is in
  // the fitted view, once. Fitted later (as before), it first drew what the previous view showed
  // of the new design, then, 30 ms on, what the fitted view shows: twice the mounting of a 10k design.
  const fittedFor = useRef<typeof focus>(null);
  useLayoutEffect(() => {
    // (Before React Flow is there, its first view is this fit already, or the effect below does it.)
    if (!focus || !initialViewport || focus.nodes.length || focus.edges.length || fittedFor.current === focus) return;
    fittedFor.current = focus;
    const r = wrapper.current?.getBoundingClientRect();
    if (!nodes.length) void rf.setViewport({ x: 48, y: 48, zoom: 1 });
    else if (r?.width && r.height) void rf.setViewport(fitViewport(getNodesBounds(nodes), r.width, r.height, { maxZoom: FIT.maxZoom, minZoom: focus.readable ? READABLE_ZOOM : undefined }), { duration: 0 });
  }, [focus, nodes, rf, initialViewport]);

  // Centre on what a problem concerns.
  useEffect(() => {
    if (!focus || fittedFor.current === focus) return;
    const ids = new Set(focus.nodes);
    for (const e of focus.edges) {
      const edge = lodRef.current.edges.find((x) => x.id === e);
      if (edge) {
        ids.add(edge.source);
        ids.add(edge.target);
      }
    }
    const t = setTimeout(() => {
      if (ids.size) void rf.fitView({ nodes: [...ids].map((id) => ({ id })), padding: 0.6, duration: 300, maxZoom: 1.1, includeHiddenNodes: true });
      else if (rf.getNodes().length) fitAll(0, FIT.maxZoom, focus.readable ? READABLE_ZOOM : undefined);
      else void rf.setViewport({ x: 48, y: 48, zoom: 1 });
    }, 30);
    return () => clearTimeout(t);
  }, [focus, rf, fitAll]);

  /**
   * Moves dragged nodes without a new `nodes` list (no derive, no adoption of every node by React
   * Flow). Their elements are moved here and their connections follow live-drag.ts: React Flow's
   * store is not updated, so none of its selectors run (the scans of every component and
   * connection for what is in view, the positions of every mounted connection). With React Flow's
   * box around a multi-selection shown, its store is updated instead (the box follows it).
   */
  const dragEls = useRef(new Map<string, HTMLElement | null>());
  /** How many components the connections held still were counted against (still-edges.ts). */
  const stillFor = useRef(0);
  const liveMove = useCallback((moved: Record<string, { x: number; y: number }>, ids: Iterable<string>) => {
    const st = flowStore.getState();
    // The connections that this drag does not move: one picture until the drop (still-edges.ts).
    const count = Object.keys(moved).length;
    if (count !== stillFor.current) {
      stillFor.current = count;
      holdStill(wrapper.current?.querySelector('.react-flow__edges'), new Set(Object.keys(moved)), (id) => st.edgeLookup.get(id));
    }
    if (st.nodesSelectionActive) {
      let changed = false;
      for (const id of ids) {
        const n = st.nodeLookup.get(id);
        const p = moved[id];
        if (!n || !p || (n.position.x === p.x && n.position.y === p.y)) continue;
        // No parents and the default node origin: the absolute position is the position.
        st.nodeLookup.set(id, { ...n, position: { x: p.x, y: p.y }, internals: { ...n.internals, positionAbsolute: { x: p.x, y: p.y } } });
        changed = true;
      }
      if (changed) flowStore.setState({});
      return;
    }
    const list = [...ids];
    for (const id of list) {
      const p = moved[id];
      if (!p) continue;
      let el = dragEls.current.get(id);
      if (el === undefined) {
        el = wrapper.current?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`) ?? null;
        dragEls.current.set(id, el);
      }
      // As React Flow writes it, so that its next render of the node (at the drop) replaces it.
      if (el) el.style.transform = `translate(${p.x}px,${p.y}px)`;
    }
    liveDrag.set(moved, list);
  }, [flowStore]);
  // Once React Flow has the positions of a drop (its adoption of the new nodes, an effect of a
  // child of this component, has run), the connections stop following the held ones.
  useEffect(() => {
    if (!liveDragRef.current && stillFor.current) {
      stillFor.current = 0;
      releaseStill(true);
    }
    if (!liveDragRef.current && liveDrag.active) {
      dragEls.current.clear();
      liveDrag.clear();
    }
  });

  const onNodesChange = useCallback((changes: NodeChange<FlowNode>[]) => {
    const s = useEditor.getState();
    const current = liveDragRef.current ?? s.transient.drag;
    let drag: Record<string, { x: number; y: number }> | undefined;
    const touched = new Set<string>();
    let measured: Record<string, { width: number; height: number }> | undefined;
    const commit: Record<string, { x: number; y: number }> = {};
    let hasCommit = false;
    let selectionChanged = false;
    const selected = new Set(s.selection.nodes);
    const groups = new Set(s.doc.groups.map((g) => g.id));

    for (const c of changes) {
      if (c.type === 'position' && c.position) {
        if (c.dragging) {
          drag ??= { ...current };
          if (groups.has(c.id)) {
            // A zone carries its components along.
            const from = current[c.id] ?? s.doc.layout[c.id] ?? positionsOf(s.doc).get(c.id) ?? c.position;
            const dx = c.position.x - from.x;
            const dy = c.position.y - from.y;
            for (const n of s.doc.nodes) {
              if (n.group !== c.id || selected.has(n.id)) continue;
              const p = drag[n.id] ?? s.doc.layout[n.id];
              if (p) {
                drag[n.id] = { x: p.x + dx, y: p.y + dy };
                touched.add(n.id);
              }
            }
          }
          drag[c.id] = c.position;
          touched.add(c.id);
        } else {
          commit[c.id] = c.position;
          hasCommit = true;
        }
      } else if (c.type === 'dimensions' && c.dimensions) {
        const prev = (measured ?? s.transient.measured)[c.id];
        if (!prev || prev.width !== c.dimensions.width || prev.height !== c.dimensions.height) {
          measured ??= { ...s.transient.measured };
          measured[c.id] = { width: c.dimensions.width, height: c.dimensions.height };
        }
      } else if (c.type === 'select') {
        if (ignoreSelect.current) continue;
        if (c.selected) selected.add(c.id);
        else selected.delete(c.id);
        selectionChanged = true;
      }
    }
    if (hasCommit) {
      const all = { ...(drag ?? current), ...commit };
      liveDragRef.current = null;
      stillFor.current = 0;
      releaseStill(true);
      s.setDoc((d) => keepZoneSizes(moveElements(d, all), d, Object.keys(all)));
      s.setTransient({ drag: {}, ...(measured ? { measured } : {}) });
    } else if (drag && s.doc.edges.length > ROUTE_LIMIT) {
      // A move of a drag in a large design: not through the store (see liveDragRef).
      liveDragRef.current = drag;
      liveMove(drag, touched);
      if (measured) s.setTransient({ measured });
    } else if (drag || measured) {
      s.setTransient({ ...(drag ? { drag } : {}), ...(measured ? { measured } : {}) });
    }
    if (selectionChanged) s.select({ nodes: [...selected] });
  }, [liveMove]);

  // A drag starts from where the design puts the components (a drag cancelled before its drop leaves nothing behind).
  const onDragStart = useCallback(() => {
    liveDragRef.current = null;
    stillFor.current = 0;
    releaseStill();
    dragEls.current.clear();
  }, []);

  const onNodeDragStop = useCallback(() => {
    const s = useEditor.getState();
    const drag = liveDragRef.current ?? s.transient.drag;
    liveDragRef.current = null;
    stillFor.current = 0;
    releaseStill(true);
    if (Object.keys(drag).length) {
      s.setDoc((d) => keepZoneSizes(moveElements(d, drag), d, Object.keys(drag)));
      s.setTransient({ drag: {} });
    }
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange<FlowEdge>[]) => {
    const s = useEditor.getState();
    const selected = new Set(s.selection.edges);
    let changed = false;
    for (const c of changes) {
      if (c.type === 'select' && !ignoreSelect.current) {
        if (c.selected) selected.add(c.id);
        else selected.delete(c.id);
        changed = true;
      }
    }
    if (changed) s.select({ edges: [...selected] });
  }, []);

  const onDelete = useCallback(({ nodes: ns, edges: es }: { nodes: FlowNode[]; edges: Edge[] }) => {
    const s = useEditor.getState();
    const groups = new Set(s.doc.groups.map((g) => g.id));
    s.setDoc(
      (d) => removeElements(d, { nodes: ns.filter((n) => !groups.has(n.id)).map((n) => n.id), groups: ns.filter((n) => groups.has(n.id)).map((n) => n.id), edges: es.map((e) => e.id) }),
      { select: { nodes: [], edges: [] } },
    );
  }, []);

  const nodeById = useCallback((id: string | null | undefined) => (id ? useEditor.getState().doc.nodes.find((n) => n.id === id) : undefined), []);

  const isValidConnection: IsValidConnection<FlowEdge> = useCallback(
    (c) => {
      const from = nodeById(c.source);
      const to = nodeById(c.target);
      return !!from && !!to && judgeConnection(from, to).ok;
    },
    [nodeById],
  );

  const onConnectStart = useCallback((_e: unknown, params: OnConnectStartParams) => {
    const s = useEditor.getState();
    const fromId = params.nodeId;
    const from = fromId ? s.doc.nodes.find((n) => n.id === fromId) : undefined;
    if (!from || !getKind(from.kind)) return;
    // The same verdict as on drop and in Problems: components it can't connect to are dimmed.
    const targets = new Set<string>();
    const reverse = params.handleType === 'target';
    for (const n of s.doc.nodes) {
      if (n.id === from.id) continue;
      if ((reverse ? judgeConnection(n, from) : judgeConnection(from, n)).ok) targets.add(n.id);
    }
    s.setConnecting(from.id, targets);
  }, []);

  const onConnect = useCallback((c: Connection) => {
    const s = useEditor.getState();
    const from = s.doc.nodes.find((n) => n.id === c.source);
    const to = s.doc.nodes.find((n) => n.id === c.target);
    const F = from && getKind(from.kind);
    const T = to && getKind(to.kind);
    if (!from || !to || !F || !T) return;
    const verdict = judgeConnection(from, to);
    if (!verdict.ok) {
      s.toast({ tone: 'error', message: verdict.message ?? `${from.label} can't connect to ${to.label}.`, hint: verdict.hint });
      return;
    }
    // Written explicitly, so the file says what the canvas shows.
    const protocol = verdict.protocol ?? defaultProtocol(F, T);
    const r = connect(s.doc, from.id, to.id, protocol);
    if (!r.ok) {
      s.toast({ tone: 'error', message: r.message });
      return;
    }
    s.setDoc(() => r.doc, { select: { nodes: [], edges: [r.edgeId] } });
    const options = viableProtocols(from, to);
    if (options.length > 1 && protocol) {
      s.toast({ tone: 'info', message: `Connected over ${PROTOCOL_NAMES[protocol]}.`, hint: `${from.label} and ${to.label} could also use ${options.filter((p) => p !== protocol).map((p) => PROTOCOL_NAMES[p]).join(', ')}; change it in the inspector.` });
    }
  }, []);

  const onConnectEnd = useCallback((event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
    const s = useEditor.getState();
    s.setConnecting(null);
    if (state.isValid) return;
    const fromId = state.fromNode?.id;
    let toId = state.toNode?.id;
    if (!toId) {
      const pt = 'changedTouches' in event ? event.changedTouches[0] : (event as MouseEvent);
      // Under the pointer, below any connection drawn over the components.
      const under = pt ? document.elementsFromPoint(pt.clientX, pt.clientY) : [];
      toId = (under.map((el) => el.closest('.react-flow__node-topo')).find(Boolean) as HTMLElement | undefined)?.dataset.id;
    }
    if (fromId && !toId) {
      // Dropped on empty canvas: offer the kinds that can take the connection, and add one there, connected.
      const pt = 'changedTouches' in event ? event.changedTouches[0] : (event as MouseEvent);
      const origin = s.doc.nodes.find((n) => n.id === fromId);
      if (!pt || !origin || !getKind(origin.kind)) return;
      const reverse = state.fromHandle?.type === 'target';
      const at = rf.screenToFlowPosition({ x: pt.clientX, y: pt.clientY });
      const probe = (k: string) => ({ id: '\u0000new', kind: k, label: getKind(k)!.name, props: {} });
      const kinds = KINDS.filter((k) => (reverse ? judgeConnection(probe(k.id), origin) : judgeConnection(origin, probe(k.id))).ok);
      openMenu({
        kind: 'picker',
        x: pt.clientX,
        y: pt.clientY,
        title: reverse ? `Add a component that sends to ${origin.label}` : `Add a component ${origin.label} sends to`,
        kinds,
        pick: (k) => {
          const cur = useEditor.getState();
          const pos = { x: snap(reverse ? at.x - NODE_WIDTH : at.x), y: snap(at.y - NODE_HEIGHT / 2) };
          const added = addNode(cur.doc, { kind: k.id, position: pos });
          const a = reverse ? added.doc.nodes.find((n) => n.id === added.id)! : origin;
          const b = reverse ? origin : added.doc.nodes.find((n) => n.id === added.id)!;
          const verdict = judgeConnection(a, b);
          const F = getKind(a.kind);
          const T = getKind(b.kind);
          const r = connect(added.doc, a.id, b.id, verdict.protocol ?? (F && T ? defaultProtocol(F, T) : undefined));
          cur.setDoc(() => (r.ok ? r.doc : added.doc), { select: { nodes: [added.id], edges: [] } });
        },
      });
      return;
    }
    if (!fromId || !toId || fromId === toId) return;
    let from = s.doc.nodes.find((n) => n.id === fromId);
    let to = s.doc.nodes.find((n) => n.id === toId);
    if (!from || !to) return;
    if (state.fromHandle?.type === 'target') [from, to] = [to, from];
    const verdict = judgeConnection(from, to);
    if (!verdict.ok) s.toast({ tone: 'error', message: verdict.message ?? `${from.label} can't connect to ${to.label}.`, hint: verdict.hint });
    // Let go anywhere on a component that can take it (not only on its dot): connect.
    else if (!state.toHandle) onConnect({ source: from.id, target: to.id, sourceHandle: null, targetHandle: null });
  }, [onConnect, rf]);

  /** The context menus: on the canvas, a component, a connection, a zone, a selection. */
  const menuAt = useCallback((e: { clientX: number; clientY: number; preventDefault(): void }, title: string | undefined, items: MenuItem[]) => {
    e.preventDefault();
    openMenu({ kind: 'items', x: e.clientX, y: e.clientY, title, items });
  }, []);

  const selectionItems = useCallback((ids: readonly string[]): MenuItem[] => {
    const s = useEditor.getState();
    const comps = ids.filter((id) => s.doc.nodes.some((n) => n.id === id));
    return [
      { label: 'Put in a new zone', run: () => void zoneAround(comps), disabled: !comps.length },
      { label: 'Lay out these components', run: () => void runAutoLayout(comps), disabled: comps.length < 2, hint: 'Auto layout of these components only; the rest stays where it is.' },
      { label: 'Copy', run: () => void runCommand('edit.copy') },
      { label: 'Duplicate', run: () => void runCommand('edit.duplicate') },
      { label: 'Delete', run: () => void runCommand('edit.delete'), danger: true },
    ];
  }, []);

  /** "Add component here…" at a point of the screen (on the canvas or inside a zone). */
  const addHereItem = useCallback((x: number, y: number): MenuItem => {
    const at = rf.screenToFlowPosition({ x, y });
    return {
      label: 'Add component here…',
      run: () =>
        openMenu({
          kind: 'picker', x, y, title: 'Add a component here', kinds: KINDS,
          pick: (k) => {
            const cur = useEditor.getState();
            const r = addNode(cur.doc, { kind: k.id, position: { x: snap(at.x - NODE_WIDTH / 2), y: snap(at.y - NODE_HEIGHT / 2) } });
            cur.setDoc(() => r.doc, { select: { nodes: [r.id], edges: [] } });
          },
        }),
    };
  }, [rf]);

  const onPaneContextMenu = useCallback((e: MouseEvent | React.MouseEvent) => {
    const at = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY });
    const x = e.clientX;
    const y = e.clientY;
    menuAt(e, undefined, [
      addHereItem(x, y),
      { label: 'Add zone here', run: () => void createZone({ x: snap(at.x - DEFAULT_ZONE.w / 2), y: snap(at.y - DEFAULT_ZONE.h / 2), ...DEFAULT_ZONE }) },
      { label: 'Paste', run: () => void runCommand('edit.paste') },
      { label: 'Select all', run: () => void runCommand('edit.selectAll') },
      { label: 'Auto layout', run: () => void runAutoLayout(), disabled: !useEditor.getState().doc.nodes.length },
      { label: 'Fit view', run: () => canvasApi.current?.fit() },
    ]);
  }, [rf, menuAt, addHereItem]);

  const onNodeContextMenu = useCallback((e: React.MouseEvent, n: FlowNode) => {
    const s = useEditor.getState();
    if (!s.selection.nodes.includes(n.id)) s.select({ nodes: [n.id], edges: [] });
    const sel = useEditor.getState().selection.nodes;
    if (sel.length > 1) return menuAt(e, `${sel.length} selected`, selectionItems(sel));
    if (n.type === 'zone') {
      const members = s.doc.nodes.filter((m) => m.group === n.id).map((m) => m.id);
      return menuAt(e, n.data.group.label || n.id, [
        addHereItem(e.clientX, e.clientY),
        { label: 'Rename', run: () => { setUi({ inspectorOpen: true }); useEditor.getState().select({ nodes: [n.id], edges: [] }); } },
        { label: 'Select its components', run: () => useEditor.getState().select({ nodes: members, edges: [] }), disabled: !members.length },
        { label: 'Lay out its components', run: () => void runAutoLayout(members), disabled: members.length < 2 },
        { label: 'Delete zone (keeps its components)', run: () => void runCommand('edit.delete'), danger: true },
      ]);
    }
    menuAt(e, n.data.node.label || n.id, [
      { label: 'Rename', run: () => { setUi({ inspectorOpen: true }); useEditor.getState().editLabel(n.id); } },
      { label: 'Change kind…', run: () => { setUi({ inspectorOpen: true }); useEditor.getState().select({ nodes: [n.id], edges: [] }); requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-label="Inspector"] select[data-field="kind"]')?.focus()); } },
      ...selectionItems([n.id]),
    ]);
  }, [menuAt, selectionItems, addHereItem]);

  const onEdgeContextMenu = useCallback((e: React.MouseEvent, edge: FlowEdge) => {
    const s = useEditor.getState();
    if (!s.selection.edges.includes(edge.id)) s.select({ nodes: [], edges: [edge.id] });
    menuAt(e, 'Connection', [
      { label: 'Reverse direction', run: () => { const cur = useEditor.getState(); const i = edgeIds(cur.doc.edges).indexOf(edge.id); const next = reverseEdge(cur.doc, edge.id); const id = edgeIds(next.edges)[i]; cur.setDoc(() => next, { select: { nodes: [], edges: id ? [id] : [] } }); } },
      { label: 'Edit in the inspector', run: () => setUi({ inspectorOpen: true }) },
      { label: 'Delete', run: () => void runCommand('edit.delete'), danger: true },
    ]);
  }, [menuAt]);

  const onSelectionContextMenu = useCallback((e: React.MouseEvent) => {
    const sel = useEditor.getState().selection.nodes;
    menuAt(e, `${sel.length} selected`, selectionItems(sel));
  }, [menuAt, selectionItems]);

  const onDragOver = useCallback((e: ReactDragEvent) => {
    if (e.dataTransfer.types.includes(KIND_MIME) || e.dataTransfer.types.includes(ZONE_MIME)) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
      setDropping(true);
    }
  }, []);

  const onDragLeave = useCallback((e: ReactDragEvent) => {
    if (!wrapper.current?.contains(e.relatedTarget as Node | null)) setDropping(false);
  }, []);

  const onDrop = useCallback(
    (e: ReactDragEvent) => {
      setDropping(false);
      if (e.dataTransfer.getData(ZONE_MIME)) {
        e.preventDefault();
        const p = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY });
        createZone({ x: snap(p.x - DEFAULT_ZONE.w / 2), y: snap(p.y - DEFAULT_ZONE.h / 2), ...DEFAULT_ZONE });
        return;
      }
      const kind = e.dataTransfer.getData(KIND_MIME);
      if (!kind || !getKind(kind)) return;
      e.preventDefault();
      const p = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      const pos = { x: snap(p.x - NODE_WIDTH / 2), y: snap(p.y - NODE_HEIGHT / 2) };
      const s = useEditor.getState();
      const r = addNode(s.doc, { kind, position: pos });
      s.setDoc(() => r.doc, { select: { nodes: [r.id], edges: [] } });
    },
    [rf],
  );

  const onNodeDoubleClick = useCallback((_e: unknown, n: FlowNode) => {
    if (n.type !== 'topo') return;
    setUi({ inspectorOpen: true });
    useEditor.getState().editLabel(n.id);
  }, []);

  // A plain click on one component of a multi-selection selects just it (a drag still moves them all).
  const onNodeClick = useCallback((e: React.MouseEvent, n: FlowNode) => {
    if (e.shiftKey || e.metaKey || e.ctrlKey) return;
    const s = useEditor.getState();
    if (s.selection.nodes.length + s.selection.edges.length > 1) s.select({ nodes: [n.id], edges: [] });
  }, []);

  const onPaneClick = useCallback((e: React.MouseEvent) => {
    const hit = lodHit(e);
    if (hit) {
      // A click on a component (or zone) of the bitmap selects it as a click on it in the DOM does:
      // alone, or toggled in the selection with Shift, Ctrl or Cmd. React Flow resets the selection
      // right after a click on its pane: that reset is ignored.
      const s = useEditor.getState();
      const id = hit!.node.id;
      if (e.shiftKey || e.metaKey || e.ctrlKey) {
        s.select({ nodes: s.selection.nodes.includes(id) ? s.selection.nodes.filter((x) => x !== id) : [...s.selection.nodes, id] });
      } else s.select({ nodes: [id], edges: [] });
      ignoreSelect.current = true;
      queueMicrotask(() => (ignoreSelect.current = false));
      return;
    }
    useEditor.getState().select({ nodes: [], edges: [] });
  }, [lodHit]);

  // In the bitmap, a double click or the context menu on a component is the component's.
  const onDoubleClick = useCallback((e: React.MouseEvent) => {
    // On the canvas itself, not on the zoom controls or the minimap above it.
    if (!(e.target instanceof Element) || !e.target.classList.contains('react-flow__pane')) return;
    const hit = lodHit(e);
    if (hit) onNodeDoubleClick(e, hit.node);
  }, [lodHit, onNodeDoubleClick]);
  const onPaneMenu = useCallback((e: MouseEvent | React.MouseEvent) => {
    const hit = lodHit(e);
    if (hit) onNodeContextMenu(e as React.MouseEvent, hit.node);
    else onPaneContextMenu(e);
  }, [lodHit, onNodeContextMenu, onPaneContextMenu]);

  /** A drag in the bitmap, put down: one move of the document (one undo step), as at the end of a drag in the DOM. */
  const onBitmapMove = useCallback((moved: Record<string, { x: number; y: number }>) => {
    const s = useEditor.getState();
    s.setDoc((d) => keepZoneSizes(moveElements(d, moved), d, Object.keys(moved)));
  }, []);

  /**
   * A plain press on a component that is not selected selects it at once (as draw.io and Figma
   * do), as React Flow's click or drag would later: React Flow selects a dragged component at the
   * first move, and in a large design that selection (its selection changes, its adoption of the
   * node list: a pass over every component, 40-120 ms at 5,000) was the drag's first frames. Now it
   * is the press's, before anything moves. Modifier presses (adding to a selection), handles
   * (connecting) and other buttons are left to React Flow.
   */
  const onPointerDownCapture = useCallback((e: React.PointerEvent) => {
    if (e.button !== 0 || e.shiftKey || e.metaKey || e.ctrlKey || e.altKey) return;
    const t = e.target as Element;
    const el = t.closest<HTMLElement>('.react-flow__node');
    if (!el || t.closest('.react-flow__handle, .nodrag')) return;
    const id = el.dataset.id;
    const st = flowStore.getState();
    const n = id ? st.nodeLookup.get(id) : undefined;
    if (!id || !n || n.selected || n.selectable === false || !st.elementsSelectable) return;
    flowStore.setState({ nodesSelectionActive: false });
    st.addSelectedNodes([id]);
  }, [flowStore]);

  // Arrow keys move the selection one grid step along that axis only (Shift: four steps). React
  // Flow's own nudge snapped both axes to the grid, so the first nudge of a component off the grid moved it diagonally.
  const onKeyDownCapture = useCallback((e: React.KeyboardEvent) => {
    const dir = ({ ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] } as Record<string, [number, number]>)[e.key];
    if (!dir || e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target as HTMLElement;
    if (t.closest('input, textarea, select, [contenteditable="true"]')) return;
    const s = useEditor.getState();
    if (!s.selection.nodes.length) return;
    e.preventDefault();
    e.stopPropagation();
    const step = GRID * (e.shiftKey ? 4 : 1);
    const pos = positionsOf(s.doc);
    const moved: Record<string, { x: number; y: number }> = {};
    const zones = new Set(s.doc.groups.map((g) => g.id));
    const ids = new Set(s.selection.nodes);
    // A zone carries its components.
    for (const n of s.doc.nodes) if (n.group && ids.has(n.group)) ids.add(n.id);
    for (const id of ids) {
      const p = pos.get(id);
      if (p) moved[id] = { x: p.x + dir[0] * step, y: p.y + dir[1] * step };
    }
    s.setDoc((d) => keepZoneSizes(moveElements(d, moved), d, [...ids].filter((id) => zones.has(id))));
  }, []);

  const empty = doc.nodes.length === 0 && doc.groups.length === 0;

  return (
    <div onDoubleClick={lod ? onDoubleClick : undefined} className={`canvas${lod ? ' is-lod' : ''}${selectMode ? ' mode-select' : ''}${nodes.length > 200 ? ' is-large' : ''}${far ? ' is-far' : ''}${tiny ? ' is-tiny' : ''}${dropping ? ' is-drop-target' : ''}`} ref={wrapper} onKeyDownCapture={onKeyDownCapture} onPointerDownCapture={onPointerDownCapture} onDragOver={onDragOver} onDragLeave={onDragLeave} onDrop={onDrop}>
      <FarProvider value={far}><LegibleProvider value={legible}><EdgeLabelLayerProvider value={labelLayer}>
      {initialViewport ? <ReactFlow<FlowNode, FlowEdge>
        defaultViewport={initialViewport}
        nodes={flowNodes}
        edges={flowEdges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStart={onDragStart}
        onSelectionDragStart={onDragStart}
        onNodeDragStop={onNodeDragStop}
        onDelete={onDelete}
        onConnect={onConnect}
        onConnectStart={onConnectStart}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onPaneClick={onPaneClick}
        onNodeClick={onNodeClick}
        onPaneContextMenu={onPaneMenu}
        onNodeContextMenu={onNodeContextMenu}
        onEdgeContextMenu={onEdgeContextMenu}
        onSelectionContextMenu={onSelectionContextMenu}
        onNodeDoubleClick={onNodeDoubleClick}
        zoomOnDoubleClick={false}
        connectionMode={ConnectionMode.Strict}
        connectionLineType={ConnectionLineType.SmoothStep}
        connectionRadius={28}
        snapToGrid
        snapGrid={SNAP}
        multiSelectionKeyCode={MULTI_KEYS}
        selectionKeyCode="Shift"
        selectionOnDrag={selectMode}
        panOnDrag={selectMode ? [1, 2] : true}
        deleteKeyCode={DELETE_KEYS}
        minZoom={MIN_ZOOM}
        maxZoom={2.5}
        attributionPosition="top-right"
        onlyRenderVisibleElements={nodes.length > CULL_ABOVE || (nodes.length > CULL_FROM && zoomedIn)}
        aria-label="Design canvas"
      >
        <CanvasBackground />
        {lod ? <Suspense fallback={null}><CanvasBitmap nodes={nodes} edges={edges} onMove={onBitmapMove} /></Suspense> : null}
        {empty ? null : <CanvasMiniMap nodes={nodes} frozen={dragging} width={MINIMAP_SIZE.width} height={MINIMAP_SIZE.height} ariaLabel="Minimap" />}
        <Controls showInteractive={false} position="bottom-left" aria-label="Zoom controls">
          <button
            type="button"
            className={`react-flow__controls-button select-mode${selectMode ? ' is-on' : ''}`}
            aria-pressed={selectMode}
            aria-label="Box select mode"
            title="Box select mode: drag on the canvas to select (or hold Shift and drag)"
            onClick={() => setSelectMode((m) => !m)}
          >
            <svg viewBox="0 0 24 24" width="14" height="14" fill="none" stroke="currentColor" strokeWidth="2" strokeDasharray="3 2.5" aria-hidden="true">
              <rect x="4" y="4" width="16" height="16" rx="2" />
            </svg>
          </button>
        </Controls>
      </ReactFlow> : null}
      </EdgeLabelLayerProvider></LegibleProvider></FarProvider>
      <ContextMenu />
      {empty ? (
        <div className="canvas-empty" aria-hidden="true">
          <div className="canvas-empty-title">Start your design</div>
          <div className="canvas-empty-text">Drag components from the palette, or click one to add it here. Connect them by dragging from the dot on a component’s right edge.</div>
        </div>
      ) : null}
    </div>
  );
}
