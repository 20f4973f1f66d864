import { describe, expect, it } from 'vitest';
import { grouped } from './fields';

describe('number fields', () => {
  it('write a range with digits grouped by threes, as the en-US number format does', () => {
    const en = new Intl.NumberFormat('en-US');
    for (const n of [0, 1, 12, 999, 1000, 65535, 1234567, 2147483647, -1, -1000, -65535, 0.5, 1.25, 1234.125, 1.2345, 1e21, -0.001]) expect(grouped(n)).toBe(en.format(n));
  });
});
