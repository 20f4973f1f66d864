/**
 * Where a connection is drawn, as plain geometry shared by the canvas and the SVG/PNG export (so
 * an export looks like the canvas): the route ELK gave it when the last Auto layout (or the layout
 * check on open) placed both its ends where they still are, else an orthogonal route between the
 * sides of its two components that face each other. Arrowhead and label position from the route.
 */

export interface Pt {
  x: number;
  y: number;
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export type Side = 'left' | 'right' | 'top' | 'bottom';

/** Gap kept between a component and the first bend of a route leaving it. */
const STUB = 20;

function centre(b: Box): Pt {
  return { x: b.x + b.w / 2, y: b.y + b.h / 2 };
}

function anchor(b: Box, side: Side): Pt {
  const c = centre(b);
  if (side === 'left') return { x: b.x, y: c.y };
  if (side === 'right') return { x: b.x + b.w, y: c.y };
  if (side === 'top') return { x: c.x, y: b.y };
  return { x: c.x, y: b.y + b.h };
}

/**
 * An orthogonal route from `a`'s border to `b`'s, leaving and entering on the sides that face each
 * other: left to right when `b` is to the right of `a` (the usual data flow), right to left when it
 * is to the left, top or bottom when they are stacked. It never runs back through either box.
 */
export function facingRoute(a: Box, b: Box): Pt[] {
  const gapX = b.x >= a.x + a.w ? 'right' : a.x >= b.x + b.w ? 'left' : null;
  if (gapX) {
    const s = anchor(a, gapX === 'right' ? 'right' : 'left');
    const t = anchor(b, gapX === 'right' ? 'left' : 'right');
    if (Math.abs(s.y - t.y) < 1) return [s, { x: t.x, y: s.y }];
    const mx = Math.round((s.x + t.x) / 2);
    return [s, { x: mx, y: s.y }, { x: mx, y: t.y }, t];
  }
  const below = b.y >= a.y + a.h;
  const above = a.y >= b.y + b.h;
  if (below || above) {
    const s = anchor(a, below ? 'bottom' : 'top');
    const t = anchor(b, below ? 'top' : 'bottom');
    if (Math.abs(s.x - t.x) < 1) return [s, { x: s.x, y: t.y }];
    const my = Math.round((s.y + t.y) / 2);
    return [s, { x: s.x, y: my }, { x: t.x, y: my }, t];
  }
  // Overlapping boxes (one dropped on the other): around the right of both.
  const s = anchor(a, 'right');
  const t = anchor(b, 'right');
  const x = Math.max(a.x + a.w, b.x + b.w) + STUB;
  return [s, { x, y: s.y }, { x, y: t.y }, t];
}

/** The route as an SVG path, its corners rounded (radius up to `r`, less where segments are short). */
export function pathOf(points: readonly Pt[], r = 8): string {
  if (points.length < 2) return '';
  const f = (v: number) => String(Math.round(v * 10) / 10);
  let d = `M${f(points[0]!.x)} ${f(points[0]!.y)}`;
  for (let i = 1; i < points.length - 1; i++) {
    const p = points[i - 1]!;
    const c = points[i]!;
    const n = points[i + 1]!;
    const l1 = Math.hypot(c.x - p.x, c.y - p.y);
    const l2 = Math.hypot(n.x - c.x, n.y - c.y);
    const k = Math.min(r, l1 / 2, l2 / 2);
    if (k < 0.5) {
      d += ` L${f(c.x)} ${f(c.y)}`;
      continue;
    }
    const a = { x: c.x - ((c.x - p.x) / l1) * k, y: c.y - ((c.y - p.y) / l1) * k };
    const b = { x: c.x + ((n.x - c.x) / l2) * k, y: c.y + ((n.y - c.y) / l2) * k };
    d += ` L${f(a.x)} ${f(a.y)} Q${f(c.x)} ${f(c.y)} ${f(b.x)} ${f(b.y)}`;
  }
  const last = points[points.length - 1]!;
  return `${d} L${f(last.x)} ${f(last.y)}`;
}

/** The closed arrowhead at the route's end, pointing along its last segment (size scales with the stroke). */
export function arrowOf(points: readonly Pt[], strokeWidth: number): string {
  const t = points[points.length - 1]!;
  let i = points.length - 2;
  while (i > 0 && points[i]!.x === t.x && points[i]!.y === t.y) i--;
  const p = points[i] ?? { x: t.x - 1, y: t.y };
  const len = Math.hypot(t.x - p.x, t.y - p.y) || 1;
  const dx = (t.x - p.x) / len;
  const dy = (t.y - p.y) / len;
  const u = 0.8 * strokeWidth;
  const back = (a: number, b: number) => `${Math.round((t.x - dx * a * u - dy * b * u) * 10) / 10},${Math.round((t.y - dy * a * u + dx * b * u) * 10) / 10}`;
  return `M${back(5, -4)}L${t.x},${t.y}L${back(5, 4)}Z`;
}

/** The route without its first and last `cut` pixels (where a connection meets its components' dots). */
export function trimmed(points: readonly Pt[], cut: number): Pt[] {
  const len = (a: Pt, b: Pt) => Math.hypot(b.x - a.x, b.y - a.y);
  let total = 0;
  for (let i = 1; i < points.length; i++) total += len(points[i - 1]!, points[i]!);
  if (total <= 2 * cut + 4) return [];
  const at = (d: number): { p: Pt; i: number } => {
    for (let i = 1; i < points.length; i++) {
      const l = len(points[i - 1]!, points[i]!);
      if (d <= l && l > 0) return { p: { x: points[i - 1]!.x + ((points[i]!.x - points[i - 1]!.x) * d) / l, y: points[i - 1]!.y + ((points[i]!.y - points[i - 1]!.y) * d) / l }, i };
      d -= l;
    }
    return { p: points[points.length - 1]!, i: points.length - 1 };
  };
  const s = at(cut);
  const e = at(total - cut);
  return [s.p, ...points.slice(s.i, e.i), e.p];
}

/** The point halfway along the route (where its label goes). */
export function midpointOf(points: readonly Pt[]): Pt {
  let total = 0;
  for (let i = 1; i < points.length; i++) total += Math.hypot(points[i]!.x - points[i - 1]!.x, points[i]!.y - points[i - 1]!.y);
  let left = total / 2;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const l = Math.hypot(b.x - a.x, b.y - a.y);
    if (l >= left && l > 0) return { x: a.x + ((b.x - a.x) * left) / l, y: a.y + ((b.y - a.y) * left) / l };
    left -= l;
  }
  return points[0] ?? { x: 0, y: 0 };
}

/**
 * Where a label of about `w` × `h` goes on the route: halfway along when it covers no component
 * there, else the first spot along the route (segment middles first, longer segments first)
 * where it covers none; where it covers least when there is no such spot.
 */
export function labelSpot(points: readonly Pt[], w: number, h: number, boxes: readonly Box[]): Pt {
  const mid = midpointOf(points);
  const covered = (p: Pt) => {
    let area = 0;
    for (const b of boxes) {
      const x = Math.min(b.x + b.w, p.x + w / 2 + 2) - Math.max(b.x, p.x - w / 2 - 2);
      const y = Math.min(b.y + b.h, p.y + h / 2 + 2) - Math.max(b.y, p.y - h / 2 - 2);
      if (x > 0 && y > 0) area += x * y;
    }
    return area;
  };
  const free = (p: Pt) => covered(p) === 0;
  if (!boxes.length || free(mid)) return mid;
  let best = mid;
  let least = covered(mid);
  const segs = [];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    segs.push({ a, b, len: Math.abs(b.x - a.x) + Math.abs(b.y - a.y) });
  }
  segs.sort((p, q) => q.len - p.len);
  for (const t of [0.5, 0.3, 0.7, 0.15, 0.85]) {
    for (const s of segs) {
      const p = { x: s.a.x + (s.b.x - s.a.x) * t, y: s.a.y + (s.b.y - s.a.y) * t };
      const c = covered(p);
      if (c === 0) return p;
      if (c < least) {
        least = c;
        best = p;
      }
    }
  }
  // Nowhere clear: where it covers least.
  return best;
}

/** A known route (from the layout) drawn while both ends are where they were when it was made. */
export interface KnownRoute {
  points: readonly Pt[];
  from: Pt;
  to: Pt;
}

/** Room kept between a route and the components it goes around. */
const CLEAR = 12;
/** What a bend costs, in pixels of length: fewer bends read better than a slightly shorter route. */
const BEND = 40;
/** Leaving or entering by a side that does not face the other end costs this much extra. */
const AWKWARD_SIDE = 60;

function overlapsBox(b: Box, x0: number, y0: number, x1: number, y1: number): boolean {
  return b.x < x1 && x0 < b.x + b.w && b.y < y1 && y0 < b.y + b.h;
}

/** Whether the axis-aligned segment p–q passes through the inside of `b`. */
function cuts(p: Pt, q: Pt, b: Box): boolean {
  const x0 = Math.min(p.x, q.x);
  const x1 = Math.max(p.x, q.x);
  const y0 = Math.min(p.y, q.y);
  const y1 = Math.max(p.y, q.y);
  if (x0 === x1) return x0 > b.x && x0 < b.x + b.w && y1 > b.y && y0 < b.y + b.h;
  return y0 > b.y && y0 < b.y + b.h && x1 > b.x && x0 < b.x + b.w;
}

function simplify(points: Pt[]): Pt[] {
  const out: Pt[] = [];
  for (const p of points) {
    const n = out.length;
    if (n && out[n - 1]!.x === p.x && out[n - 1]!.y === p.y) continue;
    if (n >= 2) {
      const a = out[n - 2]!;
      const b = out[n - 1]!;
      if ((a.x === b.x && b.x === p.x) || (a.y === b.y && b.y === p.y)) out[n - 1] = p;
      else out.push(p);
    } else out.push(p);
  }
  return out;
}

const SIDES: Side[] = ['right', 'left', 'bottom', 'top'];
const OUT: Record<Side, Pt> = { right: { x: 1, y: 0 }, left: { x: -1, y: 0 }, bottom: { x: 0, y: 1 }, top: { x: 0, y: -1 } };

/** The sides of `a` and `b` that face each other (what facingRoute uses). */
function facingSides(a: Box, b: Box): [Side, Side] {
  if (b.x >= a.x + a.w) return ['right', 'left'];
  if (a.x >= b.x + b.w) return ['left', 'right'];
  if (b.y >= a.y + a.h) return ['bottom', 'top'];
  if (a.y >= b.y + b.h) return ['top', 'bottom'];
  return ['right', 'right'];
}

/**
 * An orthogonal route from `a` to `b` that goes around `obstacles` (the other components): the
 * cheapest path, counting length and bends, over the lines that run along the obstacles' sides
 * (an orthogonal visibility graph), leaving and entering preferably by the facing sides. Falls
 * back to `facingRoute` when the ends overlap or no way around is found.
 */
export function avoidingRoute(a: Box, b: Box, obstacles: readonly Box[]): Pt[] {
  const plain = facingRoute(a, b);
  if (overlapsBox(a, b.x - STUB, b.y - STUB, b.x + b.w + STUB, b.y + b.h + STUB)) return plain;
  const grown = obstacles.map((o) => ({ x: o.x - CLEAR, y: o.y - CLEAR, w: o.w + 2 * CLEAR, h: o.h + 2 * CLEAR }));
  // The plain route is kept when it is clear.
  let clear = true;
  for (let i = 1; i < plain.length && clear; i++) for (const g of grown) if (cuts(plain[i - 1]!, plain[i]!, g)) { clear = false; break; }
  if (clear) return plain;

  const [fa, fb] = facingSides(a, b);
  const ends = [a, b].map((box) => ({ x: box.x - STUB + 1, y: box.y - STUB + 1, w: box.w + 2 * STUB - 2, h: box.h + 2 * STUB - 2 }));
  const blocks = [...grown, ...ends];
  const starts = SIDES.map((side) => ({ side, at: anchor(a, side) }));
  const goals = SIDES.map((side) => ({ side, at: anchor(b, side) }));
  const stubOf = (p: Pt, side: Side) => ({ x: p.x + OUT[side].x * STUB, y: p.y + OUT[side].y * STUB });
  const xs = new Set<number>();
  const ys = new Set<number>();
  for (const s of [...starts, ...goals]) {
    const q = stubOf(s.at, s.side);
    xs.add(q.x);
    ys.add(q.y);
  }
  for (const g of blocks) {
    xs.add(g.x - 1);
    xs.add(g.x + g.w + 1);
    ys.add(g.y - 1);
    ys.add(g.y + g.h + 1);
  }
  const X = [...xs].sort((p, q) => p - q);
  const Y = [...ys].sort((p, q) => p - q);
  const inside = (x: number, y: number) => blocks.some((g) => x > g.x && x < g.x + g.w && y > g.y && y < g.y + g.h);
  const free = (p: Pt, q: Pt) => !blocks.some((g) => cuts(p, q, g));
  const W = X.length;
  const H = Y.length;
  const key = (i: number, j: number, d: number) => (j * W + i) * 4 + d;
  // Dijkstra over (grid point, direction of travel); directions 0 right, 1 left, 2 down, 3 up.
  const dist = new Float64Array(W * H * 4).fill(Infinity);
  const prev = new Int32Array(W * H * 4).fill(-1);
  const heap: [number, number][] = [];
  const push = (k: number, c: number) => {
    heap.push([c, k]);
    let n = heap.length - 1;
    while (n > 0) {
      const p = (n - 1) >> 1;
      if (heap[p]![0] <= heap[n]![0]) break;
      [heap[p], heap[n]] = [heap[n]!, heap[p]!];
      n = p;
    }
  };
  const pop = (): [number, number] => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length) {
      heap[0] = last;
      let n = 0;
      for (;;) {
        const l = 2 * n + 1;
        const r = l + 1;
        let m = n;
        if (l < heap.length && heap[l]![0] < heap[m]![0]) m = l;
        if (r < heap.length && heap[r]![0] < heap[m]![0]) m = r;
        if (m === n) break;
        [heap[m], heap[n]] = [heap[n]!, heap[m]!];
        n = m;
      }
    }
    return top;
  };
  const dirOf: Record<Side, number> = { right: 0, left: 1, bottom: 2, top: 3 };
  const DX = [1, -1, 0, 0];
  const DY = [0, 0, 1, -1];
  for (const s of starts) {
    const q = stubOf(s.at, s.side);
    const i = X.indexOf(q.x);
    const j = Y.indexOf(q.y);
    if (inside(q.x, q.y)) continue;
    const k = key(i, j, dirOf[s.side]);
    const c = STUB + (s.side === fa ? 0 : AWKWARD_SIDE);
    if (c < dist[k]!) {
      dist[k] = c;
      push(k, c);
    }
  }
  const goalAt = new Map<number, Side>();
  for (const g of goals) {
    const q = stubOf(g.at, g.side);
    if (inside(q.x, q.y)) continue;
    goalAt.set(Y.indexOf(q.y) * W + X.indexOf(q.x), g.side);
  }
  let best = -1;
  let bestCost = Infinity;
  while (heap.length) {
    const [c, k] = pop();
    if (c > dist[k]! || c >= bestCost) continue;
    const d = k % 4;
    const cell = (k - d) / 4;
    const i = cell % W;
    const j = (cell - i) / W;
    const side = goalAt.get(cell);
    if (side !== undefined) {
      // Entering the goal side means travelling against its outward direction.
      const want = dirOf[side] ^ 1;
      const total = c + STUB + (d === want ? 0 : BEND) + (side === fb ? 0 : AWKWARD_SIDE);
      if (total < bestCost) {
        bestCost = total;
        best = k;
      }
    }
    for (let nd = 0; nd < 4; nd++) {
      if ((nd ^ 1) === d) continue; // no U-turns in place
      const ni = i + DX[nd]!;
      const nj = j + DY[nd]!;
      if (ni < 0 || nj < 0 || ni >= W || nj >= H) continue;
      const p = { x: X[i]!, y: Y[j]! };
      const q = { x: X[ni]!, y: Y[nj]! };
      if (inside(q.x, q.y) || !free(p, q)) continue;
      const nk = key(ni, nj, nd);
      const nc = c + Math.abs(q.x - p.x) + Math.abs(q.y - p.y) + (nd === d ? 0 : BEND);
      if (nc < dist[nk]!) {
        dist[nk] = nc;
        prev[nk] = k;
        push(nk, nc);
      }
    }
  }
  if (best < 0) return plain;
  const cells: Pt[] = [];
  for (let k = best; k >= 0; k = prev[k]!) {
    const cell = (k - (k % 4)) / 4;
    cells.push({ x: X[cell % W]!, y: Y[(cell - (cell % W)) / W]! });
  }
  cells.reverse();
  const first = cells[0]!;
  const last = cells[cells.length - 1]!;
  const s = starts.find((t) => { const q = stubOf(t.at, t.side); return q.x === first.x && q.y === first.y; })!;
  const g = goals.find((t) => { const q = stubOf(t.at, t.side); return q.x === last.x && q.y === last.y; })!;
  return simplify([s.at, ...cells, g.at]);
}

/** The points a connection between these boxes is drawn along; `obstacles`: the other components near it. */
export function routeFor(known: KnownRoute | undefined, a: Box, b: Box, obstacles?: readonly Box[]): readonly Pt[] {
  if (known && known.from.x === a.x && known.from.y === a.y && known.to.x === b.x && known.to.y === b.y) return known.points;
  return obstacles?.length ? avoidingRoute(a, b, obstacles) : facingRoute(a, b);
}
