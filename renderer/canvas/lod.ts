import { NODE_HEIGHT, NODE_WIDTH, type FlowNode } from '../store/derive';
import { FAR_ZOOM } from './zoom';

/**
 * The level of detail of large designs zoomed far out: from LOD_FROM components on, below
 * LOD_ZOOM, the design is drawn as one bitmap (CanvasBitmap.tsx) in place of a DOM element per
 * component and an SVG path per connection, and the pointer is hit-tested against it here. Below
 * LOD_ZOOM components are plain blocks anyway (FAR_ZOOM): the bitmap draws what the DOM drew there.
 */
export const LOD_FROM = 2000;
export const LOD_ZOOM = FAR_ZOOM;
/** The strip at the top of a zone (flow units) that grabs it, as its title chip does when it is drawn in the DOM. */
export const ZONE_TITLE = 40;

export function sizeOf(n: FlowNode): { w: number; h: number } {
  return { w: n.width ?? n.measured?.width ?? NODE_WIDTH, h: n.height ?? n.measured?.height ?? NODE_HEIGHT };
}

export interface Hit {
  node: FlowNode;
  /** A component; a zone's title strip (grabs the zone); a zone's body (selects it on a click). */
  part: 'component' | 'zone-title' | 'zone';
}

/** What is at the flow point (x, y): components above zones, later ones above earlier ones (the order they are drawn in). */
export function hitTest(nodes: readonly FlowNode[], x: number, y: number): Hit | undefined {
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i]!;
    if (n.type !== 'topo') continue;
    const { w, h } = sizeOf(n);
    if (x >= n.position.x && x <= n.position.x + w && y >= n.position.y && y <= n.position.y + h) return { node: n, part: 'component' };
  }
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i]!;
    if (n.type !== 'zone') continue;
    const { w, h } = sizeOf(n);
    if (x >= n.position.x && x <= n.position.x + w && y >= n.position.y && y <= n.position.y + h) return { node: n, part: y - n.position.y <= ZONE_TITLE ? 'zone-title' : 'zone' };
  }
  return undefined;
}

/** The components and zones wholly inside the flow rectangle (React Flow's box selection, SelectionMode.Full). */
export function nodesInside(nodes: readonly FlowNode[], r: { x: number; y: number; w: number; h: number }): string[] {
  const out: string[] = [];
  for (const n of nodes) {
    const { w, h } = sizeOf(n);
    if (n.position.x >= r.x && n.position.y >= r.y && n.position.x + w <= r.x + r.w && n.position.y + h <= r.y + r.h) out.push(n.id);
  }
  return out;
}
