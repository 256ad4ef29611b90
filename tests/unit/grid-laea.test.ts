import { readFileSync } from 'node:fs';
import { area as turfArea } from '@turf/turf';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { AUTHALIC_RADIUS, createLaea, WGS84_A, WGS84_E2 } from '../../src/core/grid/laea';
import { projectRings } from '../../src/core/grid/rasterize';
import { createRng } from '../../src/core/random';

const shoelace = (xy: Float64Array): number => {
  let a = 0;
  const n = xy.length >> 1;
  for (let i = 0, j = n - 1; i < n; j = i++)
    a += xy[2 * j] * xy[2 * i + 1] - xy[2 * i] * xy[2 * j + 1];
  return a / 2;
};

// Exact ellipsoidal area of the lat/lon quadrangle (Snyder 1987, eq. 3-12 and the authalic sphere).
function quadArea(lon0: number, lat0: number, lon1: number, lat1: number): number {
  const e = Math.sqrt(WGS84_E2);
  const q = (phi: number) => {
    const s = Math.sin((phi * Math.PI) / 180);
    return (
      (1 - WGS84_E2) *
      (s / (1 - WGS84_E2 * s * s) - (1 / (2 * e)) * Math.log((1 - e * s) / (1 + e * s)))
    );
  };
  return ((WGS84_A * WGS84_A) / 2) * (((lon1 - lon0) * Math.PI) / 180) * (q(lat1) - q(lat0));
}

describe('Lambert azimuthal equal-area (WGS-84)', () => {
  it('has the authalic radius of WGS-84', () => {
    expect(AUTHALIC_RADIUS).toBeCloseTo(6_371_007.18, 1);
  });

  it('maps the centre to the origin and round-trips to < 1 mm over ±600 km', () => {
    const p = createLaea(96.5, 33.5);
    expect(p.forward(96.5, 33.5)).toEqual([0, 0]);
    const rng = createRng(7);
    let worst = 0;
    for (let k = 0; k < 2000; k++) {
      const lon = 96.5 + rng.uniform(-6.5, 6.5);
      const lat = 33.5 + rng.uniform(-5.5, 5.5);
      const [x, y] = p.forward(lon, lat);
      const [lon2, lat2] = p.inverse(x, y);
      const [x2, y2] = p.forward(lon2, lat2);
      worst = Math.max(worst, Math.hypot(x2 - x, y2 - y));
      expect(Math.abs(lon2 - lon)).toBeLessThan(1e-8);
      expect(Math.abs(lat2 - lat)).toBeLessThan(1e-8);
    }
    expect(worst).toBeLessThan(0.001);
  });

  it('projects a row of a lon/lat raster to exactly the numbers of forward', () => {
    const rng = createRng(11);
    for (let k = 0; k < 20; k++) {
      const p = createLaea(rng.uniform(70, 135), rng.uniform(18, 53));
      const lons = Float64Array.from({ length: 64 }, () => p.lon0 + rng.uniform(-8, 8));
      const terms = p.lonTerms(lons);
      const out = new Float64Array(2 * lons.length);
      for (let r = 0; r < 8; r++) {
        const lat = p.lat0 + rng.uniform(-6, 6);
        p.forwardRow(lat, terms, out);
        for (let i = 0; i < lons.length; i++) {
          const [x, y] = p.forward(lons[i], lat);
          // Bit for bit: pixels land in the same cells as when projected one by one.
          expect([out[2 * i], out[2 * i + 1]]).toEqual([x, y]);
        }
      }
    }
  });

  it('is true to scale near the centre: 1 km east and north', () => {
    const p = createLaea(110, 30);
    // 1″ of latitude at 30° is 30.8 m; a degree of longitude is 96,486 m (WGS-84).
    const [x] = p.forward(111, 30);
    expect(x / 96_486).toBeCloseTo(1, 3);
  });

  it('preserves area: a densified 2° × 2° quadrangle to 1e-6', () => {
    for (const [lon0, lat0] of [
      [96, 32],
      [120, 20],
      [125, 48],
    ]) {
      const p = createLaea(lon0 + 1, lat0 + 1);
      const n = 400;
      const ring: number[][] = [];
      for (let i = 0; i < n; i++) ring.push([lon0 + (2 * i) / n, lat0]);
      for (let i = 0; i < n; i++) ring.push([lon0 + 2, lat0 + (2 * i) / n]);
      for (let i = 0; i < n; i++) ring.push([lon0 + 2 - (2 * i) / n, lat0 + 2]);
      for (let i = 0; i < n; i++) ring.push([lon0, lat0 + 2 - (2 * i) / n]);
      const [xy] = projectRings(p, { type: 'Polygon', coordinates: [ring] });
      const exact = quadArea(lon0, lat0, lon0 + 2, lat0 + 2);
      expect(Math.abs(shoelace(xy) / exact - 1)).toBeLessThan(1e-6);
    }
  });

  it('agrees with turf.area for the Yushu counties, allowing for turf sphere', () => {
    // turf.area works on a sphere of radius 6,371,008.8 m; the ellipsoid's area element
    // differs from it by M·N/R² (M, N: radii of curvature), −0.05…−0.07% at 32–36°N.
    const fc = JSON.parse(readFileSync('geo/yushu-counties.geojson', 'utf8')) as FeatureCollection<
      Polygon | MultiPolygon
    >;
    const p = createLaea(95.5, 33.5);
    const R = 6_371_008.8;
    for (const f of fc.features) {
      let a = 0;
      let latSum = 0;
      let latN = 0;
      const polys =
        f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      for (const poly of polys) {
        for (const pos of poly[0]) {
          latSum += pos[1];
          latN++;
        }
        const rings = projectRings(p, { type: 'Polygon', coordinates: poly });
        rings.forEach((r, i) => (a += i === 0 ? Math.abs(shoelace(r)) : -Math.abs(shoelace(r))));
      }
      const s = Math.sin(((latSum / latN) * Math.PI) / 180);
      const mn = (WGS84_A * WGS84_A * (1 - WGS84_E2)) / (1 - WGS84_E2 * s * s) ** 2;
      const t = turfArea(f);
      expect(Math.abs(a / t - 1)).toBeLessThan(0.001);
      expect(Math.abs(a / (t * (mn / (R * R))) - 1)).toBeLessThan(0.0002);
    }
  });
});
