import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { ZoneFlowNode } from '../store/derive';

/** A zone (group / trust boundary): drawn behind the components, dragged by its title. */
export const ZoneNodeView = memo(function ZoneNodeView({ data, selected }: NodeProps<ZoneFlowNode>) {
  const { group } = data;
  const trust = typeof group.trust === 'string' ? group.trust : 'internal';
  return (
    <div className={`zone trust-${trust}${selected ? ' is-selected' : ''}`}>
      <div className="zone-handle">
        <span className="zone-label">{group.label || group.id}</span>
        {group.trust ? <span className="zone-trust">{group.trust}</span> : null}
      </div>
    </div>
  );
});
