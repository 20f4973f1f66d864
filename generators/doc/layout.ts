import type { Position, Topology } from '../../shared/model/types';
import type { ResolvedDesign } from '../../shared/resolve';
import { NODE_HEIGHT, NODE_WIDTH } from '../../shared/layout/constants';
import { quickLayout } from '../../shared/layout/quick';
import { perModel } from '../output-model';

const componentLayouts = new WeakMap<ResolvedDesign, Record<string, Position>>();

/**
 * `quickLayout` of the model's design with its components as the nodes (what the draw.io export
 * places), once per output model: the diagram of INTEGRATION.html shares it when the design's
 * nodes are exactly its components. Read-only.
 */
export function componentLayout(model: ResolvedDesign): Record<string, Position> {
  return perModel(componentLayouts, model, (m) => quickLayout({ ...m.doc, nodes: m.components.map((c) => c.node), layout: m.doc.layout ?? {} }));
}

/** Positions of every node and zone of `doc` (whose resolved model is `model`) for its diagram: the design's own, the quick layout's for the rest (no ELK here: it stays synchronous). */
export function diagramLayout(doc: Topology, model: ResolvedDesign): Record<string, Position> {
  const nodes = Array.isArray(doc.nodes) ? doc.nodes : [];
  const same = model.doc === doc && nodes.length === model.components.length && model.components.every((c, i) => c.node === nodes[i]);
  return same ? componentLayout(model) : quickLayout(doc);
}

export { NODE_HEIGHT, NODE_WIDTH };
