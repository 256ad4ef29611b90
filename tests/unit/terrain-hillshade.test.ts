import { describe, expect, it } from 'vitest';
import { hillshade } from '../../src/core/terrain/hillshade';
import { constantDem, demWindow } from './terrain-fixtures';

const alphaAt = (h: ReturnType<typeof hillshade>, c: number, r: number) =>
  h.rgba[(r * h.width + c) * 4 + 3];
const greyAt = (h: ReturnType<typeof hillshade>, c: number, r: number) =>
  h.rgba[(r * h.width + c) * 4];

describe('hillshade', () => {
  it('flat ground is transparent; the picture covers the window', () => {
    const w = constantDem(3500, 30);
    const h = hillshade(w);
    expect(h.width).toBe(w.georef.width);
    expect(h.height).toBe(w.georef.height);
    expect(h.rgba.length).toBe(h.width * h.height * 4);
    for (let i = 3; i < h.rgba.length; i += 4) expect(h.rgba[i]).toBe(0);
    expect(h.bounds[0]).toBeCloseTo(w.georef.west, 12);
    expect(h.bounds[3]).toBeCloseTo(w.georef.north, 12);
    expect(h.bounds[2]).toBeCloseTo(w.georef.west + w.georef.width * w.georef.dx, 12);
  });

  it('a slope facing the north-west sun is lit, one facing south-east shaded, by Lambert', () => {
    // A ridge along north–south: its west flank faces the sun's west component.
    const w = demWindow((e) => 4000 - Math.abs(e) * 0.5, 30);
    const h = hillshade(w);
    const r = Math.floor(h.height / 2);
    const west = Math.floor(h.width / 4);
    const east = Math.floor((3 * h.width) / 4);
    expect(greyAt(h, west, r)).toBe(255);
    expect(greyAt(h, east, r)).toBe(0);
    // Slope 0.5 rising east on the west flank: normal (−0.5, 0, 1)/√1.25; the sun from
    // 315° at 45°: l = (sin 315° cos 45°, cos 315° cos 45°, sin 45°); shade = n·l.
    const lx = Math.sin((315 * Math.PI) / 180) * Math.cos(Math.PI / 4);
    const lz = Math.sin(Math.PI / 4);
    const lit = (-0.5 * lx * 1 + lz) / Math.sqrt(1.25);
    const shaded = (0.5 * lx + lz) / Math.sqrt(1.25);
    expect(alphaAt(h, west, r)).toBe(Math.round(Math.min(1, Math.abs(lit - lz) / lz) * 160));
    expect(alphaAt(h, east, r)).toBe(Math.round(Math.min(1, Math.abs(shaded - lz) / lz) * 160));
  });

  it('voids are transparent', () => {
    const w = demWindow((e) => e * 0.2, 30);
    w.data[10] = NaN;
    expect(hillshade(w).rgba[10 * 4 + 3]).toBe(0);
  });
});
