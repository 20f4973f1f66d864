import type { Box } from './geometry';

/**
 * The components' boxes, for routing connections around them (geometry.ts `avoidingRoute`): kept
 * by the canvas as it derives its nodes, looked up by each connection for the boxes near it.
 * A plain cache of derived data (a bucket grid), never a source of truth.
 */

/** Connections are routed around components in designs with up to this many connections (routing all of them on every drop costs more beyond). */
export const ROUTE_LIMIT = 400;
/** How far around the box of its two ends a connection looks for components to go around. */
const REACH = 160;
const CELL = 400;

interface Entry extends Box {
  id: string;
}

let boxes: Entry[] = [];
let grid = new Map<string, Entry[]>();

export function setObstacles(next: readonly Entry[]): void {
  boxes = next.slice();
  grid = new Map();
  for (const b of boxes) {
    for (let gx = Math.floor(b.x / CELL); gx <= Math.floor((b.x + b.w) / CELL); gx++) {
      for (let gy = Math.floor(b.y / CELL); gy <= Math.floor((b.y + b.h) / CELL); gy++) {
        const k = `${gx},${gy}`;
        const list = grid.get(k);
        if (list) list.push(b);
        else grid.set(k, [b]);
      }
    }
  }
}

/** The boxes (other than `from` and `to`) near the box around `a` and `b`. */
export function obstaclesNear(a: Box, b: Box, from: string, to: string): Box[] {
  const x0 = Math.min(a.x, b.x) - REACH;
  const y0 = Math.min(a.y, b.y) - REACH;
  const x1 = Math.max(a.x + a.w, b.x + b.w) + REACH;
  const y1 = Math.max(a.y + a.h, b.y + b.h) + REACH;
  const seen = new Set<Entry>();
  const out: Box[] = [];
  for (let gx = Math.floor(x0 / CELL); gx <= Math.floor(x1 / CELL); gx++) {
    for (let gy = Math.floor(y0 / CELL); gy <= Math.floor(y1 / CELL); gy++) {
      for (const e of grid.get(`${gx},${gy}`) ?? []) {
        if (seen.has(e) || e.id === from || e.id === to) continue;
        seen.add(e);
        if (e.x < x1 && x0 < e.x + e.w && e.y < y1 && y0 < e.y + e.h) out.push(e);
      }
    }
  }
  return out;
}

/** Every box, for the image export. */
export function allObstacles(): readonly Entry[] {
  return boxes;
}
