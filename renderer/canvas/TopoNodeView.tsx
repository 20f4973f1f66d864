import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { Icon } from '../icons/Icon';
import type { TopoFlowNode } from '../store/derive';
import { useFindings } from '../store/findings';
import { useEditor } from '../store/store';
import { useFar } from './zoom';

/**
 * A component on the canvas: icon tile, label, kind, and a badge with its findings. It draws from
 * its id, data and selection only, so moves, drags and measurements (React Flow's other props)
 * don't render it again: with a thousand components that is most of the work.
 */
export const TopoNodeView = memo(function TopoNodeView({ id, data, selected }: NodeProps<TopoFlowNode>) {
  const { node, kind } = data;
  const dimmed = useEditor((s) => (s.connectTargets ? s.connectingFrom !== id && !s.connectTargets.has(id) : false));
  const target = useEditor((s) => (s.connectTargets ? s.connectingFrom !== id && s.connectTargets.has(id) : false));
  const summary = useFindings((s) => s.nodeDiags.get(id));
  // Far out, where text can't be read, a component is drawn as a plain block (much cheaper to paint).
  const far = useFar();
  const cls = ['topo-node', far && 'is-far', `cat-${kind?.category ?? 'unknown'}`, selected && 'is-selected', dimmed && 'is-dimmed', target && 'is-target', kind?.external && 'is-external', !kind && 'is-unknown']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={cls} title={`${node.label || node.id}\n${kind?.name ?? node.kind}${kind?.external ? ' · external' : ''}${dimmed ? `\n${kind?.name ?? node.kind} can't take this connection` : ''}`}>
      <Handle type="target" position={Position.Left} className="topo-handle" />
      {far ? (
        <div className="topo-node-label">{node.label || node.id}</div>
      ) : (
        <>
          <div className="topo-node-tile">
            <Icon iconKey={kind?.icon} size={22} />
          </div>
          <div className="topo-node-text">
            <div className="topo-node-label">{node.label || node.id}</div>
            <div className="topo-node-kind">
              {kind?.name ?? `Unknown kind “${node.kind}”`}
              {kind?.external ? <span className="topo-node-ext"> · external</span> : null}
            </div>
          </div>
        </>
      )}
      {summary ? (
        <div
          className={`topo-badge sev-${summary.worst}`}
          title={summary.messages.join('\n')}
          aria-label={`${summary.errors} errors, ${summary.warnings} warnings, ${summary.infos} notes`}
        >
          {summary.errors || summary.warnings || summary.infos}
        </div>
      ) : null}
      <Handle type="source" position={Position.Right} className="topo-handle" />
    </div>
  );
}, sameView);

function sameView(a: NodeProps<TopoFlowNode>, b: NodeProps<TopoFlowNode>): boolean {
  return a.id === b.id && a.data === b.data && a.selected === b.selected;
}
