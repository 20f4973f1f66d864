import { describe, expect, it } from 'vitest';
import { KINDS } from '../../shared/catalog';
import { NODE_HEIGHT, NODE_WIDTH } from '../store/derive';
import { filterKinds, freeSpot } from './Palette';

describe('palette search', () => {
  it('finds kinds by name, id and keyword, every word counting', () => {
    expect(filterKinds('').length).toBe(KINDS.length);
    expect(filterKinds('postgres').map((k) => k.id)).toEqual(['postgres']);
    expect(filterKinds('PostgreSQL').map((k) => k.id)).toContain('postgres');
    expect(filterKinds('cdc').map((k) => k.id)).toContain('debezium');
    expect(filterKinds('zzz-nothing')).toEqual([]);
  });
});

describe('click-to-add placement', () => {
  it('takes the centre when it is free, else the nearest free spot, never overlapping', () => {
    expect(freeSpot({ x: 104, y: 32 }, [])).toEqual({ x: 0, y: 0 });
    const taken = [{ x: 0, y: 0 }];
    const p = freeSpot({ x: 104, y: 32 }, taken);
    expect(Math.abs(p.x) >= NODE_WIDTH || Math.abs(p.y) >= NODE_HEIGHT).toBe(true);
  });
});
