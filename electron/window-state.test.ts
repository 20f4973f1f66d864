import { describe, expect, it } from 'vitest';
import { cascade, DEFAULT_SIZE, parseWindowState, restoreBounds } from './window-state';

const laptop = { x: 0, y: 0, width: 1440, height: 875 };
const external = { x: 1440, y: 0, width: 2560, height: 1400 };

describe('restoreBounds', () => {
  it('puts the window back where it was', () => {
    const saved = { x: 1600, y: 100, width: 1200, height: 900, maximized: false };
    expect(restoreBounds(saved, [laptop, external], laptop)).toEqual(saved);
  });

  it('brings a window saved on an unplugged monitor back to the primary display, default size', () => {
    const saved = { x: 1600, y: 100, width: 1200, height: 900, maximized: true };
    const r = restoreBounds(saved, [laptop], laptop);
    expect(r.x).toBeGreaterThanOrEqual(0);
    expect(r.x + r.width).toBeLessThanOrEqual(laptop.width);
    expect(r.y + r.height).toBeLessThanOrEqual(laptop.height);
    expect(r.width).toBe(DEFAULT_SIZE.width);
    expect(r.maximized).toBe(true);
  });

  it('shrinks and moves a window larger than its display so all of it is visible', () => {
    const saved = { x: -50, y: 10, width: 3000, height: 2000, maximized: false };
    const r = restoreBounds(saved, [laptop], laptop);
    expect(r).toEqual({ x: 0, y: 0, width: laptop.width, height: laptop.height, maximized: false });
  });

  it('keeps a window whose title bar is only partly off screen, moved fully on', () => {
    const r = restoreBounds({ x: 1000, y: 200, width: 800, height: 600, maximized: false }, [laptop], laptop);
    expect(r.x + r.width).toBe(laptop.width);
    expect(r.y).toBe(200);
  });

  it('uses the default size centred on the primary display when nothing was saved', () => {
    const r = restoreBounds(null, [laptop], laptop);
    expect(r.width).toBe(DEFAULT_SIZE.width);
    expect(r.x).toBe(Math.round((laptop.width - DEFAULT_SIZE.width) / 2));
  });
});

describe('parseWindowState', () => {
  it('refuses malformed saved states', () => {
    expect(parseWindowState({ x: 1, y: 2, width: 3, height: 4, maximized: true })).toEqual({ x: 1, y: 2, width: 3, height: 4, maximized: true });
    expect(parseWindowState(null)).toBeNull();
    expect(parseWindowState({ x: 'a', y: 0, width: 1, height: 1 })).toBeNull();
    expect(parseWindowState({ x: 0, y: 0, width: -1, height: 1 })).toBeNull();
    expect(parseWindowState({ x: Infinity, y: 0, width: 1, height: 1 })).toBeNull();
  });
});

describe('cascade', () => {
  it('offsets a new window, wrapping back to the top left near the edge', () => {
    expect(cascade({ x: 100, y: 100, width: 800, height: 600 }, laptop)).toEqual({ x: 128, y: 128, width: 800, height: 600 });
    expect(cascade({ x: 630, y: 270, width: 800, height: 600 }, laptop)).toEqual({ x: 28, y: 28, width: 800, height: 600 });
  });
});
