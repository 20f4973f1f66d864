import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowEdge } from '../store/derive';
import { useEditor } from '../store/store';
import { useLegible } from './zoom';

/** A connection: a rounded step path with an arrow, and a label chip with its protocol and topic. */
export const TopoEdgeView = memo(function TopoEdgeView(props: EdgeProps<FlowEdge>) {
  const { id, source, target, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected, markerEnd } = props;
  const summary = useEditor((s) => s.edgeDiags.get(id));
  // Connections of the selected component stand out, so they can be followed in a dense design.
  const related = useEditor((s) => s.selection.nodes.length > 0 && s.selection.nodes.length < 50 && (s.selection.nodes.includes(source) || s.selection.nodes.includes(target)));
  // Labels are left out when zoomed far out, where they would only overlap.
  const legible = useLegible();
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, curvature: 0.3 });
  const sev = summary && summary.worst !== 'info' ? summary.worst : undefined;
  const caption = data?.caption ?? '';
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className={`topo-edge${sev ? ` sev-${sev}` : ''}${selected ? ' is-selected' : ''}${related ? ' is-related' : ''}`} interactionWidth={16} />
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
