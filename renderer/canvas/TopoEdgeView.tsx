import { BaseEdge, EdgeLabelRenderer, getBezierPath, Position, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowEdge } from '../store/derive';
import { useEditor } from '../store/store';
import { useLegible } from './zoom';

/**
 * The arrowhead at `(x, y)`, pointing into a component's side at `side`: React Flow's closed arrow
 * (16 × 16 in units of the stroke width), drawn as a path of its own in canvas coordinates. An SVG
 * marker instead is painted with a transform and a clip of its own on each of 1,500 connections,
 * on every frame of a pan or zoom.
 */
export function arrowPath(x: number, y: number, side: Position, strokeWidth: number): string {
  const u = 0.8 * strokeWidth; // marker viewBox units (20 in a 16-stroke-width marker) to canvas units
  const [dx, dy] = side === Position.Left ? [1, 0] : side === Position.Right ? [-1, 0] : side === Position.Top ? [0, 1] : [0, -1];
  const back = (a: number, b: number) => `${x - dx * a * u - dy * b * u},${y - dy * a * u + dx * b * u}`;
  return `M${back(5, -4)}L${x},${y}L${back(5, 4)}Z`;
}

/** A connection: a curved path with an arrow, and a label chip with its protocol and topic. */
export const TopoEdgeView = memo(function TopoEdgeView(props: EdgeProps<FlowEdge>) {
  const { id, source, target, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected } = props;
  const summary = useEditor((s) => s.edgeDiags.get(id));
  // Connections of the selected component stand out, so they can be followed in a dense design.
  const related = useEditor((s) => s.selection.nodes.length > 0 && s.selection.nodes.length < 50 && (s.selection.nodes.includes(source) || s.selection.nodes.includes(target)));
  // Labels are left out when zoomed far out, where they would only overlap.
  const legible = useLegible();
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, curvature: 0.3 });
  const sev = summary && summary.worst !== 'info' ? summary.worst : undefined;
  const caption = data?.caption ?? '';
  // The arrowhead scales with the stroke (app.css: 1.6, 2 when related, 2.2 when selected), as a marker would.
  const stroke = selected ? 2.2 : related ? 2 : 1.6;
  const arrow = arrowPath(targetX, targetY, targetPosition, stroke);
  return (
    <>
      <BaseEdge id={id} path={path} className={`topo-edge${sev ? ` sev-${sev}` : ''}${selected ? ' is-selected' : ''}${related ? ' is-related' : ''}`} interactionWidth={16} />
      <path d={arrow} className="topo-edge-arrow" strokeWidth={0.8 * stroke} />
      {caption && (legible || selected || related) ? (
        <EdgeLabelRenderer>
          <div
            data-edge-id={id}
            className={`topo-edge-label nodrag nopan${selected ? ' is-selected' : ''}${related ? ' is-related' : ''}${sev ? ` sev-${sev}` : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            title={summary?.messages.join('\n')}
          >
            {caption}
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
});
