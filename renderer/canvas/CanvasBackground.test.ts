import { describe, expect, it } from 'vitest';
import { GRID } from '../store/derive';
import { dotStep, sheetTransform } from './CanvasBackground';

describe('canvas dot grid', () => {
  it('draws every grid point near 1:1 and fewer, never closer than 12 px, further out', () => {
    expect(dotStep(1)).toBe(1);
    expect(dotStep(2.5)).toBe(1);
    for (const zoom of [0.1, 0.12, 0.2, 0.35, 0.5, 0.7]) {
      const step = dotStep(zoom);
      expect(GRID * step * zoom).toBeGreaterThanOrEqual(12);
      // …and no sparser than needed: half the step would be too dense.
      if (step > 1) expect(GRID * (step / 2) * zoom).toBeLessThan(12);
    }
  });
});

describe('canvas dot sheet', () => {
  it('covers the view from one grid gap before it, on a grid line, whatever the pan and zoom', () => {
    const gap = GRID * 4;
    for (const [tx, ty, zoom] of [[0, 0, 0.2], [136.3, 79.8, 0.108], [-5000, 3200, 0.3], [12345.6, -987.6, 0.25]] as const) {
      const m = /^translate\((-?[\d.e-]+)px, (-?[\d.e-]+)px\) scale\(([\d.e-]+)\)$/.exec(sheetTransform([tx, ty, zoom], gap));
      expect(m).not.toBeNull();
      const [sx, sy, scale] = m!.slice(1).map(Number) as [number, number, number];
      expect(scale).toBe(zoom);
      // The sheet's top left corner in canvas coordinates: on a grid line, 1 to 2 gaps before the view's.
      const ox = (sx - tx) / zoom;
      const oy = (sy - ty) / zoom;
      expect(Math.abs(ox / gap - Math.round(ox / gap))).toBeLessThan(1e-6);
      expect(Math.abs(oy / gap - Math.round(oy / gap))).toBeLessThan(1e-6);
      expect(-tx / zoom - ox).toBeGreaterThanOrEqual(gap - 1e-6);
      expect(-tx / zoom - ox).toBeLessThan(2 * gap + 1e-6);
      expect(-ty / zoom - oy).toBeGreaterThanOrEqual(gap - 1e-6);
      expect(-ty / zoom - oy).toBeLessThan(2 * gap + 1e-6);
    }
  });
});
