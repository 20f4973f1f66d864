import type { Position, Topology } from '../../shared/model/types';
import { NODE_HEIGHT, NODE_WIDTH } from '../../shared/layout/constants';
import { quickLayout } from '../../shared/layout/quick';

/** Positions of every node and zone: the design's own, the quick layout's for the rest (no ELK here: it stays synchronous). */
export function quickLayoutPositions(doc: Topology): Record<string, Position> {
  return quickLayout(doc);
}

export { NODE_HEIGHT, NODE_WIDTH };
