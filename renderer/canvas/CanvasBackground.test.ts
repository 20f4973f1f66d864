import { describe, expect, it } from 'vitest';
import { GRID } from '../store/derive';
import { dotStep } from './CanvasBackground';

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
