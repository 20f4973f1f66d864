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
  const gapX = b.x >= a.x + a.w + 2 * STUB ? 'right' : a.x >= b.x + b.w + 2 * STUB ? 'left' : null;
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

/** A known route (from the layout) drawn while both ends are where they were when it was made. */
export interface KnownRoute {
  points: readonly Pt[];
  from: Pt;
  to: Pt;
}

/** The points a connection between these boxes is drawn along. */
export function routeFor(known: KnownRoute | undefined, a: Box, b: Box): readonly Pt[] {
  if (known && known.from.x === a.x && known.from.y === a.y && known.to.x === b.x && known.to.y === b.y) return known.points;
  return facingRoute(a, b);
}
