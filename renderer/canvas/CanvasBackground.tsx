import { Background, BackgroundVariant, useStore } from '@xyflow/react';
import { memo } from 'react';
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
 * The canvas's dot grid. Zoomed out, it shows every 2nd, 4th, 8th… grid point instead of
 * thousands of sub-pixel dots, which had to be painted again on every frame of a pan or zoom.
 * Dots keep their size on screen. Renders again only when the step changes.
 */
export const CanvasBackground = memo(function CanvasBackground() {
  const step = useStore((s) => dotStep(s.transform[2]));
  return <Background variant={BackgroundVariant.Dots} gap={GRID * step} size={1.2 * step} color="var(--grid-dot)" />;
});
