import { BaseEdge, useInternalNode, type EdgeProps, type InternalNode } from '@xyflow/react';
import { memo, useMemo } from 'react';
import { createPortal } from 'react-dom';
import { useRoutes } from '../layout/routes';
import type { FlowEdge, FlowNode } from '../store/derive';
import { NODE_HEIGHT, NODE_WIDTH } from '../store/derive';
import { useFindings } from '../store/findings';
import { useEditor } from '../store/store';
import { arrowOf, labelSpot, pathOf, routeFor, trimmed, type Box } from './geometry';
import { useLivePosition } from './live-drag';
import { shortCaption } from './caption';
import { obstaclesNear, ROUTE_LIMIT } from './obstacles';
import { useEdgeLabelLayer, useLegible } from './zoom';

function boxOf(n: InternalNode<FlowNode> | undefined, live: { x: number; y: number } | undefined): Box | undefined {
  if (!n) return undefined;
  const p = live ?? n.internals.positionAbsolute;
  return { x: p.x, y: p.y, w: n.measured.width ?? NODE_WIDTH, h: n.measured.height ?? NODE_HEIGHT };
}

/**
 * A connection: drawn along the route the last Auto layout gave it (around the components) while
 * both ends are where that layout put them, else between the sides of its two components that
 * face each other (canvas/geometry.ts, the same geometry as the image export). Connections are
 * drawn above zones and components, with their arrowhead and a label chip (protocol and topic)
 * above everything (app.css).
 */
export const TopoEdgeView = memo(function TopoEdgeView(props: EdgeProps<FlowEdge>) {
  const { id, source, target, data, selected } = props;
  const summary = useFindings((s) => s.edgeDiags.get(id));
  // Connections of the selected component stand out, so they can be followed in a dense design.
  const related = useEditor((s) => s.selection.nodes.length > 0 && s.selection.nodes.length < 50 && (s.selection.nodes.includes(source) || s.selection.nodes.includes(target)));
  const known = useRoutes((s) => s.byEdge.get(id));
  // In designs small enough to route around components, a connection is drawn again whenever a component is put down (it may now be in the way).
  const layout = useEditor((s) => (s.doc.edges.length <= ROUTE_LIMIT ? s.doc.layout : null));
  // Where a component being dragged in a large design is, when the canvas moves it itself (live-drag.ts).
  const a = boxOf(useInternalNode<FlowNode>(source), useLivePosition(source));
  const b = boxOf(useInternalNode<FlowNode>(target), useLivePosition(target));
  // Labels are left out when zoomed far out, where they would only overlap.
  const legible = useLegible();
  const labelLayer = useEdgeLabelLayer();
  const ax = a?.x, ay = a?.y, aw = a?.w, ah = a?.h, bx = b?.x, by = b?.y, bw = b?.w, bh = b?.h;
  const caption = data?.caption ?? '';
  const { points, mid } = useMemo(() => {
    if (ax === undefined || bx === undefined) return { points: [], mid: { x: 0, y: 0 } };
    const from = { x: ax, y: ay!, w: aw!, h: ah! };
    const to = { x: bx, y: by!, w: bw!, h: bh! };
    const near = layout ? obstaclesNear(from, to, source, target) : [];
    const pts = routeFor(known, from, to, layout ? near : undefined);
    // The label (about 6.3 px a character at 11 px) where it hides no component's name.
    return { points: pts, mid: labelSpot(pts, Math.min(220, caption.length * 6.3 + 18), 18, [...near, from, to]) };
  }, [known, ax, ay, aw, ah, bx, by, bw, bh, layout, source, target, caption]);
  if (points.length < 2) return null;
  const path = pathOf(points);
  const sev = summary && summary.worst !== 'info' ? summary.worst : undefined;
  // The arrowhead scales with the stroke (app.css: 1.6, 2 when related, 2.2 when selected), as a marker would.
  const stroke = selected ? 2.2 : related ? 2 : 1.6;
  return (
    <>
      <BaseEdge id={id} path={path} className={`topo-edge${sev ? ` sev-${sev}` : ''}${selected ? ' is-selected' : ''}${related ? ' is-related' : ''}`} interactionWidth={0} />
      {/* What takes the pointer: the route less its ends, so the components' dots under them stay reachable (connections are drawn above components). */}
      <path d={pathOf(trimmed(points, 14))} className="react-flow__edge-interaction" fill="none" stroke="transparent" strokeWidth={16} />
      <path d={arrowOf(points, stroke)} className="topo-edge-arrow" strokeWidth={0.8 * stroke} />
      {caption && (legible || selected || related) && labelLayer ? createPortal(
          // Placed by its box's left and top and centred there by layout, its text cut here rather
          // than clipped (app.css): a transform and a clip per label made hundreds of paint
          // property nodes, which the browser goes through on every frame that moves something.
          <div className="topo-edge-label-at" style={{ left: mid.x, top: mid.y }}>
            <div
              data-edge-id={id}
              className={`topo-edge-label nodrag nopan${selected ? ' is-selected' : ''}${related ? ' is-related' : ''}${sev ? ` sev-${sev}` : ''}`}
              title={[caption, ...(summary?.messages ?? [])].join('\n')}
            >
              {shortCaption(caption)}
            </div>
          </div>,
          labelLayer,
      ) : null}
    </>
  );
});
