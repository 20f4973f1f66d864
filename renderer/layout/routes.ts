import { create } from 'zustand';
import type { EdgeRoute } from '../../shared/layout';
import { edgeIds } from '../../shared/model/ids';
import type { Position, Topology } from '../../shared/model/types';
import type { KnownRoute } from '../canvas/geometry';
import { layoutWithRoutes } from './client';

/**
 * The routes ELK drew for connections (around the components), by connection id, each with where
 * its two ends were. Not part of the design: the canvas and the image export draw a connection
 * along its route while both ends are still there (see canvas/geometry.ts `routeFor`), and along
 * a plain route between facing sides once one has moved. Set by Auto layout, and after a design
 * is opened (a layout of the whole design, kept for the connections whose ends it places exactly
 * where they are: a design last laid out by Auto layout gets its routes back).
 */

export const useRoutes = create<{ byEdge: ReadonlyMap<string, KnownRoute> }>()(() => ({ byEdge: new Map() }));

/** Above this many components the routes of an opened design are not looked for (a layout of it takes seconds). */
const CHECK_LIMIT = 400;

/** Keeps the routes of a layout of `doc` that gave these positions; with `onlyWhereUnmoved`, only those whose ends are where `doc` has them. */
export function keepRoutes(doc: Topology, positions: Readonly<Record<string, Position>>, routes: Readonly<Record<number, EdgeRoute>>, onlyWhereUnmoved = false): void {
  const ids = edgeIds(doc.edges);
  const next = new Map(useRoutes.getState().byEdge);
  let changed = false;
  for (const [k, points] of Object.entries(routes)) {
    const i = Number(k);
    const e = doc.edges[i];
    const id = ids[i];
    const a = e && positions[e.from];
    const b = e && positions[e.to];
    if (!e || !id || !a || !b) continue;
    if (onlyWhereUnmoved) {
      const pa = doc.layout[e.from];
      const pb = doc.layout[e.to];
      if (!pa || !pb || pa.x !== a.x || pa.y !== a.y || pb.x !== b.x || pb.y !== b.y) continue;
    }
    next.set(id, { points, from: { x: a.x, y: a.y }, to: { x: b.x, y: b.y } });
    changed = true;
  }
  if (changed) useRoutes.setState({ byEdge: next });
}

/** After a design is opened: the routes of a layout of the whole design, for the connections it leaves where they are. */
export async function findRoutes(doc: Topology): Promise<void> {
  if (!doc.edges.length || doc.nodes.length > CHECK_LIMIT) return;
  try {
    const r = await layoutWithRoutes(doc);
    keepRoutes(doc, r.positions, r.routes, true);
  } catch {
    // No routes: connections are drawn between facing sides.
  }
}
