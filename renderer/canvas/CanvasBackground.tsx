import { useStore, useStoreApi, type Transform } from '@xyflow/react';
import { memo, useId, useLayoutEffect, useRef } from 'react';
import { GRID } from '../store/derive';

/** Dots closer than this on screen are noise (and, at a thousand components zoomed out, most of the painting). */
const MIN_GAP_PX = 12;

/** Every how many grid steps a dot is drawn at `zoom`: 1 near 1:1, then 2, 4, 8… so that dots stay MIN_GAP_PX apart. */
export function dotStep(zoom: number): number {
  let k = 1;
  while (GRID * k * zoom < MIN_GAP_PX && k < 64) k *= 2;
  return k;
}

/**
 * Where the dot sheet goes for the viewport `[tx, ty, zoom]`: it starts one `gap` before the
 * grid line left of and above the view (so it always covers the view), in canvas coordinates,
 * and is scaled with the canvas. Returns the CSS transform.
 */
export function sheetTransform([tx, ty, zoom]: Transform, gap: number): string {
  const ox = Math.floor(-tx / zoom / gap) * gap - gap;
  const oy = Math.floor(-ty / zoom / gap) * gap - gap;
  return `translate(${tx + ox * zoom}px, ${ty + oy * zoom}px) scale(${zoom})`;
}

/**
 * The canvas's dot grid, as React Flow's dots (same places and sizes). Zoomed out, it shows every
 * 2nd, 4th, 8th… grid point instead of thousands of sub-pixel dots. The dots are drawn once per
 * step on a sheet in canvas coordinates that a pan or zoom only moves and scales (a transform set
 * outside React): React Flow's Background re-renders its pattern on every frame, and repainting
 * it made every frame of a pan repaint and re-layer the whole canvas.
 */
export const CanvasBackground = memo(function CanvasBackground() {
  const store = useStoreApi();
  const step = useStore((s) => dotStep(s.transform[2]));
  const viewWidth = useStore((s) => s.width);
  const viewHeight = useStore((s) => s.height);
  const sheet = useRef<SVGSVGElement>(null);
  const id = `dots-${useId().replace(/:/g, '')}`;
  const gap = GRID * step;
  const dot = 1.2 * step;
  // The sheet covers the view down to the lowest zoom of this step (where dots are MIN_GAP_PX apart).
  const low = Math.max(MIN_GAP_PX / gap, 0.05);
  const width = viewWidth / low + 3 * gap;
  const height = viewHeight / low + 3 * gap;

  useLayoutEffect(() => {
    const el = sheet.current;
    if (!el) return;
    let last = store.getState().transform;
    el.style.transform = sheetTransform(last, gap);
    return store.subscribe((s) => {
      if (s.transform === last) return;
      last = s.transform;
      el.style.transform = sheetTransform(last, gap);
    });
  }, [store, gap]);

  return (
    <div className="react-flow__background canvas-dots" data-testid="rf__background">
      <svg ref={sheet} className="canvas-dots-sheet" width={width} height={height} aria-hidden="true">
        {/* React Flow's dots: a circle in the top left corner of each gap × gap tile, tiles shifted back by half a gap. */}
        <pattern id={id} x={-gap / 2} y={-gap / 2} width={gap} height={gap} patternUnits="userSpaceOnUse">
          <circle cx={dot / 2} cy={dot / 2} r={dot / 2} fill="var(--grid-dot)" />
        </pattern>
        <rect x="0" y="0" width="100%" height="100%" fill={`url(#${id})`} />
      </svg>
    </div>
  );
});
