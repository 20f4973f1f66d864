/**
 * Window size and place, remembered between launches. The saved bounds are checked against the
 * displays present now: a window saved on a monitor since unplugged comes back on a visible one.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState extends Rect {
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1280, height: 800 } as const;
export const MIN_SIZE = { width: 720, height: 480 } as const;
/** How much of the title bar must be on a display for the place to be kept. */
const MIN_VISIBLE = { width: 120, height: 40 };

/** Reads a saved state; anything malformed gives null (the defaults are used). */
export function parseWindowState(v: unknown): WindowState | null {
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  const nums = ['x', 'y', 'width', 'height'].map((k) => o[k]);
  if (!nums.every((n) => typeof n === 'number' && Number.isFinite(n) && Math.abs(n) < 1e6)) return null;
  const [x, y, width, height] = nums as number[];
  if (width! <= 0 || height! <= 0) return null;
  return { x: Math.round(x!), y: Math.round(y!), width: Math.round(width!), height: Math.round(height!), maximized: o.maximized === true };
}

function overlap(a: Rect, b: Rect): Rect {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  return { x, y, width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - x), height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - y) };
}

function centered(area: Rect, width: number, height: number): Rect {
  const w = Math.min(width, area.width);
  const h = Math.min(height, area.height);
  return { x: area.x + Math.round((area.width - w) / 2), y: area.y + Math.round((area.height - h) / 2), width: w, height: h };
}

/**
 * Where to open a window: the saved bounds if their title bar is on one of the displays' work
 * areas (shrunk and moved to fit that display), else the default size centred on the primary one.
 */
export function restoreBounds(saved: WindowState | null, workAreas: readonly Rect[], primary: Rect): WindowState {
  if (saved) {
    const titleBar: Rect = { x: saved.x, y: saved.y, width: saved.width, height: Math.min(saved.height, MIN_VISIBLE.height) };
    let best: Rect | null = null;
    let bestArea = 0;
    for (const area of workAreas) {
      const o = overlap(titleBar, area);
      if (o.width >= Math.min(MIN_VISIBLE.width, saved.width) && o.height >= Math.min(MIN_VISIBLE.height, saved.height) && o.width * o.height > bestArea) {
        best = area;
        bestArea = o.width * o.height;
      }
    }
    if (best) {
      const width = Math.min(Math.max(saved.width, MIN_SIZE.width), best.width);
      const height = Math.min(Math.max(saved.height, MIN_SIZE.height), best.height);
      const x = Math.min(Math.max(saved.x, best.x), best.x + best.width - width);
      const y = Math.min(Math.max(saved.y, best.y), best.y + best.height - height);
      return { x, y, width, height, maximized: saved.maximized };
    }
  }
  return { ...centered(primary, DEFAULT_SIZE.width, DEFAULT_SIZE.height), maximized: saved?.maximized ?? false };
}

/** A new window opened while another is open is placed a little down and right of it. */
export function cascade(from: Rect, workArea: Rect, step = 28): Rect {
  const r = { ...from, x: from.x + step, y: from.y + step };
  if (r.x + r.width > workArea.x + workArea.width || r.y + r.height > workArea.y + workArea.height) return { ...from, x: workArea.x + step, y: workArea.y + step };
  return r;
}
