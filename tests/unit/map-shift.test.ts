import { describe, expect, it } from 'vitest';
import type { FeatureCollection, Point, Polygon } from 'geojson';
import { haversineMetres } from '../../src/core/sites';
import { wgs84 } from '../../src/core/crs';
import { shiftBbox, shiftGeoJson, shiftPoint } from '../../src/map/shift-geojson';

const dist = (a: readonly number[], b: readonly number[]) =>
  haversineMetres(wgs84(a[0], a[1]), wgs84(b[0], b[1]));

const yushu: FeatureCollection<Point | Polygon, { code: string }> = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { code: 'a' },
      geometry: { type: 'Point', coordinates: [97.0085, 33.0044, 3700] },
    },
    {
      type: 'Feature',
      properties: { code: 'b' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [96.9, 32.9],
            [97.1, 32.9],
            [97.1, 33.1],
            [96.9, 32.9],
          ],
        ],
      },
    },
  ],
};

describe('shiftGeoJson', () => {
  it('moves every position from WGS-84 to GCJ-02 by the 100–700 m offset, keeping the rest', () => {
    const before = JSON.stringify(yushu);
    const out = shiftGeoJson(yushu, 'WGS84', 'GCJ02');
    expect(JSON.stringify(yushu)).toBe(before); // input untouched
    const p = out.features[0].geometry as Point;
    const d = dist(p.coordinates, [97.0085, 33.0044]);
    expect(d).toBeGreaterThan(100);
    expect(d).toBeLessThan(700);
    expect(p.coordinates[2]).toBe(3700);
    expect(out.features[0].properties).toBe(yushu.features[0].properties);
    const ring = (out.features[1].geometry as Polygon).coordinates[0];
    const orig = (yushu.features[1].geometry as Polygon).coordinates[0];
    expect(ring).toHaveLength(orig.length);
    ring.forEach((q, i) => expect(dist(q, orig[i])).toBeGreaterThan(100));
  });

  it('GCJ-02 back to WGS-84 returns to within 2 m, and the same CRS is the identity', () => {
    const there = shiftGeoJson(yushu, 'WGS84', 'GCJ02');
    const back = shiftGeoJson(there, 'GCJ02', 'WGS84');
    const a = (back.features[0].geometry as Point).coordinates;
    expect(dist(a, [97.0085, 33.0044])).toBeLessThan(2);
    expect(shiftGeoJson(yushu, 'WGS84', 'WGS84')).toBe(yushu);
    expect(shiftGeoJson(yushu, 'CGCS2000', 'WGS84')).toBe(yushu);
  });

  it('points and boxes shift the same way as features', () => {
    const p = shiftPoint([97.0085, 33.0044], 'WGS84', 'GCJ02');
    const f = (shiftGeoJson(yushu, 'WGS84', 'GCJ02').features[0].geometry as Point).coordinates;
    expect(p[0]).toBeCloseTo(f[0], 9);
    expect(p[1]).toBeCloseTo(f[1], 9);
    const b = shiftBbox([96.9, 32.9, 97.1, 33.1], 'WGS84', 'GCJ02');
    expect(b[0]).toBeGreaterThan(96.9);
    expect(b[2]).toBeGreaterThan(97.1);
    expect(b[2] - b[0]).toBeCloseTo(0.2, 2);
  });
});
