import { BaseEdge, EdgeLabelRenderer, getBezierPath, useStore, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowEdge } from '../store/derive';
import { useEditor } from '../store/store';

/** A connection: a rounded step path with an arrow, and a label chip with its protocol and topic. */
export const TopoEdgeView = memo(function TopoEdgeView(props: EdgeProps<FlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected, markerEnd } = props;
  const summary = useEditor((s) => s.edgeDiags.get(id));
  // Labels are left out when zoomed far out, where they would only overlap.
  const legible = useStore((s) => s.transform[2] >= 0.7);
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, curvature: 0.3 });
  const sev = summary && summary.worst !== 'info' ? summary.worst : undefined;
  const caption = data?.caption ?? '';
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className={`topo-edge${sev ? ` sev-${sev}` : ''}${selected ? ' is-selected' : ''}`} interactionWidth={16} />
      {caption && (legible || selected) ? (
        <EdgeLabelRenderer>
          <div
            className={`topo-edge-label nodrag nopan${selected ? ' is-selected' : ''}${sev ? ` sev-${sev}` : ''}`}
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
