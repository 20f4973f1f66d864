import { describe, expect, it } from 'vitest';
import { KINDS } from '../../shared/catalog';
import { ICONS, readableColor } from './index';

describe('icons', () => {
  it('every catalog kind has its own icon', () => {
    const missing = KINDS.filter((k) => !ICONS[k.icon]).map((k) => `${k.id} (${k.icon})`);
    expect(missing).toEqual([]);
  });

  it('light brand colours are darkened to read on a light tile, dark ones kept', () => {
    expect(readableColor('#336791')).toBe('#336791');
    expect(readableColor('#FFEC6E')).not.toBe('#FFEC6E');
  });
});
