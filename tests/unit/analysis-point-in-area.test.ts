// The by-county site count tests points against county polygons through an index of
// their edges by latitude band; it must answer as the full even-odd pass does.
import { readFileSync } from 'node:fs';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { pointInGeometry, pointInGeometryIndexed } from '../../src/core/analysis/by-county';
import { createRng } from '../../src/core/random';

const counties = (
  JSON.parse(
    readFileSync(new URL('../../geo/yushu-counties.geojson', import.meta.url), 'utf8'),
  ) as FeatureCollection<Polygon | MultiPolygon>
).features.map((f) => f.geometry);

describe('indexed point in polygon', () => {
  it('answers as pointInGeometry on real counties, on vertices and edges too', () => {
    const rng = createRng(5);
    let inside = 0;
    for (const g of counties) {
      const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
      let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
      for (const p of polys)
        for (const [x, y] of p[0])
          [w, s, e, n] = [Math.min(w, x), Math.min(s, y), Math.max(e, x), Math.max(n, y)];
      const vertices = polys.flat(1).flat(1);
      for (let k = 0; k < 4000; k++) {
        let x = rng.uniform(w - 0.1, e + 0.1);
        let y = rng.uniform(s - 0.1, n + 0.1);
        if (k % 4 === 1) {
          // On a vertex's latitude or exactly on a vertex (half-open edge cases).
          const v = vertices[rng.int(0, vertices.length - 1)];
          y = v[1];
          if (k % 8 === 1) x = v[0];
        }
        const want = pointInGeometry(x, y, g);
        expect(pointInGeometryIndexed(x, y, g)).toBe(want);
        if (want) inside++;
      }
      expect(pointInGeometryIndexed(NaN, s + 0.01, g)).toBe(pointInGeometry(NaN, s + 0.01, g));
    }
    expect(inside).toBeGreaterThan(500);
  });

  it('handles holes, several parts and degenerate rings', () => {
    const sq = (x0: number, y0: number, d: number) => [
      [x0, y0],
      [x0 + d, y0],
      [x0 + d, y0 + d],
      [x0, y0 + d],
      [x0, y0],
    ];
    const g: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [[sq(0, 0, 10), sq(2, 2, 3)], [sq(20, 0, 1)], [[[5, 5]]], [sq(30, 3, 0)]],
    };
    for (let x = -1; x <= 32; x += 0.5)
      for (let y = -1; y <= 11; y += 0.5)
        expect(pointInGeometryIndexed(x, y, g)).toBe(pointInGeometry(x, y, g));
  });
});
