import { NodeResizer, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { ZoneFlowNode } from '../store/derive';
import { zoneResize } from '../zones/zones';

const MIN = { w: 160, h: 96 };

/** A zone (group / trust boundary): drawn behind the components, dragged by its title, resized by its handles when selected. */
export const ZoneNodeView = memo(function ZoneNodeView({ id, data, selected }: NodeProps<ZoneFlowNode>) {
  const { group } = data;
  const trust = typeof group.trust === 'string' ? group.trust : 'internal';
  return (
    <>
      <NodeResizer
        isVisible={!!selected}
        minWidth={MIN.w}
        minHeight={MIN.h}
        onResizeStart={() => zoneResize.start()}
        onResize={(_e, p) => zoneResize.resize(id, p)}
        onResizeEnd={(_e, p) => zoneResize.end(id, p)}
      />
      <div className={`zone trust-${trust}${selected ? ' is-selected' : ''}`}>
        <div className="zone-handle">
          <span className="zone-label">{group.label || group.id}</span>
          {group.kind && group.kind !== 'zone' ? <span className="zone-trust">{group.kind.replace('-', ' ')}</span> : null}
          {group.trust ? <span className="zone-trust">{group.trust}</span> : null}
        </div>
      </div>
    </>
  );
});
